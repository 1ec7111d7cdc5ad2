"""Capacity overview (by kraj, by ORP, by type), ORP profile and the CSV/XLSX downloads."""

import csv
import datetime as dt
import io

import pytest
from django.utils import timezone
from openpyxl import load_workbook

from services.models import NetworkTarget, ServiceType
from territory.models import Obec, Orp
from tests.services.factories import make_service

pytestmark = pytest.mark.django_db

KLADNO_OBEC = 532053


@pytest.fixture
def home_type():
    return ServiceType.objects.get(code="DruhSocialniSluzby/13")  # domovy pro seniory


@pytest.fixture
def registry(home_type):
    """Two homes in ORP Kladno (30 + 50 beds), one in Beroun (40 beds, outdated report), one in Brno, one ended."""
    kladno = Obec.objects.get(pk=KLADNO_OBEC)
    beroun = Obec.objects.get(name="Beroun")
    brno = Obec.objects.get(name="Brno")
    today = timezone.localdate()
    return {
        "a": make_service(name="Domov Alfa", obec=kladno, capacity=30, free_places=2, waiting_list=40),
        "b": make_service(name="Domov Beta", obec=kladno, capacity=50, free_places=1),
        "c": make_service(name="Domov Gama", obec=beroun, capacity=40, free_places=5,
                          as_of=today - dt.timedelta(days=90)),
        "d": make_service(name="Domov Brno", obec=brno, capacity=70),
        "ended": make_service(name="Domov Zavřený", obec=kladno, capacity=999,
                              valid_to=today - dt.timedelta(days=10)),
        "pa": make_service(name="Osobní asistence Kladno", obec=kladno, forms=("ter",), unit="klient", capacity=12,
                           service_type=ServiceType.objects.get(code="DruhSocialniSluzby/3")),
    }


def row(table, label):
    return next(r for r in table if r[0] == label)


def test_overview_opens_on_the_portals_kraj_with_the_whole_country_one_click_away(client, registry):
    html = client.get("/en/capacities/").content.decode()
    assert "<h1>Capacities of social services: Středočeský kraj</h1>" in html
    assert ">Kladno</a></th>" in html and ">Jihomoravský kraj</a></th>" not in html  # ORP rows, not kraje
    assert 'href="/en/capacities/?kraj=">The whole Czech Republic' in html
    country = client.get("/en/capacities/", {"kraj": ""}).content.decode()
    assert "Středočeský kraj" in country and "Jihomoravský kraj" in country


def test_overview_by_kraj_counts_each_service_once_and_skips_ended(client, registry):
    html = client.get("/en/capacities/", {"kraj": ""}).content.decode()
    assert "Středočeský kraj" in html and "Jihomoravský kraj" in html
    response = client.get("/en/capacities/export.csv", {"kraj": ""})
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    header = rows[0]
    stc = row([r[1:] for r in rows if r[0] == "Territory"], "Středočeský kraj")
    assert stc[2] == "4"  # services: Alfa, Beta, Gama, personal assistance (the ended one is not counted)
    beds = header.index("beds: registered") - 1
    assert stc[beds] == "120"  # 30 + 50 + 40
    assert stc[beds + 1] == "3"  # free now: Beroun's report is outdated
    jhm = row([r[1:] for r in rows if r[0] == "Territory"], "Jihomoravský kraj")
    assert jhm[beds] == "70" and jhm[beds + 1] == ""


def test_drill_down_to_orps_of_a_kraj(client, registry):
    html = client.get("/cs/kapacity/", {"kraj": 3026}).content.decode()
    assert "Podle ORP" in html or "By ORP" in html
    assert "Kladno" in html and "Beroun" in html and "Brno" not in html
    assert 'href="/cs/kapacity/orp/2109-kladno/"' in html


def test_per_thousand_and_coverage_against_the_target(client, registry, home_type, coordinator):
    kladno = Orp.objects.get(pk=2109)
    NetworkTarget.objects.create(orp=kladno, service_type=home_type, unit="luzka", target=100, set_by=coordinator)
    response = client.get("/en/capacities/export.csv", {"kraj": 3026, "type": home_type.pk})
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    header = rows[0]
    line = row([r[1:] for r in rows if r[0] == "Territory"], "Kladno")
    offset = header.index("beds: registered") - 1
    population = int(line[1])
    assert line[offset] == "80"
    assert float(line[offset + 2]) == pytest.approx(round(80 * 1000 / population, 2))
    assert line[offset + 3] == "100" and line[offset + 4] == "80.00"
    html = client.get("/en/capacities/", {"kraj": 3026, "type": home_type.pk}).content.decode()
    assert "80 %" in html and "below target" in html


