from django.apps import AppConfig
from django.db.models.signals import m2m_changed, post_delete, post_migrate, post_save
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
        # The "My services" menu link reads a flag kept in the session from the login (no query per page).
        from django.contrib.auth.signals import user_logged_in

        from services.permissions import remember_provider_staff

        user_logged_in.connect(remember_provider_staff, dispatch_uid="services.provider_staff_flag")
        # Any change to registry data invalidates the cached public pages (services/cache.py).
        from services import cache, models

        for model in (models.Provider, models.Service, models.ServiceForm, models.Facility,
                      models.RegisteredCapacity, models.CapacityReport, models.NetworkTarget,
                      models.ServiceType, models.TargetGroup, models.AgeGroup):
            post_save.connect(cache.bump_generation, sender=model, dispatch_uid=f"services.cache.save.{model.__name__}")
            post_delete.connect(cache.bump_generation, sender=model,
                                dispatch_uid=f"services.cache.delete.{model.__name__}")
        for field in ("target_groups", "age_groups", "served_kraje", "served_orps", "served_obce"):
            m2m_changed.connect(cache.bump_generation, sender=getattr(models.Service, field).through,
                                dispatch_uid=f"services.cache.m2m.{field}")
