"""The whole flow of a minitendr through the site's forms: an OSPOD worker posts a request, the providers with an
agreement offer, the office chooses after the deadline, the partial contract is concluded, the provider reports
delivery and closure, the office confirms; the others are told, in batched e-mails without free text."""

import datetime as dt
import re
from decimal import Decimal

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from families.emails import send_pending_notices
from families.models import (
    DeliveryReport,
    Notice,
    Offer,
    PartialContract,
    RequestAccess,
    ServiceRequest,
    add_months,
)
from tests.families.factories import (
    COUNSELLING,
    KLADNO,
    make_agreement,
    make_request,
    offer_data,
    ospod_worker,
    pass_deadline,
    provider_with_agreement,
)
from tests.services.factories import make_provider_staff

pytestmark = pytest.mark.django_db

NEED = "Rodina potřebuje podporu při péči o domácnost a při pravidelné docházce dětí do školy."


def request_form(**fields):
    now = timezone.localtime()
    data = {"orp": KLADNO, "category": "rodiny-terenni-ambulantni", "case_code": "SPOD-2026/0117",
            "children_count": "2", "children_ages": "4,9", "need": NEED, "obec": "", "urgency": "standard",
            "expected_scope": "dvě návštěvy týdně po dvou hodinách", "duration_months": "6",
            "preferred_start": (now.date() + dt.timedelta(days=10)).isoformat(),
            "offers_due": (now + dt.timedelta(days=3)).strftime("%Y-%m-%dT%H:%M")}
    data.update(fields)
    return data


def offer_form(agreement, **fields):
    data = {"agreement": agreement.pk, "service": agreement.services.first().pk,
            "start_on": (timezone.localdate() + dt.timedelta(days=10)).isoformat(), "unit": "hour",
            "units": "40", "unit_price": "480", "scope": "dvakrát týdně dvě hodiny",
            "approach": "Klíčová pracovnice, individuální plán s rodinou, spolupráce se školou."}
    data.update(fields)
    return data


@pytest.fixture
def world():
    worker = ospod_worker(KLADNO)
    alpha_staff, alpha, alpha_agreement = provider_with_agreement()
    beta_staff, beta, beta_agreement = provider_with_agreement()
    outsider = make_provider_staff(verified=True)  # a provider without any agreement
    counselling_staff, _p, _a = provider_with_agreement(category=COUNSELLING)  # another category
    return {"worker": worker, "alpha": (alpha_staff, alpha, alpha_agreement),
            "beta": (beta_staff, beta, beta_agreement), "outsider": outsider, "counselling": counselling_staff}


