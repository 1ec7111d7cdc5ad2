"""Who may do what with people's accounts. Views and templates ask these functions, never groups."""

from accounts import roles


def is_regional_coordinator(user) -> bool:
    return user.is_authenticated and (user.is_superuser or user.has_role(roles.REGIONAL_COORDINATOR))


def can_verify_people(user) -> bool:
    return user.is_authenticated and (user.is_superuser or user.has_perm("accounts.verify_user"))
