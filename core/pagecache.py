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

Speed (bench/everyone.py): each process keeps copies of the pages it served lately (`LocalPages`), so a hit
costs one cache call, for the generations; with core.middleware.PageCacheMiddleware installed, hits are
answered before the session, authentication, CSRF, messages and locale middleware (`EarlyHit`). What a page
shows that depends only on some sections' data (a service's record, the capacity tables) can be kept in the
process's memory under their generations with `remember()`, for signed-in people too.
"""

import hashlib
import re
import secrets
import threading
import time
from collections import OrderedDict
from functools import lru_cache, wraps
from typing import NamedTuple

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import DisallowedHost
from django.core.signals import request_finished, request_started, setting_changed
from django.db import transaction
from django.db.models import Min, Q
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.urls import Resolver404, resolve
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

HEADER = "X-Page-Cache"
CSRF_FIELD = re.compile(rb'(name="csrfmiddlewaretoken" value=")[^"]*(")')
CSRF_PLACEHOLDER = b"\x00csrf\x00"

_clocks: dict[str, list[tuple[type, tuple[str, ...]]]] = {}  # section → (model, moment fields)
# The sections without a clock the apps declared: a request reads them all at its second ask (version_kept()).
_declared: set[str] = set()


def generation_key(section: str) -> str:
    return f"pagecache:{section}:generation"


def _clock_key(section: str) -> str:
    return f"pagecache:{section}:next-moment"


def _first_generation(key: str) -> tuple[int, bool]:
    """Start a section's generation; returns it and whether the cache keeps it (False while it is away).

    Never reuse numbers after a cache flush: the clock in milliseconds, times a thousand, plus a random part,
    so that two flushes within one millisecond (tests, a frozen clock) still start different generations."""
    value = int(timezone.now().timestamp() * 1000) * 1000 + secrets.randbelow(1000)
    if cache.add(key, value, timeout=None):
        return value, True
    stored = cache.get(key)
    return (value, False) if stored is None else (stored, True)


# --- Invalidation ---------------------------------------------------------------------------------


def _increment(sections) -> None:
    _forget_versions()
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
    _declared.update(section for section in sections if section not in _clocks)

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
    _declared.discard(section)
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
    return version_kept(*sections)[0]


# The versions read during the current request (a page asks for the same sections several times: the page key,
# each remembered fragment, the facet index); None outside a request, so a task or a command always asks the
# cache. Forgotten when the request ends and whenever this process bumps a generation.
_request_versions = threading.local()


def _start_request(**kwargs) -> None:
    _request_versions.found = {}


def _end_request(**kwargs) -> None:
    _request_versions.found = None


def _forget_versions() -> None:
    if getattr(_request_versions, "found", None):
        _request_versions.found = {}


request_started.connect(_start_request, dispatch_uid="pagecache-versions-start")
request_finished.connect(_end_request, dispatch_uid="pagecache-versions-end")


def version_kept(*sections: str) -> tuple[str, bool]:
    """version(), and whether the cache keeps the generations it is made of. When the cache is away each call
    invents new ones, so a reader that keeps something in memory under a version (services/facet_index.py)
    learns that the version says nothing about changes for now. Within one request each section is read once,
    whatever combinations the page asks for: the first ask reads its sections, the second every declared one
    not read yet, so that a request makes at most two cache calls for generations."""
    found = getattr(_request_versions, "found", None)
    if found is None:
        parts = _read_versions(sections)
    else:
        missing = tuple(section for section in sections if section not in found)
        if missing and found:  # a second ask: with every declared section, the next asks cost no call (a cached
            # page's one ask reads only its own sections)
            missing += tuple(section for section in _declared if section not in {*found, *missing})
        fresh = dict(zip(missing, _read_versions(missing), strict=True)) if missing else {}
        for section, part in fresh.items():
            if part[1]:  # only what the cache keeps: while it is away, ask again
                found[section] = part
        parts = [fresh[section] if section in fresh else found[section] for section in sections]
    return ":".join(part for part, _kept in parts), all(kept for _part, kept in parts)


def _read_versions(sections: tuple[str, ...]) -> list[tuple[str, bool]]:
    """Each section's part of the version, and whether the cache keeps its generation."""
    keys = [generation_key(section) for section in sections]
    clocks = [_clock_key(section) for section in sections if section in _clocks]
    found = cache.get_many(keys + clocks)
    parts = []
    for section, key in zip(sections, keys, strict=True):
        generation, kept = found.get(key), True
        if generation is None:
            generation, kept = _first_generation(key)
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
        parts.append((part, kept))
    return parts


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
    """The page's address (feeds hold full URLs), the generations of its sections, the day and the language,
    hashed: a page of five sections would pass the 250 characters memcached allows (and Django warns of)."""
    address = f"{request.scheme}://{request.get_host()}{request.get_full_path()}"
    parts = f"{version(*sections)}:{timezone.localdate().isoformat()}:{get_language()}:{address}"
    return f"pagecache:page:{hashlib.sha256(parts.encode()).hexdigest()}"


