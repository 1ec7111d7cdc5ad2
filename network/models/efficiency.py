"""Annual figures of a service (reported by the provider or imported by the kraj) and the indicators computed
from them in SQL; the kraj's setting of which figures the public sees."""

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import ExpressionWrapper, F, FloatField, Q
from django.db.models.functions import Cast, NullIf
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from services.models import Service


class UnitKind(models.TextChoices):
    BED_DAYS = "bed_days", _("bed-days")
    HOURS = "hours", _("hours of direct work")
    CONTACTS = "contacts", _("contacts")
    INTERVENTIONS = "interventions", _("interventions")


def _money(label):
    return models.DecimalField(label, max_digits=12, decimal_places=0, default=0, validators=[MinValueValidator(0)])


def _fte(label):
    return models.DecimalField(label, max_digits=7, decimal_places=2, default=0, validators=[MinValueValidator(0)])


def _ratio(numerator, denominator):
    """numerator / denominator as a float in SQL, NULL when the denominator is 0 (SQLite and PostgreSQL)."""
    return ExpressionWrapper(Cast(numerator, FloatField()) / NullIf(Cast(denominator, FloatField()), 0.0),
                             output_field=FloatField())


REVENUE_FIELDS = ["revenue_subsidy", "revenue_kraj", "revenue_obce", "revenue_users", "revenue_insurance",
                  "revenue_other"]
PUBLIC_MONEY_FIELDS = ["revenue_subsidy", "revenue_kraj", "revenue_obce"]
STAFF_FIELDS = ["fte_social_workers", "fte_care_workers", "fte_other"]


class AnnualFiguresQuerySet(models.QuerySet):
    def in_kraje(self, kraje):
        return self.filter(service__in=Service.objects.in_kraje(kraje).values("pk"))

    def with_indicators(self):
        """Occupancy, cost per unit and per client, staff per 10 clients and the share of public money, each in
        the query (NULL where a denominator is 0)."""
        revenues = sum((F(name) for name in REVENUE_FIELDS[1:]), F(REVENUE_FIELDS[0]))
        public = sum((F(name) for name in PUBLIC_MONEY_FIELDS[1:]), F(PUBLIC_MONEY_FIELDS[0]))
        staff = sum((F(name) for name in STAFF_FIELDS[1:]), F(STAFF_FIELDS[0]))
        return self.annotate(
            occupancy=_ratio(F("units_delivered"), F("units_available")),
            cost_per_unit=_ratio(F("costs_total"), F("units_delivered")),
            cost_per_client=_ratio(F("costs_total"), F("clients")),
            staff_per_10_clients=ExpressionWrapper(_ratio(staff, F("clients")) * 10.0, output_field=FloatField()),
            public_money_share=_ratio(public, revenues),
        )


class AnnualFigures(models.Model):
    """What a service did in a year: clients, units, staff and money."""

    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="annual_figures",
                                verbose_name=_("service"))
    year = models.PositiveSmallIntegerField(_("year"))
    clients = models.PositiveIntegerField(_("clients served"))
    unit_kind = models.CharField(_("units"), max_length=14, choices=UnitKind.choices)
    units_available = models.PositiveIntegerField(_("units available"),
                                                  help_text=_("E.g. beds × days open, or hours of staff time."))
    units_delivered = models.PositiveIntegerField(_("units delivered"))
    fte_social_workers = _fte(_("social workers (FTE)"))
    fte_care_workers = _fte(_("workers in social services (FTE)"))
    fte_other = _fte(_("other staff (FTE)"))
    costs_total = _money(_("total costs (CZK)"))
    revenue_subsidy = _money(_("state subsidy (CZK)"))
    revenue_kraj = _money(_("kraj (CZK)"))
    revenue_obce = _money(_("municipalities (CZK)"))
    revenue_users = _money(_("users' payments (CZK)"))
    revenue_insurance = _money(_("health insurance (CZK)"))
    revenue_other = _money(_("other revenues (CZK)"))
    reported_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                    related_name="+", verbose_name=_("reported by"))
    reported_at = models.DateTimeField(_("reported at"), default=timezone.now)

    objects = AnnualFiguresQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("annual figures of a service")
        verbose_name_plural = _("annual figures of services")
        ordering = ["-year", "service__name"]
        constraints = [
            models.UniqueConstraint(fields=["service", "year"], name="annual_figures_unique_year"),
            models.CheckConstraint(condition=Q(year__gte=2000) & Q(year__lte=2100), name="annual_figures_year"),
        ]

    def __str__(self) -> str:
        return f"{self.service} {self.year}"

    def clean(self):
        super().clean()
        service = getattr(self, "service", None) if self.service_id else None
        if service is not None and self.unit_kind:
            residential = "pob" in (service.service_type.forms or "").split()
            if self.unit_kind == UnitKind.BED_DAYS and not residential:
                raise ValidationError({"unit_kind": _("Bed-days are the unit of residential services only.")})
            if residential and (service.service_type.forms or "").split() == ["pob"] \
                    and self.unit_kind != UnitKind.BED_DAYS:
                raise ValidationError({"unit_kind": _("A residential service reports its units in bed-days.")})

    @property
    def revenues_total(self) -> Decimal:
        return sum((getattr(self, name) for name in REVENUE_FIELDS), Decimal(0))

    @property
    def staff_total(self) -> Decimal:
        return sum((getattr(self, name) for name in STAFF_FIELDS), Decimal(0))


class DisclosureSettingsQuerySet(models.QuerySet):
    def in_kraje(self, kraje):
        return self.filter(kraj__in=kraje)


class DisclosureSettings(models.Model):
    """Which figures of the kraj's services the public sees (default: occupancy and clients; money internal)."""

    kraj = models.OneToOneField("territory.Kraj", on_delete=models.CASCADE, related_name="+", verbose_name=_("kraj"))
    public_occupancy = models.BooleanField(_("occupancy is public"), default=True)
    public_clients = models.BooleanField(_("number of clients is public"), default=True)
    public_staff = models.BooleanField(_("staff figures are public"), default=False)
    public_money = models.BooleanField(_("costs and revenues are public"), default=False)

    objects = DisclosureSettingsQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("public figures setting")
        verbose_name_plural = _("public figures settings")

    def __str__(self) -> str:
        return str(self.kraj)

    @classmethod
    def for_kraj(cls, kraj_id) -> "DisclosureSettings":
        """The kraj's settings, or the defaults when it has not set any (not saved)."""
        return cls.objects.filter(kraj_id=kraj_id).first() or cls(kraj_id=kraj_id)
