"""The registry's sections of the page cache (core/pagecache.py).

Search, service and provider pages, the capacity overview and ORP profiles are kept for anonymous visitors
under the generations of the "registry" section (services, providers, facilities, capacities) and of the
"codelists" (service types, target and age groups), whose labels they show: the views say so with
`@cache_public_page("registry", "codelists")` (core/pagecache.py). Every write to a registry record bumps them
(the `page_cache` declaration in services/apps.py); bulk loaders such as seed_demo and the importer call
`bump_generation()` themselves. "providers" is bumped with the registry whenever a provider changes: other
sections' pages show providers' names (a coalition member's organisation).

The same generations keep the search's facet index (services/facet_index.py) and the service records and
capacity tables kept in memory (core.pagecache.remember) fresh: a bump makes the next request read them again.
"""

from core import pagecache

SECTION = "registry"
SECTIONS = (SECTION, "codelists", "providers")


def bump_generation(**kwargs) -> None:
    """Invalidate every cached registry page and facet count after a bulk write (which sends no signals)."""
    pagecache.bump(*SECTIONS)
