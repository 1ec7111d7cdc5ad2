from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    name = "portal"
    verbose_name = _("Portal")

    def ready(self):
        from portal import collation  # noqa: F401  (registers the Czech collation on SQLite)
        from django.contrib.auth.signals import user_logged_in

        from portal.dashboard import remember_dashboard

        user_logged_in.connect(remember_dashboard, dispatch_uid="portal.dashboard_flag")


class PortalAdminConfig(admin_apps.AdminConfig):
    """django.contrib.admin with the portal's site (portal.admin.PortalAdminSite) as `admin.site`."""

    default = False  # portal.apps' default config stays PortalConfig
    default_site = "portal.admin.PortalAdminSite"
