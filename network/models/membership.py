"""The kraj's network of social services (síť sociálních služeb) per year: which services, with which capacity
included in the network (may be lower than the registered one), entrusted by which act (pověření), financed in
which category; every change during the year kept as an explicit row with its date and reason."""

from django.conf import settings
from django.db import models, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from services.models import CapacityUnit, Form, Service


class FinancingCategory(models.TextChoices):
    CORE = "core", _("core network (financed by the kraj)")
    DEVELOPMENT = "development", _("development network")
    PROJECT = "project", _("financed from a project (ESF+)")
    LOCAL = "local", _("local network (municipalities)")


class NetworkMembershipQuerySet(models.QuerySet):
    def in_kraje(self, kraje):
        return self.filter(kraj__in=kraje)

    def of_year(self, year: int):
        return self.filter(year=year)

    def current(self, on=None):
        """In the network on the day (today by default): not excluded before it."""
        on = on or timezone.localdate()
        return self.filter(Q(excluded_on__isnull=True) | Q(excluded_on__gt=on))


class NetworkMembership(models.Model):
    """One capacity line of a service included in a kraj's network for a year."""

    kraj = models.ForeignKey("territory.Kraj", on_delete=models.PROTECT, related_name="+", verbose_name=_("kraj"))
    year = models.PositiveSmallIntegerField(_("year"))
    service = models.ForeignKey(Service, on_delete=models.PROTECT, related_name="network_memberships",
                                verbose_name=_("service"))
    form = models.CharField(_("form"), max_length=3, choices=Form.choices, blank=True,
                            help_text=_("Empty when the line covers all forms of the service."))
    unit = models.CharField(_("unit"), max_length=8, choices=CapacityUnit.choices)
    capacity = models.PositiveIntegerField(_("capacity in the network"))
    entrustment_number = models.CharField(_("entrustment act number"), max_length=60, blank=True)
    entrusted_from = models.DateField(_("entrusted from"), null=True, blank=True)
    entrusted_to = models.DateField(_("entrusted until"), null=True, blank=True)
    financing_category = models.CharField(_("financing category"), max_length=12,
                                          choices=FinancingCategory.choices, default=FinancingCategory.CORE)
    excluded_on = models.DateField(_("excluded from the network on"), null=True, blank=True)
    note = models.CharField(_("note"), max_length=300, blank=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = NetworkMembershipQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        verbose_name = _("service in the network")
        verbose_name_plural = _("services in the network")
        ordering = ["-year", "service__name", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["kraj", "year", "service", "form", "unit"],
                                    name="network_membership_unique_line"),
            models.CheckConstraint(condition=Q(entrusted_to__isnull=True) | Q(entrusted_from__isnull=True) |
                                   Q(entrusted_to__gte=models.F("entrusted_from")),
                                   name="network_membership_entrustment_range"),
            models.CheckConstraint(condition=Q(year__gte=2000) & Q(year__lte=2100), name="network_membership_year"),
        ]
        indexes = [models.Index(fields=["kraj", "year"])]

    def __str__(self) -> str:
        return f"{self.service} {self.year}: {self.capacity} {self.get_unit_display()}"

    @property
    def is_excluded(self) -> bool:
        return self.excluded_on is not None and self.excluded_on <= timezone.localdate()

    def change_capacity(self, *, capacity: int, on, reason: str, by=None) -> "NetworkChange":
        """Change the capacity in the network during the year; the change row keeps the date, the reason and the
        figure before, so the year's network can be read as it was on any day."""
        with transaction.atomic():
            change = NetworkChange.objects.create(
                membership=self, changed_on=on, kind=NetworkChange.Kind.CAPACITY, capacity_before=self.capacity,
                capacity_after=capacity, reason=reason, recorded_by=by)
            self.capacity = capacity
            self.save(update_fields=["capacity", "updated_at"])
        return change

    def exclude(self, *, on, reason: str, by=None) -> "NetworkChange":
        """Take the line out of the network from a day (the record stays: the year's network is history)."""
        with transaction.atomic():
            change = NetworkChange.objects.create(
                membership=self, changed_on=on, kind=NetworkChange.Kind.EXCLUSION, capacity_before=self.capacity,
                capacity_after=0, reason=reason, recorded_by=by)
            self.excluded_on = on
            self.save(update_fields=["excluded_on", "updated_at"])
        return change


class NetworkChange(models.Model):
    """A change of a network line during the year, with its date and reason."""

    class Kind(models.TextChoices):
        INCLUSION = "inclusion", _("included in the network")
        CAPACITY = "capacity", _("capacity changed")
        ENTRUSTMENT = "entrustment", _("entrustment changed")
        EXCLUSION = "exclusion", _("excluded from the network")

    membership = models.ForeignKey(NetworkMembership, on_delete=models.CASCADE, related_name="changes",
                                   verbose_name=_("service in the network"))
    changed_on = models.DateField(_("date of the change"))
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    capacity_before = models.PositiveIntegerField(_("capacity before"), null=True, blank=True)
    capacity_after = models.PositiveIntegerField(_("capacity after"), null=True, blank=True)
    reason = models.CharField(_("reason"), max_length=500)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                    related_name="+", verbose_name=_("recorded by"))
    created_at = models.DateTimeField(_("recorded at"), default=timezone.now)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("change in the network")
        verbose_name_plural = _("changes in the network")
        ordering = ["-changed_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.membership.service} {self.changed_on}: {self.get_kind_display()}"
