"""The families' forms sent twice (a double click, Back + Submit) act once (core/resubmit.py)."""

import re
from urllib.parse import urlencode

import pytest
from django.test import Client
from django.urls import reverse

from families.models import Offer, PartialContract, ServiceRequest
from tests.families.factories import make_request, ospod_worker, pass_deadline, provider_with_agreement
from tests.families.test_flow import offer_form, request_form

pytestmark = pytest.mark.django_db


def _post(client, url, data):
    return client.post(url, urlencode(data, doseq=True), content_type="application/x-www-form-urlencoded")


def _token(client, url):
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', client.get(url).content.decode()).group(1)


def test_a_request_an_offer_and_a_choice_sent_twice_are_stored_once():
    worker = ospod_worker()
    staff, _provider, agreement = provider_with_agreement()
    office = Client(enforce_csrf_checks=True)
    office.force_login(worker)
    url = reverse("families:request-create")
    data = {"csrfmiddlewaretoken": _token(office, url), **request_form()}
    assert [_post(office, url, data).status_code for _ in range(2)] == [302, 303]
    assert ServiceRequest.objects.count() == 1
    request = ServiceRequest.objects.get()

    provider = Client(enforce_csrf_checks=True)
    provider.force_login(staff)
    url = reverse("families:offer-create", args=[request.pk])
    data = {"csrfmiddlewaretoken": _token(provider, url), **offer_form(agreement)}
    assert [_post(provider, url, data).status_code for _ in range(2)] == [302, 303]
    assert Offer.objects.count() == 1

    pass_deadline(request)
    url = request.get_absolute_url()
    data = {"csrfmiddlewaretoken": _token(office, url), "offer": Offer.objects.get().pk, "number": ""}
    select = reverse("families:request-select", args=[request.pk])
    assert [_post(office, select, data).status_code for _ in range(2)] == [302, 303]
    assert PartialContract.objects.count() == 1


def test_a_second_choice_on_a_contracted_request_is_refused_by_the_model():
    """Without the resubmit guard (another copy of the form), the model refuses a second contract."""
    worker = ospod_worker()
    staff, _provider, agreement = provider_with_agreement()
    request = make_request(worker)
    from tests.families.factories import offer_data

    offer = Offer.submit(request=request, agreement=agreement, by=staff, **offer_data(agreement))
    pass_deadline(request)
    client = Client()
    client.force_login(worker)
    for _ in range(2):
        client.post(reverse("families:request-select", args=[request.pk]), {"offer": offer.pk})
    assert PartialContract.objects.count() == 1
