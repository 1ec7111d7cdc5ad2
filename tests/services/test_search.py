"""The public service search (services:index): facets and their counts, places, text, sorting, pages, bad input."""

import datetime as dt
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import escape
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from services import search
from services.cache import bump_generation
from services.models import AgeGroup, Facility, Service, ServiceType, TargetGroup
from territory.models import Kraj, Obec, Okres, Orp
from tests.i18n import english
from tests.services.factories import ProviderFactory, make_service

pytestmark = pytest.mark.django_db

URL = "/cs/sluzby/"
EN = "/en/services/"  # text checks in English: the msgids, whatever the state of the Czech catalogue
KLADNO, BUSTEHRAD, VLASIM, SLANY = 532053, 532169, 530883, 532819  # obce; Buštěhrad lies in ORP Kladno
ORP_KLADNO, ORP_SLANY, ORP_VLASIM = 2109, 2124, 2125
OKRES_KLADNO, OKRES_BENESOV = 40185, 40169
STC, JHC = 3026, 3034  # Středočeský and Jihočeský kraj
TABOR = 552496  # Chýnov, ORP Tábor, Jihočeský kraj
SENIORS, HOMELESS = "CilovaSkupinaOsoby/24", "CilovaSkupinaOsoby/7"
HOME_FOR_ELDERLY, SHELTER, HOME_CARE = "DruhSocialniSluzby/13", "DruhSocialniSluzby/20", "DruhSocialniSluzby/4"

on_postgresql = pytest.mark.skipif(connection.vendor != "postgresql", reason="pg_trgm is PostgreSQL only")


def service(name, *, type_code=HOME_FOR_ELDERLY, obec=KLADNO, **fields):
    return make_service(name=name, service_type=ServiceType.objects.get(code=type_code),
                        obec=Obec.objects.get(pk=obec), **fields)


def found(client, **params) -> list[str]:
    response = client.get(URL, params)
    assert response.status_code == 200
    return [s.name for s in response.context["services"]]


def counts(response, facet) -> dict[str, int]:
    """The count shown next to each value of a facet: {value: count}."""
    facets = response.context["facets"]
    options = facets.places[facet] if facet in ("kraj", "okres", "orp", "obec") else getattr(facets, facet)
    return {option.value: option.count for option in options}


def pk_of(model, code):
    return str(model.objects.get(code=code).pk)


# --- Facets ---------------------------------------------------------------------------------------


def test_it_hides_ended_services_unless_asked(client):
    service("Domov Běžící")
    service("Domov Ukončený", valid_to=timezone.localdate() - dt.timedelta(days=1))
    service("Domov Budoucí", valid_from=timezone.localdate() + dt.timedelta(days=10))
    assert found(client) == ["Domov Běžící"]
    assert set(found(client, ended="on")) == {"Domov Běžící", "Domov Ukončený", "Domov Budoucí"}


def test_it_filters_by_group_and_type_by_id_or_code(client):
    service("Domov Na Výsluní")
    service("Azylový dům Kladno", type_code=SHELTER)
    service("Pečovatelská služba Kladno", type_code=HOME_CARE, forms=("ter",))
    assert found(client, group="prevence") == ["Azylový dům Kladno"]
    assert found(client, group="pece") == ["Domov Na Výsluní", "Pečovatelská služba Kladno"]
    assert found(client, type=pk_of(ServiceType, SHELTER)) == ["Azylový dům Kladno"]
    assert found(client, type=[SHELTER, HOME_CARE]) == ["Azylový dům Kladno", "Pečovatelská služba Kladno"]


