"""The service detail page, its JSON-LD and "report an error in this record" (services/views/detail.py)."""

import datetime as dt
import json
import re
import smtplib
from decimal import Decimal
from itertools import pairwise
from unittest import mock

import pytest
from django.core import mail
from django.utils import timezone, translation

from services.models import AgeGroup, CapacityReport, Facility, RecordCorrection, ServiceForm
from territory.models import Kraj, Obec, Orp
from tests.i18n import localized
from tests.services.factories import ServiceFactory, make_service

pytestmark = pytest.mark.django_db

SENIORS = "CilovaSkupinaOsoby/24"
DETAIL_QUERIES = 14  # service + provider + type; forms; capacities; 2 codelists; 3 territories; facilities; reports;
# related forum threads; the kraj's network contributed by network/service_detail.py (lines, public figures with
# the kraj's disclosure setting, the last public audit)


def url(record, language="cs") -> str:
    """The record's address in a language (the test client leaves the last request's language active)."""
    with translation.override(language):
        return record.get_absolute_url()


def today():
    return timezone.localdate()


def h1_count(html: str) -> int:
    return len(re.findall(r"<h1[\s>]", html))


def main_of(html: str) -> str:
    return html[html.index("<main"):html.index("</main>")]


def json_ld_of(html: str) -> dict:
    match = re.search(r'<script type="application/ld\+json" nonce="[^"]+">(.*?)</script>', html, re.DOTALL)
    assert match, "no JSON-LD script with a nonce"
    return json.loads(match.group(1))


@pytest.fixture
def service():
    """A residential + outpatient home for the elderly with a fresh report, hours, groups and territory."""
    service = make_service(
        forms=("pob", "amb"), free_places=4, waiting_list=7, as_of=today() - dt.timedelta(days=3),
        target_groups=(SENIORS,), name="Domov Slunce Kladno", target_groups_note="Also people with dementia.",
        age_groups_note="Usually from 65 years.", description="A home with a garden.",
        how_to_get="Send an application; the fee follows the decree.", phone="+420 777 111 222")
    service.age_groups.set(AgeGroup.objects.filter(code="VekovaSkupinaOsoby/11"))
    ServiceForm.objects.filter(service=service, form="amb").update(
        hours=[{"day": day, "from": "08:00", "to": "16:00"} for day in range(1, 6)])
    service.served_kraje.set([Kraj.objects.get(nuts3="CZ020")])
    service.served_orps.set([Orp.objects.get(code=2109)])
    service.served_obce.set([Obec.objects.get(pk=532053)])
    return service


def test_it_shows_the_whole_record_in_english(client, service):
    response = client.get(url(service, "en"))
    assert response.status_code == 200
    html = response.content.decode()
    main = main_of(html)
    assert h1_count(html) == 1 and "<h1>Domov Slunce Kladno</h1>" in html
    assert '<html lang="en">' in html
    # Breadcrumbs: Home › Social services › the service.
    assert re.search(r'<a href="/en/">Home</a>.*<a href="/en/services/">Social services</a></li>'
                     r'<li aria-current="page">Domov Slunce Kladno</li>', html, re.DOTALL)
    assert "§ 49 homes for the elderly" in main and "Social care services" in main
    assert f'href="{url(service.provider, "en")}"' in main
    assert "Residential (pobytová)" in main and "Provided non-stop" in main
    assert "Outpatient (ambulantní)" in main and "Monday–Friday" in main and "08:00–16:00" in main
    assert "seniors" in main and "Also people with dementia." in main
    assert "older seniors (over 80 years)" in main and "Usually from 65 years." in main
    assert "A home with a garden." in main and "the fee follows the decree" in main
    assert "1 January 2010" in main  # provided from
    assert "Středočeský kraj" in main and "Kladno" in main
    assert "Vzorová 1, 272 01 Kladno" in main
    assert '<caption>Registered capacity and free places by form and unit</caption>' in main
    assert '<th scope="col" class="num">Registered capacity</th>' in main
    assert "Free places: <strong>4</strong>" in main and "Waiting list: <strong>7</strong>" in main
    assert "the figure is outdated" not in main
    assert 'id="correction"' in main and f'action="/en/services/{service.pk}/correction/#correction"' in main
    assert "style=" not in html


def test_headings_are_in_order(client, service):
    html = main_of(client.get(url(service)).content.decode())
    levels = [int(level) for level in re.findall(r"<h([1-6])[\s>]", html)]
    assert levels[0] == 1
    assert all(later - earlier <= 1 for earlier, later in pairwise(levels))


