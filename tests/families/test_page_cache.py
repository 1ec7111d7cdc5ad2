"""The public aggregate pages are cached for anonymous visitors by the "families" section: a new contract or
agreement renders them afresh; the casework is never cached."""

import pytest
from django.test import Client
from django.urls import reverse

from core import pagecache
from families.models import Offer
from tests.families.factories import (
    make_request,
    offer_data,
    ospod_worker,
    pass_deadline,
    provider_with_agreement,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def page_cache_on(settings):
    settings.REGISTRY_PAGE_CACHE_SECONDS = 300


def test_a_new_contract_renders_the_statistics_afresh(client):
    worker = ospod_worker()
    staff, _provider, agreement = provider_with_agreement()
    request = make_request(worker)
    url = reverse("families:statistics")
    assert client.get(url)[pagecache.HEADER] == "miss"
    assert Client().get(url)[pagecache.HEADER] == "hit"
    offer = Offer.submit(request=request, agreement=agreement, by=staff, **offer_data(agreement))
    pass_deadline(request)
    request.select(offer, by=worker)
    response = Client().get(url)
    assert response[pagecache.HEADER] == "miss" and "19" in response.content.decode()  # 19 200 CZK


@pytest.mark.parametrize("name", ["families:minimal-network", "families:typology"])
def test_a_new_agreement_renders_the_public_pages_afresh(client, name):
    url = reverse(name)
    client.get(url)
    assert Client().get(url)[pagecache.HEADER] == "hit"
    provider_with_agreement()
    assert Client().get(url)[pagecache.HEADER] == "miss"


def test_signed_in_people_and_casework_are_never_served_from_the_cache(client):
    worker = ospod_worker()
    request = make_request(worker)
    client.force_login(worker)
    for url in (reverse("families:statistics"), request.get_absolute_url(), reverse("families:requests")):
        client.get(url)
        assert pagecache.HEADER not in client.get(url)
