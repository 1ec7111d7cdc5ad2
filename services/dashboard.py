"""The registry's part of the coordinators' dashboard (portal/dashboard.py gathers it; contract in
core/dashboard.py): outdated free-place figures, unverified capacity reports, unresolved corrections, and
the last registry import with its problems."""

from dataclasses import dataclass

from django.conf import settings
from django.db.models import Count, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.dashboard import Item, Panel, admin_list
from services.models import CapacityReport, ImportRun, RecordCorrection, Service, outdated_before

SECTION = _("Registry")
ORDER = 10


def attention_items(user, kraje: list) -> list[Item]:
    """Scoped like the registry's admin (Service.objects.in_kraje), linked to its own list filters (3 queries)."""
    services = Service.objects.in_kraje(kraje)
    outdated = services.active().filter(
        Q(current_report_at__isnull=True) | Q(current_report_at__lt=outdated_before())).count()
    in_scope = Q(service__in=services.values("pk"))
    # Split by the plausibility rule (services.models.capacity.implausibility): the implausible ones are the
    # ones that need a person; the plausible ones go in bulk on the verification page.
    waiting = CapacityReport.objects.filter(in_scope).waiting().aggregate(
        implausible=Count("pk", filter=~Q(attention="")), plausible=Count("pk", filter=Q(attention="")))
    corrections = RecordCorrection.objects.filter(in_scope, resolved_at__isnull=True).count()
    return [
        Item("outdated", SECTION, _("Services with outdated or no free-place figures"), outdated,
             admin_list("services_service", status="active", report="outdated"), ORDER),
        Item("implausible", SECTION, _("Capacity reports with implausible figures, to check one by one"),
             waiting["implausible"],
             admin_list("services_capacityreport", verified_at__isempty="1", attention__isempty="0"), ORDER),
        Item("unverified", SECTION, _("Plausible capacity reports waiting for verification in bulk"),
             waiting["plausible"],  # the list (its "Verify in bulk" page verifies them by provider or all at once)
             admin_list("services_capacityreport", verified_at__isempty="1", attention__isempty="1"), ORDER),
        Item("corrections", SECTION, _("Reported errors in records, not resolved"), corrections,
             admin_list("services_recordcorrection", resolved_at__isempty="1"), ORDER),
    ]


@dataclass
class LastImport:
    run: ImportRun
    problems: int
    url: str  # the run's report in the admin, problems included


def last_import(user) -> LastImport | None:
    """The newest import run the person may see (1 query)."""
    run = ImportRun.objects.visible_to(user).order_by("-created_at", "-pk").first()
    if run is None:
        return None
    problems = len(run.problems or []) + int((run.counts or {}).get("problems_left_off", 0) or 0)
    url = reverse("admin:services_importrun_change", args=[run.pk])
    return LastImport(run=run, problems=problems, url=url)


def panels(user, kraje: list) -> list[Panel]:
    """What "outdated" means, and the last registry import (templates/services/dashboard/registry.html)."""
    return [Panel(SECTION, "services/dashboard/registry.html", {
        "last_import": last_import(user), "max_age_days": settings.CAPACITY_REPORT_MAX_AGE_DAYS})]
