"""The questionnaire's results: the kinds of help that fit, each with the services near the place, free places
first, then nearness, then fit; nothing about the visitor is stored."""

import datetime as dt
from urllib.parse import parse_qs, urlsplit

import pytest
from django.apps import apps
from django.utils import timezone

from services.models import AgeGroup, ServiceType, TargetGroup
from tests.guide.factories import (
    BUSTEHRAD,
    CARE_HOME,
    HOME_CARE,
    KLADNO,
    PARENT_ALONE,
    SLANY,
    TABOR,
    VLASIM,
    service,
)

pytestmark = pytest.mark.django_db

URL = f"/en/life-situations/{PARENT_ALONE}/help-nearby/"


@pytest.fixture
def registry(db):
    today = timezone.localdate()
    return {
        "slany": service("Pečovatelská služba Slaný", obec=SLANY, forms=("ter",), unit="klient", free_places=2,
                         as_of=today),
        "kladno": service("Pečovatelská služba Kladno", obec=KLADNO, forms=("ter",), unit="klient", free_places=0,
                          as_of=today),
        "bustehrad": service("Pečovatelská služba Buštěhrad", obec=BUSTEHRAD, forms=("ter",), unit="klient",
                             free_places=3, as_of=today - dt.timedelta(days=90)),
        "vlasim": service("Pečovatelská služba Vlašim", obec=VLASIM, forms=("ter",), unit="klient", free_places=1,
                          as_of=today),
        "tabor": service("Pečovatelská služba Tábor", obec=TABOR, forms=("ter",), unit="klient", free_places=5,
                         as_of=today),
        "home": service("Domov pro seniory Kladno", type_code=CARE_HOME, obec=KLADNO, free_places=1, as_of=today),
    }


def section(response, code):
    service_type = ServiceType.objects.get(code=code)
    return next(s for s in response.context["sections"] if s["fit"].service_type_id == service_type.pk)


def test_services_with_free_places_come_first_then_the_nearest(client, registry):
    response = client.get(URL, {"obec": KLADNO})
    assert response.status_code == 200
    home_care = section(response, HOME_CARE)
    # Free now: Slaný (okres Kladno) before Vlašim (elsewhere in the kraj); then without free places: Kladno
    # itself before Buštěhrad (its report is outdated, so it does not count as free).
    assert [s.name for s in home_care["services"]] == [
        "Pečovatelská služba Slaný", "Pečovatelská služba Vlašim", "Pečovatelská služba Kladno",
        "Pečovatelská služba Buštěhrad"]
    assert (home_care["total"], home_care["free"]) == (4, 2)
    assert [s.nearness_label for s in home_care["services"]] == ["okres", "kraj", "here", "orp"]
    html = response.content.decode()
    assert "Pečovatelská služba Tábor" not in html  # another kraj
    assert "outdated" in html and "free now" in html
    assert "2 of 4 services in the kraj have free places now." in html
    assert section(response, CARE_HOME)["services"] == [registry["home"]]


def test_fit_decides_between_equally_free_and_near_services(client, registry):
    seniors_80 = AgeGroup.objects.get(code="VekovaSkupinaOsoby/11")
    children = AgeGroup.objects.get(code="VekovaSkupinaOsoby/5")
    near = [service("Pečovatelská služba Alfa Kladno", obec=KLADNO, free_places=1),
            service("Pečovatelská služba Beta Kladno", obec=KLADNO, free_places=1)]
    near[0].age_groups.set([children])
    near[1].age_groups.set([seniors_80])
    near[1].target_groups.set([TargetGroup.objects.get(code="CilovaSkupinaOsoby/24")])
    names = [s.name for s in section(client.get(URL, {"obec": KLADNO, "age": "old"}), HOME_CARE)["services"]]
    assert names.index("Pečovatelská služba Beta Kladno") < names.index("Pečovatelská služba Alfa Kladno")


def test_a_typed_place_without_diacritics_is_found(client, registry):
    response = client.get(URL, {"place": "slany"})
    assert response.context["place"].code == SLANY
    assert section(response, HOME_CARE)["services"][0].name == "Pečovatelská služba Slaný"


