from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _

from core import pagecache


def _ensure_codelists(sender, **kwargs):
    """Reload the roles and topics when a flush emptied the tables (transactional tests)."""
    from education.codelists import ensure_codelists

    ensure_codelists()


class EducationConfig(AppConfig):
    name = "education"
    verbose_name = _("Education, supervision and quality")
    # The public catalogue (programmes, terms with their free seats, the weakest standards of the kraj) and the
    # register of supervisors follow these models; self-assessments feed the catalogue's "weakest standards" box.
    page_cache = (
        pagecache.watch("education", "Programme", "Term", "TermRegistration", "Topic", "Role", "Supervisor",
                        "SelfAssessmentRound", "CriterionRating"),
        pagecache.clock("education", "Term", "starts_at", "ends_at"),
    )

    def ready(self):
        post_migrate.connect(_ensure_codelists, sender=self, dispatch_uid="education.ensure_codelists")
