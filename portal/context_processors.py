from functools import lru_cache

from django.conf import settings
from django.core.cache import cache
from django.urls import get_urlconf, translate_url
from django.utils.translation import get_language

from core.pagecache import keep_a_while
from portal.models import DemoDataset

DEMO_CACHE_KEY = "portal:demo-dataset"


def demo_dataset():
    """The demo marker, cached so pages don't pay a query for it (seed_demo clears the key) and kept in each
    process's memory for a minute (a banner that appears or goes a minute late harms nobody)."""
    return keep_a_while(DEMO_CACHE_KEY, lambda: cache.get_or_set(
        DEMO_CACHE_KEY, lambda: DemoDataset.objects.order_by("-loaded_at").first() or False, timeout=600))


def region_name() -> str:
    """Name of the kraj the installation serves (settings.PORTAL_REGION), cached (a minute in the process)."""
    from territory.models import Kraj

    def lookup():
        kraj = Kraj.objects.filter(nuts3=settings.PORTAL_REGION).first()
        return kraj.name if kraj else settings.PORTAL_REGION

    key = f"portal:region-name:{settings.PORTAL_REGION}"
    return keep_a_while(key, lambda: cache.get_or_set(key, lookup, timeout=3600))


def language_url(path: str, code: str) -> str:
    """The same page in another language; for paths Django can't resolve, swap the /cs/ or /en/ prefix. The
    query string is kept; the translation of the path is remembered (every page asks for both languages)."""
    path, question, query = path.partition("?")
    return _translated_path(path, code, get_language(), get_urlconf()) + question + query


@lru_cache(maxsize=4096)
def _translated_path(path: str, code: str, _active: str, _urlconf) -> str:
    translated = translate_url(path, code)
    if translated != path:
        return translated
    for other, _name in settings.LANGUAGES:
        if path == f"/{other}" or path.startswith(f"/{other}/"):
            return f"/{code}{path[len(other) + 1:]}"
    return path


def portal(request):
    """What base.html needs on every page: language links, the demo banner, the home region."""
    path = request.get_full_path()
    return {
        "language_links": [
            {"code": code, "name": name, "url": language_url(path, code)} for code, name in settings.LANGUAGES
        ],
        "demo_dataset": demo_dataset(),
        "site_url": settings.SITE_URL,
        "region_name": region_name(),
    }
