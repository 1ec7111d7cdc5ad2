"""Response headers Django's SecurityMiddleware does not send itself."""

from django.conf import settings


class SecurityHeadersMiddleware:
    """Adds `Permissions-Policy` (the portal never needs camera, microphone or geolocation)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if settings.PERMISSIONS_POLICY:
            response.headers.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        return response
