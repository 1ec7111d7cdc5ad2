from django.conf import settings
from django.contrib.auth.models import AbstractUser, UserManager
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts import roles


class UserQuerySet(models.QuerySet):
    def ordinary(self):
        """Accounts without staff status and without any role but provider staff (a role that follows the
        provider links a regional coordinator makes): the members of the public and professionals."""
        from django.contrib.auth.models import Group

        with_other_roles = Group.objects.exclude(name=roles.PROVIDER_STAFF).filter(user=models.OuterRef("pk"))
        return self.filter(is_staff=False, is_superuser=False).exclude(models.Exists(with_other_roles))

    def manageable_by(self, user):
        """The accounts `user` may act on (verify, suspend): every account for a superuser; ordinary accounts
        for a regional coordinator; nobody's otherwise. Never one's own: nobody raises their own rights."""
        if not user.is_authenticated:
            return self.none()
        if user.is_superuser:
            return self.exclude(pk=user.pk)
        if not user.has_role(roles.REGIONAL_COORDINATOR):
            return self.none()
        return self.ordinary().exclude(pk=user.pk)

    def visible_to(self, user):
        """The accounts `user` may see in the admin: those they may act on, plus (read-only) their own and those
        of the coordinators of their kraje. Superusers and the staff accounts of other kraje stay out of sight."""
        if not user.is_authenticated:
            return self.none()
        if user.is_superuser:
            return self.all()
        if not user.has_role(roles.REGIONAL_COORDINATOR):
            return self.filter(pk=user.pk)
        colleagues = self.filter(is_superuser=False, coordinated_kraje__in=user.coordinated_kraje.all())
        return self.filter(Q(pk__in=self.manageable_by(user).values("pk")) | Q(pk=user.pk)
                           | Q(pk__in=colleagues.values("pk")))


class PortalUserManager(UserManager.from_queryset(UserQuerySet)):
    pass


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

    objects = PortalUserManager()

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
