"""What every casework view shares: fetching a request the person may see (404 otherwise, never telling that it
exists) and logging the access."""

from django.http import Http404
from django.shortcuts import get_object_or_404

from families import permissions
from families.access import log_access
from families.models import RequestAccess, ServiceRequest


def get_request_for_user(request, pk, *, action=RequestAccess.Action.VIEW):
    """(the request, why the person sees it), the access logged; 404 for anyone who may not see it."""
    found = get_object_or_404(ServiceRequest.objects.select_related("orp", "orp__kraj", "obec"), pk=pk)
    role = permissions.role_for(request.user, found)
    if role is None:
        raise Http404  # Pretend there is nothing there.
    log_access(found, request.user, role=role, action=action)
    return found, role
