from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def _ensure_codelists(sender, using="default", **kwargs):
    """Reload the codelists when a flush emptied the tables (transactional tests, `manage.py flush`)."""
    if sender.name == "territory":
        from territory.loader import ensure_territory

        ensure_territory()


class TerritoryConfig(AppConfig):
    name = "territory"
    verbose_name = _("Territory")

    def ready(self):
        post_migrate.connect(_ensure_codelists, sender=self, dispatch_uid="territory.ensure_codelists")