def test_filters_by_form_and_group(client, registry):
    response = client.get("/en/capacities/export.csv", {"kraj": 3026, "form": "ter"})
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert "beds: registered" not in rows[0] and "clients: registered" in rows[0]
    kladno = row([r[1:] for r in rows if r[0] == "Territory"], "Kladno")
    assert kladno[2] == "1"


@pytest.mark.parametrize("query", [{"kraj": "abc"}, {"kraj": 3026, "okres": 40000}, {"type": "999999"},
                                   {"form": "x" * 5000}, {"kraj": 3026, "okres": 40703}])
def test_bad_filters_are_reported_not_500(client, registry, query):
    response = client.get("/cs/kapacity/", query)
    assert response.status_code == 200
    assert 'class="error-summary"' in response.content.decode()
    assert client.get("/cs/kapacity/export.csv", query).status_code == 200


def test_xlsx_download_has_the_same_numbers(client, registry):
    response = client.get("/cs/kapacity/export.xlsx", {"kraj": 3026})
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert 'filename="kapacity-' in response["Content-Disposition"]
    sheet = load_workbook(io.BytesIO(response.content)).active
    values = [[cell.value for cell in r] for r in sheet.iter_rows()]
    kladno = next(r for r in values if r[1] == "Kladno")
    assert kladno[3] == 3  # Alfa, Beta, personal assistance
    assert client.get("/cs/kapacity/export.pdf").status_code == 404


def test_czech_csv_uses_decimal_commas(client, registry):
    body = client.get("/cs/kapacity/export.csv", {"kraj": 3026}).content.decode("utf-8-sig")
    kladno = next(line for line in body.splitlines() if ";Kladno;" in line)
    assert "," in kladno.split(";")[6] and "." not in kladno.split(";")[6]


def test_czech_csv_header_is_czech_throughout(client, registry):
    header = client.get("/cs/kapacity/export.csv", {"kraj": 3026}).content.decode("utf-8-sig").splitlines()[0]
    assert "lůžka: registrováno" in header and "lůžka: pokrytí v %" in header
    for english in ("registered", "free now", "coverage", "target", "inhabitants"):
        assert english not in header


def test_orp_profile_lists_services_and_gaps(client, registry, home_type, coordinator):
    NetworkTarget.objects.create(orp_id=2109, service_type=home_type, unit="luzka", target=100, set_by=coordinator)
    response = client.get("/cs/kapacity/orp/2109/")
    assert response.status_code == 301 and response.url == "/cs/kapacity/orp/2109-kladno/"
    html = client.get("/en/capacities/orp/2109-kladno/").content.decode()
    assert "Domov Alfa" in html and "Domov Beta" in html and "Osobní asistence Kladno" in html
    assert "Domov Gama" not in html and "Domov Zavřený" not in html
    assert "20 beds missing to reach the target" in html
    assert client.get("/cs/kapacity/orp/999999-nic/").status_code == 404


def test_orp_profile_marks_services_based_elsewhere(client, registry):
    registry["c"].served_orps.add(2109)
    html = client.get("/en/capacities/orp/2109-kladno/").content.decode()
    assert "Domov Gama" in html and "based in ORP Beroun" in html


@pytest.mark.parametrize("count", [1, 15])
def test_overview_and_profile_run_fixed_queries(client, django_assert_num_queries, home_type, count):
    kladno = Obec.objects.get(pk=KLADNO_OBEC)
    for number in range(count):
        make_service(name=f"Domov {number}", obec=kladno, capacity=10 + number, free_places=1)
    client.get("/cs/kapacity/")
    client.get("/cs/kapacity/orp/2109-kladno/")
    # okres choices; by ORP: ORPs, targets, services, capacities; by type: types, targets, services, capacities;
    # the kraj's network (network/capacity_overview.py: one query while nothing of it is in a network)
    with django_assert_num_queries(10):
        client.get("/cs/kapacity/", {"kraj": 3026, "type": home_type.pk})
    # ORP; by type: types, targets, services, capacities; services operating there + their capacities; the ORP's
    # plans (planning/orp_profile.py: its community plan, the kraj's plan; their measures only when there are plans)
    with django_assert_num_queries(9):
        client.get("/cs/kapacity/orp/2109-kladno/")
