"""The retention period: a finished request (closed or cancelled) keeps its free text only for
FAMILIES_RETENTION_DAYS after it finished; then every free text of the request, of its offers, its contract and
its delivery reports is removed, in the records and in their history, and only what the statistics count stays
(category, ORP, number of children, dates, states, prices, values, outcome). The access log stays: it holds no
data about the family.

Run daily by `manage.py apply_families_retention` (cron) or the task `families.tasks.apply_retention`.
"""

import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from families.models import DeliveryReport, Offer, PartialContract, ServiceRequest

DEFAULT_RETENTION_DAYS = 365


def retention_days() -> int:
    return getattr(settings, "FAMILIES_RETENTION_DAYS", DEFAULT_RETENTION_DAYS)


@dataclass
class RetentionReport:
    requests: int = 0
    offers: int = 0
    contracts: int = 0
    reports: int = 0

    def summary(self) -> str:
        return (f"Free text removed from {self.requests} request(s), {self.offers} offer(s), {self.contracts} "
                f"contract(s) and {self.reports} delivery report(s).")


def due_for_redaction(now=None):
    """Finished requests whose retention period is over and whose text is still there."""
    limit = (now or timezone.now()) - dt.timedelta(days=retention_days())
    return ServiceRequest.objects.filter(redacted_at__isnull=True).filter(
        Q(state=ServiceRequest.State.CLOSED, closed_at__lt=limit)
        | Q(state=ServiceRequest.State.CANCELLED, cancelled_at__lt=limit))


def _blank(model, queryset) -> int:
    """Empty the model's free text in the rows and in every historical version of them (an UPDATE each: no new
    version is written, the history keeps its steps without the text)."""
    values = {name: "" for name in model.FREE_TEXT}
    ids = list(queryset.values_list("pk", flat=True))
    if not ids:
        return 0
    model.objects.filter(pk__in=ids).update(**values)
    model.history.model.objects.filter(**{f"{model._meta.pk.attname}__in": ids}).update(**values)
    return len(ids)


def apply_retention(*, now=None) -> RetentionReport:
    now = now or timezone.now()
    report = RetentionReport()
    with transaction.atomic():
        requests = list(due_for_redaction(now).select_for_update().values_list("pk", flat=True))
        if not requests:
            return report
        report.offers = _blank(Offer, Offer.objects.filter(request__in=requests))
        report.contracts = _blank(PartialContract, PartialContract.objects.filter(request__in=requests))
        report.reports = _blank(DeliveryReport, DeliveryReport.objects.filter(contract__request__in=requests))
        report.requests = _blank(ServiceRequest, ServiceRequest.objects.filter(pk__in=requests))
        # The place finer than the ORP goes too; the request is marked, so the pages say why the text is gone.
        ServiceRequest.objects.filter(pk__in=requests).update(obec=None, redacted_at=now)
        ServiceRequest.history.model.objects.filter(id__in=requests).update(obec=None)
    return report
