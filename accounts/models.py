from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts import roles


class User(AbstractUser):
    """A person using the portal. Logs in by e-mail (allauth); `username` is generated and never shown."""

    display_name = models.CharField(_("display name"), max_length=120, blank=True,
                                    help_text=_("How your name appears in discussions and coalitions."))
    organisation = models.CharField(_("organisation"), max_length=200, blank=True)
    role_text = models.CharField(_("position or role"), max_length=200, blank=True,
                                 help_text=_("For example: social worker, head of the social department."))
    language = models.CharField(_("language"), max_length=5, choices=settings.LANGUAGES,
                                default=settings.LANGUAGE_CODE,
                                help_text=_("Language of the e-mails the portal sends you."))
    is_verified = models.BooleanField(_("verified person"), default=False,
                                      help_text=_("A coordinator confirmed who this person is. Needed to post "
                                                  "in the forum and to be a coalition member."))
    verified_at = models.DateTimeField(_("verified at"), null=True, blank=True)
    verified_by = models.ForeignKey("self", on_delete=models.SET_NULL, null=True, blank=True,
                                    related_name="+", verbose_name=_("verified by"))
    coordinated_kraje = models.ManyToManyField("territory.Kraj", blank=True, related_name="coordinators",
                                               verbose_name=_("coordinated kraje"),
                                               help_text=_("Kraje whose records this coordinator manages."))

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("people")
        permissions = [("verify_user", _("Can mark people as verified"))]

    def __str__(self) -> str:
        return self.public_name

    @property
    def public_name(self) -> str:
        """The name shown to others: never the e-mail address."""
        return self.display_name or self.get_full_name() or _("Portal user %(id)s") % {"id": self.pk}

    def has_role(self, role: str) -> bool:
        return any(group.name == role for group in self.groups.all())

    @property
    def is_regional_coordinator(self) -> bool:
        return self.has_role(roles.REGIONAL_COORDINATOR)

    def verify(self, *, by: "User") -> None:
        """Mark the person as verified, remembering who vouched for them and when (kept for audits)."""
        self.is_verified, self.verified_at, self.verified_by = True, timezone.now(), by
        self.save(update_fields=["is_verified", "verified_at", "verified_by"])

    def unverify(self) -> None:
        self.is_verified, self.verified_at, self.verified_by = False, None, None
        self.save(update_fields=["is_verified", "verified_at", "verified_by"])
