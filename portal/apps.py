from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    """The project shell: settings, URL map, site pages and the coordinators' dashboard."""

    name = "portal"
    verbose_name = _("Portal")

    def ready(self):
        from django.contrib.auth.signals import user_logged_in

        from portal.dashboard import remember_dashboard

        user_logged_in.connect(remember_dashboard, dispatch_uid="portal.dashboard_flag")