def test_it_renders_in_czech(client, service):
    response = client.get(url(service))
    html = response.content.decode()
    assert response.status_code == 200 and '<html lang="cs">' in html
    assert "§ 49 domovy pro seniory" in html and "senioři" in html
    assert "1. ledna 2010" in html and "pondělí–pátek" in html
    assert "Středočeský kraj" in html


def test_an_ended_service_is_marked_ended(client):
    ended = make_service(valid_to=today() - dt.timedelta(days=10))
    html = main_of(client.get(url(ended, "en")).content.decode())
    assert 'class="badge badge--ended">Ended</strong>' in html
    assert "This service ended on" in html and "no longer provided" in html


def test_a_service_that_has_not_started_says_so(client):
    future = make_service(valid_from=today() + dt.timedelta(days=30))
    html = client.get(url(future, "en")).content.decode()
    assert "Not started yet" in html and "will be provided from" in html


def test_outdated_free_places_are_marked_never_silently_current(client, settings):
    settings.CAPACITY_REPORT_MAX_AGE_DAYS = 30
    old = make_service(free_places=3, as_of=today() - dt.timedelta(days=45))
    html = main_of(client.get(url(old, "en")).content.decode())
    assert "capacity-now--outdated" in html
    assert html.count("the figure is outdated") == 2  # the summary and the table row
    assert "A figure older than 30 days is marked as outdated." in html


def test_a_service_without_reports_says_so(client):
    silent = make_service()
    html = main_of(client.get(url(silent, "en")).content.decode())
    assert "The provider has not reported free places yet." in html
    assert "not reported" in html  # the capacity table's "as of"
    assert "No free places were reported in the last 24 months." in html
    assert "<svg" not in html


def test_capacity_history_is_an_accessible_chart_with_a_table(client, service):
    for months_ago, free in [(30, 9), (20, 1), (10, 2), (2, 3)]:
        CapacityReport.record(service=service, form="pob", unit="luzka", free_places=free, waiting_list=free + 1,
                              as_of=today() - dt.timedelta(days=30 * months_ago))
    html = main_of(client.get(url(service, "en")).content.decode())
    assert re.search(r'<svg [^>]*role="img" aria-labelledby="chart-free-places-title chart-free-places-desc"', html)
    assert '<title id="chart-free-places-title">Free places over the last 24 months</title>' in html
    assert 'id="chart-waiting-list"' in html
    table = html[html.index('<details class="chart-data">'):html.index("</details>")]
    assert "<caption>" in table and '<th scope="col">As of</th>' in table
    assert table.count('<tr><th scope="row">') == 4  # three older reports in the window + the fixture's one
    assert ">9<" not in table  # 30 months ago: outside the chart's window
    # The table of now keeps the newest report whatever its age.
    assert "Free places: <strong>4</strong>" in html


def test_hidden_address_is_never_leaked(client, service):
    Facility.objects.create(service=service, name="Azylový dům Bezpečí", address="Tajná 13", postcode="27299",
                            obec=Obec.objects.get(pk=532053), address_hidden=True, latitude=Decimal("50.147211"),
                            longitude=Decimal("14.102931"), ruian_address_code=12345678)
    html = client.get(url(service, "en")).content.decode()
    assert "Azylový dům Bezpečí" in html and "Address not published" in html
    for secret in ["Tajná", "27299", "272 99", "50.147211", "14.102931", "12345678"]:
        assert secret not in html
    places = [channel["serviceLocation"]["name"] for channel in json_ld_of(html)["availableChannel"]]
    assert "Azylový dům Bezpečí" not in places


def test_facilities_with_coordinates_are_drawn_by_the_map_script(client, service, settings):
    settings.MAP_TILES_URL = "https://tiles.example.cz/{z}/{x}/{y}.png"
    Facility.objects.filter(service=service).update(latitude=Decimal("50.147211"), longitude=Decimal("14.102931"))
    html = client.get(url(service)).content.decode()  # Czech: still no decimal comma in the data
    assert re.search(r'<div class="service-map" id="service-map" hidden role="region" aria-label="[^"]+"\s+'
                     r'data-tiles-url="https://tiles.example.cz/{z}/{x}/{y}.png"', html)
    assert 'data-lat="50.147211" data-lng="14.102931"' in html
    assert re.search(r'<script src="/static/js/map\.[0-9a-f]+\.js" defer>', html)
    assert re.search(r'<link rel="stylesheet" href="/static/vendor/leaflet/leaflet\.[0-9a-f]+\.css">', html)
    # Without JavaScript the same facilities are a plain list with addresses.
    assert '<ul class="facility-list map-facilities">' in html and "Vzorová 1, 272 01 Kladno" in html