def test_request_to_offers_to_contract_to_delivery_to_closure(client, world):
    worker = world["worker"]
    alpha_staff, alpha, alpha_agreement = world["alpha"]
    beta_staff, beta, beta_agreement = world["beta"]

    # The office posts the request.
    client.force_login(worker)
    response = client.post(reverse("families:request-create"), request_form())
    request = ServiceRequest.objects.get()
    assert response.status_code == 302 and response.url == request.get_absolute_url()
    assert request.created_by == worker and request.state == "open" and request.children_ages == "4, 9"
    told = set(Notice.objects.filter(kind="new_request").values_list("user", flat=True))
    assert told == {alpha_staff.pk, beta_staff.pk}  # not the outsider, not the other category

    # The providers with an agreement see it and offer; the others do not see it at all.
    for staff, agreement, price in ((alpha_staff, alpha_agreement, "480"), (beta_staff, beta_agreement, "450")):
        client.force_login(staff)
        assert request.reference in client.get(reverse("families:open-requests")).content.decode()
        response = client.post(reverse("families:offer-create", args=[request.pk]),
                               offer_form(agreement, unit_price=price))
        assert response.status_code == 302, response.content.decode()[:2000]
    assert Offer.objects.filter(request=request, state="submitted").count() == 2
    assert Offer.objects.get(provider=alpha).total_price == Decimal(19200)
    for outsider in (world["outsider"], world["counselling"]):
        client.force_login(outsider)
        assert client.get(request.get_absolute_url()).status_code == 404
        assert client.get(reverse("families:offer-create", args=[request.pk])).status_code == 404
        assert request.reference not in client.get(reverse("families:open-requests")).content.decode()

    # The office cannot choose before the deadline (every provider has the same time).
    client.force_login(worker)
    alpha_offer = Offer.objects.get(provider=alpha)
    client.post(reverse("families:request-select", args=[request.pk]), {"offer": alpha_offer.pk})
    assert not PartialContract.objects.exists()

    # After the deadline the office chooses; the partial contract is concluded at the offer's price.
    pass_deadline(request)
    response = client.post(reverse("families:request-select", args=[request.pk]),
                           {"offer": alpha_offer.pk, "number": "DS-KL-2026-001"})
    assert response.status_code == 302
    contract = PartialContract.objects.get()
    assert (contract.number, contract.value, contract.provider) == ("DS-KL-2026-001", Decimal(19200), alpha)
    assert contract.ends_on == add_months(contract.starts_on, 6) - dt.timedelta(days=1)
    request.refresh_from_db()
    assert request.state == "contracted"
    assert dict(Offer.objects.values_list("provider", "state")) == {alpha.pk: "selected", beta.pk: "not_selected"}
    assert Notice.objects.get(kind="selected").user == alpha_staff
    assert Notice.objects.get(kind="not_selected").user == beta_staff

    # The provider reports this month's delivery; the office confirms it.
    client.force_login(alpha_staff)
    month = timezone.localdate().replace(day=1)
    if month < contract.starts_on.replace(day=1):  # the contract starts next month: report from its start
        contract.starts_on = month
        contract.save(update_fields=["starts_on"])
    response = client.post(reverse("families:delivery-report", args=[contract.pk]),
                           {"month": month.isoformat(), "units": "8", "note": "Čtyři návštěvy."})
    assert response.status_code == 302
    report = DeliveryReport.objects.get()
    assert report.units == Decimal(8) and report.reported_by == alpha_staff
    client.force_login(worker)
    client.post(reverse("families:delivery-confirm", args=[report.pk]))
    report.refresh_from_db()
    assert report.confirmed_by == worker

    # The provider reports the closure; the office confirms it and the request is closed.
    client.force_login(alpha_staff)
    client.post(reverse("families:closure-report", args=[contract.pk]),
                {"outcome": "reached", "reason": "Rodina zvládá péči o domácnost, děti chodí do školy."})
    contract.refresh_from_db()
    assert contract.outcome == "reached" and contract.closure_reported_by == alpha_staff
    client.force_login(worker)
    client.post(reverse("families:closure-confirm", args=[contract.pk]))
    contract.refresh_from_db()
    request.refresh_from_db()
    assert contract.confirmed_by == worker and request.state == "closed" and request.closed_at is not None

    # Every step is a version in the history.
    assert [v.state for v in request.history.order_by("history_id")] == ["open", "contracted", "closed"]
    assert alpha_offer.history.count() == 2 and contract.history.count() >= 3 and report.history.count() == 2
    # And every opening of the request was logged with who and why.
    roles = set(RequestAccess.objects.filter(request=request).values_list("user", "role"))
    assert (worker.pk, "office") in roles and (alpha_staff.pk, "provider") in roles

    # The batched mails: one per person with everything since, no free text of the request.
    mail.outbox.clear()
    assert send_pending_notices() == 3  # alpha (new, selected, confirmed), beta (new, not selected), worker
    by_person = {message.to[0]: message for message in mail.outbox}
    assert set(by_person) == {alpha_staff.email, beta_staff.email, worker.email}
    alpha_mail = by_person[alpha_staff.email].body
    assert request.reference in alpha_mail and request.get_absolute_url() in alpha_mail
    assert "SPOD-2026" not in alpha_mail and NEED[:30] not in alpha_mail
    assert len(re.findall(re.escape(request.get_absolute_url()), alpha_mail)) == 3
    assert send_pending_notices() == 0  # sent once


def test_the_office_cancels_with_a_reason_and_the_bidders_are_told(client, world):
    worker = world["worker"]
    alpha_staff, _alpha, alpha_agreement = world["alpha"]
    client.force_login(worker)
    client.post(reverse("families:request-create"), request_form())
    request = ServiceRequest.objects.get()
    Offer.submit(request=request, agreement=alpha_agreement, by=alpha_staff, service=None,
                 start_on=timezone.localdate() + dt.timedelta(days=10), unit="hour", units=Decimal(10),
                 unit_price=Decimal(400), scope="jednou týdně", approach="Práce v domácnosti.")
    response = client.post(reverse("families:request-cancel", args=[request.pk]), {"reason": ""})
    assert response.status_code == 400  # the reason is required
    response = client.post(reverse("families:request-cancel", args=[request.pk]),
                           {"reason": "Rodina se odstěhovala do jiného obvodu."})
    assert response.status_code == 302
    request.refresh_from_db()
    assert request.state == "cancelled" and request.cancelled_by == worker
    assert Offer.objects.get().state == "not_selected"
    assert Notice.objects.filter(kind="cancelled", user=alpha_staff).exists()


