"""Rendered pages for anonymous visitors, kept in the cache and invalidated by *sections* of data.

Public pages are read far more often than their data change, so for anonymous visitors the rendered page is
kept in the cache (Redis in production, shared by all app nodes). A section names a body of data with its own
*generation* number: "registry" (services and their capacities), "providers", "codelists" (service types,
target and age groups), "coalitions" (coalitions, members, meetings, minutes, documents, events),
"calendar" (when meetings and events start and end), "discussions" (the forum and its moderation), "offers"
(the board of offers and requests) and "people" (accounts, shown by their public names). Each app declares
in one place, the `page_cache` of its AppConfig (apps.py), which of its models each section follows:

    class CoalitionsConfig(AppConfig):
        page_cache = (
            pagecache.watch("coalitions", "Coalition", "Membership", "Meeting", ...),
            pagecache.clock("calendar", "Meeting", "starts_at", "ends_at"),
        )

and core connects every declaration once, when the apps are ready (`connect_declared()`, core/apps.py), so
that any write bumps the generations of the sections the model belongs to; bulk writers, which send no
signals, call `bump()` (or decorate the view with `invalidates()`). A view states which sections its page
shows:

    @cache_public_page("discussions", "coalitions", "people")
    def thread_detail(request, pk): ...

The page's key holds the generation of each of them (all read in one `get_many`), the day (free places turn
"outdated", offers expire, tasks become overdue) and the language, so a visitor never sees a page older than
its data. A section with a clock (`add_clock()`) also changes its key at the next moment one of its rows
starts or ends, so "upcoming" and "past" meetings swap when they should, not at midnight.

Signed-in people always get a freshly rendered page (their header and permissions differ), and so does a
visitor with a pending message. Only a 200 that sets no cookie and changes no session is stored. A cached
page carries no per-request secrets: the CSRF token is put back for each visitor, and the CSP nonce is only
used by JSON-LD data blocks, which browsers never execute.
"""

import hashlib
import re
from functools import wraps
from typing import NamedTuple

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models import Min, Q
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.utils import timezone
from django.utils.translation import get_language

HEADER = "X-Page-Cache"
CSRF_FIELD = re.compile(rb'(name="csrfmiddlewaretoken" value=")[^"]*(")')
CSRF_PLACEHOLDER = b"\x00csrf\x00"

_clocks: dict[str, list[tuple[type, tuple[str, ...]]]] = {}  # section → (model, moment fields)


def generation_key(section: str) -> str:
    return f"pagecache:{section}:generation"


def _clock_key(section: str) -> str:
    return f"pagecache:{section}:next-moment"


def _first_generation(key: str) -> int:
    value = int(timezone.now().timestamp() * 1000)  # never reuse numbers after a cache flush
    cache.add(key, value, timeout=None)
    return cache.get(key, value)


# --- Invalidation ---------------------------------------------------------------------------------


def _increment(sections) -> None:
    for section in sections:
        try:
            cache.incr(generation_key(section))
        except ValueError:  # no generation yet (or the cache is away): the next reader starts one
            _first_generation(generation_key(section))


def bump(*sections: str) -> None:
    """Make every cached page of these sections unreachable (a new generation changes all their keys).

    Bumped at once, so the writer's next page is fresh, and again after the commit: a visitor who read the
    new generation before the commit may have rendered the old rows under it."""
    _increment(sections)
    if transaction.get_connection().in_atomic_block:
        transaction.on_commit(lambda: _increment(sections))


