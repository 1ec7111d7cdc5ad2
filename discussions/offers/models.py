"""Offers and requests for services, cooperation and experience exchange (nabídka a poptávka).

An item is shown while it is valid and not resolved or hidden; expired and resolved items stay stored
(their authors and the moderators still see them) and simply drop out of the public board.
"""

import datetime as dt

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from core.collation import CZECH

MAX_VALIDITY_DAYS = 365
DEFAULT_VALIDITY_DAYS = 60


class OfferQuerySet(models.QuerySet):
    def current(self, on: dt.date | None = None):
        """What the public board shows: valid on the day, not resolved, not hidden by a moderator."""
        on = on or timezone.localdate()
        return self.filter(valid_until__gte=on, resolved_at__isnull=True, is_hidden=False)

    def in_kraj(self, kraj):
        return self.filter(kraj=kraj)

    def in_orp(self, orp):
        """Items for the ORP itself and items for its whole kraj (they concern the ORP too)."""
        return self.filter(Q(orp=orp) | Q(orp__isnull=True, kraj_id=orp.kraj_id))

    def by(self, user):
        return self.filter(author=user)

    def for_listing(self):
        return self.select_related("kraj", "orp", "service_type", "author")


class Offer(models.Model):
    class Kind(models.TextChoices):
        OFFER = "offer", _("Offer")
        REQUEST = "request", _("Request")

    class Topic(models.TextChoices):
        SERVICE = "service", _("A social service")
        COOPERATION = "cooperation", _("Cooperation")
        VOLUNTEERING = "volunteering", _("Volunteering")
        EDUCATION = "education", _("Education and experience exchange")
        PREMISES = "premises", _("Premises or equipment")
        OTHER = "other", _("Other")

    kind = models.CharField(_("offer or request"), max_length=8, choices=Kind.choices)
    topic = models.CharField(_("topic"), max_length=12, choices=Topic.choices)
    service_type = models.ForeignKey("services.ServiceType", on_delete=models.PROTECT, null=True, blank=True,
                                     related_name="+", verbose_name=_("service type"),
                                     help_text=_("Only for the topic \"A social service\"."))
    title = models.CharField(_("title"), max_length=160, db_collation=CZECH)
    text = models.TextField(_("text"), max_length=5000, help_text=_("Markdown: **bold**, *italics*, lists, links."))
    kraj = models.ForeignKey("territory.Kraj", on_delete=models.PROTECT, related_name="+", verbose_name=_("kraj"))
    orp = models.ForeignKey("territory.Orp", on_delete=models.PROTECT, null=True, blank=True, related_name="+",
                            verbose_name=_("ORP"), help_text=_("Leave empty when the item concerns the whole kraj."))
    organisation = models.CharField(_("organisation"), max_length=200, blank=True)
    valid_until = models.DateField(_("valid until"))
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="offers",
                               verbose_name=_("author"))
    created_at = models.DateTimeField(_("created at"), default=timezone.now, db_index=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    resolved_at = models.DateTimeField(_("resolved at"), null=True, blank=True)
    is_hidden = models.BooleanField(_("hidden by a moderator"), default=False)
    hidden_reason = models.CharField(_("reason for hiding"), max_length=300, blank=True)

    objects = OfferQuerySet.as_manager()

    class Meta:
        verbose_name = _("offer or request")
        verbose_name_plural = _("offers and requests")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["valid_until", "kraj"])]
        constraints = [
            models.CheckConstraint(condition=Q(topic="service") | Q(service_type__isnull=True),
                                   name="offer_service_type_only_for_services"),
        ]

    def __str__(self) -> str:
        return self.title

    @staticmethod
    def moderation_queryset(queryset):
        """What the moderation queue shows of each flagged item, in one query."""
        return queryset.select_related("author")

    def moderation_heading(self) -> str:
        """How the moderation queue names the item: its kind, author and title."""
        return _("%(kind)s by %(author)s: “%(title)s”") % {
            "kind": self.get_kind_display(), "author": self.author.public_name, "title": self.title}

    @property
    def slug(self) -> str:
        return slugify(self.title)[:60] or "x"

    def get_absolute_url(self) -> str:
        return reverse("offers:detail", args=[self.pk, self.slug])

    def clean(self):
        if self.orp_id and self.kraj_id and self.orp.kraj_id != self.kraj_id:
            raise ValidationError({"orp": _("The ORP lies in another kraj.")})
        if self.topic == self.Topic.SERVICE and not self.service_type_id:
            raise ValidationError({"service_type": _("Choose the type of social service.")})
        if self.topic != self.Topic.SERVICE:
            self.service_type = None

    @property
    def territory(self):
        return self.orp or self.kraj

    @property
    def topic_label(self) -> str:
        return self.service_type.label if self.service_type_id else self.get_topic_display()

    def is_expired(self, on: dt.date | None = None) -> bool:
        return self.valid_until < (on or timezone.localdate())

    def is_current(self) -> bool:
        return not (self.is_expired() or self.resolved_at or self.is_hidden)

    def mark_resolved(self) -> None:
        """The author found a partner: the item leaves the board but stays stored for the record."""
        if self.resolved_at is None:
            self.resolved_at = timezone.now()
            self.save(update_fields=["resolved_at", "updated_at"])

    def reopen(self) -> None:
        self.resolved_at = None
        self.save(update_fields=["resolved_at", "updated_at"])

    def can_be_moderated_by(self, user) -> bool:
        """The moderation contract of discussions.moderation (flags, hiding, the queue)."""
        from discussions.offers.permissions import can_moderate_offer

        return can_moderate_offer(user, self)


class OfferMessage(models.Model):
    """A message sent to an item's author through the board. Stored before it is mailed, so nothing is lost
    when the mail server is down; the author's address is never shown to the sender."""

    offer = models.ForeignKey(Offer, on_delete=models.CASCADE, related_name="messages", verbose_name=_("item"))
    sender = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                               related_name="+", verbose_name=_("sender"))
    name = models.CharField(pgettext_lazy("of a person", "name"), max_length=120)
    email = models.EmailField(_("e-mail"))
    message = models.TextField(_("message"), max_length=3000)
    created_at = models.DateTimeField(_("sent at"), auto_now_add=True)
    mailed_at = models.DateTimeField(_("e-mailed at"), null=True, blank=True)

    class Meta:
        verbose_name = _("message about an offer or request")
        verbose_name_plural = _("messages about offers and requests")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.name} → {self.offer}"