def test_it_filters_by_form_target_group_and_age_group(client):
    home = service("Domov Na Výsluní", forms=("pob",), target_groups=(SENIORS,))
    service("Terénní program Kladno", forms=("ter", "amb"), target_groups=(HOMELESS,))
    home.age_groups.set(AgeGroup.objects.filter(code="VekovaSkupinaOsoby/11"))
    assert found(client, form="pob") == ["Domov Na Výsluní"]
    assert found(client, form=["amb", "pob"]) == ["Domov Na Výsluní", "Terénní program Kladno"]
    assert found(client, target=pk_of(TargetGroup, HOMELESS)) == ["Terénní program Kladno"]
    assert found(client, target=SENIORS) == ["Domov Na Výsluní"]
    assert found(client, age=pk_of(AgeGroup, "VekovaSkupinaOsoby/11")) == ["Domov Na Výsluní"]
    assert found(client, age=pk_of(AgeGroup, "VekovaSkupinaOsoby/1")) == []


def test_facets_combine_with_and_between_and_or_within(client):
    service("Domov A", forms=("pob",), target_groups=(SENIORS,))
    service("Domov B", forms=("amb",), target_groups=(SENIORS,))
    service("Domov C", forms=("pob",), target_groups=(HOMELESS,))
    assert found(client, form="pob", target=SENIORS) == ["Domov A"]
    assert found(client, form=["pob", "amb"], target=SENIORS) == ["Domov A", "Domov B"]


def test_free_places_filter_ignores_outdated_and_missing_reports(client):
    today = timezone.localdate()
    service("Domov Volný", free_places=3, as_of=today)
    service("Domov Plný", free_places=0, as_of=today)
    service("Domov Zastaralý", free_places=5, as_of=today - dt.timedelta(days=60))
    service("Domov Nehlásí")
    assert found(client, free="on") == ["Domov Volný"]


# --- Places ---------------------------------------------------------------------------------------


def test_a_service_matches_a_place_where_it_has_a_facility_or_which_it_serves(client):
    service("Domov v Kladně", obec=KLADNO)
    service("Domov v Buštěhradu", obec=BUSTEHRAD)
    service("Domov ve Slaném", obec=SLANY)
    service("Pomoc pro ORP Kladno", obec=VLASIM).served_orps.add(Orp.objects.get(pk=ORP_KLADNO))
    service("Pomoc pro Buštěhrad", obec=VLASIM).served_obce.add(Obec.objects.get(pk=BUSTEHRAD))
    service("Pomoc pro celý kraj", obec=TABOR).served_kraje.add(Kraj.objects.get(pk=STC))
    service("Domov na jihu", obec=TABOR)

    in_orp = ["Domov v Buštěhradu", "Domov v Kladně", "Pomoc pro Buštěhrad", "Pomoc pro celý kraj",
              "Pomoc pro ORP Kladno"]
    assert found(client, kraj=STC, orp=ORP_KLADNO) == in_orp
    assert found(client, kraj=STC, okres=OKRES_KLADNO, orp=ORP_KLADNO, obec=BUSTEHRAD) == [
        "Domov v Buštěhradu", "Pomoc pro Buštěhrad", "Pomoc pro celý kraj", "Pomoc pro ORP Kladno"]
    assert found(client, kraj=STC, orp=ORP_KLADNO, obec=KLADNO) == [
        "Domov v Kladně", "Pomoc pro celý kraj", "Pomoc pro ORP Kladno"]
    assert found(client, kraj=STC, okres=OKRES_KLADNO) == [*in_orp[:2], "Domov ve Slaném", *in_orp[2:]]
    assert found(client, kraj=JHC) == ["Domov na jihu", "Pomoc pro celý kraj"]
    assert len(found(client, kraj=STC)) == 6


@pytest.mark.parametrize("level, code", [("kraj", STC), ("kraj", JHC), ("okres", OKRES_KLADNO),
                                         ("okres", OKRES_BENESOV), ("orp", ORP_KLADNO), ("orp", ORP_SLANY),
                                         ("obec", KLADNO), ("obec", BUSTEHRAD)])