def invalidates(*sections: str):
    """For a view that writes without signals (QuerySet.update(), bulk_create()): after any request that may
    write, bump `sections`."""

    def decorator(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            try:
                return view(request, *args, **kwargs)
            finally:
                if request.method not in ("GET", "HEAD", "OPTIONS"):
                    bump(*sections)

        return wrapper

    return decorator


# --- What each section follows (declared by the apps, connected once by core) -------------------------


class Watch(NamedTuple):
    sections: tuple[str, ...]
    models: tuple[str, ...]  # model names of the declaring app, or "app_label.Model"
    ignore_fields: frozenset[str]


class Clock(NamedTuple):
    section: str
    model: str
    fields: tuple[str, ...]


def watch(sections: str | tuple[str, ...], *models: str, ignore_fields=frozenset()) -> Watch:
    """Declare that pages of `sections` show rows of `models`: any write to one of them (or to their
    many-to-many links) bumps the sections. A save that touches only `ignore_fields` bumps nothing (a login
    writes `last_login`, which no page shows)."""
    sections = (sections,) if isinstance(sections, str) else tuple(sections)
    return Watch(sections, models, frozenset(ignore_fields))


def clock(section: str, model: str, *fields: str) -> Clock:
    """Declare that pages of `section` also change when the time passes a value of `fields` of any row of
    `model` (a meeting that ends moves from "upcoming" to "past"). The model's writes bump the section too."""
    return Clock(section, model, fields)


def connect_declared(app_configs) -> None:
    """Connect the `page_cache` declarations of every app (core/apps.py calls it once, all models loaded).
    Connecting the same section and model twice connects once."""
    for config in app_configs:
        for declaration in getattr(config, "page_cache", ()):
            if isinstance(declaration, Clock):
                _add_clock(declaration.section, _model(config, declaration.model), declaration.fields)
            else:
                _connect(declaration.sections, [_model(config, name) for name in declaration.models],
                         declaration.ignore_fields)


def _model(config, name: str):
    return config.apps.get_model(name) if "." in name else config.get_model(name)


def _connect(sections: tuple[str, ...], models, ignore_fields: frozenset[str] = frozenset()) -> None:
    name = "+".join(sections)

    def saved(sender, update_fields=None, **kwargs):
        if update_fields and ignore_fields.issuperset(update_fields):
            return
        bump(*sections)

    def deleted(sender, **kwargs):
        bump(*sections)

    def linked(sender, action, **kwargs):
        if action.startswith("post_"):
            bump(*sections)

    for model in models:
        label = model._meta.label_lower
        post_save.connect(saved, sender=model, weak=False, dispatch_uid=f"pagecache.{name}.save.{label}")
        post_delete.connect(deleted, sender=model, weak=False,
                            dispatch_uid=f"pagecache.{name}.delete.{label}")
        for field in model._meta.local_many_to_many:
            m2m_changed.connect(linked, sender=field.remote_field.through, weak=False,
                                dispatch_uid=f"pagecache.{name}.m2m.{label}.{field.name}")


def _add_clock(section: str, model, fields: tuple[str, ...]) -> None:
    sources = _clocks.setdefault(section, [])
    if (model, fields) not in sources:
        sources.append((model, fields))
    _connect((section,), [model])


def _next_moment(section: str, now) -> float | None:
    """The first moment after `now` at which a page of the section changes by itself (one query a model)."""
    moments = []
    for model, fields in _clocks[section]:
        row = model._default_manager.aggregate(**{field: Min(field, filter=Q(**{f"{field}__gt": now}))
                                                  for field in fields})
        moments += [value for value in row.values() if value is not None]
    return min(moments).timestamp() if moments else None


# --- Reading --------------------------------------------------------------------------------------


def version(*sections: str) -> str:
    """The part of a key that changes whenever the data (or the clock) of one of `sections` does: one cache
    call, plus one query a clock model after a section with a clock changed or its next moment passed."""
    keys = [generation_key(section) for section in sections]
    clocks = [_clock_key(section) for section in sections if section in _clocks]
    found = cache.get_many(keys + clocks)
    parts = []
    for section, key in zip(sections, keys, strict=True):
        generation = found.get(key)
        if generation is None:
            generation = _first_generation(key)
        part = f"{section}.{generation}"
        if section in _clocks:
            now = timezone.now().timestamp()
            # The moment is remembered with the generation it was computed under: a newer generation
            # (a meeting added or moved) computes it again.
            marker = found.get(_clock_key(section))
            if marker is None or marker[0] != generation or (marker[1] is not None and marker[1] <= now):
                marker = (generation, _next_moment(section, timezone.now()))
                cache.set(_clock_key(section), marker, timeout=None)
            part += f"@{marker[1]}"
        parts.append(part)
    return ":".join(parts)


def _cacheable(request) -> bool:
    if request.method != "GET" or request.user.is_authenticated:
        return False
    messages = getattr(request, "_messages", None)
    return not (messages and len(messages))  # a pending "thank you" must reach this visitor only


def _storable(request, response) -> bool:
    """Only a complete 200 for nobody in particular: no cookie, no session change, no message added."""
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    session = getattr(request, "session", None)
    if session is not None and session.modified:
        return False
    return not getattr(getattr(request, "_messages", None), "added_new", False)


def page_key(request, sections) -> str:
    address = f"{request.scheme}://{request.get_host()}{request.get_full_path()}"  # feeds hold full URLs
    digest = hashlib.sha256(address.encode()).hexdigest()
    return f"pagecache:page:{version(*sections)}:{timezone.localdate().isoformat()}:{get_language()}:{digest}"


def cache_public_page(*sections: str):
    """Serve anonymous GETs of the view from the cache while none of `sections` changed; store 200s."""
    if not sections or not all(isinstance(section, str) for section in sections):
        raise TypeError("cache_public_page() takes the names of the sections the page shows")

    def decorator(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            seconds = settings.REGISTRY_PAGE_CACHE_SECONDS
            if not seconds or not _cacheable(request):
                return view(request, *args, **kwargs)
            key = page_key(request, sections)
            cached = cache.get(key)
            if cached is not None:
                content, headers = cached
                if CSRF_PLACEHOLDER in content:
                    content = content.replace(CSRF_PLACEHOLDER, get_token(request).encode())
                response = HttpResponse(content)
                for name, value in headers:
                    response[name] = value
                response[HEADER] = "hit"
                return response
            response = view(request, *args, **kwargs)
            if _storable(request, response):
                content = CSRF_FIELD.sub(rb"\1" + CSRF_PLACEHOLDER + rb"\2", response.content)
                cache.set(key, (content, list(response.items())), timeout=seconds)
                response[HEADER] = "miss"
            return response

        return wrapper

    return decorator