class LocalPages:
    """The pages this process served from the cache lately, kept in its memory as well (at most `budget` bytes,
    least recently used dropped first): a hit then costs the one cache call for the generations and no
    transfer of the page. Safe because a page's key holds the generations of its sections and the day: a copy
    is never served after its data changed, only found no more."""

    def __init__(self, budget: int):
        self.budget, self.used = budget, 0
        self.pages: OrderedDict[str, tuple[float, bytes, list]] = OrderedDict()
        self.lock = threading.Lock()

    def get(self, key: str):
        with self.lock:
            entry = self.pages.get(key)
            if entry is None:
                return None
            if entry[0] < time.monotonic():
                self._drop(key)
                return None
            self.pages.move_to_end(key)
            return entry[1], entry[2]

    def put(self, key: str, content: bytes, headers: list, seconds: int) -> None:
        if len(content) > self.budget // 8:
            return  # a huge page (a feed of everything) would push out many small ones
        with self.lock:
            if key in self.pages:
                self._drop(key)
            self.pages[key] = (time.monotonic() + seconds, content, headers)
            self.used += len(content)
            while self.used > self.budget:
                self._drop(next(iter(self.pages)))

    def _drop(self, key: str) -> None:
        self.used -= len(self.pages.pop(key)[1])

    def clear(self) -> None:
        with self.lock:
            self.pages.clear()
            self.used = 0


LOCAL_PAGE_BYTES = 16 * 1024 * 1024
local_pages = LocalPages(LOCAL_PAGE_BYTES)


class LocalMemo:
    """Values computed from the data of some sections, kept in this process's memory (at most `size` of them and
    about `budget` bytes of their texts, least recently used dropped first). See remember()."""

    def __init__(self, size: int, budget: int):
        self.size, self.budget, self.used = size, budget, 0
        self.values: OrderedDict = OrderedDict()
        self.lock = threading.Lock()

    def get(self, key):
        with self.lock:
            entry = self.values.get(key)
            if entry is None or entry[0] < time.monotonic():
                return None
            self.values.move_to_end(key)
            return entry

    def put(self, key, value, seconds: int) -> None:
        weight = _weight(value)
        with self.lock:
            old = self.values.pop(key, None)
            if old is not None:
                self.used -= old[2]
            self.values[key] = (time.monotonic() + seconds, value, weight)
            self.used += weight
            while self.values and (len(self.values) > self.size or self.used > self.budget):
                _key, (_until, _value, dropped) = self.values.popitem(last=False)
                self.used -= dropped

    def clear(self) -> None:
        with self.lock:
            self.values.clear()
            self.used = 0


def _weight(value, depth: int = 0) -> int:
    """About the bytes of a remembered value's texts (rendered fragments are most of the memory it takes)."""
    if isinstance(value, str | bytes):
        return len(value)
    if depth < 4 and isinstance(value, tuple | list):
        return 64 + sum(_weight(item, depth + 1) for item in value)
    if depth < 4 and isinstance(value, dict):
        return 64 + sum(_weight(item, depth + 1) for item in value.values())
    return 64


