"""Reported free places and waiting lists (every report kept as history) and minimal network targets."""

import datetime as dt

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import OuterRef, Q, Subquery
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from simple_history.models import HistoricalRecords

from .codelists import CapacityUnit, Form, ServiceType
from .registry import RegisteredCapacity, Service


class CapacityReportQuerySet(models.QuerySet):
    def newest_per_capacity(self):
        """For each service × form × unit, only its newest report."""
        newer = CapacityReport.objects.filter(service=OuterRef("service"), form=OuterRef("form"),
                                              unit=OuterRef("unit")).order_by("-as_of", "-pk")
        return self.filter(pk=Subquery(newer.values("pk")[:1]))

    def verify(self, *, by) -> int:
        """Mark the reports not yet verified as verified by `by` now; returns how many were."""
        return self.filter(verified_at__isnull=True).update(verified_by=by, verified_at=timezone.now())

    def waiting(self):
        """Not verified yet: what the coordinators' verification works through."""
        return self.filter(verified_at__isnull=True)

    def plausible(self):
        """Reports whose figures passed the plausibility check (see CapacityReport.implausibility)."""
        return self.filter(attention="")

    def implausible(self):
        """Reports held for a person's look, each with the reason in `attention`."""
        return self.exclude(attention="")


def implausibility(*, free_places: int, waiting_list: int, maximum: int | None, previous) -> str:
    """Why these figures need a person's look, or "" when they are plausible: more free places than the
    registered capacity, or a waiting list that grew by more than settings.CAPACITY_WAITING_JUMP_FACTOR times
    since the previous report (and by at least CAPACITY_WAITING_JUMP_MIN people, so 1 → 4 is no alarm)."""
    if maximum is not None and free_places > maximum:
        return _("More free places (%(free)s) than the registered capacity (%(maximum)s).") % {
            "free": free_places, "maximum": maximum}
    if previous is not None:
        before = previous.waiting_list
        if (waiting_list > max(before, 1) * settings.CAPACITY_WAITING_JUMP_FACTOR
                and waiting_list - before >= settings.CAPACITY_WAITING_JUMP_MIN):
            return _("The waiting list jumped from %(before)s to %(after)s since the previous report.") % {
                "before": before, "after": waiting_list}
    return ""


def provider_is_trusted(provider_id: int) -> bool:
    """A provider whose reports a coordinator verified at least settings.CAPACITY_TRUST_AFTER times has its
    plausible reports verified automatically (0 switches the rule off). Verifications by the rule itself do
    not count: trust is earned from people only."""
    needed = settings.CAPACITY_TRUST_AFTER
    if needed <= 0:
        return False
    return CapacityReport.objects.filter(service__provider_id=provider_id, verified_at__isnull=False,
                                         auto_verified=False)[:needed].count() >= needed


