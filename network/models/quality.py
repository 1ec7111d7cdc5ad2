"""The quality standards of social services (Decree 505/2006 Sb., Annex 2) as a codelist: 15 standards, each
with its lettered criteria. Loaded by a data migration (network/quality_codelist.py) and shared by the quality
audits here and the education and self-assessment work. The criteria's wording is legal text: it is not shipped
(it could not be verified here) and is filled in by a superuser in the admin, from the decree."""

from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class QualityStandard(models.Model):
    number = models.PositiveSmallIntegerField(_("number"), unique=True)
    title_cs = models.CharField(_("Czech title"), max_length=200)
    title_en = models.CharField(_("English title"), max_length=200, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("quality standard")
        verbose_name_plural = _("quality standards")
        ordering = ["number"]

    def __str__(self) -> str:
        return f"{self.number}. {self.title}"

    @property
    def title(self) -> str:
        if get_language() == "en" and self.title_en:
            return self.title_en
        return self.title_cs


class QualityCriterion(models.Model):
    standard = models.ForeignKey(QualityStandard, on_delete=models.CASCADE, related_name="criteria",
                                 verbose_name=_("standard"))
    code = models.CharField(_("code"), max_length=6, unique=True, help_text=_("As in the decree, e.g. 5c."))
    text = models.TextField(_("wording"), blank=True,
                            help_text=_("The criterion's wording as in Annex 2 of Decree 505/2006 Sb."))
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("quality criterion")
        verbose_name_plural = _("quality criteria")
        ordering = ["standard__number", "order", "code"]

    def __str__(self) -> str:
        return self.code
