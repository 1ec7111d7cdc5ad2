"""Kraj → okres → ORP → obec, keyed by their ČSÚ codes.

Every level keeps all the codes other systems use for it, so the registry import (MPSV `Kraj/27`,
`Okres/3201`, `Obec/529303`), statistics (NUTS/LAU) and maps (RÚIAN) join without a lookup table.
"""

from django.conf import settings
from django.db import models
from django.db.models import Sum
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from core.collation import CZECH


class KrajQuerySet(models.QuerySet):
    def with_population(self):
        return self.annotate(population_total=Sum("orps__obce__population"))


class Kraj(models.Model):
    code = models.PositiveIntegerField(_("ČSÚ code"), primary_key=True)
    nuts3 = models.CharField(_("NUTS 3 code"), max_length=5, unique=True)
    iso_code = models.CharField(_("ISO 3166-2 code"), max_length=5, unique=True)
    ruian_code = models.PositiveIntegerField(_("RÚIAN code"), unique=True)
    abbreviation = models.CharField(_("abbreviation"), max_length=3, unique=True)
    name = models.CharField(_("name"), max_length=100, db_collation=CZECH)

    objects = KrajQuerySet.as_manager()

    class Meta:
        verbose_name = _("kraj (region)")
        verbose_name_plural = _("kraje (regions)")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    @property
    def mpsv_id(self) -> str:
        """The identifier the national registry (rpss.json) uses: `Kraj/<RÚIAN code>`."""
        return f"Kraj/{self.ruian_code}"

    def get_absolute_url(self) -> str:
        return reverse("territory:kraj", args=[self.code, slugify(self.name)])


class Okres(models.Model):
    code = models.PositiveIntegerField(_("ČSÚ code"), primary_key=True)
    lau1 = models.CharField(_("LAU 1 code"), max_length=6, unique=True)
    ruian_code = models.PositiveIntegerField(_("RÚIAN code"), unique=True)
    name = models.CharField(_("name"), max_length=100, db_collation=CZECH)
    kraj = models.ForeignKey(Kraj, on_delete=models.PROTECT, related_name="okresy", verbose_name=_("kraj"))

    class Meta:
        verbose_name = _("okres (district)")
        verbose_name_plural = _("okresy (districts)")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    @property
    def mpsv_id(self) -> str:
        return f"Okres/{self.ruian_code}"


class Orp(models.Model):
    """Obec s rozšířenou působností: the unit of community planning of social services."""

    code = models.PositiveIntegerField(_("ČSÚ code"), primary_key=True)
    ruian_code = models.PositiveIntegerField(_("RÚIAN code"), unique=True)
    name = models.CharField(_("name"), max_length=100, db_collation=CZECH)
    short_name = models.CharField(_("short name"), max_length=100, db_collation=CZECH)
    kraj = models.ForeignKey(Kraj, on_delete=models.PROTECT, related_name="orps", verbose_name=_("kraj"))
    okresy = models.ManyToManyField(Okres, related_name="orps", verbose_name=_("okresy"))

    class Meta:
        verbose_name = _("ORP (municipality with extended powers)")
        verbose_name_plural = _("ORP (municipalities with extended powers)")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("territory:orp", args=[self.code, slugify(self.name)])


class ObecQuerySet(models.QuerySet):
    def in_kraj(self, kraj):
        return self.filter(orp__kraj=kraj)


class Obec(models.Model):
    code = models.PositiveIntegerField(_("code"), primary_key=True, help_text=_("ČSÚ and RÚIAN code"))
    name = models.CharField(_("name"), max_length=100, db_collation=CZECH)
    pou_code = models.PositiveIntegerField(_("POU code"))
    pou_name = models.CharField(_("POU name"), max_length=100)
    orp = models.ForeignKey(Orp, on_delete=models.PROTECT, related_name="obce", verbose_name=_("ORP"))
    okres = models.ForeignKey(Okres, on_delete=models.PROTECT, related_name="obce", verbose_name=_("okres"))
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    population = models.PositiveIntegerField(_("population"), null=True, blank=True)
    population_date = models.DateField(_("population as of"), null=True, blank=True)

    objects = ObecQuerySet.as_manager()

    class Meta:
        verbose_name = _("obec (municipality)")
        verbose_name_plural = _("obce (municipalities)")
        ordering = ["name", "code"]
        indexes = [models.Index(fields=["orp", "name"]), models.Index(fields=["okres", "name"])]

    def __str__(self) -> str:
        return self.name

    @property
    def mpsv_id(self) -> str:
        return f"Obec/{self.code}"


def home_kraj() -> Kraj | None:
    """The kraj this installation serves (settings.PORTAL_REGION, a NUTS 3 code)."""
    return Kraj.objects.filter(nuts3=settings.PORTAL_REGION).first()
