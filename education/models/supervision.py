"""Supervision: the register of supervisors (a supervisor keeps their own profile once a coordinator approved it)
and the supervision sessions providers record per service: when, what kind, how long, with whom — never what was
discussed."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Exists, OuterRef
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.collation import CZECH
from services.models import Service


class SupervisionKind(models.TextChoices):
    CASE = "case", _("case supervision")
    TEAM = "team", _("team supervision")
    MANAGEMENT = "management", _("management supervision")


class SupervisorQuerySet(models.QuerySet):
    def in_kraje(self, kraje):
        """Supervisors working in one of the kraje (a coordinator approves those)."""
        return self.filter(Exists(Supervisor.kraje.through.objects.filter(supervisor=OuterRef("pk"),
                                                                          kraj__in=kraje)))

    def approved(self):
        return self.filter(status=Supervisor.Status.APPROVED)

    def of_kind(self, kind: str):
        return self.filter(**{f"does_{kind}": True})


class Supervisor(models.Model):
    """A supervisor in the public register. The person applies on the site; a regional coordinator of one of the
    kraje they work in approves the profile; from then on the person keeps it up to date themselves."""

    class Status(models.TextChoices):
        PENDING = "pending", _("waiting for approval")
        APPROVED = "approved", _("approved")
        SUSPENDED = "suspended", _("suspended")

    person = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="supervisor",
                                  verbose_name=_("account"))
    name = models.CharField(_("name shown in the register"), max_length=200, db_collation=CZECH)
    qualification = models.TextField(_("qualification"),
                                     help_text=_("Training in supervision, professional background, memberships."))
    does_case = models.BooleanField(_("case supervision"), default=False)
    does_team = models.BooleanField(_("team supervision"), default=False)
    does_management = models.BooleanField(_("management supervision"), default=False)
    service_types = models.ManyToManyField("services.ServiceType", blank=True, related_name="+",
                                           verbose_name=_("service types they know"))
    target_groups = models.ManyToManyField("services.TargetGroup", blank=True, related_name="+",
                                           verbose_name=_("target groups they know"))
    kraje = models.ManyToManyField("territory.Kraj", related_name="+", verbose_name=_("kraje where they work"))
    orps = models.ManyToManyField("territory.Orp", blank=True, related_name="+", verbose_name=_("ORPs where they work"),
                                  help_text=_("Leave empty when they work in the whole kraj."))
    email = models.EmailField(_("contact e-mail"))
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    web = models.URLField(_("web"), blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PENDING)
    approved_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                    related_name="+", verbose_name=_("approved by"))
    approved_at = models.DateTimeField(_("approved at"), null=True, blank=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = SupervisorQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        verbose_name = _("supervisor")
        verbose_name_plural = _("supervisors")
        ordering = ["name", "pk"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("education:supervisor", args=[self.pk])

    @property
    def is_approved(self) -> bool:
        return self.status == self.Status.APPROVED

    @property
    def is_suspended(self) -> bool:
        return self.status == self.Status.SUSPENDED

    @property
    def kinds(self) -> list[str]:
        return [str(label) for value, label in SupervisionKind.choices if getattr(self, f"does_{value}")]

    def approve(self, *, by) -> None:
        self.status, self.approved_by, self.approved_at = self.Status.APPROVED, by, timezone.now()
        self._history_user = by
        self.save(update_fields=["status", "approved_by", "approved_at", "updated_at"])


class SupervisionSessionQuerySet(models.QuerySet):
    def in_kraje(self, kraje):
        return self.filter(service__in=Service.objects.in_kraje(kraje).values("pk"))

    def in_year(self, year: int):
        return self.filter(held_on__year=year)


class SupervisionSession(models.Model):
    """A supervision a service had: date, kind, hours and the supervisor. The content is never recorded here."""

    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="+", verbose_name=_("service"))
    held_on = models.DateField(_("date"))
    kind = models.CharField(_("kind"), max_length=12, choices=SupervisionKind.choices)
    hours = models.DecimalField(_("hours"), max_digits=4, decimal_places=1,
                                validators=[MinValueValidator(0.5), MaxValueValidator(24)])
    supervisor = models.ForeignKey(Supervisor, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
                                   verbose_name=_("supervisor from the register"))
    supervisor_name = models.CharField(_("other supervisor"), max_length=200, blank=True,
                                       help_text=_("When the supervisor is not in the register."))
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                    related_name="+", verbose_name=_("recorded by"))
    created_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    objects = SupervisionSessionQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("supervision session")
        verbose_name_plural = _("supervision sessions")
        ordering = ["-held_on", "-pk"]
        constraints = [models.CheckConstraint(condition=models.Q(supervisor__isnull=False)
                                              | ~models.Q(supervisor_name=""), name="supervision_has_supervisor")]

    def __str__(self) -> str:
        return f"{self.service} {self.held_on}"

    @property
    def supervisor_label(self) -> str:
        return self.supervisor.name if self.supervisor_id else self.supervisor_name
