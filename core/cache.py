"""Redis cache that degrades to "no cache" when Redis is away, instead of failing every request.

A cache is an optimisation: when Redis restarts or the network to it breaks, reads miss, writes are
dropped, counters start again, and the portal keeps answering from the database. Each failure is logged
(once per minute per process, so a long outage does not flood the log) and Redis is tried again on the
next call — it comes back by itself.
"""

import functools
import logging
import time

from django.core.cache.backends.redis import RedisCache
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger(__name__)
FAILURES = (RedisConnectionError, RedisTimeoutError, OSError)
LOG_EVERY_SECONDS = 60

# method → what a call returns while Redis is away
_FALLBACKS = {
    "get": lambda self, key, default=None, **kwargs: default,
    "get_many": lambda self, *args, **kwargs: {},
    "set": lambda self, *args, **kwargs: None,
    "set_many": lambda self, *args, **kwargs: [],
    "add": lambda self, *args, **kwargs: False,
    "touch": lambda self, *args, **kwargs: False,
    "delete": lambda self, *args, **kwargs: False,
    "delete_many": lambda self, *args, **kwargs: None,
    "has_key": lambda self, *args, **kwargs: False,
    "clear": lambda self, *args, **kwargs: None,
}


class ResilientRedisCache(RedisCache):
    _last_logged = 0.0

    def _unavailable(self, name: str, error: Exception) -> None:
        now = time.monotonic()
        if now - ResilientRedisCache._last_logged > LOG_EVERY_SECONDS:
            ResilientRedisCache._last_logged = now
            logger.warning("Cache unavailable (%s in %s); serving without cache", error.__class__.__name__, name)

    def incr(self, key, delta=1, version=None):
        try:
            return super().incr(key, delta, version)
        except FAILURES as error:
            self._unavailable("incr", error)
            raise ValueError("cache unavailable") from error  # callers treat it as a missing key

    def get_or_set(self, key, default, timeout=None, version=None):
        value = self.get(key, version=version)
        if value is None:
            value = default() if callable(default) else default
            if value is not None:
                self.add(key, value, timeout=timeout, version=version)
        return value


def _guard(name, fallback):
    method = getattr(RedisCache, name)

    @functools.wraps(method)
    def guarded(self, *args, **kwargs):
        try:
            return method(self, *args, **kwargs)
        except FAILURES as error:
            self._unavailable(name, error)
            return fallback(self, *args, **kwargs)

    return guarded


for _name, _fallback in _FALLBACKS.items():
    setattr(ResilientRedisCache, _name, _guard(_name, _fallback))
