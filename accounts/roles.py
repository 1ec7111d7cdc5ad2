"""The portal's roles. Groups are created by migration 0002 and looked up by these names only."""

from django.utils.translation import gettext_lazy as _

REGIONAL_COORDINATOR = "regional-coordinator"
COALITION_COORDINATOR = "coalition-coordinator"
MODERATOR = "moderator"
PROVIDER_STAFF = "provider-staff"

# name → human label (the group's name stays a stable machine name; the label is translated)
ROLE_LABELS = {
    REGIONAL_COORDINATOR: _("Regional coordinator"),
    COALITION_COORDINATOR: _("Coalition coordinator"),
    MODERATOR: _("Moderator"),
    PROVIDER_STAFF: _("Provider staff"),
}

# Model permissions each group holds, as "app_label.codename". Apps extend this as their models land.
ROLE_PERMISSIONS = {
    REGIONAL_COORDINATOR: [
        "accounts.view_user", "accounts.change_user", "accounts.verify_user",
        # Region-scoped in services/admin.py (RegionScopedAdmin).
        "services.view_networktarget", "services.add_networktarget", "services.change_networktarget",
        "services.delete_networktarget", "services.view_recordcorrection", "services.change_recordcorrection",
        # Region-scoped in coalitions/admin.py.
        "coalitions.view_coalition", "coalitions.add_coalition", "coalitions.change_coalition",
        "coalitions.view_membership", "coalitions.add_membership", "coalitions.change_membership",
        "coalitions.delete_membership", "coalitions.view_meeting", "coalitions.add_meeting",
        "coalitions.change_meeting", "coalitions.view_agendaitem", "coalitions.add_agendaitem",
        "coalitions.change_agendaitem", "coalitions.delete_agendaitem", "coalitions.view_event",
        "coalitions.add_event", "coalitions.change_event", "coalitions.delete_event",
    ],
    COALITION_COORDINATOR: [],
    MODERATOR: [],
    PROVIDER_STAFF: [],
}


def ensure_groups(apps=None) -> None:
    """Create the role groups and give them exactly their permissions (idempotent)."""
    if apps is None:
        from django.contrib.auth.models import Group, Permission
    else:
        Group = apps.get_model("auth", "Group")
        Permission = apps.get_model("auth", "Permission")
    for name, perms in ROLE_PERMISSIONS.items():
        group, _created = Group.objects.get_or_create(name=name)
        wanted = []
        for perm in perms:
            app_label, codename = perm.split(".")
            wanted.extend(Permission.objects.filter(content_type__app_label=app_label, codename=codename))
        group.permissions.set(wanted)
