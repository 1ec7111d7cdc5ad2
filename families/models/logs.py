"""Two logs kept beside the casework: who opened which request when (RequestAccess), and the outbox of the
e-mails that tell people what happened on their requests and offers (Notice, sent in batches).

Neither has a history of its own: both only ever grow (an access row is never changed; a notice is only marked
as mailed), and a history of a log would be the same rows twice."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .casework import ServiceRequest

# Why a person could open a request (families.permissions.role_for), as the log shows it.
ROLE_LABELS = {"office": _("OSPOD office"), "provider": _("provider"), "coordinator": _("regional coordinator"),
               "superuser": _("administrator")}


class RequestAccessQuerySet(models.QuerySet):
    def in_kraje(self, kraje):
        return self.filter(request__orp__kraj__in=kraje)


class RequestAccess(models.Model):
    """One access to a request: who, when, how (a page, an export, the administration, a step taken)."""

    class Action(models.TextChoices):
        VIEW = "view", _("viewed")
        EXPORT = "export", _("exported")
        OFFER = "offer", _("offer form")
        STEP = "step", _("step taken")
        ADMIN = "admin", _("viewed in the administration")

    request = models.ForeignKey(ServiceRequest, on_delete=models.CASCADE, related_name="accesses",
                                verbose_name=_("request"))
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+",
                             verbose_name=_("person"))
    # Who it was, as shown at the time: the log stays readable when the account is deleted.
    user_label = models.CharField(_("person (as shown then)"), max_length=300)
    role = models.CharField(_("as"), max_length=40)
    action = models.CharField(_("access"), max_length=10, choices=Action.choices, default=Action.VIEW)
    at = models.DateTimeField(_("at"), default=timezone.now, db_index=True)

    objects = RequestAccessQuerySet.as_manager()

    class Meta:
        verbose_name = _("access to a request")
        verbose_name_plural = _("accesses to requests")
        ordering = ("-at", "-pk")
        indexes = (models.Index(fields=["request", "at"]),)

    def __str__(self) -> str:
        return f"{self.user_label} – {self.request_id} – {self.get_action_display()}"

    @property
    def role_label(self) -> str:
        return ROLE_LABELS.get(self.role, self.role)


class NoticeQuerySet(models.QuerySet):
    def in_kraje(self, kraje):
        return self.filter(request__orp__kraj__in=kraje)

    def pending(self):
        return self.filter(mailed_at__isnull=True)


class Notice(models.Model):
    """Something a person is told by e-mail: one row per person and event, mailed in a batch (families/emails.py)
    at most once per FAMILIES_NOTIFICATION_MINUTES, however many events came in between."""

    class Kind(models.TextChoices):
        NEW_REQUEST = "new_request", _("a new request you may answer")
        NEW_OFFER = "new_offer", _("a new offer on your office's request")
        SELECTED = "selected", _("your offer was chosen")
        NOT_SELECTED = "not_selected", _("your offer was not chosen")
        CANCELLED = "cancelled", _("a request you offered on was cancelled")
        DELIVERY = "delivery", _("a delivery report to confirm")
        CLOSURE = "closure", _("a closure to confirm")
        CONFIRMED = "confirmed", _("the office confirmed the closure")

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+",
                             verbose_name=_("person"))
    request = models.ForeignKey(ServiceRequest, on_delete=models.CASCADE, related_name="+",
                                verbose_name=_("request"))
    kind = models.CharField(_("kind"), max_length=14, choices=Kind.choices)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    mailed_at = models.DateTimeField(_("mailed at"), null=True, blank=True)

    objects = NoticeQuerySet.as_manager()

    class Meta:
        verbose_name = _("e-mail notice")
        verbose_name_plural = _("e-mail notices")
        ordering = ("-created_at", "-pk")
        indexes = (models.Index(fields=["mailed_at", "user"], name="families_notice_outbox"),)

    def __str__(self) -> str:
        return f"{self.user} – {self.get_kind_display()}"
