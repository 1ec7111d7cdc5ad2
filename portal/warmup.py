"""Warm a fresh worker before it takes requests, so the first visitors after a deploy, a worker recycle
(gunicorn's max_requests) or a restart do not wait for what every worker builds once: the translations of
both languages, the URL resolvers, the templates of the main pages compiled into the cached loader, the
registry's facet index (copied from the shared cache when another worker built it).

Called from the WSGI module (portal/wsgi.py), once per worker process. Whatever fails here is logged and
left to the first request: a worker must start even while the database or the cache is away. Off with
WARM_UP_ON_START=0 (the tests and the development server do not need it)."""

import logging
import time

from django.conf import settings
from django.db import connections
from django.template.loader import get_template
from django.urls import reverse
from django.utils import translation

logger = logging.getLogger(__name__)

# The templates of the pages people open first; their includes are compiled with them.
TEMPLATES = [
    "portal/home.html",
    "services/service_list.html",
    "services/service_detail.html",
    "services/_service_record.html",
    "services/capacity_overview.html",
    "discussions/index.html",
    "discussions/category_detail.html",
    "discussions/thread_detail.html",
    "coalitions/coalition_list.html",
    "guide/index.html",
    "404.html",
]
URL_NAMES = ["portal:home", "services:index", "services:capacity", "discussions:index", "coalitions:index"]


def warm_up() -> float:
    """Warm this process; returns the seconds it took."""
    started = time.monotonic()
    try:
        for code, _name in settings.LANGUAGES:
            with translation.override(code):
                translation.gettext("Services")
                for name in URL_NAMES:
                    reverse(name)
        for name in TEMPLATES:
            try:
                get_template(name)
            except Exception:  # a renamed template must not stop a worker
                logger.warning("Warm-up: no template %s", name)
        from services import facet_index

        facet_index.index()
    except Exception:
        logger.exception("Warm-up of the worker failed; the first requests will do the work")
    finally:
        connections.close_all()  # a connection opened before gunicorn forks (--preload) must not be shared
    return time.monotonic() - started
