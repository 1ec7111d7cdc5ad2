"""The minimal network: what capacity each ORP should have of a service type or a group of types.

A kraj's rule (`MinimalNetworkNorm`) says it per 1,000 inhabitants of an age band, as a fixed capacity per ORP,
or as a number of services per ORP. It builds on the registry's `services.NetworkTarget`: a target a
coordinator set for one ORP, type and unit overrides the rule there (the "optionally per ORP" part), so the
capacity overview's targets and this model never disagree. Population by age band is not in the territorial
data (ČSÚ publishes it per ORP, not in the files at hand), so a kraj enters or imports it per ORP
(`OrpPopulation`); a rule on a band without figures gives no requirement ("no data"), never a guess. The
total population comes from the obce (territory.Obec.population)."""

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from services.models import CapacityUnit, ServiceType


class AgeBand(models.TextChoices):
    ALL = "all", _("all inhabitants")
    CHILDREN = "0-17", _("children 0–17")
    ADULTS = "18-64", _("adults 18–64")
    SENIORS = "65+", _("seniors 65+")
    OLD = "80+", _("seniors 80+")


class ServiceTypeGroup(models.Model):
    """A group of service types counted together, e.g. the ministry's three categories of services for families
    with children."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name_cs = models.CharField(_("Czech name"), max_length=200)
    name_en = models.CharField(_("English name"), max_length=200, blank=True)
    service_types = models.ManyToManyField(ServiceType, related_name="network_groups", verbose_name=_("service types"))

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("group of service types")
        verbose_name_plural = _("groups of service types")
        ordering = ["code"]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return self.name_en if get_language() == "en" and self.name_en else self.name_cs


class OrpPopulationQuerySet(models.QuerySet):
    def in_kraje(self, kraje):
        return self.filter(orp__kraj__in=kraje)


class OrpPopulation(models.Model):
    """Inhabitants of an ORP in an age band (from ČSÚ's population by age, entered or imported by the kraj)."""

    orp = models.ForeignKey("territory.Orp", on_delete=models.CASCADE, related_name="+", verbose_name=_("ORP"))
    age_band = models.CharField(_("age band"), max_length=6, choices=AgeBand.choices)
    population = models.PositiveIntegerField(_("population"))
    as_of = models.DateField(_("as of"))
    source = models.CharField(_("source"), max_length=200, blank=True)

    objects = OrpPopulationQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("population of an ORP by age")
        verbose_name_plural = _("population of ORPs by age")
        ordering = ["orp__name", "age_band"]
        constraints = [models.UniqueConstraint(fields=["orp", "age_band"], name="orp_population_unique_band")]

    def __str__(self) -> str:
        return f"{self.orp} {self.get_age_band_display()}: {self.population}"


class MinimalNetworkNorm(models.Model):
    """A kraj's rule of the minimal network for a service type or a group of types."""

    class Basis(models.TextChoices):
        PER_THOUSAND = "per1000", _("capacity per 1,000 inhabitants of the age band")
        PER_ORP = "perorp", _("fixed capacity in every ORP")
        SERVICES = "services", _("number of services in every ORP")

    kraj = models.ForeignKey("territory.Kraj", on_delete=models.PROTECT, related_name="+", verbose_name=_("kraj"))
    service_type = models.ForeignKey(ServiceType, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
                                     verbose_name=_("service type"))
    type_group = models.ForeignKey(ServiceTypeGroup, on_delete=models.PROTECT, null=True, blank=True,
                                   related_name="norms", verbose_name=_("group of service types"))
    unit = models.CharField(_("unit"), max_length=8, choices=CapacityUnit.choices)
    basis = models.CharField(_("basis"), max_length=8, choices=Basis.choices, default=Basis.PER_THOUSAND)
    rate = models.DecimalField(_("required value"), max_digits=9, decimal_places=3,
                               validators=[MinValueValidator(0)],
                               help_text=_("Capacity per 1,000 inhabitants, capacity per ORP or number of services, "
                                           "by the basis."))
    age_band = models.CharField(_("age band"), max_length=6, choices=AgeBand.choices, default=AgeBand.ALL)
    note = models.CharField(_("note"), max_length=300, blank=True)
    set_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                               related_name="+", verbose_name=_("set by"))
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        verbose_name = _("minimal network rule")
        verbose_name_plural = _("minimal network rules")
        ordering = ["kraj__name", "service_type__number", "type_group__code", "unit"]
        constraints = [
            models.CheckConstraint(condition=(Q(service_type__isnull=False) & Q(type_group__isnull=True)) |
                                   (Q(service_type__isnull=True) & Q(type_group__isnull=False)),
                                   name="minimal_norm_type_or_group"),
            models.UniqueConstraint(fields=["kraj", "service_type", "unit"], condition=Q(service_type__isnull=False),
                                    name="minimal_norm_unique_type"),
            models.UniqueConstraint(fields=["kraj", "type_group", "unit"], condition=Q(type_group__isnull=False),
                                    name="minimal_norm_unique_group"),
            models.CheckConstraint(condition=Q(rate__gte=0), name="minimal_norm_rate_not_negative"),
        ]

    def __str__(self) -> str:
        return f"{self.kraj}: {self.subject_label} ({self.get_unit_display()})"

    @property
    def subject_label(self) -> str:
        return self.service_type.label if self.service_type_id else self.type_group.name
