"""The portal and a bare Django "hello" view under one gunicorn, the ceiling every benchmark compares with.

    gunicorn bench._wsgi:application      (run from the repository root; bench/_server.py does it)

`HELLO_PATH` is answered by Django's own request handling (a WSGIRequest, URL resolving against the one
pattern below, a view returning an HttpResponse) with no middleware at all; every other address goes to the
portal (portal.wsgi) unchanged. Both run in the same worker processes, so a page's requests per second divided
by the hello's, measured in the same run, tells how much of the machine the page's own work takes, whatever
the machine, the load of other jobs or the client.
"""

import os

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")

from django.core.handlers.exception import convert_exception_to_response
from django.core.handlers.wsgi import WSGIHandler
from django.http import HttpResponse
from django.urls import path

HELLO_PATH = "/__bench__/hello"

# The portal exactly as production serves it (portal/wsgi.py: the application, warmed before its first request).
from portal.wsgi import application as portal  # noqa: E402


def hello(request):
    return HttpResponse(b"hello", content_type="text/plain")


urlpatterns = [path(HELLO_PATH.lstrip("/"), hello)]


class BareHandler(WSGIHandler):
    """Django's handler with an empty middleware chain and this module as its URL conf."""

    def load_middleware(self, is_async=False):
        self._view_middleware, self._template_response_middleware, self._exception_middleware = [], [], []
        self._middleware_chain = convert_exception_to_response(self._get_response)

    def get_response(self, request):
        request.urlconf = __name__
        return super().get_response(request)


bare = BareHandler()


def application(environ, start_response):
    if environ.get("PATH_INFO") == HELLO_PATH:
        return bare(environ, start_response)
    return portal(environ, start_response)
