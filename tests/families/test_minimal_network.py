"""The minimal network for families: the network's rule for each category's group of service types (computed by
network.gaps, not here), the agreements in force and the demand per 1,000 children."""

import datetime as dt
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from families import minimal_network
from families.models import Category
from network.models import OrpPopulation, ServiceTypeGroup
from territory.models import home_kraj
from tests.families.factories import BEROUN, KLADNO, make_agreement, make_request, ospod_worker
from tests.network.factories import make_membership, make_norm
from tests.services.factories import ProviderFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def kraj_data():
    field = ServiceTypeGroup.objects.get(code=Category.FIELD)
    make_norm(group=field, unit="klient", basis="perorp", rate=40)
    residential = ServiceTypeGroup.objects.get(code=Category.RESIDENTIAL)
    make_norm(group=residential, unit="luzka", basis="per1000", rate="0.5", age_band="0-17")
    OrpPopulation.objects.create(orp_id=KLADNO, age_band="0-17", population=10_000, as_of=dt.date(2025, 1, 1))
    from tests.families.factories import family_service

    provider = ProviderFactory()
    service = family_service(provider, code=KLADNO)
    make_membership(service, capacity=25, unit="klient")
    make_agreement(provider, orps=(KLADNO, BEROUN), services=[service])
    make_agreement(ProviderFactory(), orps=(KLADNO,))
    make_agreement(ProviderFactory(), orps=(KLADNO,), valid_to=timezone.localdate() - dt.timedelta(days=1),
                   valid_from=timezone.localdate() - dt.timedelta(days=300))  # ended: not counted
    worker = ospod_worker()
    for _n in range(3):
        make_request(worker)
    make_request(worker, category=Category.COUNSELLING)


def test_requirement_agreements_and_demand_per_orp(kraj_data):
    rows = {row.orp.pk: row for row in minimal_network.family_network(kraj=home_kraj(),
                                                                       year=timezone.localdate().year)}
    kladno = rows[KLADNO].cells
    field = kladno[Category.FIELD]
    assert field.gap.required == 40 and field.gap.network == 25 and field.gap.gap == 15  # network.gaps' rows
    assert (field.agreements, field.providers, field.requests) == (2, 2, 3)
    assert field.requests_per_thousand == pytest.approx(3 * 1000 / 10_000)
    residential = kladno[Category.RESIDENTIAL]
    assert residential.gap.required == 5.0  # 0.5 per 1,000 children of 10,000
    assert residential.agreements == 0
    assert kladno[Category.COUNSELLING].gap is None and kladno[Category.COUNSELLING].requests == 1  # no rule
    beroun = rows[BEROUN]
    assert beroun.children is None and beroun.cells[Category.FIELD].requests_per_thousand is None  # no data
    assert beroun.cells[Category.FIELD].agreements == 1
    assert beroun.cells[Category.RESIDENTIAL].gap.required is None  # no children figures: no guess


def test_the_page_shows_it_in_a_fixed_number_of_queries(client, kraj_data, django_assert_num_queries):
    url = reverse("families:minimal-network")
    assert client.get(url, {"kraj": home_kraj().pk}).status_code == 200
    # The network's 8 (network.gaps), the groups, agreements, requests, children and ORPs (the form's kraje come
    # from the cached codelist: the network pages' own form).
    with django_assert_num_queries(13):
        response = client.get(url, {"kraj": home_kraj().pk})
    html = response.content.decode()
    assert "Kladno" in html and "<td class=\"num\">0,3</td>" in html  # 3 requests per 10,000 children
    assert client.get(url, {"kraj": "x", "year": "99999"}).status_code == 200


def test_the_form_shows_the_kraj_and_year_the_page_shows(client, kraj_data):
    """Without a choice the page shows the portal's kraj in the current year, and the form says so (its empty
    choice is the portal's kraj), never another kraj's name as if it were chosen."""
    html = client.get(reverse("families:minimal-network")).content.decode()
    assert f"{home_kraj().name} {timezone.localdate().year}" in html
    assert re.search(r'<option value="" selected>[^<]*</option>', html)
    chosen = client.get(reverse("families:minimal-network"), {"kraj": home_kraj().pk, "year": 2025})
    assert re.search(rf'<option value="{home_kraj().pk}" selected>', chosen.content.decode())
