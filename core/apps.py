from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    """The shared machinery every app builds on. It imports no app of the portal (tests/core/test_layers.py)."""

    name = "core"
    verbose_name = _("Shared machinery")

    def ready(self):
        from core import (
            collation,  # noqa: F401  (registers the Czech collation on SQLite)
            pagecache,
        )

        # Every app's `page_cache` declaration (what its sections follow), connected once; all models are
        # loaded before any app is ready.
        pagecache.connect_declared(self.apps.get_app_configs())


class PortalAdminConfig(admin_apps.AdminConfig):
    """django.contrib.admin with the portal's site (core.admin.PortalAdminSite) as `admin.site`."""

    default = False  # core.apps' default config stays CoreConfig
    default_site = "core.admin.PortalAdminSite"
