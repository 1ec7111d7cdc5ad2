from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _

from core import pagecache


def _ensure_content(sender, **kwargs):
    """Load the guide's texts again when a flush emptied the tables (transactional tests, `manage.py flush`)."""
    from guide.loader import ensure_content

    ensure_content()


class GuideConfig(AppConfig):
    name = "guide"
    verbose_name = _("Life-situation guide")
    # Cached public pages (core/pagecache.py): the guide's pages, and the registry search, which shows the
    # situations a query matches. The daily counts of opened situations (SituationOpened) show on no page.
    page_cache = (
        pagecache.watch("guide", "SituationGroup", "Situation", "SituationServiceType", "CrisisContact"),
    )

    def ready(self):
        post_migrate.connect(_ensure_content, sender=self, dispatch_uid="guide.ensure_content")