MEMO_SIZE, MEMO_BYTES, MEMO_SECONDS = 1024, 32 * 1024 * 1024, 600
local_memo = LocalMemo(MEMO_SIZE, MEMO_BYTES)


def remember(sections: tuple[str, ...], key, compute, *, by_language: bool = True):
    """`compute()`, kept in this process's memory under the generations of `sections`, the day, the language
    and `key`: for what a page shows that depends on nothing else (a service's record and charts, the tables
    of the capacity overview), so signed-in people, whose pages are never cached whole, get it without
    queries too. Never stale: a write to a section changes its generation, so the value is computed again.
    While the cache is away the generations say nothing, and nothing is kept; with the page cache off
    (REGISTRY_PAGE_CACHE_SECONDS = 0, as in the tests) nothing is kept either.

    The value is shared by the requests of the process: what reads it must not change it. `by_language=False`:
    one value for every language (what the value holds is in none, as a person's account)."""
    if not settings.REGISTRY_PAGE_CACHE_SECONDS:
        return compute()
    version, kept = version_kept(*sections)
    if not kept:
        return compute()
    return _kept((version, timezone.localdate(), get_language() if by_language else None, key), compute,
                 MEMO_SECONDS)


def _kept(full_key, compute, seconds: int):
    """The value local_memo keeps under `full_key`, else `compute()`, then kept for `seconds`."""
    entry = local_memo.get(full_key)
    if entry is not None:
        return entry[1]
    value = compute()
    local_memo.put(full_key, value, seconds)
    return value


CSRF_FIELD_TEXT = re.compile(CSRF_FIELD.pattern.decode())


def remember_html(request, sections: tuple[str, ...], key, render):
    """remember() for a piece of a page with forms in it (the same for every viewer the key describes): kept
    with its CSRF tokens taken out and put back with this visitor's token, as stored pages are. `key` None:
    rendered for this request only."""
    if key is None:
        return render()
    placeholder = CSRF_PLACEHOLDER.decode()
    html = remember(sections, key, lambda: CSRF_FIELD_TEXT.sub(rf"\g<1>{placeholder}\g<2>", render()))
    return mark_safe(html.replace(placeholder, get_token(request)))


def keep_a_while(key, compute, seconds: int = 60):
    """`compute()`, kept in this process's memory for `seconds`: for what every page shows and changes so rarely
    that a minute's delay does not matter (the demo banner, the region's name), so that a page does not ask the
    shared cache for it each time. With the page cache off (the tests) nothing is kept."""
    if not settings.REGISTRY_PAGE_CACHE_SECONDS:
        return compute()
    return _kept(("a-while", key), compute, seconds)


def _respond(request, content: bytes, headers: list) -> HttpResponse:
    """A stored page for this visitor: the CSRF token put back (the visitor's own, or a new one)."""
    if CSRF_PLACEHOLDER in content:
        content = content.replace(CSRF_PLACEHOLDER, get_token(request).encode())
    response = HttpResponse(content, headers=headers)
    if "Content-Length" in response:  # stored as CommonMiddleware set it, for the page with its placeholder
        response["Content-Length"] = str(len(content))
    response[HEADER] = "hit"
    return response


def _lookup(key: str, seconds: int):
    """(content, headers) of a stored page: this process's copy, else the shared cache's (then copied)."""
    cached = local_pages.get(key)
    if cached is None:
        cached = cache.get(key)
        if cached is not None:
            local_pages.put(key, *cached, seconds)
    return cached


def _store(key: str, content: bytes, headers: list, seconds: int) -> None:
    content = CSRF_FIELD.sub(rb"\1" + CSRF_PLACEHOLDER + rb"\2", content)
    cache.set(key, (content, headers), timeout=seconds)
    local_pages.put(key, content, headers, seconds)


