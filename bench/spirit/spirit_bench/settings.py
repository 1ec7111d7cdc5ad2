"""django-spirit 0.14.3 with the same production settings as the portal's benchmark.

DEBUG off, PostgreSQL with persistent connections (CONN_MAX_AGE), the local-memory cache (the portal's
benchmark also runs without CACHE_URL) and Spirit's own recommended middleware and apps. Used only by
bench/forum.py, in its own virtualenv (bench/.venv-spirit: Spirit needs Django < 6).
"""

import os

import dj_database_url

from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = os.environ.get("SECRET_KEY", "spirit-bench-" + "x" * 40)
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
DATABASES = {"default": dj_database_url.parse(os.environ["SPIRIT_DATABASE_URL"],
                                              conn_max_age=int(os.environ.get("CONN_MAX_AGE", "60")))}
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "st_rate_limit": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "TIMEOUT": None},
}
HAYSTACK_CONNECTIONS = {"default": {"ENGINE": "haystack.backends.simple_backend.SimpleEngine"}}
HAYSTACK_SIGNAL_PROCESSOR = "haystack.signals.BaseSignalProcessor"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
STATIC_ROOT = os.environ.get("SPIRIT_STATIC_ROOT", "/tmp/spirit-bench-static")
MEDIA_ROOT = os.environ.get("SPIRIT_MEDIA_ROOT", "/tmp/spirit-bench-media")
LOGGING = {"version": 1, "disable_existing_loggers": False,
           "handlers": {"console": {"class": "logging.StreamHandler"}},
           "loggers": {"django": {"handlers": ["console"], "level": "ERROR"}}}
ST_SITE_URL = os.environ.get("SPIRIT_SITE_URL", "http://127.0.0.1:8768/")
