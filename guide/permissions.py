"""Who may do what in the guide. The situations are the installation's texts, not a kraj's records: the portal's
editors, its regional coordinators, write and check them in the admin (guide/admin.py); visitors only read,
without signing in."""

from accounts import roles

ROLE_PERMISSIONS = {
    roles.REGIONAL_COORDINATOR: [
        # Texts: written and reviewed, unpublished rather than deleted (their history stays).
        *roles.model_perms("guide", "situationgroup", "view", "add", "change"),
        *roles.model_perms("guide", "situation", "view", "add", "change"),
        # The fitting service types are edited inline on a situation (a removed row is deleted).
        *roles.model_perms("guide", "situationservicetype", "view", "add", "change", "delete"),
        *roles.model_perms("guide", "crisiscontact", "view", "add", "change"),
        # The daily counts of opened situations, read-only.
        "guide.view_situationopened",
    ],
}


def can_edit_situations(user) -> bool:
    return user.is_authenticated and user.has_perm("guide.change_situation")
