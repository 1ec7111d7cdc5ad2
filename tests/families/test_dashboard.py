"""The families' numbers on the coordinators' dashboard: late requests of the coordinator's kraj, with offers
waiting for the office's choice or without any offer, and agreements ending soon, each linked to the admin's
list of exactly those records."""

import datetime as dt

import pytest
from django.utils import timezone

from families.models import Offer
from portal.dashboard import all_attention_items
from tests.families.factories import (
    BRNO,
    coordinator_of,
    make_agreement,
    make_request,
    offer_data,
    ospod_worker,
    pass_deadline,
    provider_with_agreement,
)

pytestmark = pytest.mark.django_db


def _numbers(person):
    return {item.key: item for item in all_attention_items(person) if item.key.startswith("families")}


def test_the_coordinator_counts_their_kraj_and_the_links_show_the_same(client, coordinator):
    worker = ospod_worker()
    staff, _provider, agreement = provider_with_agreement(valid_to=timezone.localdate() + dt.timedelta(days=20))
    waiting = make_request(worker)
    Offer.submit(request=waiting, agreement=agreement, by=staff, **offer_data(agreement))
    pass_deadline(waiting)
    pass_deadline(make_request(worker))  # no offer
    make_request(worker)  # still taking offers: not late
    # The same in Brno: the home coordinator does not count it.
    pass_deadline(make_request(ospod_worker(BRNO), code=BRNO))
    make_agreement(orps=(BRNO,), valid_to=timezone.localdate() + dt.timedelta(days=10))
    items = _numbers(coordinator)
    assert {key: item.count for key, item in items.items()} == {
        "families-waiting": 1, "families-no-offer": 1, "families-agreements-ending": 1}
    client.force_login(coordinator)
    for item in items.values():
        response = client.get(item.url)
        assert response.status_code == 200 and response.context["cl"].result_count == item.count, item.key
    theirs = _numbers(coordinator_of(BRNO))
    assert theirs["families-no-offer"].count == 1 and theirs["families-waiting"].count == 0
    assert theirs["families-agreements-ending"].count == 1
