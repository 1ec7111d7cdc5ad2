"""The list of coalitions and a coalition's page."""

from django.db.models import Q
from django.shortcuts import get_object_or_404, render
from django.utils import timezone

from coalitions import permissions
from coalitions.filters import CoalitionFilter
from coalitions.models import Coalition, Document, Membership
from core.collation import czech_sort_key
from core.pagecache import cache_public_page
from core.pagination import paginate


@cache_public_page("coalitions", "calendar", "codelists")
def coalition_list(request):
    """Coalitions of the region, filtered by kind, service type, territory and status (active by default)."""
    filterset = CoalitionFilter(request.GET, queryset=Coalition.objects.for_listing())
    page, pagination = paginate(request, filterset.qs)
    return render(request, "coalitions/coalition_list.html", {
        **pagination, "form": filterset.form, "coalitions": list(page),
    })


@cache_public_page("coalitions", "calendar", "people", "providers", "codelists")
def coalition_detail(request, slug):
    """A coalition: purpose, meetings, outputs, open tasks and members; managers get the links to add more."""
    coalition = get_object_or_404(
        Coalition.objects.select_related("kraj").prefetch_related("orps", "service_types"), slug=slug)
    can_manage = permissions.can_manage(request.user, coalition)
    can_see_internal = permissions.can_see_internal(request.user, coalition)

    # One query for the meetings, split here: the same list gives both the upcoming and the past ones.
    now = timezone.now()
    meetings = list(meetings_for(coalition, manager=can_manage))
    documents = list(documents_for(request.user, coalition))
    return render(request, "coalitions/coalition_detail.html", {
        "coalition": coalition,
        "can_manage": can_manage,
        # The coalition's board is readable by the same people as its internal material; its members write.
        "can_read_board": can_see_internal,
        "can_discuss": can_manage or permissions.can_discuss(request.user, coalition),
        "upcoming_meetings": [meeting for meeting in meetings if meeting.ends_at >= now],
        "past_meetings": [meeting for meeting in reversed(meetings) if meeting.ends_at < now],
        "outputs": [document for document in documents if document.is_output],
        "other_documents": [document for document in documents if not document.is_output],
        # Tasks come from the minutes: they are internal material like them.
        "tasks": (list(coalition.tasks.open().select_related("owner").order_by("deadline", "pk"))
                  if can_see_internal else None),
        "members": members_by_side(coalition),
    })


# --- What the coalition page reads ------------------------------------------------------------------------


def members_by_side(coalition) -> list[tuple[str, list[tuple[str, list[Membership]]]]]:
    """Current members grouped by side of the triad (in the order of TriadSide), then by organisation."""
    memberships = (coalition.memberships.current()
                   .select_related("person", "provider", "obec").order_by("organisation_name", "pk"))
    sides = {value: {} for value in Membership.TriadSide.values}
    for membership in memberships:
        sides.setdefault(membership.triad_side, {}).setdefault(membership.organisation, []).append(membership)
    labels = dict(Membership.TriadSide.choices)
    return [(labels.get(side, side), sorted(organisations.items(), key=lambda item: czech_sort_key(item[0])))
            for side, organisations in sides.items() if organisations]


def meetings_for(coalition, *, manager: bool):
    """The coalition's meetings the person may see: published ones, all of them for its managers."""
    meetings = coalition.meetings.all() if manager else coalition.meetings.published()
    return meetings.order_by("starts_at", "pk")


def documents_for(user, coalition):
    """The coalition's documents the person may see: all its outputs, and other documents not attached to a
    meeting (the meeting's page lists those)."""
    return (coalition.documents.filter(permissions.visible_documents_q(user))
            .filter(Q(kind__in=Document.OUTPUT_KINDS) | Q(meeting__isnull=True))
            .distinct().order_by("-published_on", "title", "pk"))
