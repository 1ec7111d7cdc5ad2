"""The generations a request reads are read once per request (a page asks for the same sections for its key,
each remembered fragment and the facet index), a bump within the request is seen at once, and outside a
request (tasks, commands) every read asks the cache."""

import pytest
from django.urls import reverse
from django.utils import translation

from core import pagecache

pytestmark = pytest.mark.django_db


class CountingCache:
    def __init__(self, real):
        self.real, self.reads, self.keys = real, 0, []

    def get_many(self, keys):
        self.reads += 1
        self.keys.append(len(keys))
        return self.real.get_many(keys)

    def __getattr__(self, name):
        return getattr(self.real, name)


@pytest.fixture
def counting(monkeypatch):
    counter = CountingCache(pagecache.cache)
    monkeypatch.setattr(pagecache, "cache", counter)
    return counter


def test_a_request_reads_each_section_once(counting):
    pagecache._start_request()
    try:
        first = pagecache.version("registry", "codelists")
        assert pagecache.version("registry", "codelists") == first
        assert counting.reads == 1 and counting.keys[-1] == 2  # a cached page's one ask: its own sections
        # The second ask reads every declared section: the others cost no call.
        pagecache.version("discussions")
        assert counting.keys[-1] > 3
        pagecache.version("codelists", "discussions", "registry", "people")
        assert counting.reads == 2
        pagecache.bump("registry")  # the writer's next read in the same request sees its change
        assert pagecache.version("registry", "codelists") != first
        assert counting.reads == 3
    finally:
        pagecache._end_request()


def test_outside_a_request_every_read_asks_the_cache(counting):
    pagecache.version("registry")
    pagecache.version("registry")
    assert counting.reads == 2


def test_the_next_request_reads_again(counting):
    for _request in range(2):
        pagecache._start_request()
        pagecache.version("registry")
        pagecache.version("registry")
        pagecache._end_request()
    assert counting.reads == 2


def test_a_signed_in_page_reads_each_generation_once(client, counting, settings, verified_user):
    """Through a real request (the test client sends Django's request_started and request_finished): the
    capacity overview asks for the codelists' and the registry's generations several times (its tables, the
    codelists of its filter form), the cache is read once."""
    from tests.services.factories import make_service

    settings.REGISTRY_PAGE_CACHE_SECONDS = 300
    make_service(name="Domov Alfa")
    with translation.override("en"):
        address = reverse("services:capacity")
    client.force_login(verified_user)
    assert client.get(address).status_code == 200
    counting.reads = 0
    client.get(address)
    # Seven asks (were six reads before the first change): the person's section ("people", the remembered
    # person), then every other declared one at once; the tables' and the codelists' asks cost no call.
    assert counting.reads == 2
    assert getattr(pagecache._request_versions, "found", None) is None  # ended with the request
