"""Who may do what in coalitions. Views and templates ask these functions, never groups or memberships.

- The public sees coalition pages, published meetings, approved minutes of coalitions whose material is
  public, public documents and events.
- Members also see members-only material, register for meetings and read minutes sent for comments.
- A coalition's coordinators (membership role coordinator or chair) manage its meetings, agenda,
  attendance, minutes, tasks, documents and photos on the site.
- Regional coordinators manage every coalition of their kraje; superusers everything.
"""

from django.db.models import Q

from accounts import roles
from accounts.permissions import coordinated_kraje


def _current_membership(user, coalition):
    if not user.is_authenticated:
        return None
    cache = getattr(user, "_coalition_memberships", None)
    if cache is None:
        from coalitions.models import Membership

        cache = {m.coalition_id: m for m in Membership.objects.current().filter(person=user)}
        user._coalition_memberships = cache
    return cache.get(coalition.pk)


def is_member(user, coalition) -> bool:
    return _current_membership(user, coalition) is not None


def is_regional_coordinator_of(user, coalition) -> bool:
    if not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    return coordinated_kraje(user).filter(pk=coalition.kraj_id).exists()


def can_manage(user, coalition) -> bool:
    """Coalition coordinators, regional coordinators of its kraj, superusers."""
    membership = _current_membership(user, coalition)
    if membership is not None and membership.is_managing:
        return True
    return is_regional_coordinator_of(user, coalition)


def can_see_internal(user, coalition) -> bool:
    """Members-only material: minutes in progress, members-only documents and photos."""
    return coalition.material_is_public or is_member(user, coalition) or can_manage(user, coalition)


def can_discuss(user, coalition) -> bool:
    """Whether the "Discuss this …" links lead somewhere for the person: the coalition's board is written by its
    members and managers (the board then asks for what else posting needs: a verified e-mail, the rules).
    Others who may read the board are told who discusses there instead of being sent to a dead end."""
    return is_member(user, coalition) or can_manage(user, coalition)


def can_see_meeting(user, meeting) -> bool:
    return meeting.published or can_manage(user, meeting.coalition)


def can_register(user, meeting) -> bool:
    return (user.is_authenticated and meeting.published and meeting.registration_open
            and meeting.is_planned
            and (is_member(user, meeting.coalition) or can_manage(user, meeting.coalition)))


def can_see_minutes(user, minutes) -> bool:
    coalition = minutes.meeting.coalition
    if can_manage(user, coalition):
        return True
    if minutes.is_approved:
        return can_see_internal(user, coalition)
    return minutes.is_for_comments and is_member(user, coalition)


def can_see_document(user, document) -> bool:
    return document.public or is_member(user, document.coalition) or can_manage(user, document.coalition)


def visible_documents_q(user) -> Q:
    """The documents a person may see, as a filter for lists (never filter in Python)."""
    from coalitions.models import MembershipQuerySet

    condition = Q(public=True)
    if user.is_authenticated:
        condition |= (Q(coalition__memberships__person=user)
                      & MembershipQuerySet.current_q("coalition__memberships__"))
        condition |= Q(coalition__kraj__in=coordinated_kraje(user))
    return condition


def visible_meetings_q(user) -> Q:
    from coalitions.models import MembershipQuerySet

    condition = Q(published=True)
    if user.is_authenticated:
        condition |= (Q(coalition__memberships__person=user)
                      & MembershipQuerySet.managing_q("coalition__memberships__"))
        condition |= Q(coalition__kraj__in=coordinated_kraje(user))
    return condition


def can_manage_event(user, event) -> bool:
    """Regional coordinators of the event's kraj (and superusers) manage an event, e.g. add its photos."""
    if not user.is_authenticated:
        return False
    return user.is_superuser or coordinated_kraje(user).filter(pk=event.kraj_id).exists()


def can_see_photo(user, photo) -> bool:
    """A meeting's photos go with its internal material (members-only coalitions: members only); an
    event's photos with the published event."""
    if photo.meeting_id is not None:
        meeting = photo.meeting
        return can_see_meeting(user, meeting) and can_see_internal(user, meeting.coalition)
    return photo.event.published or can_manage_event(user, photo.event)


def managed_coalitions(user):
    """Coalitions the person coordinates or chairs (current membership), as a queryset for filters: what a
    coalition coordinator manages in the admin, next to the regional coordinators' kraje."""
    from coalitions.models import Coalition, MembershipQuerySet

    if not user.is_authenticated:
        return Coalition.objects.none()
    return Coalition.objects.filter(Q(memberships__person=user) & MembershipQuerySet.managing_q("memberships__"))


# The admin permissions the roles need for coalitions (gathered by accounts.roles.role_permissions()).
ROLE_PERMISSIONS = {
    # Coalitions, their members, meetings (with agenda, registrations, minutes), tasks, documents, photos and the
    # events of their kraj: region-scoped in coalitions/admin.py.
    roles.REGIONAL_COORDINATOR: [
        *roles.model_perms("coalitions", "coalition", "view", "add", "change"),
        *roles.model_perms("coalitions", "membership", "view", "add", "change", "delete"),
        *roles.model_perms("coalitions", "meeting", "view", "add", "change"),
        *roles.model_perms("coalitions", "agendaitem", "view", "add", "change", "delete"),
        *roles.model_perms("coalitions", "registration", "view", "change"),
        *roles.model_perms("coalitions", "minutes", "view", "add", "change"),
        *roles.model_perms("coalitions", "task", "view", "add", "change"),
        *roles.model_perms("coalitions", "document", "view", "add", "change"),
        *roles.model_perms("coalitions", "photo", "view", "change", "delete"),
        *roles.model_perms("coalitions", "event", "view", "add", "change", "delete"),
        "coalitions.view_eventregistration",
    ],
    # Their coalitions' meetings (with agenda), minutes, members and documents; the scoping to the coalitions
    # they coordinate is in coalitions/admin.py.
    roles.COALITION_COORDINATOR: [
        *roles.model_perms("coalitions", "meeting", "view", "add", "change"),
        *roles.model_perms("coalitions", "agendaitem", "view", "add", "change"),
        *roles.model_perms("coalitions", "minutes", "view", "add", "change"),
        *roles.model_perms("coalitions", "membership", "view", "add", "change"),
        *roles.model_perms("coalitions", "document", "view", "add", "change"),
        "coalitions.view_registration",  # who registered for their meetings (attendance export)
    ],
}
