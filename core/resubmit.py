"""One record per form, however often it is sent: a double click, a reload after a slow answer, the back
button and "Submit" again.

Every form the portal renders carries a CSRF token that Django masks afresh for each rendering, so the
token identifies *this copy of this form*. The middleware remembers, in the shared cache (Redis in
production, so every app node sees it), the redirect that followed a successful POST of a given copy with
given data; the same copy sent again with the same data gets that redirect and a notice instead of being
processed again. A copy that is still being processed (two requests of one double click arriving at two
nodes) makes the second request wait briefly for the first one's answer.

Nothing is remembered for a POST that did not end in a redirect (a form with errors, a failed save, an
outage), so sending the form again after a failure works as the person expects. Without a cache (Redis
away) the guard steps aside; the views' own safeguards (unique constraints, locked rows) still hold.
"""

import hashlib
import time

from django.conf import settings
from django.contrib import messages
from django.core.cache import cache
from django.http import HttpResponse, HttpResponseRedirect
from django.template.loader import render_to_string
from django.utils.translation import gettext as _

# Uploads (multipart) are not read by the middleware: that would fix the upload handlers before the upload
# views set their size limit. coalitions.uploads.size_limited_upload calls `once()` itself after parsing.
FORM_CONTENT_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")
PENDING = "pending"
WAIT_SECONDS = 5.0
POLL_SECONDS = 0.1


def submission_key(request) -> str | None:
    """A fingerprint of this copy of the form with this data, or None when the POST carries no form token."""
    if request.content_type not in FORM_CONTENT_TYPES:
        return None
    if not request.POST.get("csrfmiddlewaretoken"):
        return None
    digest = hashlib.sha256()
    who = request.user.pk if request.user.is_authenticated else request.COOKIES.get(settings.CSRF_COOKIE_NAME, "")
    for part in (str(who), request.path):  # the token, which names this copy of the form, is in the POST data
        digest.update(part.encode() + b"\x00")
    for name, values in sorted(request.POST.lists()):
        for value in values:
            digest.update(f"{name}={value}".encode() + b"\x00")
    for name, files in sorted(request.FILES.lists()):
        for upload in files:
            digest.update(f"{name}:{upload.name}:{upload.size}".encode() + b"\x00")
    return f"resubmit:{digest.hexdigest()}"


def _answer_to_repeat(request, location: str):
    messages.info(request, _("This form had already been sent. It was saved once; nothing was saved twice."))
    return HttpResponseRedirect(location, status=303)


def _still_processing(request):
    response = HttpResponse(render_to_string("resubmit_pending.html", request=request), status=409)
    response["Retry-After"] = "5"
    return response


def once(request, handle):
    """Run `handle()` for this POST unless the same form copy with the same data was already handled;
    then answer with that first answer's redirect (see the module text)."""
    if request.method != "POST" or not settings.RESUBMIT_WINDOW_SECONDS:
        return handle()
    key = submission_key(request)
    if key is None:
        return handle()
    if not cache.add(key, PENDING, timeout=settings.RESUBMIT_WINDOW_SECONDS):
        earlier = _wait_for_earlier(key)
        if earlier == PENDING:
            return _still_processing(request)
        if earlier is not None:
            return _answer_to_repeat(request, earlier)
        # no cache (Redis away) or the first attempt failed meanwhile: process this one normally
    try:
        response = handle()
    except BaseException:
        cache.delete(key)
        raise
    location = response.get("Location") if 300 <= response.status_code < 400 else None
    if location:
        cache.set(key, location, timeout=settings.RESUBMIT_WINDOW_SECONDS)
    else:
        cache.delete(key)
    return response


def _wait_for_earlier(key):
    deadline = time.monotonic() + WAIT_SECONDS
    value = cache.get(key)
    while value == PENDING and time.monotonic() < deadline:
        time.sleep(POLL_SECONDS)
        value = cache.get(key)
    return value


class OneSubmitMiddleware:
    """`once()` for every POSTed form without files (uploads: coalitions.uploads.size_limited_upload)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method == "POST" and request.content_type == "application/x-www-form-urlencoded":
            return once(request, lambda: self.get_response(request))
        return self.get_response(request)
