"""The portal's roles. Groups are created by migration 0002 and looked up by these names only."""

from django.utils.translation import gettext_lazy as _

REGIONAL_COORDINATOR = "regional-coordinator"
COALITION_COORDINATOR = "coalition-coordinator"
MODERATOR = "moderator"
PROVIDER_STAFF = "provider-staff"
PLANNING_COORDINATOR = "planning-coordinator"  # an ORP's coordinator of community planning (planning app)
OSPOD_WORKER = "ospod-worker"  # a child-protection worker of an ORP office (families app)
QUALITY_METHODOLOGIST = "quality-methodologist"  # the kraj's methodologist of quality (education app)

# name → human label (the group's name stays a stable machine name; the label is translated)
ROLE_LABELS = {
    REGIONAL_COORDINATOR: _("Regional coordinator"),
    COALITION_COORDINATOR: _("Coalition coordinator"),
    MODERATOR: _("Moderator"),
    PROVIDER_STAFF: _("Provider staff"),
    PLANNING_COORDINATOR: _("Planning coordinator"),
    OSPOD_WORKER: _("Child-protection (OSPOD) worker"),
    QUALITY_METHODOLOGIST: _("Quality methodologist"),
}

def model_perms(app_label: str, model_name: str, *actions: str) -> list[str]:
    """["services.view_service", "services.change_service", …] for the apps' ROLE_PERMISSIONS declarations."""
    return [f"{app_label}.{action}_{model_name}" for action in actions]


def role_permissions() -> dict[str, list[str]]:
    """The model permissions each role holds, as "app_label.codename". Each app declares what its roles need in
    its own permissions.py (`ROLE_PERMISSIONS`, next to the admin that needs them); they are gathered here
    without accounts importing the apps above it. Moderators work in the forum's queue on the site and provider
    staff on their provider's pages: neither has an admin permission."""
    from core import contributions

    merged = {name: [] for name in ROLE_LABELS}
    for declared in contributions.declarations("permissions", "ROLE_PERMISSIONS"):
        for role, perms in declared.items():
            merged[role].extend(perms)
    return merged


def ensure_groups(apps=None) -> None:
    """Create the role groups and give them exactly their permissions (idempotent)."""
    if apps is None:
        from django.contrib.auth.models import Group, Permission
    else:
        Group = apps.get_model("auth", "Group")
        Permission = apps.get_model("auth", "Permission")
    for name, perms in role_permissions().items():
        group, _created = Group.objects.get_or_create(name=name)
        wanted = []
        for perm in perms:
            app_label, codename = perm.split(".")
            wanted.extend(Permission.objects.filter(content_type__app_label=app_label, codename=codename))
        group.permissions.set(wanted)