def test_search_places_agree_with_in_area(level, code):
    """The search filters and counts by services/search.py's table of sources; in_area() is the model's rule."""
    service("Domov v Kladně", obec=KLADNO)
    service("Domov ve Slaném", obec=SLANY).served_obce.add(Obec.objects.get(pk=BUSTEHRAD))
    service("Pomoc pro ORP Kladno", obec=VLASIM).served_orps.add(Orp.objects.get(pk=ORP_KLADNO))
    service("Pomoc pro celý kraj", obec=TABOR).served_kraje.add(Kraj.objects.get(pk=STC))
    service("Domov na jihu", obec=TABOR)
    unit = {"kraj": Kraj, "okres": Okres, "orp": Orp, "obec": Obec}[level].objects.get(pk=code)
    expected = set(Service.objects.in_area(**{level: unit}).values_list("name", flat=True))
    assert set(Service.objects.filter(search.area_condition(level, code)).values_list("name", flat=True)) == expected


def test_place_counts_follow_the_same_rules(client):
    service("Domov v Kladně", obec=KLADNO)
    service("Domov ve Slaném", obec=SLANY).served_orps.add(Orp.objects.get(pk=ORP_KLADNO))
    service("Pomoc pro celý kraj", obec=TABOR).served_kraje.add(Kraj.objects.get(pk=STC))
    response = client.get(URL, {"kraj": STC})
    assert counts(response, "kraj")[str(STC)] == 3 and counts(response, "kraj")[str(JHC)] == 1
    orps = counts(response, "orp")
    assert orps[str(ORP_KLADNO)] == 3 and orps[str(ORP_SLANY)] == 2 and orps[str(ORP_VLASIM)] == 1
    assert counts(response, "okres")[str(OKRES_KLADNO)] == 3
    obce = counts(client.get(URL, {"kraj": STC, "orp": ORP_KLADNO}), "obec")
    assert obce[str(KLADNO)] == 3 and obce[str(BUSTEHRAD)] == 2


def test_a_place_alone_in_the_link_fills_in_the_levels_above(client):
    service("Domov v Kladně")
    response = client.get(URL, {"orp": ORP_KLADNO})
    assert [s.name for s in response.context["services"]] == ["Domov v Kladně"]
    html = response.content.decode()
    assert f'<option value="{STC}" selected>' in html and f'<option value="{ORP_KLADNO}" selected>' in html
    assert 'name="obec"' in html  # the obce of the ORP are offered now


def test_a_place_outside_the_newly_chosen_kraj_is_dropped(client):
    """Without JavaScript the old ORP stays selected when someone changes the kraj and submits."""
    service("Domov v Kladně")
    service("Domov na jihu", obec=TABOR)
    response = client.get(URL, {"kraj": JHC, "orp": ORP_KLADNO, "obec": KLADNO})
    assert [s.name for s in response.context["services"]] == ["Domov na jihu"]
    assert not response.context["form"].errors
    assert f'value="{ORP_KLADNO}" selected' not in response.content.decode()


@pytest.mark.parametrize("params, field", [({"kraj": 999}, "kraj"), ({"kraj": STC, "orp": 424242}, "orp"),
                                           ({"obec": 1}, "obec"), ({"kraj": "Středočeský"}, "kraj"),
                                           ({"type": "DruhSocialniSluzby/999"}, "type"), ({"sort": "price"}, "sort"),
                                           ({"group": "zdravotni"}, "group"), ({"age": "-1"}, "age")])
def test_an_unknown_value_is_a_form_error_and_the_other_filters_still_apply(client, params, field):
    service("Domov Na Výsluní", forms=("pob",))
    service("Terénní program", forms=("ter",))
    response = client.get(URL, {**params, "form": "pob"})
    assert response.status_code == 200
    assert field in response.context["form"].errors
    html = response.content.decode()
    assert 'class="error-summary"' in html and f'href="#id_{field}"' in html
    assert [s.name for s in response.context["services"]] == ["Domov Na Výsluní"]


# --- Text -----------------------------------------------------------------------------------------


