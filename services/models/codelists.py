"""Codelists of the registry: forms, capacity units and service groups (choices), and the MPSV codelist
models (service types, target groups, age groups)."""

from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from core.collation import CZECH


class Form(models.TextChoices):
    """Forms of provision, §33 of zákon 108/2006 Sb. (codes of `FormaSocialniSluzby`)."""

    AMBULATORY = "amb", _("outpatient (ambulantní)")
    RESIDENTIAL = "pob", _("residential (pobytová)")
    FIELD = "ter", _("field (terénní)")


class CapacityUnit(models.TextChoices):
    """Units of capacity (codes of `TypKapacitySocialniSluzby`)."""

    BEDS = "luzka", _("beds")
    CLIENTS = "klient", _("clients")
    INTERVENTIONS = "interv", _("interventions (30 min)")
    CONTACTS = "kontakt", _("contacts (10 min)")
    CALLS = "hovor", _("calls")


class ServiceGroup(models.TextChoices):
    """The three groups of social services, §32."""

    COUNSELLING = "poradenstvi", _("social counselling")
    CARE = "pece", _("social care services")
    PREVENTION = "prevence", _("social prevention services")


class Codelist(models.Model):
    """An MPSV codelist item. Unknown codes met on import are stored (known=False), never dropped."""

    code = models.CharField(_("code"), max_length=60, unique=True, help_text=_("Registry id, e.g. DruhSocialniSluzby/13."))
    number = models.PositiveIntegerField(_("number"), null=True, blank=True)
    name_cs = models.CharField(_("Czech name"), max_length=200, db_collation=CZECH)
    name_en = models.CharField(_("English name"), max_length=200, blank=True)
    known = models.BooleanField(_("known"), default=True, help_text=_("False for codes met only in imported data."))

    class Meta:
        abstract = True
        ordering = ["number", "code"]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        if get_language() == "en" and self.name_en:
            return self.name_en
        return self.name_cs


class ServiceType(Codelist):
    """Druh sociální služby (§37–§70)."""

    paragraph = models.CharField(_("section of the Act"), max_length=6, blank=True)
    group = models.CharField(_("group"), max_length=20, choices=ServiceGroup.choices, blank=True)
    forms = models.CharField(_("forms allowed by law"), max_length=20, blank=True,
                             help_text=_("Space-separated form codes."))

    class Meta(Codelist.Meta):
        verbose_name = _("service type")
        verbose_name_plural = _("service types")

    @property
    def label(self) -> str:
        return f"§ {self.paragraph} {self.name}" if self.paragraph else self.name


class TargetGroup(Codelist):
    """Cílová skupina (okruh osob)."""

    class Meta(Codelist.Meta):
        verbose_name = _("target group")
        verbose_name_plural = _("target groups")


class AgeGroup(Codelist):
    """Věková skupina."""

    min_age = models.PositiveSmallIntegerField(_("from age"), null=True, blank=True)
    max_age = models.PositiveSmallIntegerField(_("to age"), null=True, blank=True)

    class Meta(Codelist.Meta):
        verbose_name = _("age group")
        verbose_name_plural = _("age groups")
