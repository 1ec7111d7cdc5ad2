"""Who sees which request, offer and contract: deny by default, 404 for whoever may not see, 403 for whoever
sees but may not act, every access logged."""

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from families.models import Offer, RequestAccess
from tests.accounts.factories import UserFactory
from tests.families.factories import (
    BEROUN,
    COUNSELLING,
    coordinator_of,
    make_request,
    offer_data,
    ospod_worker,
    pass_deadline,
    provider_with_agreement,
)
from tests.services.factories import make_provider_staff

pytestmark = pytest.mark.django_db

NEED = "Podpora rodičů v péči o domácnost a docházce dětí do školy."


@pytest.fixture
def people(coordinator):
    worker = ospod_worker()
    alpha_staff, _alpha, alpha_agreement = provider_with_agreement()
    beta_staff, _beta, beta_agreement = provider_with_agreement()
    return {
        "anonymous": None,
        "user": UserFactory(verified=True),
        "office": worker,
        "colleague": ospod_worker(),  # the same office
        "other_office": ospod_worker(BEROUN),
        "provider": alpha_staff,
        "bidder": beta_staff,
        "no_agreement": make_provider_staff(verified=True),
        "other_category": provider_with_agreement(category=COUNSELLING)[0],
        "coordinator": coordinator,
        "other_kraj_coordinator": coordinator_of(),
        "superuser": UserFactory(is_staff=True, is_superuser=True),
        "_agreements": {"provider": alpha_agreement, "bidder": beta_agreement},
    }


def _client(client, person):
    client.logout()
    if person is not None:
        client.force_login(person)
    return client


# Open, before the deadline: the office, the providers that may answer, the kraj's coordinator, superusers.
OPEN = {"anonymous": 302, "user": 404, "office": 200, "colleague": 200, "other_office": 404, "provider": 200,
        "bidder": 200, "no_agreement": 404, "other_category": 404, "coordinator": 200,
        "other_kraj_coordinator": 404, "superuser": 200}


@pytest.mark.parametrize("role", sorted(OPEN))
def test_who_sees_an_open_request(client, people, role):
    request = make_request(people["office"])
    response = _client(client, people[role]).get(request.get_absolute_url())
    assert response.status_code == OPEN[role]
    if OPEN[role] == 302:
        assert reverse("account_login") in response.url
    logged = RequestAccess.objects.filter(request=request)
    assert logged.count() == (1 if OPEN[role] == 200 else 0)  # every access let through, nothing else
    if OPEN[role] == 200:
        assert NEED in response.content.decode()
        assert logged.get().user == people[role]


def test_after_the_deadline_only_the_bidders_keep_seeing_it(client, people):
    request = make_request(people["office"])
    Offer.submit(request=request, agreement=people["_agreements"]["bidder"], by=people["bidder"],
                 **offer_data(people["_agreements"]["bidder"]))
    pass_deadline(request)
    assert _client(client, people["bidder"]).get(request.get_absolute_url()).status_code == 200
    assert _client(client, people["provider"]).get(request.get_absolute_url()).status_code == 404


def test_a_provider_sees_only_its_own_offer_and_the_office_sees_all(client, people):
    request = make_request(people["office"])
    for role in ("provider", "bidder"):
        agreement = people["_agreements"][role]
        Offer.submit(request=request, agreement=agreement, by=people[role],
                     **offer_data(agreement, unit_price=Decimal(400 if role == "provider" else 455)))
    mine = _client(client, people["provider"]).get(request.get_absolute_url()).content.decode()
    assert "16\xa0000" in mine or "16 000" in mine or "16,000" in mine  # 40 × 400
    assert "18\xa0200" not in mine and "18 200" not in mine and "18,200" not in mine  # 40 × 455: not theirs
    office = _client(client, people["office"]).get(request.get_absolute_url()).content.decode()
    for amount in ("16", "18"):
        assert any(f"{amount}{space}" in office for space in ("\xa0", " ", ","))
    # The case code of the office is not shown to providers.
    assert "SPOD-2026/0117" in office and "SPOD-2026/0117" not in mine


@pytest.mark.parametrize("role, expected", [
    ("anonymous", 302), ("user", 403), ("provider", 403), ("no_agreement", 403), ("office", 200),
    ("other_office", 200), ("coordinator", 200), ("other_kraj_coordinator", 200), ("superuser", 200)])
def test_the_requests_list_shows_each_only_their_own(client, people, role, expected):
    request = make_request(people["office"])
    response = _client(client, people[role]).get(reverse("families:requests"))
    assert response.status_code == expected
    if expected == 200:
        listed = request.reference in response.content.decode()
        assert listed == (role in ("office", "coordinator", "superuser"))


@pytest.mark.parametrize("role, expected", [
    ("provider", 200), ("office", 403), ("coordinator", 403), ("user", 403), ("anonymous", 302)])
def test_the_open_requests_list_is_for_provider_staff(client, people, role, expected):
    request = make_request(people["office"])
    response = _client(client, people[role]).get(reverse("families:open-requests"))
    assert response.status_code == expected
    if expected == 200:
        assert request.reference in response.content.decode()


def test_provider_staff_without_a_fitting_agreement_get_an_empty_list(client, people):
    request = make_request(people["office"])
    for role in ("no_agreement", "other_category"):
        response = _client(client, people[role]).get(reverse("families:open-requests"))
        assert response.status_code == 200 and request.reference not in response.content.decode()


