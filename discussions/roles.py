"""Who moderates the whole forum, by role. Below both discussions.models (whose querysets show hidden threads to
moderators) and discussions.permissions, so neither has to import the other lazily."""

from accounts import roles


def is_global_moderator(user) -> bool:
    """Superusers, the moderator role and regional coordinators: every topic category."""
    if not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    names = getattr(user, "_forum_role_names", None)
    if names is None:
        names = set(user.groups.values_list("name", flat=True))
        user._forum_role_names = names
    return roles.MODERATOR in names or roles.REGIONAL_COORDINATOR in names
