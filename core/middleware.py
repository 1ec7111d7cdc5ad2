"""Response headers Django's SecurityMiddleware does not send itself, a gate for unreadable addresses, the
status of invalid forms, and the page cache's early answers."""

from django.conf import settings
from django.core.exceptions import BadRequest
from django.middleware.csrf import CsrfViewMiddleware
from django.middleware.locale import LocaleMiddleware

from core import pagecache


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


class InvalidFormStatusMiddleware:
    """One status for invalid forms everywhere: a POST answered with a page that shows form errors is a 400,
    whichever view rendered it (the portal's, allauth's or the admin's). The page is the same; the status tells
    browsers' history, monitoring, scripts and tests that nothing was saved.

    Every form error of the portal is rendered as Django renders it, a list with the class `errorlist`
    (templates/portal/forms/field.html, the allauth elements, the admin), under a summary (the portal's
    `error-summary`, the admin's `errornote`, which is there also when the error is on a hidden field of an
    inline), and that is what is looked for."""

    MARKERS = (b'class="errorlist', b'class="errornote"', b'class="error-summary"')

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if (request.method == "POST" and response.status_code == 200 and not response.streaming
                and response.get("Content-Type", "").startswith("text/html") and any(marker in response.content for marker in self.MARKERS)):
            response.status_code = 400
        return response


class PageCacheMiddleware:
    """Answers page-cache hits for anonymous visitors before the middleware a stored page does not need
    (sessions, authentication, CSRF checks, messages, the portal's own, allauth's, history's), and stores
    the misses as those middleware finished them (core.pagecache.EarlyHit). Placed right after WhiteNoise, so
    the security headers and the CSP still apply to every answer. Without it, cache_public_page answers the
    hits itself, after the whole stack."""

    def __init__(self, get_response):
        self.get_response = get_response
        # Django's own language and CSRF handling, used as they are for the hits.
        self.locale = LocaleMiddleware(get_response)
        self.csrf = CsrfViewMiddleware(get_response)

    def __call__(self, request):
        response = pagecache.EarlyHit.lookup(request, self.locale, self.csrf)
        if response is not None:
            return response
        response = self.get_response(request)
        pagecache.EarlyHit.store(request, response)
        return response