def test_text_search_ignores_diacritics_and_case(client):
    service("Azylový dům Kladno", type_code=SHELTER)
    service("Domov pro seniory Kladno")
    service("Domov se zvláštním režimem Slaný", type_code="DruhSocialniSluzby/14", obec=SLANY,
            description="Pro lidi s demencí.")
    assert found(client, q="azylovy dum") == ["Azylový dům Kladno"]
    assert found(client, q="AZYLOVÝ DŮM") == ["Azylový dům Kladno"]
    assert found(client, q="domov pro seniory") == ["Domov pro seniory Kladno"]
    assert found(client, q="zvlastnim rezimem") == ["Domov se zvláštním režimem Slaný"]
    assert found(client, q="domov kladno") == ["Domov pro seniory Kladno"]  # every word must match
    assert found(client, q="nemocnice") == []


def test_text_search_covers_provider_facility_and_description(client):
    service("Domov A", provider=ProviderFactory(name="Diakonie ČCE – středisko Kladno"))
    home = service("Domov B", description="Pomáháme lidem s Alzheimerovou nemocí.")
    Facility.objects.create(service=home, name="Vila Třešňovka", obec=Obec.objects.get(pk=SLANY))
    home.update_search_text()
    assert found(client, q="diakonie") == ["Domov A"]
    assert found(client, q="alzheimerovou") == ["Domov B"]
    assert found(client, q="tresnovka") == ["Domov B"]


@on_postgresql
def test_text_search_tolerates_a_typo_on_postgresql(client):
    service("Domov pro seniory Kladno")
    service("Azylový dům Kladno", type_code=SHELTER)
    assert found(client, q="domov pro senjory") == ["Domov pro seniory Kladno"]
    assert found(client, q="azilovy dum") == ["Azylový dům Kladno"]


@on_postgresql
def test_relevance_puts_name_matches_first(client):
    service("Centrum Kladno", description="Poradíme, jak vybrat domov pro seniory.")
    service("Domov pro seniory Slaný", obec=SLANY)
    assert found(client, q="domov pro seniory") == ["Domov pro seniory Slaný", "Centrum Kladno"]
    assert found(client, q="domov pro seniory", sort="name") == ["Centrum Kladno", "Domov pro seniory Slaný"]


def test_a_query_naming_a_service_type_ranks_services_of_that_type_first(client):
    service("Aktivizační centrum Kladno", type_code="DruhSocialniSluzby/29",
            description="Pomůžeme vybrat domov pro seniory a vyřídit žádost.")
    service("Domov Slunce", obec=SLANY)  # a home for the elderly whose name does not say so
    assert found(client, q="domov pro seniory") == ["Domov Slunce", "Aktivizační centrum Kladno"]


def test_the_filters_in_effect_are_removable_chips(client):
    service("Domov pro seniory Kladno", free_places=2)
    response = client.get(english(URL), {"q": "domov", "kraj": 3026, "orp": 2109,
                                                          "type": "DruhSocialniSluzby/13", "free": "on", "page": 1})
    chips = {chip.label: chip.remove_query for chip in response.context["active_filters"]}
    assert set(chips) == {"Text “domov”", "Kraj: Středočeský kraj", "ORP: Kladno", "homes for the elderly",
                          "Only with free places now"}
    # Removing the kraj removes the ORP within it too; removing one value keeps the rest; no page number.
    assert "kraj" not in chips["Kraj: Středočeský kraj"] and "orp" not in chips["Kraj: Středočeský kraj"]
    assert "q=domov" in chips["Kraj: Středočeský kraj"] and "page" not in chips["ORP: Kladno"]
    assert "kraj=3026" in chips["ORP: Kladno"] and "orp=" not in chips["ORP: Kladno"]
    html = response.content.decode()
    assert "Filters (5 active)" in html
    assert f'href="?{escape(chips["Only with free places now"])}#results"' in html


def test_a_long_query_is_cut_not_refused(client):
    service("Domov pro seniory Kladno")
    response = client.get(URL, {"q": "domov " + "x" * 10_000})
    assert response.status_code == 200 and not response.context["form"].errors
    assert len(response.context["form"].data["q"]) == 200
    assert found(client, q="domov " * 2000) == ["Domov pro seniory Kladno"]


# --- Sorting, counts, pages -----------------------------------------------------------------------


