"""Page-cache hits answered before the middleware a stored page does not need (core.middleware.
PageCacheMiddleware with core.pagecache.EarlyHit), and the copies of cached pages each process keeps."""

import re

import pytest
from django.conf import settings as django_settings
from django.test import Client
from django.urls import reverse
from django.utils import translation

from core import pagecache
from services.models import CapacityReport
from tests.services.factories import make_service

pytestmark = pytest.mark.django_db
HEADER = pagecache.HEADER
EARLY = "core.middleware.PageCacheMiddleware"


@pytest.fixture
def early(settings):
    """The page cache on; the middleware is where portal/settings.py puts it (after WhiteNoise, before the
    session middleware)."""
    settings.REGISTRY_PAGE_CACHE_SECONDS = 300
    middleware = list(django_settings.MIDDLEWARE)
    assert middleware.index(EARLY) == middleware.index("whitenoise.middleware.WhiteNoiseMiddleware") + 1
    assert middleware.index(EARLY) < middleware.index("django.contrib.sessions.middleware.SessionMiddleware")


def url(name, *args, language="cs"):
    with translation.override(language):
        return reverse(name, args=args)


def test_a_hit_skips_the_session_authentication_and_messages(client, early, django_assert_num_queries):
    make_service(name="Domov Alfa")
    first = client.get(url("services:index"))
    assert first[HEADER] == "miss"
    with django_assert_num_queries(0):
        second = client.get(url("services:index"))
    assert second[HEADER] == "hit" and second.content == first.content
    request = second.wsgi_request
    assert not hasattr(request, "session") and not hasattr(request, "user")  # those middleware never ran
    # The headers the skipped middleware add were stored with the page; the outer ones are added anew.
    for name in ("Content-Language", "X-Frame-Options", "Content-Security-Policy", "Permissions-Policy",
                 "Content-Type"):
        assert second[name] == first[name] or name == "Content-Security-Policy", name
    assert "Content-Security-Policy" in second.headers


def test_the_hit_is_the_page_of_the_language_asked_for(client, early):
    make_service(name="Domov Alfa")
    for language in ("cs", "en", "cs", "en"):
        response = client.get(url("services:index", language=language))
        assert response["Content-Language"] == language
        assert f'<html lang="{language}">' in response.content.decode()


def test_signed_in_people_and_pending_messages_take_the_usual_path(client, early, user):
    make_service(name="Domov Alfa")
    client.get(url("services:index"))
    client.force_login(user)
    response = client.get(url("services:index"))
    assert HEADER not in response.headers and user.public_name in response.content.decode()
    anonymous = Client()
    anonymous.cookies["messages"] = "whatever"
    assert anonymous.get(url("services:index")).wsgi_request.session is not None


def test_each_visitor_gets_a_working_csrf_token_from_an_early_hit(early):
    service = make_service(name="Domov Alfa")
    Client(enforce_csrf_checks=True).get(service.get_absolute_url())
    visitor = Client(enforce_csrf_checks=True)
    page = visitor.get(service.get_absolute_url())
    assert page[HEADER] == "hit" and django_settings.CSRF_COOKIE_NAME in page.cookies
    assert int(page["Content-Length"]) == len(page.content)
    # A returning visitor keeps the CSRF secret they have (Django sends the cookie again to renew it): their
    # other open forms still work.
    again = visitor.get(service.get_absolute_url())
    name = django_settings.CSRF_COOKIE_NAME
    assert again[HEADER] == "hit" and again.cookies[name].value == page.cookies[name].value
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', again.content.decode()).group(1)
    response = visitor.post(url("services:correction", service.pk), {
        "csrfmiddlewaretoken": token, "message": "Telefon už neplatí.", "name": "", "email": "", "website": ""})
    assert response.status_code == 302 and service.corrections.count() == 1
    # The thanks wait in a cookie: that visitor's next page is rendered for them, with the message.
    thanked = visitor.get(response["Location"])
    assert HEADER not in thanked.headers and thanked.context["messages"]


def test_a_change_of_the_data_renders_the_page_afresh(client, early):
    service = make_service(name="Domov Alfa", free_places=2)
    page = url("services:index", language="en")
    assert "Domov Alfa" in client.get(page, {"free": "on"}).content.decode()
    assert client.get(page, {"free": "on"})[HEADER] == "hit"
    CapacityReport.record(service=service, form="pob", unit="luzka", free_places=0)
    fresh = client.get(page, {"free": "on"})
    assert fresh[HEADER] == "miss" and "Domov Alfa" not in fresh.content.decode()


def test_pages_without_the_decorator_are_left_alone(client, early):
    assert HEADER not in client.get("/robots.txt").headers
    assert client.get("/cs/no-such-page/").status_code == 404


def test_the_copy_kept_in_memory_answers_without_the_shared_cache(client, settings, monkeypatch):
    """Without the middleware too: the second hit reads this process's copy, not the cache."""
    settings.REGISTRY_PAGE_CACHE_SECONDS = 300
    make_service(name="Domov Alfa")
    client.get(url("services:index"))
    reads = []
    original = pagecache.cache.get
    monkeypatch.setattr(pagecache.cache, "get", lambda key, *args, **kwargs: reads.append(key) or original(
        key, *args, **kwargs))
    assert client.get(url("services:index"))[HEADER] == "hit"
    assert not [key for key in reads if key.startswith("pagecache:page:")]


def test_the_local_copies_keep_to_their_budget():
    pages = pagecache.LocalPages(budget=1000)
    for number in range(12):
        pages.put(f"page {number}", b"x" * 100, [], 60)
    pages.put("big", b"x" * 200, [], 60)  # more than an eighth of the budget: not kept
    assert pages.used <= 1000 and pages.get("page 0") is None and pages.get("page 11") is not None
    assert pages.get("big") is None


def test_remembered_values_follow_the_generations(settings):
    settings.REGISTRY_PAGE_CACHE_SECONDS = 300
    computed = []

    def compute():
        computed.append(1)
        return len(computed)

    assert pagecache.remember(("registry",), "key", compute) == 1
    assert pagecache.remember(("registry",), "key", compute) == 1
    pagecache.bump("registry")
    assert pagecache.remember(("registry",), "key", compute) == 2


def test_nothing_is_remembered_with_the_page_cache_off(settings):
    settings.REGISTRY_PAGE_CACHE_SECONDS = 0
    computed = []
    for _ in range(2):
        pagecache.remember(("registry",), "key", lambda: computed.append(1))
    assert len(computed) == 2
