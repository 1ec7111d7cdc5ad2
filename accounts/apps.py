from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _

from core import pagecache


def _sync_groups(sender, **kwargs):
    """Keep the role groups and their permissions in step with accounts.roles after every migrate/flush."""
    from django.apps import apps

    if sender is list(apps.get_app_configs())[-1]:
        from accounts.roles import ensure_groups

        ensure_groups()


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = _("Accounts")
    # Cached public pages (core/pagecache.py) show people by their public names: coalition members,
    # attendees, task owners, forum authors. A login writes only last_login, which no page shows.
    page_cache = (pagecache.watch("people", "User", ignore_fields={"last_login"}),)

    def ready(self):
        # Runs once, after the last app's post_migrate (permissions exist by then).
        post_migrate.connect(_sync_groups, dispatch_uid="accounts.sync_groups")
