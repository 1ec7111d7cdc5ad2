import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")
application = get_wsgi_application()

from django.conf import settings  # noqa: E402  (configured by get_wsgi_application)

if settings.WARM_UP_ON_START:
    from portal.warmup import warm_up

    warm_up()
