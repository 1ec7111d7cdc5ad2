"""The list of coalitions and a coalition's page."""

from django.shortcuts import get_object_or_404, render
from django.utils import timezone

from coalitions import permissions
from coalitions.models import Coalition
from coalitions.querysets import (
    CoalitionFilter,
    coalitions_for_listing,
    documents_for,
    meetings_for,
    members_by_side,
    open_tasks_for,
)
from core.pagecache import cache_public_page
from core.pagination import paginate


@cache_public_page("coalitions", "calendar", "codelists")
def coalition_list(request):
    """Coalitions of the region, filtered by kind, service type, territory and status (active by default)."""
    filterset = CoalitionFilter(request.GET, queryset=coalitions_for_listing())
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
        # The coalition's board is readable by the same people as its internal material.
        "can_discuss": can_see_internal,
        "upcoming_meetings": [meeting for meeting in meetings if meeting.ends_at >= now],
        "past_meetings": [meeting for meeting in reversed(meetings) if meeting.ends_at < now],
        "outputs": [document for document in documents if document.is_output],
        "other_documents": [document for document in documents if not document.is_output],
        # Tasks come from the minutes: they are internal material like them.
        "tasks": list(open_tasks_for(coalition)) if can_see_internal else None,
        "members": members_by_side(coalition),
    })
