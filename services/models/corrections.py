"""Errors in a record reported by the public, handled by coordinators."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from .registry import Service


class RecordCorrection(models.Model):
    """"Report an error in this record": sent by anyone (no account needed), handled by coordinators."""

    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="corrections",
                                verbose_name=_("service"))
    name = models.CharField(pgettext_lazy("of a person", "name"), max_length=120, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    message = models.TextField(_("what is wrong"), max_length=3000)
    created_at = models.DateTimeField(_("sent at"), auto_now_add=True)
    resolved_at = models.DateTimeField(_("resolved at"), null=True, blank=True)
    resolved_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                    related_name="+", verbose_name=_("resolved by"))

    class Meta:
        verbose_name = _("reported error in a record")
        verbose_name_plural = _("reported errors in records")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.service}: {self.message[:60]}"
