"""The registry's sections of the page cache (core/pagecache.py).

Search, service and provider pages, the capacity overview and ORP profiles are kept for anonymous visitors
under the generations of the "registry" section (services, providers, facilities, capacities) and of the
"codelists" (service types, target and age groups), whose labels they show: the views say so with
`@cache_public_page("registry", "codelists")` (core/pagecache.py). Every write to a registry record bumps them
(the `page_cache` declaration in services/apps.py); bulk loaders such as seed_demo and the importer call
`bump_generation()` themselves. "providers" is bumped with the registry whenever a provider changes: other
sections' pages show providers' names (a coalition member's organisation).
"""

import hashlib
import json
from collections.abc import Callable

from django.conf import settings
from django.core.cache import cache
from django.utils import timezone

from core import pagecache

SECTION = "registry"
SECTIONS = (SECTION, "codelists", "providers")


def bump_generation(**kwargs) -> None:
    """Invalidate every cached registry page and facet count after a bulk write (which sends no signals)."""
    pagecache.bump(*SECTIONS)


def cached_counts(query: dict, count: Callable[[], dict]) -> dict:
    """The facet counts of a search (`count()`), kept under the registry's generation, the day (free places
    turn outdated, services end) and the normalised query: people repeating a popular search, signed in or
    on another page of it, skip the counting queries. Off when the page cache is off."""
    seconds = settings.REGISTRY_PAGE_CACHE_SECONDS
    if not seconds:
        return count()
    digest = hashlib.sha256(json.dumps(query, sort_keys=True, default=str).encode()).hexdigest()
    key = f"services:facets:{pagecache.version(SECTION)}:{timezone.localdate().isoformat()}:{digest}"
    counts = cache.get(key)
    if counts is None:
        counts = count()
        cache.set(key, counts, timeout=seconds)
    return counts