def test_without_coordinates_there_is_no_map_and_the_page_says_why(client, service):
    html = client.get(url(service, "en")).content.decode()
    assert "service-map" not in html and "data-lat" not in html and "leaflet" not in html
    assert "There is no map: the registry gives no location for these facilities." in html
    service.facilities.update(address_hidden=True)
    html = client.get(url(service, "en")).content.decode()
    assert "There is no map: the addresses are not published" in html


def test_contacts_fall_back_to_the_provider(client, service):
    html = main_of(client.get(url(service, "en")).content.decode())
    contacts = html[html.index('id="contacts-heading"'):html.index('id="capacity-heading"')]
    assert '<a href="tel:+420777111222">+420 777 111 222</a></dd>' in contacts  # the service's own
    provider = service.provider
    assert f'<a href="mailto:{provider.email}">{provider.email}</a> <span class="muted">(contact of the provider)' \
        in contacts
    assert f'<a href="{provider.web}" rel="noopener">' in contacts


def test_unsafe_or_unclear_contacts_are_not_linked(client):
    odd = make_service(web="javascript:alert(1)", phone="602 111 222, 602 333 444")
    html = client.get(url(odd)).content.decode()
    assert 'href="javascript' not in html
    assert "602 111 222, 602 333 444" in html and 'href="tel:602' not in html


def test_unknown_service_is_404(client):
    assert client.get("/cs/sluzby/999999/").status_code == 404
    assert client.get("/cs/sluzby/999999-neni/").status_code == 404


@pytest.mark.parametrize("language", ["cs", "en"])
def test_short_and_outdated_addresses_redirect_permanently_to_the_canonical_one(client, service, language):
    canonical = localized(f"/cs/sluzby/{service.pk}-domov-slunce-kladno/", language)
    for path in [localized(f"/cs/sluzby/{service.pk}/", language),
                 localized(f"/cs/sluzby/{service.pk}-stary-nazev/", language)]:
        response = client.get(path)
        assert response.status_code == 301
        assert response["Location"] == canonical
    assert client.get(canonical).status_code == 200


def test_json_ld_describes_the_service_and_its_provider(client, service):
    html = client.get(url(service, "en")).content.decode()
    data = json_ld_of(html)
    assert data["@context"] == "https://schema.org" and data["@type"] == "Service"
    assert data["name"] == "Domov Slunce Kladno"
    assert data["provider"]["@type"] == "Organization"
    assert data["provider"]["name"] == service.provider.name
    assert data["provider"]["identifier"]["value"] == service.provider.ico
    assert data["url"].endswith(f"/en/services/{service.pk}-domov-slunce-kladno/")
    assert {"@type": "Audience", "audienceType": "seniors"} in data["audience"]


def test_json_ld_cannot_break_out_of_its_script(client):
    nasty = make_service(name='Domov </script><script>alert("x")</script> & spol.')
    html = client.get(url(nasty)).content.decode()
    assert "<script>alert" not in html
    assert json_ld_of(html)["name"] == 'Domov </script><script>alert("x")</script> & spol.'


def _populate(service, *, facilities: int, reports: int):
    """More of everything a detail page shows."""
    obce = list(Obec.objects.filter(orp_id=2109)[:facilities])
    Facility.objects.bulk_create(Facility(service=service, name=f"Pracoviště {n}", obec=obce[n % len(obce)],
                                          address=f"Hlavní {n}", latitude=Decimal("50.1"), longitude=Decimal("14.1"))
                                 for n in range(facilities))
    for n in range(reports):
        CapacityReport.record(service=service, form=("pob", "amb")[n % 2], unit="luzka", free_places=n % 7,
                              as_of=today() - dt.timedelta(days=9 * n))
    service.served_obce.set(obce)
    service.served_orps.set(Orp.objects.filter(kraj__nuts3="CZ020")[:8])
    service.target_groups.set(service.target_groups.model.objects.all()[:10])


@pytest.mark.parametrize("size", ["small", "large"])
def test_detail_runs_a_fixed_number_of_queries(client, django_assert_num_queries, service, size):
    if size == "large":
        _populate(service, facilities=25, reports=80)
    address = url(service)
    client.get(address)  # warms the cached region name and demo marker
    with django_assert_num_queries(DETAIL_QUERIES):
        assert client.get(address).status_code == 200


