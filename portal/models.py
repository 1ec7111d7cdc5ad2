from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class DemoDataset(models.Model):
    """Marks that `seed_demo` filled this database, so every page can say the data is not real."""

    loaded_at = models.DateTimeField(_("loaded at"), auto_now_add=True)
    scale = models.CharField(_("scale"), max_length=20)
    seed = models.IntegerField(_("random seed"))

    class Meta:
        verbose_name = _("demo data set")
        verbose_name_plural = _("demo data sets")

    def __str__(self) -> str:
        return f"{self.scale} ({self.loaded_at:%Y-%m-%d})"


class ContactMessage(models.Model):
    """A message sent through the contact page; kept so nothing is lost if the e-mail fails."""

    name = models.CharField(pgettext_lazy("of a person", "name"), max_length=120)
    email = models.EmailField(_("e-mail"))
    subject = models.CharField(_("subject"), max_length=200)
    message = models.TextField(_("message"), max_length=5000)
    language = models.CharField(_("language"), max_length=5)
    created_at = models.DateTimeField(_("sent at"), auto_now_add=True)
    handled = models.BooleanField(_("handled"), default=False)

    class Meta:
        verbose_name = _("contact message")
        verbose_name_plural = _("contact messages")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.subject