@pytest.mark.parametrize("role, expected", [
    ("office", 302), ("colleague", 302), ("coordinator", 403), ("superuser", 403), ("provider", 403),
    ("other_office", 404), ("other_kraj_coordinator", 404), ("no_agreement", 404), ("anonymous", 302)])
def test_only_the_office_chooses(client, people, role, expected):
    request = make_request(people["office"])
    offer = Offer.submit(request=request, agreement=people["_agreements"]["provider"], by=people["provider"],
                         **offer_data(people["_agreements"]["provider"]))
    pass_deadline(request)
    response = _client(client, people[role]).post(reverse("families:request-select", args=[request.pk]),
                                                  {"offer": offer.pk})
    assert response.status_code == expected
    offer.refresh_from_db()
    assert (offer.state == "selected") == (expected == 302 and role != "anonymous")


def test_only_the_contracted_provider_reports_and_only_the_office_confirms(client, people):
    request = make_request(people["office"])
    offers = {role: Offer.submit(request=request, agreement=people["_agreements"][role], by=people[role],
                                 **offer_data(people["_agreements"][role])) for role in ("provider", "bidder")}
    pass_deadline(request)
    contract = request.select(offers["provider"], by=people["office"])
    contract.starts_on = timezone.localdate().replace(day=1)
    contract.save()
    month = {"month": contract.starts_on.isoformat(), "units": "5", "note": ""}
    # The losing bidder sees the request (its offer) but may not report; others do not see it at all.
    assert _client(client, people["bidder"]).post(reverse("families:delivery-report", args=[contract.pk]),
                                                  month).status_code == 403
    assert _client(client, people["no_agreement"]).post(reverse("families:delivery-report", args=[contract.pk]),
                                                        month).status_code == 404
    assert _client(client, people["office"]).post(reverse("families:delivery-report", args=[contract.pk]),
                                                  month).status_code == 403
    assert not contract.deliveries.exists()
    _client(client, people["provider"]).post(reverse("families:delivery-report", args=[contract.pk]), month)
    report = contract.deliveries.get()
    for role in ("provider", "coordinator"):
        assert _client(client, people[role]).post(reverse("families:delivery-confirm",
                                                          args=[report.pk])).status_code == 403
    assert _client(client, people["other_office"]).post(reverse("families:delivery-confirm",
                                                                args=[report.pk])).status_code == 404
    report.refresh_from_db()
    assert report.confirmed_at is None


def test_exports_carry_free_text_only_for_the_office(client, people):
    request = make_request(people["office"])
    office = _client(client, people["office"]).get(reverse("families:requests-export", args=["csv"]))
    assert NEED in office.content.decode("utf-8-sig") and "SPOD-2026/0117" in office.content.decode("utf-8-sig")
    coordinator = _client(client, people["coordinator"]).get(reverse("families:requests-export", args=["csv"]))
    text = coordinator.content.decode("utf-8-sig")
    assert request.reference in text and NEED not in text and "SPOD-2026/0117" not in text
    assert _client(client, people["provider"]).get(
        reverse("families:requests-export", args=["csv"])).status_code == 403
    # Each export is an access to every request in it.
    assert RequestAccess.objects.filter(request=request, action="export").count() == 2


def test_the_admin_shows_the_kraj_coordinator_the_casework_read_only_and_logs_it(client, people):
    request = make_request(people["office"])
    url = reverse("admin:families_servicerequest_change", args=[request.pk])
    assert _client(client, people["coordinator"]).get(url).status_code == 200
    assert RequestAccess.objects.filter(request=request, action="admin", user=people["coordinator"]).exists()
    assert _client(client, people["other_kraj_coordinator"]).get(url).status_code == 404
    # Nobody changes the casework in the admin: the steps are taken on the site.
    response = _client(client, people["superuser"]).post(url, {"need": "Jiný text", "state": "cancelled"})
    assert response.status_code == 403
    request.refresh_from_db()
    assert request.state == "open"


def test_a_worker_who_left_the_office_loses_its_requests_and_the_role(client, people):
    request = make_request(people["office"], hours_left=-48)
    assert _client(client, people["colleague"]).get(request.get_absolute_url()).status_code == 200
    for assignment in people["colleague"].ospod_assignments.all():  # moved to another job (as the admin does)
        assignment.delete()
    assert _client(client, people["colleague"]).get(request.get_absolute_url()).status_code == 404
    assert not people["colleague"].groups.filter(name="ospod-worker").exists()


def test_unknown_and_malformed_ids_are_not_found(client, people):
    _client(client, people["office"])
    for url in (reverse("families:request", args=[999999]), reverse("families:offer-create", args=[999999])):
        assert client.get(url).status_code == 404
    assert client.post(reverse("families:closure-confirm", args=[999999])).status_code == 404
    assert client.get(reverse("families:requests-export", args=["pdf"])).status_code == 404


def test_a_deadline_in_the_past_closes_the_offer_form(client, people):
    request = make_request(people["office"], offers_due=timezone.now() - dt.timedelta(minutes=1))
    assert _client(client, people["provider"]).get(
        reverse("families:offer-create", args=[request.pk])).status_code == 404
