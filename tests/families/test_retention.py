"""The retention period: a finished request keeps its free text FAMILIES_RETENTION_DAYS, then only its
statistics (everywhere: the request, offers, contract, delivery reports and their history)."""

import datetime as dt

import pytest
from django.core.management import call_command
from django.utils import timezone

from families import statistics
from families.models import DeliveryReport, Offer, PartialContract, ServiceRequest
from families.retention import apply_retention
from tests.families.factories import (
    make_request,
    offer_data,
    ospod_worker,
    pass_deadline,
    provider_with_agreement,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def finished():
    """A closed request with its contract and a delivery report, and a cancelled one."""
    worker = ospod_worker()
    staff, _provider, agreement = provider_with_agreement()
    request = make_request(worker, obec_id=532053)
    offer = Offer.submit(request=request, agreement=agreement, by=staff, **offer_data(agreement))
    pass_deadline(request)
    contract = request.select(offer, by=worker)
    contract.starts_on = timezone.localdate().replace(day=1)
    contract.save()
    contract.report_delivery(month=contract.starts_on, units=5, note="Pět návštěv.", by=staff)
    contract.report_closure(outcome="partly", reason="Rodina spolupracovala jen zčásti.", by=staff)
    contract.confirm_closure(by=worker)
    cancelled = make_request(worker, case_code="SPOD-2026/0200")
    cancelled.cancel(by=worker, reason="Rodina se odstěhovala.")
    return request, cancelled


def _age(request, days):
    request.refresh_from_db()
    ServiceRequest.objects.filter(pk=request.pk).update(
        closed_at=timezone.now() - dt.timedelta(days=days) if request.closed_at else None,
        cancelled_at=timezone.now() - dt.timedelta(days=days) if request.cancelled_at else None)


def test_the_free_text_goes_after_the_retention_period_and_the_statistics_stay(finished, settings):
    settings.FAMILIES_RETENTION_DAYS = 30
    request, cancelled = finished
    before = statistics.compute()
    _age(request, 10)
    _age(cancelled, 10)
    assert apply_retention().requests == 0  # within the period: nothing goes
    _age(request, 31)
    _age(cancelled, 31)
    report = apply_retention()
    assert (report.requests, report.offers, report.contracts, report.reports) == (2, 1, 1, 1)
    request.refresh_from_db()
    assert request.redacted_at is not None and request.obec is None
    assert all(getattr(request, name) == "" for name in ServiceRequest.FREE_TEXT)
    assert (request.category, request.children_count, request.state) == ("rodiny-terenni-ambulantni", 2, "closed")
    offer = Offer.objects.get()
    assert offer.approach == "" and offer.scope == "" and offer.total_price > 0
    contract = PartialContract.objects.get()
    assert contract.closure_reason == "" and contract.outcome == "partly"
    assert DeliveryReport.objects.get().note == ""
    # Nothing of the text is left in the history either.
    for model in (ServiceRequest, Offer, PartialContract, DeliveryReport):
        for version in model.history.all():
            assert all(getattr(version, name) == "" for name in model.FREE_TEXT), model
    assert not ServiceRequest.history.filter(obec__isnull=False).exists()
    # The statistics are the same.
    after = statistics.compute()
    assert after.total.requests == before.total.requests and after.total.contracts.value == \
        before.total.contracts.value and after.total.cancelled == before.total.cancelled
    assert apply_retention().requests == 0  # idempotent


def test_open_and_running_requests_keep_their_text(settings):
    settings.FAMILIES_RETENTION_DAYS = 0
    request = make_request(ospod_worker(), created_at=timezone.now() - dt.timedelta(days=900))
    assert apply_retention().requests == 0
    request.refresh_from_db()
    assert request.need and request.redacted_at is None


def test_the_command_reports_what_it_removed(finished, settings, capsys):
    settings.FAMILIES_RETENTION_DAYS = 1
    for request in finished:
        _age(request, 5)
    call_command("apply_families_retention")
    assert "Free text removed from 2 request(s)" in capsys.readouterr().out
