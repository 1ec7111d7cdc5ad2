"""Caching of the public registry pages.

The registry is read far more often than it changes, so rendered pages for anonymous visitors are kept
in the cache (Redis in production, shared by all app nodes) under a *generation* number. Any write to a
registry record bumps the generation (signals, connected in services/apps.py; bulk loaders such as
seed_demo and the importer call `bump_generation()` themselves), so a visitor never sees a page older than
the data. The date is part of the key too, because "outdated" free-place figures depend on it.

Signed-in people always get a freshly rendered page (their header differs). A cached page carries no
per-request secrets: the CSRF token is re-inserted for each visitor, and the CSP nonce is only used by
JSON-LD data blocks, which browsers never execute.
"""

import hashlib
import re
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.utils import timezone
from django.utils.translation import get_language

GENERATION_KEY = "services:registry-generation"
CSRF_FIELD = re.compile(rb'(name="csrfmiddlewaretoken" value=")[^"]*(")')
CSRF_PLACEHOLDER = b"\x00csrf\x00"


def generation() -> int:
    value = cache.get(GENERATION_KEY)
    if value is None:
        value = int(timezone.now().timestamp() * 1000)  # never reuse numbers after a cache flush
        cache.add(GENERATION_KEY, value, timeout=None)
        value = cache.get(GENERATION_KEY, value)
    return value


def bump_generation(**kwargs) -> None:
    """Invalidate every cached registry page (a new generation makes all old keys unreachable)."""
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:  # no generation yet
        generation()


def _cacheable(request) -> bool:
    if request.method != "GET" or request.user.is_authenticated:
        return False
    messages = getattr(request, "_messages", None)
    return not (messages and len(messages))  # a pending "thank you" must reach this visitor only


def cache_public_page(view):
    """Serve anonymous GETs of a registry view from the cache; store 200 responses for later visitors."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        seconds = settings.REGISTRY_PAGE_CACHE_SECONDS
        if not seconds or not _cacheable(request):
            return view(request, *args, **kwargs)
        path = hashlib.sha256(request.get_full_path().encode()).hexdigest()
        key = f"services:page:{generation()}:{timezone.localdate().isoformat()}:{get_language()}:{path}"
        cached = cache.get(key)
        if cached is not None:
            content, content_type = cached
            if CSRF_PLACEHOLDER in content:
                content = content.replace(CSRF_PLACEHOLDER, get_token(request).encode())
            response = HttpResponse(content, content_type=content_type)
            response["X-Registry-Cache"] = "hit"
            return response
        response = view(request, *args, **kwargs)
        if response.status_code == 200 and not response.streaming and not response.cookies:
            content = CSRF_FIELD.sub(rb"\1" + CSRF_PLACEHOLDER + rb"\2", response.content)
            cache.set(key, (content, response["Content-Type"]), timeout=seconds)
            response["X-Registry-Cache"] = "miss"
        return response

    return wrapper
