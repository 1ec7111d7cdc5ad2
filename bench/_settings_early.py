"""The portal's settings with the page cache's early middleware (core.middleware.PageCacheMiddleware) in
place, right after WhiteNoise: `bench/everyone.py --early-page-cache` measures what that one line of
portal/settings.py changes. Nothing else differs."""

from portal.settings import *
from portal.settings import MIDDLEWARE

MIDDLEWARE = list(MIDDLEWARE)
MIDDLEWARE.insert(MIDDLEWARE.index("django.contrib.sessions.middleware.SessionMiddleware"),
                  "core.middleware.PageCacheMiddleware")