def test_an_offer_above_the_agreed_price_is_refused(client, world):
    alpha_staff, _alpha, alpha_agreement = world["alpha"]
    client.force_login(world["worker"])
    client.post(reverse("families:request-create"), request_form())
    request = ServiceRequest.objects.get()
    client.force_login(alpha_staff)
    response = client.post(reverse("families:offer-create", args=[request.pk]),
                           offer_form(alpha_agreement, unit_price="650"))
    assert response.status_code == 400
    assert "500" in response.content.decode()  # the agreed price is named
    assert not Offer.objects.exists()
    # A unit the agreement does not price is not offered either.
    response = client.post(reverse("families:offer-create", args=[request.pk]),
                           offer_form(alpha_agreement, unit="day"))
    assert response.status_code == 400 and not Offer.objects.exists()


def test_a_provider_offers_once_and_may_withdraw_before_the_deadline(client, world):
    alpha_staff, _alpha, alpha_agreement = world["alpha"]
    client.force_login(world["worker"])
    client.post(reverse("families:request-create"), request_form())
    request = ServiceRequest.objects.get()
    client.force_login(alpha_staff)
    client.post(reverse("families:offer-create", args=[request.pk]), offer_form(alpha_agreement))
    # Offered already: the form is not offered again (403, the request stays visible).
    assert client.get(reverse("families:offer-create", args=[request.pk])).status_code == 403
    offer = Offer.objects.get()
    client.post(reverse("families:offer-withdraw", args=[offer.pk]))
    offer.refresh_from_db()
    assert offer.state == "withdrawn"
    # After withdrawing the provider may offer anew.
    response = client.post(reverse("families:offer-create", args=[request.pk]), offer_form(alpha_agreement))
    assert response.status_code == 302 and Offer.objects.filter(state="submitted").count() == 1


def test_the_ceiling_of_the_agreement_holds(client, world):
    worker = world["worker"]
    staff, _provider, agreement = provider_with_agreement(ceiling="20000")
    client.force_login(worker)
    client.post(reverse("families:request-create"), request_form())
    request = ServiceRequest.objects.get()
    client.force_login(staff)
    response = client.post(reverse("families:offer-create", args=[request.pk]),
                           offer_form(agreement, units="50", unit_price="480"))  # 24,000 > 20,000
    assert response.status_code == 400 and "20000" in response.content.decode().replace("\xa0", "").replace(" ", "")
    assert not Offer.objects.exists()


def test_an_agreement_not_in_force_gives_no_access(client, world):
    worker = world["worker"]
    provider_staff, _provider, _agreement = provider_with_agreement(
        valid_from=timezone.localdate() - dt.timedelta(days=400), valid_to=timezone.localdate() - dt.timedelta(days=1))
    client.force_login(worker)
    client.post(reverse("families:request-create"), request_form())
    request = ServiceRequest.objects.get()
    client.force_login(provider_staff)
    assert client.get(request.get_absolute_url()).status_code == 404


def test_a_request_of_another_office_cannot_be_posted(client, world):
    client.force_login(world["worker"])
    response = client.post(reverse("families:request-create"), request_form(orp=2102))  # Beroun, not theirs
    assert response.status_code == 400 and not ServiceRequest.objects.exists()


def test_deadlines_in_the_past_or_too_far_are_refused(client, world):
    client.force_login(world["worker"])
    now = timezone.localtime()
    for due in (now - dt.timedelta(hours=2), now + dt.timedelta(days=90)):
        response = client.post(reverse("families:request-create"),
                               request_form(offers_due=due.strftime("%Y-%m-%dT%H:%M"),
                                            preferred_start=(due.date() + dt.timedelta(days=5)).isoformat()))
        assert response.status_code == 400
    assert not ServiceRequest.objects.exists()


def test_an_offer_under_an_agreement_not_covering_the_orp_is_refused(world):
    """The model's rule, whatever door the offer comes through (the view never offers such an agreement)."""
    agreement = make_agreement(orps=(2102,))  # Beroun only
    request = make_request(world["worker"])  # Kladno
    with pytest.raises(ValidationError) as error:
        Offer.submit(request=request, agreement=agreement, by=None, **offer_data(agreement))
    assert "agreement" in error.value.message_dict
    assert not Offer.objects.exists()
