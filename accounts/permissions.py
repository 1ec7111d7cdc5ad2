"""Who may do what with people's accounts. Views and templates ask these functions, never groups."""

from accounts import roles


def is_regional_coordinator(user) -> bool:
    return user.is_authenticated and (user.is_superuser or user.has_role(roles.REGIONAL_COORDINATOR))


def can_verify_people(user) -> bool:
    return user.is_authenticated and (user.is_superuser or user.has_perm("accounts.verify_user"))


def coordinated_kraje(user):
    """The kraje whose records the person coordinates (all of them for a superuser)."""
    from territory.models import Kraj

    if not user.is_authenticated:
        return Kraj.objects.none()
    if user.is_superuser:
        return Kraj.objects.all()
    if not is_regional_coordinator(user):
        return Kraj.objects.none()
    return user.coordinated_kraje.all()


def can_manage_account(user, person) -> bool:
    """May `user` verify or suspend `person` (see User.objects.manageable_by: ordinary accounts, never one's own)?"""
    from accounts.models import User

    return person is not None and User.objects.manageable_by(user).filter(pk=person.pk).exists()


# What a regional coordinator may change on an ordinary account; everything else (e-mail, name, password, roles,
# staff status) only a superuser changes, so nobody can take over an account or raise anyone's rights.
COORDINATOR_EDITABLE_ACCOUNT_FIELDS = ("is_verified", "is_active")


# The admin permissions the roles need for people's accounts (gathered by accounts.roles.role_permissions()).
ROLE_PERMISSIONS = {
    roles.REGIONAL_COORDINATOR: ["accounts.view_user", "accounts.change_user", "accounts.verify_user"],
}
