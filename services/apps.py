from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def _ensure_codelists(sender, **kwargs):
    """Reload the codelists when a flush emptied the tables (transactional tests, `manage.py flush`)."""
    from services.codelists import ensure_codelists

    ensure_codelists()


class ServicesConfig(AppConfig):
    name = "services"
    verbose_name = _("Registry of social services")

    def ready(self):
        post_migrate.connect(_ensure_codelists, sender=self, dispatch_uid="services.ensure_codelists")