# --- Report an error in this record --------------------------------------------------------------------

CORRECTION = {"message": "Telefon už neplatí, nové číslo je 312 555 666.", "name": "Jana Nováková",
              "email": "jana@example.cz", "website": ""}


def correction_url(service, language="cs"):
    return localized(f"/cs/sluzby/{service.pk}/oprava/", language)


def test_a_correction_is_stored_and_mailed(client, service, settings, django_capture_on_commit_callbacks):
    settings.CONTACT_EMAIL = "koordinator@kraj.example.cz"
    with django_capture_on_commit_callbacks(execute=True):  # the mail leaves after commit, from a task
        response = client.post(correction_url(service, "en"), CORRECTION)
        assert response.status_code == 302 and len(mail.outbox) == 0
    assert response["Location"] == f"/en/services/{service.pk}-domov-slunce-kladno/#top"
    stored = RecordCorrection.objects.get()
    assert stored.service == service and stored.message == CORRECTION["message"]
    assert stored.name == "Jana Nováková" and stored.email == "jana@example.cz" and stored.resolved_at is None
    assert len(mail.outbox) == 1
    sent = mail.outbox[0]
    assert sent.to == ["koordinator@kraj.example.cz"] and sent.reply_to == ["jana@example.cz"]
    assert "Domov Slunce Kladno" in sent.subject and "\n" not in sent.subject
    assert CORRECTION["message"] in sent.body and service.registry_id in sent.body
    assert f"/sluzby/{service.pk}-domov-slunce-kladno/" in sent.body
    assert sent.alternatives and "text/html" in sent.alternatives[0][1]
    page = client.get(response["Location"].removesuffix("#top")).content.decode()
    assert "Thank you for your report." in page


def test_a_correction_needs_no_name_or_e_mail(client, service, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(correction_url(service), {"message": "Zařízení v Kladně je zavřené.", "website": ""})
    assert response.status_code == 302
    assert RecordCorrection.objects.get().email == ""
    assert mail.outbox[0].reply_to == []


def test_the_honeypot_silently_drops_spam(client, service, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(correction_url(service), {**CORRECTION, "website": "https://spam.example"})
    assert response.status_code == 302
    assert RecordCorrection.objects.count() == 0 and len(mail.outbox) == 0


def test_corrections_are_rate_limited_per_address(client, service, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        for _ in range(5):
            assert client.post(correction_url(service, "en"), CORRECTION).status_code == 302
        response = client.post(correction_url(service, "en"), CORRECTION)
    assert response.status_code == 429
    html = response.content.decode()
    assert "Too many reports from your address" in html
    assert CORRECTION["message"] in html  # what they wrote is not lost
    assert RecordCorrection.objects.count() == 5 and len(mail.outbox) == 5


def test_an_invalid_correction_shows_the_errors_and_stores_nothing(client, service):
    response = client.post(correction_url(service, "en"), {"message": "  ", "email": "not-an-email", "website": ""})
    assert response.status_code == 400
    html = response.content.decode()
    assert 'class="error-summary"' in html and 'href="#id_message"' in html and 'href="#id_email"' in html
    assert 'aria-invalid="true"' in html
    assert h1_count(html) == 1 and "<h1>Domov Slunce Kladno</h1>" in html  # the whole page, re-rendered
    assert RecordCorrection.objects.count() == 0 and len(mail.outbox) == 0


def test_get_on_the_correction_address_goes_back_to_the_record(client, service):
    response = client.get(correction_url(service))
    assert response.status_code == 302 and response["Location"] == url(service)
    assert client.put(correction_url(service)).status_code == 405


def test_a_correction_of_an_unknown_service_is_404(client):
    assert client.post("/cs/sluzby/999999/oprava/", CORRECTION).status_code == 404
    assert RecordCorrection.objects.count() == 0


def test_a_correction_goes_to_the_service_in_the_address(client, service):
    other = ServiceFactory()
    client.post(correction_url(other), {**CORRECTION, "service": service.pk})
    assert RecordCorrection.objects.get().service == other


def test_a_failing_mail_keeps_the_stored_correction(client, service, django_capture_on_commit_callbacks):
    with (mock.patch("django.core.mail.backends.locmem.EmailBackend.send_messages",
                     side_effect=smtplib.SMTPServerDisconnected("down")) as send,
          django_capture_on_commit_callbacks(execute=True)):
        response = client.post(correction_url(service), CORRECTION)
    assert response.status_code == 302 and send.called
    assert RecordCorrection.objects.count() == 1
