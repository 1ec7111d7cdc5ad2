"""The guide's pages are cached for anonymous visitors; an editor's change shows at once, also in the registry
search, which names the "guide" section for its situation hints."""

import pytest

from core import pagecache
from tests.guide.factories import KLADNO, situation

pytestmark = pytest.mark.django_db
HEADER = pagecache.HEADER


@pytest.fixture(autouse=True)
def page_cache_on(settings):
    settings.REGISTRY_PAGE_CACHE_SECONDS = 300


def test_a_second_visit_of_the_results_costs_no_query(client, django_assert_num_queries):
    url = situation().get_absolute_url() + "pomoc-v-okoli/"
    assert client.get(url, {"obec": KLADNO})[HEADER] == "miss"
    with django_assert_num_queries(0):
        assert client.get(url, {"obec": KLADNO})[HEADER] == "hit"


def test_a_second_visit_of_a_situation_costs_only_its_count(client, django_assert_num_queries):
    url = situation().get_absolute_url()
    client.get(url)
    with django_assert_num_queries(1):  # the day's count, nothing else
        assert client.get(url)[HEADER] == "hit"


def test_an_editors_change_renders_the_pages_afresh(client):
    parent = situation()
    client.get("/cs/zivotni-situace/")
    client.get(parent.get_absolute_url())
    client.get("/cs/sluzby/", {"q": "mamka nevi kudy kam"})
    parent.name_cs = "Rodič potřebuje pomoc doma"
    parent.synonyms += "\nmamka nevi kudy kam"
    parent.save()
    for url, params in [("/cs/zivotni-situace/", {}), (parent.get_absolute_url(), {}),
                        ("/cs/sluzby/", {"q": "mamka nevi kudy kam"})]:
        response = client.get(url, params)
        assert response[HEADER] == "miss"
        assert "Rodič potřebuje pomoc doma" in response.content.decode(), url


def test_signed_in_editors_get_fresh_pages(client, coordinator):
    client.force_login(coordinator)
    assert HEADER not in client.get(situation().get_absolute_url()) or \
        client.get(situation().get_absolute_url())[HEADER] != "hit"
