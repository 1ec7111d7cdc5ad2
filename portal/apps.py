from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    name = "portal"
    verbose_name = _("Portal")

    def ready(self):
        from portal import collation  # noqa: F401  (registers the Czech collation on SQLite)
        from django.contrib.auth.signals import user_logged_in

        from portal.dashboard import remember_dashboard

        user_logged_in.connect(remember_dashboard, dispatch_uid="portal.dashboard_flag")
