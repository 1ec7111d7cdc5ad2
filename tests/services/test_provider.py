"""The provider page: public details, all services (active first, ended marked) and facilities."""

import datetime as dt
import json
import re
from decimal import Decimal

import pytest
from django.utils import timezone, translation

from services.models import Facility, Provider, ServiceType
from territory.models import Obec
from tests.i18n import localized
from tests.services.factories import ProviderFactory, make_service

pytestmark = pytest.mark.django_db

PROVIDER_QUERIES = 3  # provider + seat obec; services + types; facilities + obce + services


def url(record, language="cs") -> str:
    with translation.override(language):
        return record.get_absolute_url()


def main_of(html: str) -> str:
    return html[html.index("<main"):html.index("</main>")]


@pytest.fixture
def provider():
    return ProviderFactory(name="Charita Kladno", legal_form="evidovaná církevní právnická osoba", ico="44684461")


@pytest.fixture
def services(provider):
    today = timezone.localdate()
    return {
        "home": make_service(provider=provider, name="Domov Slunce", free_places=2,
                             as_of=today - dt.timedelta(days=1)),
        "old": make_service(provider=provider, name="Azylový dům Alfa", valid_to=today - dt.timedelta(days=400)),
        "care": make_service(provider=provider, name="Pečovatelská služba Kladno", forms=("ter",), unit="klient",
                             service_type=ServiceType.objects.get(code="DruhSocialniSluzby/4")),
    }


def test_it_shows_the_provider_in_english(client, provider, services):
    response = client.get(url(provider, "en"))
    assert response.status_code == 200
    html = response.content.decode()
    main = main_of(html)
    assert len(re.findall(r"<h1[\s>]", html)) == 1 and "<h1>Charita Kladno</h1>" in main
    assert re.search(r'<a href="/en/services/">Social services</a></li><li aria-current="page">Charita Kladno</li>',
                     html)
    assert "<dt>IČO</dt><dd>44684461</dd>" in main
    assert "evidovaná církevní právnická osoba" in main
    assert "Náměstí Starosty Pavla 44, 272 01 Kladno" in main
    assert f'<a href="mailto:{provider.email}">' in main and f'<a href="{provider.web}" rel="noopener">' in main
    assert '<a href="tel:+420312000000">+420 312 000 000</a>' in main
    assert "2 services are provided now." in main
    assert "style=" not in html


def test_it_renders_in_czech(client, provider, services):
    html = client.get(url(provider)).content.decode()
    assert '<html lang="cs">' in html
    assert "§ 40 pečovatelská služba" in html


def test_active_services_come_first_and_ended_ones_are_marked(client, provider, services):
    main = main_of(client.get(url(provider, "en")).content.decode())
    positions = {key: main.index(f'href="{url(service, "en")}"') for key, service in services.items()}
    assert positions["old"] > positions["home"] and positions["old"] > positions["care"]
    assert positions["home"] < positions["care"]  # active ones by name (D < P)
    ended = main[positions["old"]:]
    assert 'class="badge badge--ended">Ended</span>' in ended[:400]
    assert "ended on" in ended
    assert main.count("badge--ended") == 2  # the service and its facility
    assert "Free places: <strong>2</strong>" in main


def test_facilities_of_all_services_are_listed_without_hidden_addresses(client, provider, services):
    Facility.objects.create(service=services["old"], name="Azyl Bezpečí", address="Skrytá 7", postcode="27288",
                            obec=Obec.objects.get(pk=532053), address_hidden=True, latitude=Decimal("50.123456"),
                            longitude=Decimal("14.654321"))
    html = client.get(url(provider, "en")).content.decode()
    main = main_of(html)
    facilities = main[main.index('id="facilities-heading"'):]
    for service in services.values():
        assert f'Service: <a href="{url(service, "en")}">' in facilities
    assert "Azyl Bezpečí" in facilities and "Address not published" in facilities
    for secret in ["Skrytá", "27288", "272 88", "50.123456", "14.654321"]:
        assert secret not in html


def test_statutory_bodies_are_neither_stored_nor_shown(client, provider, services):
    assert not [field.name for field in Provider._meta.get_fields() if "statut" in field.name]
    html = client.get(url(provider, "en")).content.decode().lower()
    for word in ["statutory", "statutární", "jednatel", "ředitel"]:
        assert word not in html


def test_json_ld_describes_the_organisation(client, provider, services):
    html = client.get(url(provider, "en")).content.decode()
    match = re.search(r'<script type="application/ld\+json" nonce="[^"]+">(.*?)</script>', html, re.DOTALL)
    data = json.loads(match.group(1))
    assert data["@type"] == "Organization" and data["name"] == "Charita Kladno"
    assert data["identifier"]["value"] == "44684461"


def test_a_provider_without_services_says_so(client, provider):
    html = client.get(url(provider, "en")).content.decode()
    assert "The registry lists no service of this provider." in html
    assert "The registry lists no facility." in html


def test_unknown_provider_is_404(client):
    assert client.get("/cs/poskytovatele/999999/").status_code == 404


@pytest.mark.parametrize("language", ["cs", "en"])
def test_short_and_outdated_addresses_redirect_permanently(client, provider, language):
    canonical = localized(f"/cs/poskytovatele/{provider.pk}-charita-kladno/", language)
    for path in [localized(f"/cs/poskytovatele/{provider.pk}/", language),
                 localized(f"/cs/poskytovatele/{provider.pk}-x/", language)]:
        response = client.get(path)
        assert response.status_code == 301 and response["Location"] == canonical


@pytest.mark.parametrize("count", [1, 20])
def test_provider_page_runs_a_fixed_number_of_queries(client, django_assert_num_queries, provider, count):
    for n in range(count):
        service = make_service(provider=provider, name=f"Služba {n}", forms=("pob", "amb"), free_places=n)
        Facility.objects.create(service=service, name=f"Pobočka {n}", obec=Obec.objects.get(pk=532053))
    address = url(provider)
    client.get(address)  # warms the cached region name and demo marker
    with django_assert_num_queries(PROVIDER_QUERIES):
        assert client.get(address).status_code == 200
