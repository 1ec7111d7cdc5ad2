"""When Redis goes away the portal serves without a cache instead of failing (core/cache.py)."""

import socket

import pytest
from django.core.cache import cache
from django.urls import reverse

from tests.services.factories import make_service

pytestmark = pytest.mark.django_db


def unused_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]  # closed again: nothing listens there


@pytest.fixture
def redis_away(settings):
    settings.CACHES = {"default": {"BACKEND": "core.cache.ResilientRedisCache",
                                   "LOCATION": f"redis://127.0.0.1:{unused_port()}/0",
                                   "OPTIONS": {"socket_connect_timeout": 0.2, "socket_timeout": 0.2}}}
    settings.REGISTRY_PAGE_CACHE_SECONDS = 300
    yield
    cache.close()


def test_cache_calls_degrade_to_misses(redis_away):
    assert cache.get("key", "default") == "default"
    cache.set("key", 1)
    assert cache.add("key", 1) is False
    assert cache.get_or_set("computed", lambda: 42) == 42
    with pytest.raises(ValueError):
        cache.incr("counter")


def test_pages_and_forms_work_without_redis(client, redis_away, mailoutbox, django_capture_on_commit_callbacks):
    service = make_service()
    assert client.get(reverse("services:index")).status_code == 200
    assert client.get(service.get_absolute_url()).status_code == 200
    assert client.get(reverse("services:capacity")).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):  # the contact mail leaves after commit, from a task
        response = client.post(reverse("portal:contact"), {"name": "Jana", "email": "jana@example.cz",
                                                           "subject": "Dotaz", "message": "Text", "website": ""})
    assert response.status_code == 302
    assert len(mailoutbox) == 1
