"""The registry search understands situations (guide/search.py through core.contributions)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from guide import search
from guide.models import Situation
from tests.guide.factories import service

pytestmark = pytest.mark.django_db

URL = "/cs/sluzby/"

# The issue's ten test queries, typed without diacritics, and the situation each must find.
QUERIES = {
    "maminka uz nemuze byt sama doma": "rodic-uz-nezvlada-byt-sam-doma",
    "pece o seniora doma": "chci-se-o-seniora-starat-doma",
    "dluhy": "dluhy",
    "exekuce": "exekuce",
    "tata po mrtvici": "po-mrtvici",
    "domaci nasili": "domaci-nasili",
    "dite nechodi do skoly": "dite-nechodi-do-skoly",
    "vyhodili me z bytu": "prisel-jsem-o-bydleni",
    "zavislost na alkoholu": "zavislost-na-alkoholu",
    "odchod z detskeho domova": "odchod-z-detskeho-domova",
}


@pytest.mark.parametrize("query, slug", QUERIES.items())
def test_each_issue_query_finds_its_situation_on_the_search_page(client, query, slug):
    response = client.get(URL, {"q": query})
    assert response.status_code == 200
    html = response.content.decode()
    situation = Situation.objects.get(slug=slug)
    assert f'href="{situation.get_absolute_url()}"' in html
    assert search.suggestions(query)[0].slug == slug  # and it is the best match, not only one of many


def test_a_search_with_results_asks_did_you_mean_the_situation(client):
    service("Pečovatelská služba Kladno", description="Péče o seniora doma, pomoc s hygienou.")
    response = client.get("/en/services/", {"q": "pece o seniora doma"})
    html = response.content.decode()
    assert response.context["page"].paginator.count == 1
    assert "Did you mean the situation…?" in html
    assert "I want to care for an older person at home" in html
    assert "Help by phone" not in html  # crisis contacts are for searches that found nothing


def test_a_search_without_results_shows_the_nearest_situations_and_crisis_contacts(client):
    response = client.get("/en/services/", {"q": "exekuce na ucet"})
    html = response.content.decode()
    assert response.context["page"].paginator.count == 0
    assert "No service found, but help exists" in html
    assert Situation.objects.get(slug="exekuce").get_absolute_url() in html
    assert 'href="tel:116123"' in html and 'href="tel:155"' in html


def test_a_search_of_unknown_words_without_results_still_offers_the_guide_and_contacts(client):
    html = client.get("/en/services/", {"q": "qwertzuiop"}).content.decode()
    assert "Start from your situation" in html
    assert 'href="tel:116123"' in html


def test_a_search_for_a_place_alone_suggests_no_situation(client):
    service("Pečovatelská služba Kladno")
    html = client.get("/en/services/", {"q": "Kladno"}).content.decode()
    assert "Did you mean" not in html


def test_the_suggestion_carries_the_place_of_the_search(client):
    html = client.get(URL, {"q": "dluhy", "obec": "532053"}).content.decode()
    assert f'{Situation.objects.get(slug="dluhy").get_absolute_url()}?obec=532053' in html


def test_the_hints_cost_no_query_once_the_index_is_built():
    search.search_hints(text="dluhy", result_count=0)
    with CaptureQueriesContext(connection) as queries:
        hints = search.search_hints(text="exekuce", result_count=0)
    assert len(queries) == 0
    assert hints[0]["situations"][0].slug == "exekuce"


def test_an_editors_change_reaches_the_search_at_once():
    assert search.suggestions("dluhy")[0].slug == "dluhy"
    situation = Situation.objects.get(slug="dluhy")
    situation.is_published = False
    situation.save()
    assert "dluhy" not in [entry.slug for entry in search.suggestions("dluhy")]
    before = search.suggestions("pod mostem")  # remembered by the index until an editor changes something
    assert not before or before[0].slug != "exekuce"
    situation = Situation.objects.get(slug="exekuce")
    situation.synonyms += "\nbankovni zadluzeni pod mostem"
    situation.save()
    assert search.suggestions("pod mostem")[0].slug == "exekuce"


def test_word_forms_without_diacritics_match():
    assert search.similar("bytu", "byt") and search.similar("mrtvici", "mrtvice") and search.similar("dluhy", "dluh")
    assert not search.similar("dum", "duchod") and not search.similar("ab", "ac")
    assert search.suggestions("Vyhodili mě z bytu!")[0].slug == "prisel-jsem-o-bydleni"


def test_hostile_text_is_harmless(client):
    response = client.get(URL, {"q": '"><script>alert(1)</script>' + "ž" * 500})
    assert response.status_code == 200
    assert b"<script>alert(1)" not in response.content
