"""A fixed-window rate limit in the cache (shared by all app nodes when the cache is Redis)."""

from django.core.cache import cache


def client_ip(request) -> str:
    """The client's address; behind proxies allauth's adapter honours ALLAUTH_TRUSTED_PROXY_COUNT."""
    from allauth.account.adapter import get_adapter

    return get_adapter(request).get_client_ip(request)


def is_rate_limited(request, action: str, *, limit: int, period: int, key: str | None = None) -> bool:
    """Count one attempt of `action`; True when more than `limit` happened within `period` seconds."""
    cache_key = f"ratelimit:{action}:{key or client_ip(request)}"
    added = cache.add(cache_key, 1, timeout=period)
    if added:
        return False
    try:
        count = cache.incr(cache_key)
    except ValueError:  # expired between add() and incr()
        cache.add(cache_key, 1, timeout=period)
        return False
    return count > limit
