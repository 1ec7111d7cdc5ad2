"""The real codelists, their loading, the no-JavaScript picker and Czech sorting."""

import pytest
from django.db.models import Sum
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from core.collation import czech_sort_key
from territory.loader import load_territory
from territory.models import Kraj, Obec, Okres, Orp, home_kraj

pytestmark = pytest.mark.django_db


def test_codelists_are_complete():
    assert Kraj.objects.count() == 14
    assert Okres.objects.count() == 77
    assert Orp.objects.count() == 206
    assert Obec.objects.count() == 6258
    assert Obec.objects.filter(population__isnull=True).count() == 0
    assert Obec.objects.aggregate(total=Sum("population"))["total"] == 10_900_555


def test_all_codes_of_a_unit():
    stc = Kraj.objects.get(nuts3="CZ020")
    assert (stc.code, stc.iso_code, stc.ruian_code, stc.abbreviation) == (3026, "CZ-20", 27, "STC")
    assert stc.mpsv_id == "Kraj/27"
    assert home_kraj() == stc
    kladno = Obec.objects.select_related("orp", "okres").get(name="Kladno", orp__kraj=stc)
    assert kladno.mpsv_id == f"Obec/{kladno.code}"
    assert kladno.orp.name == "Kladno" and kladno.okres.kraj_id == stc.code
    assert Okres.objects.get(name="Benešov").mpsv_id.startswith("Okres/")


def test_loading_again_changes_nothing():
    counts = load_territory()
    assert counts == {"kraje": 14, "okresy": 77, "orp": 206, "obce": 6258, "population": 6258}
    assert Obec.objects.count() == 6258
    assert Orp.okresy.through.objects.count() >= 206


def test_names_sort_in_czech_order_on_the_database():
    names = list(Obec.objects.filter(name__in=["Cerhenice", "Čáslav", "Hostivice", "Chrudim", "Brandýs nad Labem-Stará Boleslav", "Šestajovice", "Sadská", "Žatec", "Zbraslavice", "Řevnice", "Rakovník"]).values_list("name", flat=True))
    assert names == sorted(names, key=czech_sort_key)
    assert names.index("Cerhenice") < names.index("Čáslav") < names.index("Hostivice") < names.index("Chrudim")
    assert names.index("Sadská") < names.index("Šestajovice")
    assert names.index("Rakovník") < names.index("Řevnice")
    assert names.index("Zbraslavice") < names.index("Žatec")
    kraje = list(Kraj.objects.values_list("name", flat=True))
    assert kraje[-2:] == ["Ústecký kraj", "Zlínský kraj"]


def test_python_czech_sort_key_used_on_sqlite():
    words = ["Žatec", "chata", "Čáslav", "hrad", "cibule", "Šumperk", "sad", "Řevnice", "rak", "ústí", "Zlín"]
    assert sorted(words, key=czech_sort_key) == [
        "Čáslav", "cibule", "hrad", "chata", "rak", "Řevnice", "sad", "Šumperk", "ústí", "Zlín", "Žatec"
    ] or sorted(words, key=czech_sort_key) == [
        "cibule", "Čáslav", "hrad", "chata", "rak", "Řevnice", "sad", "Šumperk", "ústí", "Zlín", "Žatec"
    ]


def test_picker_narrows_kraj_okres_orp_obec_without_javascript(client):
    html = client.get("/cs/uzemi/").content.decode()
    assert html.count('<option value="') >= 14 and 'name="okres"' in html
    html = client.get("/cs/uzemi/", {"kraj": 3026}).content.decode()
    assert ">Benešov</option>" in html and ">Brno-město</option>" not in html
    benesov = Okres.objects.get(name="Benešov")
    html = client.get("/cs/uzemi/", {"kraj": 3026, "okres": benesov.code}).content.decode()
    orp_select = html.split('name="orp"')[1].split("</select>")[0]
    assert ">Vlašim</option>" in orp_select and ">Kladno</option>" not in orp_select
    vlasim = Orp.objects.get(name="Vlašim")
    html = client.get("/cs/uzemi/", {"kraj": 3026, "okres": benesov.code, "orp": vlasim.code}).content.decode()
    obec = vlasim.obce.get(name="Vlašim")
    assert f'<option value="{obec.code}">Vlašim</option>' in html
    html = client.get("/cs/uzemi/", {"kraj": 3026, "okres": benesov.code, "orp": vlasim.code,
                                     "obec": obec.code}).content.decode()
    assert "Zvolené místo" in html and f"{obec.population:,}".replace(",", "\xa0") in html


@pytest.mark.parametrize("query", [{"kraj": "abc"}, {"kraj": 3026, "orp": 999999}, {"kraj": 3026, "okres": 3702},
                                   {"obec": "'; DROP TABLE"}])
def test_picker_with_foreign_or_malformed_values_shows_an_error_not_a_500(client, query):
    response = client.get("/cs/uzemi/", query)
    assert response.status_code == 200
    assert "Zvolené místo" not in response.content.decode()


def test_kraj_and_orp_pages(client):
    response = client.get("/cs/uzemi/kraj/3026/")
    assert response.status_code == 301 and response.url == "/cs/uzemi/kraj/3026-stredocesky-kraj/"
    html = client.get(response.url).content.decode()
    assert "Středočeský kraj" in html and "Benešov" in html and "CZ020" in html
    html = client.get("/en/territory/orp/2101-benesov/").content.decode()
    assert "ORP Benešov" in html and "Vlašim" not in html  # Vlašim is an ORP of its own
    assert "Neveklov" in html
    assert client.get("/cs/uzemi/orp/424242/").status_code == 404


def test_territory_pages_run_a_fixed_number_of_queries(client, django_assert_num_queries):
    client.get("/cs/")  # warms the cached region name and demo marker
    with django_assert_num_queries(2):  # the ORP, its obce
        client.get("/cs/uzemi/orp/2101-benesov/")
    with django_assert_num_queries(2):  # the kraj, its ORPs with counts
        client.get("/cs/uzemi/kraj/3026-stredocesky-kraj/")
    with django_assert_num_queries(2):  # the kraje with population, the picker's kraj choices
        client.get("/cs/uzemi/")


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(query=st.dictionaries(st.sampled_from(["kraj", "okres", "orp", "obec"]),
                             st.text(alphabet=st.characters(blacklist_categories=["Cs"], blacklist_characters="\x00"),
                                     max_size=12) | st.integers(-10**12, 10**12).map(str), max_size=4))
def test_picker_never_fails_on_arbitrary_input(client, query):
    assert client.get("/cs/uzemi/", query).status_code == 200


@given(words=st.lists(st.text(alphabet="abcčdeéěhchiřsštuůzž ABCČHŘSŠZŽ", max_size=8), max_size=12))
def test_czech_sort_key_is_a_consistent_order(words):
    once = sorted(words, key=czech_sort_key)
    assert sorted(once, key=czech_sort_key) == once
    for word in words:  # Ch is a letter of its own, between H and I; Č and Š follow C and S
        assert czech_sort_key("h" + word) < czech_sort_key("ch" + word) < czech_sort_key("i" + word)
        assert czech_sort_key("cz" + word) < czech_sort_key("č" + word)
        assert czech_sort_key("sz" + word) < czech_sort_key("š" + word)
