"""Who may do what on the board of offers and requests. Views and templates ask only these functions."""

from accounts import permissions as account_permissions
from accounts import roles
from discussions import permissions as forum_permissions


def posting_blocker(user) -> str | None:
    """The forum's bar for posting (discussions.permissions): why the person may not post an item now
    ("login", "email", "suspended", "rules"), or None when they may."""
    if not user.is_authenticated:
        return "login"
    if not forum_permissions.has_verified_email(user):
        return "email"
    if forum_permissions.is_suspended(user):
        return "suspended"
    if not forum_permissions.has_accepted_rules(user):
        return "rules"
    return None


def may_post(user) -> bool:
    return posting_blocker(user) is None


def can_create_offer(user) -> bool:
    return may_post(user)


def can_moderate_offer(user, offer) -> bool:
    """Forum moderators, the coordinators of the item's kraj, and superusers."""
    if not user.is_authenticated:
        return False
    if user.is_superuser or user.has_role(roles.MODERATOR):
        return True
    return account_permissions.coordinated_kraje(user).filter(pk=offer.kraj_id).exists()


def can_edit_offer(user, offer) -> bool:
    return user.is_authenticated and (offer.author_id == user.pk and may_post(user) or can_moderate_offer(user, offer))


def can_see_offer(user, offer) -> bool:
    """Current items are public; expired, resolved and hidden ones only for the author and moderators."""
    if offer.is_current():
        return True
    return user.is_authenticated and (offer.author_id == user.pk or can_moderate_offer(user, offer))


def can_contact_author(user, offer) -> bool:
    """Anyone may write about a current item (families answer offers too); not to oneself."""
    return offer.is_current() and not (user.is_authenticated and offer.author_id == user.pk)


# The admin permissions the roles need for the board (gathered by accounts.roles.role_permissions()):
# region-scoped in discussions/offers/admin.py.
ROLE_PERMISSIONS = {
    roles.REGIONAL_COORDINATOR: ["offers.view_offer", "offers.change_offer", "offers.view_offermessage"],
}
