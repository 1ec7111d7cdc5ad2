"""The portal's settings without the page cache's early middleware (core.middleware.PageCacheMiddleware):
`bench/everyone.py --without-early-page-cache` measures what that one line of portal/settings.py changes.
Nothing else differs."""

from portal.settings import *
from portal.settings import MIDDLEWARE

MIDDLEWARE = [name for name in MIDDLEWARE if name != "core.middleware.PageCacheMiddleware"]