def test_names_sort_in_czech_order(client):
    for name in ["Ivančice", "Chotěboř", "Hořice", "Čáslav", "Cvikov", "Řevnice", "Rakovník", "Žatec", "Zlín"]:
        service(f"{name} – domov")
    assert found(client) == [f"{name} – domov" for name in [
        "Cvikov", "Čáslav", "Hořice", "Chotěboř", "Ivančice", "Rakovník", "Řevnice", "Zlín", "Žatec"]]


def test_sort_by_free_places_and_by_update(client):
    today = timezone.localdate()
    few = service("Domov A", free_places=1, as_of=today)
    service("Domov B", free_places=9, as_of=today - dt.timedelta(days=90))  # outdated: counts as unknown
    service("Domov C", free_places=4, as_of=today)
    service("Domov D")
    assert found(client, sort="free") == ["Domov C", "Domov A", "Domov B", "Domov D"]
    Service.objects.filter(pk=few.pk).update(updated_at=timezone.now() + dt.timedelta(hours=1))
    bump_generation()  # update() sends no signal: a bulk writer bumps the registry itself (services/cache.py)
    assert found(client, sort="updated")[0] == "Domov A"


def test_every_facet_counts_its_values_with_the_other_filters(client):
    service("Domov A", forms=("pob",), target_groups=(SENIORS,))
    service("Domov B", forms=("pob", "amb"), target_groups=(SENIORS, HOMELESS))
    service("Azylový dům", type_code=SHELTER, forms=("pob",), target_groups=(HOMELESS,))
    service("Pečovatelská služba", type_code=HOME_CARE, forms=("ter",), target_groups=(SENIORS,),
            free_places=2, as_of=timezone.localdate())
    service("Domov ukončený", valid_to=timezone.localdate() - dt.timedelta(days=1))

    response = client.get(URL, {"form": "pob", "target": SENIORS})
    assert [s.name for s in response.context["services"]] == ["Domov A", "Domov B"]
    # The form facet counts with the target group applied, but not with the form itself.
    assert counts(response, "form") == {"amb": 1, "pob": 2, "ter": 1}
    # The target facet counts with the form applied, but not with the target group itself.
    target = counts(response, "target")
    assert target[pk_of(TargetGroup, SENIORS)] == 2 and target[pk_of(TargetGroup, HOMELESS)] == 2
    assert target[pk_of(TargetGroup, "CilovaSkupinaOsoby/1")] == 0  # values without results are still shown
    types = counts(response, "type")
    assert types[pk_of(ServiceType, HOME_FOR_ELDERLY)] == 2 and types[pk_of(ServiceType, SHELTER)] == 0
    assert counts(response, "group") == {"": 2, "poradenstvi": 0, "pece": 2, "prevence": 0}
    html = response.content.decode()
    assert re.search(r'name="free"[^>]*><label for="id_free">[^<]*<span class="facet-count">\(0\)', html)
    assert re.search(r'<label for="id_ended">[^<]*<span class="facet-count">\(2\)', html)

    response = client.get(URL, {"group": "pece"})
    types = counts(response, "type")
    assert types[pk_of(ServiceType, HOME_CARE)] == 1 and types[pk_of(ServiceType, SHELTER)] == 0
    assert counts(response, "group") == {"": 4, "poradenstvi": 0, "pece": 3, "prevence": 1}
    assert 'class="facet-count">(1)</span>' in response.content.decode()  # "only with free places (1)"


def test_results_header_and_card(client):
    today = timezone.localdate()
    service("Domov Na Výsluní", forms=("pob", "amb"), target_groups=(SENIORS,), free_places=3, as_of=today)
    service("Domov Zastaralý", free_places=5, as_of=today - dt.timedelta(days=60))
    service("Domov Nehlásí", obec=SLANY)
    html = client.get(EN).content.decode()
    assert re.search(r'<div role="status">\s*<h2 id="results-heading">3 services found</h2>', html)
    cards = html.split('class="service-card"')[1:]
    home = Service.objects.get(name="Domov Na Výsluní")
    assert f'<a href="{home.get_absolute_url()}">Domov Na Výsluní</a>' in cards[0]
    for text in ["homes for the elderly", "Charita vzorová", "Kladno", "outpatient", "residential", "seniors",
                 f"3 as of {date_format(today)}"]:
        assert text in cards[0]
    assert "Slaný" in cards[1] and "not reported" in cards[1]
    assert "5 as of" in cards[2] and "outdated" in cards[2]


