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

def _model_perms(app_label: str, model_name: str, *actions: str) -> list[str]:
    return [f"{app_label}.{action}_{model_name}" for action in actions]


# Model permissions each group holds, as "app_label.codename". Apps extend this as their models land.
ROLE_PERMISSIONS = {
    REGIONAL_COORDINATOR: [
        "accounts.view_user", "accounts.change_user", "accounts.verify_user",
        # Region-scoped in discussions/offers/admin.py.
        "offers.view_offer", "offers.change_offer", "offers.view_offermessage",
        # The registry of their kraj, region-scoped in services/admin.py (core.admin.RegionScopedAdmin):
        # providers and services with their facilities, forms and registered capacities (services end, they
        # are not deleted: deleting is the registry import's job), free-place reports (verified, corrected,
        # imported from a file), minimal-network targets, error reports from the public form.
        *_model_perms("services", "provider", "view", "add", "change"),
        *_model_perms("services", "service", "view", "add", "change"),
        *_model_perms("services", "facility", "view", "add", "change", "delete"),
        *_model_perms("services", "serviceform", "view", "add", "change", "delete"),
        *_model_perms("services", "registeredcapacity", "view", "add", "change", "delete"),
        *_model_perms("services", "capacityreport", "view", "add", "change"),
        *_model_perms("services", "networktarget", "view", "add", "change", "delete"),
        *_model_perms("services", "recordcorrection", "view", "change"),
        # Linking provider staff to providers of their kraj.
        *_model_perms("services", "providerstaff", "view", "add", "change", "delete"),
        # Registry imports: runs of their kraje (ImportRunAdmin), uploads of a file.
        "services.view_importrun", "services.add_importrun",
        # Territorial codelists, so forms can look up an obec or ORP (autocomplete answers with their kraje).
        "territory.view_kraj", "territory.view_okres", "territory.view_orp", "territory.view_obec",
        # Coalitions, their members, meetings (with agenda, registrations, minutes), tasks, documents, photos
        # and the events of their kraj: region-scoped in coalitions/admin.py.
        *_model_perms("coalitions", "coalition", "view", "add", "change"),
        *_model_perms("coalitions", "membership", "view", "add", "change", "delete"),
        *_model_perms("coalitions", "meeting", "view", "add", "change"),
        *_model_perms("coalitions", "agendaitem", "view", "add", "change", "delete"),
        *_model_perms("coalitions", "registration", "view", "change"),
        *_model_perms("coalitions", "minutes", "view", "add", "change"),
        *_model_perms("coalitions", "task", "view", "add", "change"),
        *_model_perms("coalitions", "document", "view", "add", "change"),
        *_model_perms("coalitions", "photo", "view", "change", "delete"),
        *_model_perms("coalitions", "event", "view", "add", "change", "delete"),
        "coalitions.view_eventregistration",
        # The forum (discussions/admin.py): categories and their moderators, threads, posts, flags, the log.
        "discussions.view_category", "discussions.change_category", "discussions.view_thread",
        "discussions.change_thread", "discussions.view_post", "discussions.change_post", "discussions.view_flag",
        "discussions.change_flag", "discussions.view_moderationaction", "discussions.view_suspension",
        "discussions.add_suspension", "discussions.change_suspension",
    ],
    # Their coalitions' meetings (with agenda), minutes, members and documents; the scoping to the coalitions
    # they coordinate is in coalitions/admin.py.
    COALITION_COORDINATOR: [
        *_model_perms("coalitions", "meeting", "view", "add", "change"),
        *_model_perms("coalitions", "agendaitem", "view", "add", "change"),
        *_model_perms("coalitions", "minutes", "view", "add", "change"),
        *_model_perms("coalitions", "membership", "view", "add", "change"),
        *_model_perms("coalitions", "document", "view", "add", "change"),
        "coalitions.view_registration",  # who registered for their meetings (attendance export)
    ],
    # Moderators work in the forum's queue on the site, provider staff on their provider's pages: no admin.
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
