"""Environment defaults for the test run, loaded as a pytest plugin (`-p tests.testenv`) so they are in
place before pytest-django reads the settings. Anything already in the environment wins."""

import os

DEFAULTS = {
    "SECRET_KEY": "test-only-secret-key",
    "DATABASE_URL": "postgres://postgres@127.0.0.1:5432/portal",
    "ALLOWED_HOSTS": "localhost,127.0.0.1,testserver",
    # Production defaults stay on (DEBUG is off) except HTTPS, which the test client and live server lack.
    "SECURE_SSL_REDIRECT": "0",
    "SECURE_COOKIES": "0",
    # Pages are rendered afresh in tests (query counts, content); tests of the page cache switch it on.
    "REGISTRY_PAGE_CACHE_SECONDS": "0",
    # Sessions straight from the database (production reads them through the cache): the pinned query counts
    # are the pages' own; tests/accounts/test_remembered_person.py runs the production engine.
    "SESSION_ENGINE": "django.contrib.sessions.backends.db",
    # Playwright's sync API runs an event loop in the live-server test's thread.
    "DJANGO_ALLOW_ASYNC_UNSAFE": "true",
    # Background tasks run at once, in the test's thread and transaction.
    "TASKS_BACKEND": "django.tasks.backends.immediate.ImmediateBackend",
}
for name, value in DEFAULTS.items():
    os.environ.setdefault(name, value)
os.environ.pop("CACHE_URL", None)  # tests use the per-process memory cache
os.environ.pop("DEBUG", None)
