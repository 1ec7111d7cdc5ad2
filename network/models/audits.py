"""Inspections and quality audits of services: result per quality standard, findings, recommendations and
corrective actions with an owner, a deadline and a state."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from services.models import Service

from .quality import QualityStandard


class AuditQuerySet(models.QuerySet):
    def in_kraje(self, kraje):
        return self.filter(service__in=Service.objects.in_kraje(kraje).values("pk"))

    def public(self):
        return self.filter(is_public=True)


class Audit(models.Model):
    class Kind(models.TextChoices):
        INSPECTION = "inspection", _("inspection of quality (by the authority)")
        KRAJ_CHECK = "kraj_check", _("kraj's control check")
        EXTERNAL = "external", _("external quality audit")
        SELF_ASSESSMENT = "self", _("self-assessment")

    service = models.ForeignKey(Service, on_delete=models.PROTECT, related_name="audits", verbose_name=_("service"))
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    carried_out_on = models.DateField(_("date"))
    auditors = models.CharField(_("auditors"), max_length=300)
    findings = models.TextField(_("findings"), blank=True)
    recommendations = models.TextField(_("recommendations"), blank=True)
    serious_findings = models.BooleanField(_("serious findings"), default=False)
    follow_up_on = models.DateField(_("follow-up date"), null=True, blank=True)
    is_public = models.BooleanField(_("public"), default=False,
                                    help_text=_("The service's page then shows the date, the kind and whether "
                                                "there were serious findings (never the findings themselves)."))
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+", verbose_name=_("recorded by"))

    objects = AuditQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("inspection or audit")
        verbose_name_plural = _("inspections and audits")
        ordering = ["-carried_out_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.service} – {self.get_kind_display()} {self.carried_out_on}"


class StandardResult(models.Model):
    class Result(models.TextChoices):
        MET = "met", _("met")
        PARTLY = "partly", _("partly met")
        NOT_MET = "not_met", _("not met")
        NOT_ASSESSED = "na", _("not assessed")

    audit = models.ForeignKey(Audit, on_delete=models.CASCADE, related_name="results", verbose_name=_("audit"))
    standard = models.ForeignKey(QualityStandard, on_delete=models.PROTECT, related_name="+",
                                 verbose_name=_("standard"))
    result = models.CharField(_("result"), max_length=8, choices=Result.choices)
    note = models.CharField(_("note"), max_length=500, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("result for a standard")
        verbose_name_plural = _("results for standards")
        ordering = ["standard__number"]
        constraints = [models.UniqueConstraint(fields=["audit", "standard"], name="standard_result_unique")]

    def __str__(self) -> str:
        return f"{self.standard.number}: {self.get_result_display()}"


class CorrectiveActionQuerySet(models.QuerySet):
    def in_kraje(self, kraje):
        return self.filter(audit__in=Audit.objects.in_kraje(kraje).values("pk"))

    def open(self):
        return self.exclude(state=CorrectiveAction.State.DONE)

    def overdue(self, on=None):
        return self.open().filter(deadline__lt=on or timezone.localdate())


class CorrectiveAction(models.Model):
    class State(models.TextChoices):
        OPEN = "open", _("open")
        IN_PROGRESS = "progress", _("in progress")
        DONE = "done", _("done")

    audit = models.ForeignKey(Audit, on_delete=models.CASCADE, related_name="actions", verbose_name=_("audit"))
    description = models.TextField(_("corrective action"))
    owner = models.CharField(_("owner"), max_length=200, help_text=_("Who is responsible (a role or a name)."))
    deadline = models.DateField(_("deadline"))
    state = models.CharField(_("state"), max_length=8, choices=State.choices, default=State.OPEN)
    done_on = models.DateField(_("done on"), null=True, blank=True)

    objects = CorrectiveActionQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("corrective action")
        verbose_name_plural = _("corrective actions")
        ordering = ["deadline", "pk"]
        constraints = [models.CheckConstraint(
            condition=models.Q(state="done", done_on__isnull=False) | ~models.Q(state="done"),
            name="corrective_action_done_has_date")]

    def __str__(self) -> str:
        return self.description[:80]

    @property
    def is_overdue(self) -> bool:
        return self.state != self.State.DONE and self.deadline < timezone.localdate()

    def mark_done(self, on=None):
        """Close the action (the date is what the follow-up checks)."""
        self.state, self.done_on = self.State.DONE, on or timezone.localdate()
        self.save(update_fields=["state", "done_on"])