def test_a_secret_address_is_never_shown(client):
    shelter = service("Azylový dům pro matky", type_code=SHELTER)
    Facility.objects.filter(service=shelter).update(address="Tajná 5", address_hidden=True)
    for view in ("list", "map"):
        html = client.get(URL, {"view": view}).content.decode()
        assert "Azylový dům pro matky" in html and "Tajná 5" not in html


def test_pagination_keeps_every_other_parameter(client):
    for number in range(25):
        service(f"Domov {number:02d}", forms=("pob",))
    response = client.get(URL, {"q": "domov", "form": "pob", "kraj": STC, "sort": "name", "page": 2})
    assert [s.name for s in response.context["services"]] == [f"Domov {n}" for n in range(20, 25)]
    html = response.content.decode()
    assert 'href="?q=domov&amp;form=pob&amp;kraj=3026&amp;sort=name&amp;page=1"' in html
    assert 'aria-current="page"><span class="visually-hidden">' in html
    assert 'href="?q=domov&amp;form=pob&amp;kraj=3026&amp;sort=name&amp;view=map"' in html
    # A page past the end shows the last one; nonsense shows the first.
    assert [s.name for s in client.get(URL, {"page": 10**30}).context["services"]][0] == "Domov 20"
    assert [s.name for s in client.get(URL, {"page": "abc"}).context["services"]][0] == "Domov 00"


def test_map_view_lists_facilities_and_says_which_have_no_location(client, settings):
    settings.MAP_TILES_URL = "https://tiles.example.cz/{z}/{x}/{y}.png"
    located = service("Domov s polohou")
    Facility.objects.filter(service=located).update(latitude="50.147300", longitude="14.102800")
    service("Domov bez polohy", obec=SLANY)
    html = client.get(EN, {"view": "map"}).content.decode()
    assert 'data-tiles-url="https://tiles.example.cz/{z}/{x}/{y}.png"' in html
    assert 'data-lat="50.147300" data-lng="14.102800"' in html
    assert "Vzorová 1" in html  # the address, readable without JavaScript
    assert "1 service on this page has no location" in html
    unlocated = re.search(r'<ul class="map-unlocated">(.*?)</ul>', html, re.DOTALL).group(1)
    assert unlocated.count("<li>") == 1 and "Domov bez polohy" in unlocated
    assert re.search(r'<script src="/static/vendor/leaflet/leaflet\.[0-9a-f]+\.js" defer>', html)
    assert "<script>" not in html and "style=" not in html
    list_html = client.get(URL).content.decode()
    assert "leaflet" not in list_html


def test_english_page(client):
    service("Domov Na Výsluní", target_groups=(SENIORS,))
    html = client.get(EN).content.decode()
    assert "1 service found" in html and "seniors" in html and "homes for the elderly" in html


# --- Robustness and cost --------------------------------------------------------------------------

PARAMETERS = ["q", "group", "type", "form", "target", "age", "kraj", "okres", "orp", "obec", "free", "ended",
              "sort", "page", "view"]
VALUES = (st.text(alphabet=st.characters(exclude_categories=["Cs"]), max_size=30)
          | st.integers(-10**20, 10**20).map(str)
          | st.sampled_from(["on", "3026", "2109", "532053", "DruhSocialniSluzby/13", "pob", "pece", "free",
                             "relevance", "1e9", "0x10", "NaN", "Infinity", "-0", "\x00", "ЖЖ ᏣᎳᎩ 日本 🙂",
                             "' OR 1=1 --", "%", "_", "a" * 10_000]))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(query=st.dictionaries(st.sampled_from(PARAMETERS), st.lists(VALUES, min_size=1, max_size=3), max_size=6))
