"""Response headers Django's SecurityMiddleware does not send itself, and a gate for unreadable addresses."""

from django.conf import settings
from django.core.exceptions import BadRequest


class SecurityHeadersMiddleware:
    """Adds `Permissions-Policy` (the portal never needs camera, microphone or geolocation)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if settings.PERMISSIONS_POLICY:
            response.headers.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        return response


class RejectNulBytesMiddleware:
    """A NUL byte in the path or the query string is never meaningful (PostgreSQL text cannot even store
    one): answer 400 before any view or admin filter passes it on to the database. Form fields are
    checked by the forms themselves (Django's CharField refuses NUL with a message next to the field)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if "\x00" in request.path or any("\x00" in name or any("\x00" in value for value in values)
                                          for name, values in request.GET.lists()):
            raise BadRequest("NUL byte in the address")
        return self.get_response(request)
