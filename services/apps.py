from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _

from core import pagecache


def _ensure_codelists(sender, **kwargs):
    """Reload the codelists when a flush emptied the tables (transactional tests, `manage.py flush`)."""
    from services.codelists import ensure_codelists

    ensure_codelists()


class ServicesConfig(AppConfig):
    name = "services"
    verbose_name = _("Registry of social services")
    # Any change to registry data (the service's many-to-many links included) invalidates the cached public
    # pages and facet counts (core/pagecache.py, services/cache.py).
    page_cache = (
        pagecache.watch("registry", "Service", "ServiceForm", "Facility", "RegisteredCapacity", "CapacityReport",
                        "NetworkTarget"),
        pagecache.watch(("registry", "providers"), "Provider"),
        pagecache.watch(("registry", "codelists"), "ServiceType", "TargetGroup", "AgeGroup"),
    )

    def ready(self):
        post_migrate.connect(_ensure_codelists, sender=self, dispatch_uid="services.ensure_codelists")
        # The "My services" menu link reads a flag kept in the session from the login (no query per page).
        from django.contrib.auth.signals import user_logged_in

        from services.permissions import remember_provider_staff

        user_logged_in.connect(remember_provider_staff, dispatch_uid="services.provider_staff_flag")