class CapacityReport(models.Model):
    """Free places and waiting list of a service × form × unit as of a day. Every report is kept (history)."""

    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="capacity_reports",
                                verbose_name=_("service"))
    form = models.CharField(_("form"), max_length=3, choices=Form.choices)
    unit = models.CharField(_("unit"), max_length=8, choices=CapacityUnit.choices)
    free_places = models.PositiveIntegerField(_("free places"))
    waiting_list = models.PositiveIntegerField(_("waiting list"), default=0)
    as_of = models.DateField(_("as of"))
    reported_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                    related_name="+", verbose_name=_("reported by"))
    verified_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                    related_name="+", verbose_name=_("verified by"))
    verified_at = models.DateTimeField(_("verified at"), null=True, blank=True)
    # Database defaults too: rows written by SQL that predates these columns (the history backfill of
    # portal/0002 copies the fields it knew) get them filled.
    auto_verified = models.BooleanField(
        _("verified automatically"), default=False, db_default=False,
        help_text=_("Plausible figures of a provider the coordinators already trust (settings.CAPACITY_TRUST_AFTER)."))
    attention = models.CharField(_("needs a look because"), max_length=200, blank=True, default="", db_default="",
                                 help_text=_("Why the figures were held for a person's check; empty when plausible."))
    created_at = models.DateTimeField(_("created at"), default=timezone.now)

    objects = CapacityReportQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("capacity report")
        verbose_name_plural = _("capacity reports")
        ordering = ["-as_of", "-pk"]
        indexes = [models.Index(fields=["service", "-as_of"])]

    def __str__(self) -> str:
        return f"{self.service} {self.as_of}: {self.free_places}"

    @classmethod
    def record(cls, *, service, form, unit, free_places, waiting_list=0, as_of=None, by=None):
        """Store a new report and refresh the service's "now" figures from the newest reports of each form.

        Verification scales with the rule of `implausibility` and `provider_is_trusted`: implausible figures wait
        for a coordinator with the reason; plausible figures of a trusted provider are verified at once."""
        as_of = as_of or timezone.localdate()
        line = RegisteredCapacity.objects.filter(service=service, form=form, unit=unit).only("maximum").first()
        previous = cls.objects.filter(service=service, form=form, unit=unit, as_of__lte=as_of).first()
        attention = implausibility(free_places=free_places, waiting_list=waiting_list,
                                   maximum=line.maximum if line else None, previous=previous)
        trusted = not attention and provider_is_trusted(service.provider_id)
        report = cls.objects.create(service=service, form=form, unit=unit, free_places=free_places,
                                    waiting_list=waiting_list, as_of=as_of, reported_by=by, attention=attention,
                                    auto_verified=trusted, verified_at=timezone.now() if trusted else None)
        # Only a report at least as new as the line's current one replaces it (late reports are history).
        RegisteredCapacity.objects.filter(service=service, form=form, unit=unit).filter(
            Q(reported_at__isnull=True) | Q(reported_at__lte=report.as_of)).update(
            free_places=free_places, waiting_list=waiting_list, reported_at=report.as_of)
        service.refresh_current_capacity()
        return report


def record_daily_reports(*, service: Service, figures, by=None, on: dt.date | None = None) -> int:
    """Store free places and waiting list of several capacity lines as of a day (today by default), each
    with its author: `figures` is [(RegisteredCapacity, free_places, waiting_list), …]. A second submit the
    same day replaces that day's report of a line (a correction); identical figures write nothing, so a
    double click is harmless. Returns the number of reports written."""
    from django.db import transaction

    on = on or timezone.localdate()
    written = 0
    with transaction.atomic():
        # Lock the service: two submits at once are handled one after the other.
        Service.objects.select_for_update().filter(pk=service.pk).values_list("pk").first()
        same_day = {(r.form, r.unit): r for r in CapacityReport.objects.filter(service=service, as_of=on)}
        for line, free_places, waiting_list in figures:
            earlier = same_day.get((line.form, line.unit))
            if earlier is not None:
                if (earlier.free_places, earlier.waiting_list) == (free_places, waiting_list):
                    continue
                CapacityReport.objects.filter(service=service, form=line.form, unit=line.unit, as_of=on).delete()
            CapacityReport.record(service=service, form=line.form, unit=line.unit, free_places=free_places,
                                  waiting_list=waiting_list, as_of=on, by=by)
            written += 1
    return written


class NetworkTarget(models.Model):
    """The capacity an ORP should have of a service type (minimal network, set by a coordinator)."""

    orp = models.ForeignKey("territory.Orp", on_delete=models.CASCADE, related_name="network_targets",
                            verbose_name=_("ORP"))
    service_type = models.ForeignKey(ServiceType, on_delete=models.CASCADE, related_name="network_targets",
                                     verbose_name=_("service type"))
    unit = models.CharField(_("unit"), max_length=8, choices=CapacityUnit.choices)
    target = models.PositiveIntegerField(_("target capacity"), validators=[MinValueValidator(1)])
    note = models.CharField(_("note"), max_length=300, blank=True)
    set_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                               related_name="+", verbose_name=_("set by"))
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        verbose_name = _("minimal network target")
        verbose_name_plural = _("minimal network targets")
        constraints = [models.UniqueConstraint(fields=["orp", "service_type", "unit"], name="unique_network_target")]

    def __str__(self) -> str:
        return f"{self.orp} – {self.service_type}: {self.target} {self.get_unit_display()}"
