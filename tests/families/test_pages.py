"""The casework lists: a fixed number of queries however many rows, malformed filters as form errors (never a
500), what needs attention counted; the public pages without any request."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from families.models import Offer
from tests.families.factories import (
    BEROUN,
    make_request,
    offer_data,
    ospod_worker,
    pass_deadline,
    provider_with_agreement,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def busy_office():
    worker = ospod_worker()
    staff, _provider, agreement = provider_with_agreement(orps=(2109, BEROUN))

    def add(n):
        for index in range(n):
            request = make_request(worker, hours_left=48 if index % 2 else -48 + 96)
            Offer.submit(request=request, agreement=agreement, by=staff, **offer_data(agreement))
    return worker, staff, agreement, add


def test_the_requests_list_runs_a_fixed_number_of_queries(client, busy_office, django_assert_num_queries):
    worker, _staff, _agreement, add = busy_office
    add(2)
    client.force_login(worker)
    client.get(reverse("families:requests"))
    with django_assert_num_queries(REQUESTS_LIST):
        client.get(reverse("families:requests"))
    add(12)
    with django_assert_num_queries(REQUESTS_LIST):
        response = client.get(reverse("families:requests"), {"category": "rodiny-terenni-ambulantni"})
    assert response.context["page"].paginator.count == 14


def test_the_open_requests_and_my_offers_run_a_fixed_number_of_queries(client, busy_office,
                                                                        django_assert_num_queries):
    _worker, staff, _agreement, add = busy_office
    add(2)
    client.force_login(staff)
    for name, queries in (("families:open-requests", OPEN_LIST), ("families:my-offers", OFFERS_LIST)):
        client.get(reverse(name))
        with django_assert_num_queries(queries):
            client.get(reverse(name))
    add(10)
    for name, queries in (("families:open-requests", OPEN_LIST), ("families:my-offers", OFFERS_LIST)):
        with django_assert_num_queries(queries):
            response = client.get(reverse(name))
        assert response.context["page"].paginator.count == 12


def test_the_request_page_runs_a_fixed_number_of_queries(client, busy_office, django_assert_num_queries):
    worker, staff, agreement, _add = busy_office
    request = make_request(worker)
    Offer.submit(request=request, agreement=agreement, by=staff, **offer_data(agreement))
    client.force_login(worker)
    client.get(request.get_absolute_url())
    with django_assert_num_queries(DETAIL):
        client.get(request.get_absolute_url())
    for _n in range(3):
        other_staff, _p, other_agreement = provider_with_agreement()
        Offer.submit(request=request, agreement=other_agreement, by=other_staff, **offer_data(other_agreement))
    with django_assert_num_queries(DETAIL):
        client.get(request.get_absolute_url())


@pytest.mark.parametrize("params", [
    {"state": "nonsense"}, {"category": "x" * 200}, {"orp": "abc"}, {"orp": "999999999999999999999"},
    {"year": "2026-02-31"}, {"attention": "<script>"}, {"page": "-1"}, {"year": ["2020", "2021"]},
])
def test_malformed_filters_are_form_errors(client, busy_office, params):
    worker, staff, _agreement, add = busy_office
    add(1)
    client.force_login(worker)
    response = client.get(reverse("families:requests"), params)
    assert response.status_code == 200
    assert response.context["page"].paginator.count == 1  # the malformed filter applies nothing
    client.force_login(staff)
    assert client.get(reverse("families:open-requests"), params).status_code == 200
    assert client.get(reverse("families:my-offers"), params).status_code == 200
    assert client.get(reverse("families:requests-export", args=["csv"]), params).status_code == 403


def test_a_long_search_text_is_cut_not_refused(client, busy_office):
    worker = busy_office[0]
    client.force_login(worker)
    assert client.get(reverse("families:requests"), {"q": "a\x01" * 3000}).status_code == 200


def test_what_needs_attention_is_counted_and_filtered(client, busy_office):
    worker, staff, agreement, _add = busy_office
    waiting = make_request(worker)
    Offer.submit(request=waiting, agreement=agreement, by=staff, **offer_data(agreement))
    pass_deadline(waiting)
    nobody = pass_deadline(make_request(worker))
    fresh = make_request(worker)
    client.force_login(worker)
    response = client.get(reverse("families:requests"))
    assert response.context["attention"] == {"awaiting_choice": 1, "without_offers": 1, "taking_offers": 1,
                                             "closure_to_confirm": 0}
    for value, expected in (("awaiting_choice", waiting), ("without_offers", nobody), ("taking_offers", fresh)):
        listed = list(client.get(reverse("families:requests"), {"attention": value}).context["page"])
        assert [request.pk for request in listed] == [expected.pk]


def test_the_search_finds_by_case_code_and_by_number(client, busy_office):
    worker = busy_office[0]
    one = make_request(worker, case_code="SPOD-2026/0999")
    two = make_request(worker, case_code="SPOD-2026/0001")
    client.force_login(worker)
    for query, expected in (("0999", one), (two.reference, two), (str(two.pk), two)):
        listed = list(client.get(reverse("families:requests"), {"q": query}).context["page"])
        assert expected in listed and len(listed) == 1


def test_the_public_pages_show_no_request(client, busy_office):
    worker = busy_office[0]
    request = make_request(worker, need="Tato potřeba se nikde veřejně neobjeví.")
    for name in ("families:index", "families:statistics", "families:minimal-network", "families:typology"):
        for language in ("cs", "en"):
            with translation.override(language):
                response = client.get(reverse(name))
            assert response.status_code == 200, name
            html = response.content.decode()
            assert "neobjeví" not in html and request.get_absolute_url() not in html


def test_the_sitemap_lists_the_public_pages_and_no_casework(client, busy_office):
    request = make_request(busy_office[0])
    text = client.get("/sitemap.xml").content.decode()
    for path in ("/cs/rodiny/", "/cs/rodiny/statistika/", "/cs/rodiny/minimalni-sit/", "/cs/rodiny/typologie/",
                 "/en/families/", "/en/families/statistics/", "/en/families/minimal-network/",
                 "/en/families/typology/"):
        assert f"{path}</loc>" in text, path
    assert request.get_absolute_url() not in text and "/poptavky/" not in text and "/requests/" not in text


def test_the_index_points_each_role_to_its_pages(client, busy_office, coordinator):
    worker, staff, _agreement, _add = busy_office
    for person, present, absent in (
            (worker, ["families:request-create"], ["families:open-requests"]),
            (staff, ["families:open-requests", "families:my-offers"], ["families:request-create"]),
            (coordinator, ["families:requests"], ["families:request-create", "families:open-requests"])):
        client.force_login(person)
        html = client.get(reverse("families:index")).content.decode()
        assert all(reverse(name) in html for name in present)
        assert not any(reverse(name) in html for name in absent)


def test_the_casework_is_never_cached(client, busy_office):
    worker = busy_office[0]
    request = make_request(worker)
    client.force_login(worker)
    for url in (reverse("families:requests"), request.get_absolute_url(), reverse("families:request-create")):
        assert "no-store" in client.get(url)["Cache-Control"]


def test_the_delivery_months_are_those_of_the_contract(client, busy_office):
    worker, staff, agreement, _add = busy_office
    request = make_request(worker)
    offer = Offer.submit(request=request, agreement=agreement, by=staff, **offer_data(agreement))
    pass_deadline(request)
    contract = request.select(offer, by=worker)
    client.force_login(staff)
    next_year = (timezone.localdate() + dt.timedelta(days=400)).replace(day=1)
    response = client.post(reverse("families:delivery-report", args=[contract.pk]),
                           {"month": next_year.isoformat(), "units": "3"})
    assert response.status_code == 400 and not contract.deliveries.exists()


# Session and user (2) in each; the lists: the person's offices and roles, the filter's ORPs and years, the count,
# the page and the attention counts; the request page: the request, why the person sees it, the access logged, the
# offers, the office check, the contract, the agreements the person may offer under, their providers, the last
# accesses and their count — however many offers.
REQUESTS_LIST = 10
OPEN_LIST = 6
OFFERS_LIST = 6
DETAIL = 12