def cache_public_page(*sections: str):
    """Serve anonymous GETs of the view from the cache while none of `sections` changed; store 200s.

    With core.middleware.PageCacheMiddleware installed, hits are answered before the session, authentication,
    CSRF, messages and locale middleware ever run (EarlyHit below); the view then only renders the misses and
    leaves storing to the middleware, which stores the page as those middleware finished it."""
    if not sections or not all(isinstance(section, str) for section in sections):
        raise TypeError("cache_public_page() takes the names of the sections the page shows")

    def decorator(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            seconds = settings.REGISTRY_PAGE_CACHE_SECONDS
            if not seconds or not _cacheable(request):
                return view(request, *args, **kwargs)
            early = getattr(request, "page_cache_early", None)
            if early is not None:  # the middleware looked the page up already and will store it
                response = view(request, *args, **kwargs)
                if _storable(request, response):
                    response.page_cache_key = early.key
                return response
            key = page_key(request, sections)
            cached = _lookup(key, seconds)
            if cached is not None:
                return _respond(request, *cached)
            response = view(request, *args, **kwargs)
            if _storable(request, response):
                _store(key, response.content, list(response.items()), seconds)
                response[HEADER] = "miss"
            return response

        wrapper.page_cache_sections = sections
        return wrapper

    return decorator


# --- Hits before the middleware stack (core.middleware.PageCacheMiddleware) ------------------------------


@lru_cache(maxsize=4096)
def _page_sections(path: str, urlconf, language: str) -> tuple[str, ...] | None:
    """The sections of the cached page at `path` (its view's cache_public_page), or None for any other address;
    remembered per path and language (the paths are translated), as resolving costs a hit a good part of its
    time."""
    try:
        return resolve(path, urlconf=urlconf).func.page_cache_sections
    except (Resolver404, AttributeError):
        return None


def _urls_changed(setting, **kwargs) -> None:
    if setting == "ROOT_URLCONF":  # tests that swap the URLs
        _page_sections.cache_clear()


setting_changed.connect(_urls_changed, dispatch_uid="pagecache-urls-changed")


class EarlyHit:
    """A page-cache lookup made before the middleware that a stored page does not need.

    Only for a GET without a session cookie or a messages cookie: such a visitor is anonymous and has no
    pending message, so the page is the one everybody gets. The language is settled and the address resolved
    exactly as LocaleMiddleware and the handler would; the sections come from the view's cache_public_page.
    On a miss the request goes on as usual, and the response is stored on its way out, with the headers the
    inner middleware added (language, Vary, X-Frame-Options) and without any cookie."""

    def __init__(self, key: str):
        self.key = key

    @staticmethod
    def lookup(request, locale, csrf) -> HttpResponse | None:
        seconds = settings.REGISTRY_PAGE_CACHE_SECONDS
        if (not seconds or request.method != "GET" or settings.SESSION_COOKIE_NAME in request.COOKIES
                or "messages" in request.COOKIES):
            return None
        locale.process_request(request)
        sections = _page_sections(request.path_info, getattr(request, "urlconf", None), get_language())
        if sections is None:
            return None  # not a cached page: the usual path decides
        try:
            key = page_key(request, sections)
        except DisallowedHost:
            return None  # the usual path answers a bad host
        cached = _lookup(key, seconds)
        if cached is None:
            request.page_cache_early = EarlyHit(key)
            return None
        csrf.process_request(request)  # the visitor's CSRF cookie, if any, for the token in the page
        return csrf.process_response(request, _respond(request, *cached))

    @staticmethod
    def store(request, response) -> None:
        """Store a page the view marked (a 200 for nobody in particular), as the inner middleware left it."""
        early, key = getattr(request, "page_cache_early", None), getattr(response, "page_cache_key", None)
        if early is None or key != early.key:
            return
        session = getattr(request, "session", None)
        if (response.status_code != 200 or (session is not None and session.modified)
                or set(response.cookies) - {settings.CSRF_COOKIE_NAME}):
            return
        _store(key, response.content, [(name, value) for name, value in response.items()
                                       if name not in (HEADER,)], settings.REGISTRY_PAGE_CACHE_SECONDS)
        response[HEADER] = "miss"