def test_search_never_fails_on_arbitrary_input(client, query):
    nul = any("\x00" in name or any("\x00" in value for value in values) for name, values in query.items())
    # A NUL byte is refused for the whole portal (core.middleware.RejectNulBytesMiddleware).
    assert client.get(URL, query).status_code == (400 if nul else 200)


@pytest.mark.parametrize("count", [5, 30])
def test_search_runs_a_fixed_number_of_queries(client, django_assert_num_queries, count):
    for number in range(count):
        home = service(f"Domov {number}", forms=("pob", "amb"), target_groups=(SENIORS, HOMELESS),
                       free_places=number % 4, as_of=timezone.localdate())
        home.age_groups.set(AgeGroup.objects.filter(code="VekovaSkupinaOsoby/11"))
    # "dom": a word too short for the near-miss lookup, so PostgreSQL and SQLite ask the same.
    everything = {"q": "dom", "group": "pece", "type": HOME_FOR_ELDERLY, "form": "pob", "target": SENIORS,
                  "age": "VekovaSkupinaOsoby/11", "kraj": STC, "okres": OKRES_KLADNO, "orp": ORP_KLADNO,
                  "obec": KLADNO, "free": "on", "sort": "free"}
    # Builds the facet index and the guide's; warms the codelists, region name and demo marker.
    client.get(URL, {"q": "pomoc", "view": "map"})
    # A combination nobody asked for: the place (1), the text's matches (1), the services of the page with
    # their target groups, forms and facilities (4). The counts come from the index: no query.
    with django_assert_num_queries(6):
        response = client.get(URL, everything)
    assert len(response.context["services"]) == min(Service.objects.with_free_places().count(), 20)
    # The same search again: the place; the counts, the matches and the cards of the page are remembered.
    with django_assert_num_queries(1):
        client.get(URL, {**everything, "page": 1})
    # The map reads the services of the page with their facilities; without a place there is none to look up.
    with django_assert_num_queries(4):
        client.get(URL, {"view": "map"})


@pytest.fixture
def django_settings(request):
    """pytest-django's `settings` (this module's `settings` is hypothesis's)."""
    return request.getfixturevalue("settings")


def test_a_repeated_search_reuses_the_facet_counts_until_the_data_change(client, verified_user):
    """Signed-in people get a freshly assembled page, but what depends only on the registry (the counts, the
    filter column, the text's matches, the cards) comes from the facet index, until a write changes the
    registry's generation: another combination of filters over services already shown, and the same search
    again, ask only for the session and the person."""
    for number in range(3):
        service(f"Domov {number}", forms=("pob", "amb"), target_groups=(SENIORS,), free_places=number)
    client.force_login(verified_user)
    query = {"q": "domov", "form": "pob", "kraj": STC, "free": "on"}
    client.get(URL, {**query, "form": "amb"})  # builds the index, warms the codelists, words, region's name
    with CaptureQueriesContext(connection) as first_run:
        first = client.get(URL, query)
    with CaptureQueriesContext(connection) as second_run:
        second = client.get(URL, {**query, "page": 1})  # the same search, another address
    assert len(first_run) == len(second_run) == 2
    assert second.context["facets"] == first.context["facets"]
    assert counts(second, "form") == {"pob": 2, "amb": 2, "ter": 0}

    service("Domov Nový", forms=("pob",), free_places=5)
    fresh = client.get(URL, query)
    assert fresh.context["facets"].total == first.context["facets"].total + 1
    assert counts(fresh, "form")["pob"] == 3
    assert "Domov Nový" in fresh.content.decode()


def test_facet_counts_do_not_depend_on_the_page_cache(client, verified_user, django_settings):
    """The index follows the registry's generations, which are kept whether pages are cached or not."""
    django_settings.REGISTRY_PAGE_CACHE_SECONDS = 0
    service("Domov Alfa", forms=("pob",))
    client.force_login(verified_user)
    assert client.get(URL, {"form": "pob"}).context["facets"].total == 1
    service("Domov Beta", forms=("pob",))
    assert client.get(URL, {"form": "pob"}).context["facets"].total == 2
