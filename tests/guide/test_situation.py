"""The guide's index and a situation's page: steps, fitting help, contacts, JSON-LD, the daily count."""

import json
import re

import pytest
from django.utils import timezone

from guide.models import Situation, SituationOpened
from tests.guide.factories import PARENT_ALONE, situation
from tests.i18n import english

pytestmark = pytest.mark.django_db

INDEX = "/en/life-situations/"


def test_the_index_lists_every_published_situation_by_group(client):
    response = client.get(INDEX)
    html = response.content.decode()
    assert response.status_code == 200
    assert Situation.objects.published().count() >= 40
    for item in Situation.objects.published():
        assert item.get_absolute_url() in html
    assert html.count("<h1") == 1
    assert "Ageing and care" in html and "Debts and money" in html and "Leaving an institution" in html


def test_the_index_finds_situations_by_words(client):
    html = client.get(INDEX, {"q": "exekuce"}).content.decode()
    assert "Situations matching “exekuce”" in html
    assert situation("exekuce").get_absolute_url() in html


def test_the_home_page_and_the_navigation_lead_to_the_guide(client):
    html = client.get("/cs/").content.decode()
    assert html.count('href="/cs/zivotni-situace/"') >= 2  # the navigation and the home page's block


def test_a_situation_page_says_what_to_do_first_and_what_fits(client):
    parent = situation()
    response = client.get(english(parent.get_absolute_url()))
    html = response.content.decode()
    assert response.status_code == 200
    assert "<h1>My mother or father can no longer live alone</h1>" in html
    steps = re.search(r'<ol class="steps">(.*?)</ol>', html, re.DOTALL).group(1)
    assert steps.count("<li>") == len(parent.first_steps) >= 4
    assert "Labour Office" in steps
    assert "home care service" in html and "First choice" in html and "Also consider" in html
    assert 'href="tel:155"' in html and 'href="tel:800157157"' in html
    assert situation("prispevek-na-peci").get_absolute_url() in html  # related
    assert "zakonyprolidi.cz" in html  # sources


def test_the_first_paragraph_has_no_section_numbers():
    for item in Situation.objects.all():
        for text in (item.summary_cs, item.summary_en, item.description_cs.split("\n\n")[0],
                     item.description_en.split("\n\n")[0]):
            assert "§" not in text, item.slug


def test_every_situation_is_written_in_both_languages_and_fits_some_help():
    for item in Situation.objects.prefetch_related("fits"):
        assert item.name_en and item.summary_en and item.description_en, item.slug
        assert len(item.first_steps) >= 3
        assert len(item.first_steps_en.splitlines()) == len(item.first_steps_cs.splitlines()), item.slug
        assert any(fit.is_first_choice for fit in item.fits.all()), item.slug
        assert item.synonym_list and item.sources and item.review_by


def test_urgent_situations_put_the_emergency_numbers_first(client):
    html = client.get(situation("domaci-nasili").get_absolute_url()).content.decode()
    assert html.index('href="tel:158"') < html.index('id="steps-title"')


def test_the_page_carries_a_howto_in_json_ld(client):
    parent = situation()
    html = client.get(parent.get_absolute_url()).content.decode()
    data = json.loads(re.search(r'<script type="application/ld\+json"[^>]*>(.*?)</script>', html, re.DOTALL).group(1))
    assert data["@type"] == "HowTo" and data["name"] == parent.name_cs
    assert [step["text"] for step in data["step"]][0].startswith("Promluvte si s rodičem")


def test_json_ld_cannot_be_closed_by_an_editors_text(client):
    parent = situation()
    parent.first_steps_cs = "</script><script>alert(1)</script>\nDruhý krok"
    parent.save()
    html = client.get(parent.get_absolute_url()).content.decode()
    assert "<script>alert(1)" not in html


def test_opening_a_situation_counts_it_and_stores_nothing_else(client):
    parent = situation()
    client.get(parent.get_absolute_url())
    client.get(english(parent.get_absolute_url()))
    response = client.get(parent.get_absolute_url() + "?obec=532053")
    assert SituationOpened.objects.get(situation=parent, day=timezone.localdate()).count == 3
    assert SituationOpened.objects.count() == 1
    assert not response.cookies and "sessionid" not in client.cookies


def test_the_place_of_a_search_is_filled_in(client):
    html = client.get(situation().get_absolute_url(), {"obec": "532053"}).content.decode()
    assert 'value="Kladno"' in html and 'name="obec" value="532053"' in html


def test_an_unpublished_situation_is_not_found_and_not_counted(client):
    parent = situation()
    parent.is_published = False
    parent.save()
    assert client.get(parent.get_absolute_url()).status_code == 404
    assert client.get(f"/cs/zivotni-situace/{PARENT_ALONE}/pomoc-v-okoli/").status_code == 404
    assert not SituationOpened.objects.exists()


def test_the_sitemap_lists_the_guide(client):
    xml = client.get("/sitemap.xml").content.decode()
    assert "/cs/zivotni-situace/" in xml and f"/en/life-situations/{PARENT_ALONE}/" in xml
    assert "pomoc-v-okoli" not in xml


def test_the_situation_page_runs_a_fixed_number_of_queries(client, django_assert_num_queries):
    url = situation().get_absolute_url()
    client.get(url)  # builds the search index of the process (slug → id for the count)
    # The situation with its group, fits (with types), contacts, related; the place; the count (UPDATE).
    with django_assert_num_queries(6):
        client.get(url, {"obec": "532053"})
