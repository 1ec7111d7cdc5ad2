"""The education app's national codelists: topics of programmes and the roles of people working in social
services (the target roles of programmes and the position of a worker). Loaded by a data migration
(education/codelists.py); superusers edit them."""

from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class EducationCodelist(models.Model):
    code = models.SlugField(_("code"), max_length=40, unique=True)
    name_cs = models.CharField(_("Czech name"), max_length=200)
    name_en = models.CharField(_("English name"), max_length=200, blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        abstract = True
        ordering = ["order", "code"]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        if get_language() == "en" and self.name_en:
            return self.name_en
        return self.name_cs


class Topic(EducationCodelist):
    """A topic of education programmes (communication, dementia, individual planning…)."""

    history = HistoricalRecords()

    class Meta(EducationCodelist.Meta):
        verbose_name = _("topic")
        verbose_name_plural = _("topics")


class Role(EducationCodelist):
    """A role of people in social services: management, social workers (§ 109 of Act 108/2006), workers in social
    services (§ 116), supervisors, planning coordinators. `statutory` marks the roles the Act obliges to at least
    24 hours of continuing education per calendar year (§ 111 and § 116)."""

    statutory = models.BooleanField(_("24 hours a year by law"), default=False,
                                    help_text=_("§ 111 (social workers) and § 116 (workers in social services) of "
                                                "Act 108/2006 Sb."))

    history = HistoricalRecords()

    class Meta(EducationCodelist.Meta):
        verbose_name = _("role in social services")
        verbose_name_plural = _("roles in social services")