def test_an_orp_works_as_the_place(client, registry):
    response = client.get(URL, {"orp": 2109})
    assert response.context["place"].level == "orp"
    assert section(response, HOME_CARE)["services"][0].name == "Pečovatelská služba Slaný"


def test_an_ambiguous_name_asks_which_place(client):
    response = client.get(URL, {"place": "Lhota"})
    html = response.content.decode()
    assert response.status_code == 200 and response.context["place"] is None
    assert "Which place do you mean?" in html and html.count("obec=") >= 2


@pytest.mark.parametrize("params", [{"place": "Atlantida"}, {"obec": "abc"}, {"obec": "99999999999"},
                                    {"age": "ancient"}, {"need": "x"}, {"who": "<script>"}])
def test_answers_that_cannot_be_understood_are_a_clear_400(client, params):
    response = client.get(URL, params)
    assert response.status_code == 400
    assert b"Please correct the following" in response.content
    assert b"<script>" not in response.content.split(b"<main", 1)[1].split(b"</main>", 1)[0]


def test_without_a_place_the_kinds_of_help_are_explained_and_a_place_is_asked_for(client, registry):
    response = client.get(URL)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Tell us where the person lives" in html
    assert "A care worker comes to the home" in html
    assert all(not s["services"] for s in response.context["sections"])


def test_the_most_urgent_need_goes_first(client, registry):
    care_home = ServiceType.objects.get(code=CARE_HOME)
    response = client.get(URL, {"obec": KLADNO, "need": care_home.pk})
    assert response.context["sections"][0]["fit"].service_type == care_home


def test_the_registry_link_has_the_same_filters_and_finds_the_services(client, registry):
    response = client.get(URL, {"obec": KLADNO})
    link = section(response, HOME_CARE)["registry_url"]
    query = parse_qs(urlsplit(link).query)
    assert query["obec"] == [str(KLADNO)] and query["sort"] == ["free"]
    assert query["type"] == [str(ServiceType.objects.get(code=HOME_CARE).pk)]
    found = client.get(link)
    assert found.status_code == 200 and not found.context["form"].errors
    assert "Pečovatelská služba Kladno" in [s.name for s in found.context["services"]]
    everything = parse_qs(urlsplit(response.context["registry_url"]).query)
    assert len(everything["type"]) == len(response.context["sections"])


def _row_counts():
    return {model._meta.label: model._default_manager.count() for model in apps.get_models()
            if not model._meta.proxy}


def test_the_answers_are_stored_nowhere(client, registry):
    before = _row_counts()
    response = client.get(URL, {"who": "relative", "age": "old", "place": "Kladno", "need": ""})
    assert response.status_code == 200
    assert _row_counts() == before
    assert not response.cookies and "sessionid" not in client.cookies


def test_the_results_page_runs_a_fixed_number_of_queries(client, registry, django_assert_num_queries):
    params = {"obec": KLADNO, "age": "old", "who": "relative"}
    client.get(URL, params)  # warms the cached codelists
    # Situation with its group, fits, contacts and related (4); the obec (1); the ranked services and their
    # facilities (2).
    with django_assert_num_queries(7):
        response = client.get(URL, params)
    assert len(section(response, HOME_CARE)["services"]) == 4
    for index in range(8):
        service(f"Pečovatelská služba {index}", obec=KLADNO, free_places=index)
    with django_assert_num_queries(7):
        response = client.get(URL, params)
    assert len(section(response, HOME_CARE)["services"]) == 5  # five per type


def test_the_page_prints(client, registry):
    html = client.get(URL, {"obec": KLADNO}).content.decode()
    assert "/static/css/guide.css" in html or "guide." in html
    assert "Print this list" in html


def test_the_form_shows_the_place_as_understood(client, registry):
    html = client.get(URL, {"obec": KLADNO}).content.decode()
    assert 'name="place" value="Kladno"' in html and f'name="obec" value="{KLADNO}"' in html
    html = client.get(URL, {"place": "slany", "obec": KLADNO}).content.decode()  # the typed name wins
    assert 'name="place" value="Slaný"' in html and f'name="obec" value="{SLANY}"' in html
