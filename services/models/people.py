"""People and the registry: provider staff, their reminders to report free places, and saved searches."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .registry import Provider


class ProviderStaffQuerySet(models.QuerySet):
    def in_kraje(self, kraje):
        """Links to providers seated in, or running a service in, one of the kraje (a coordinator's scope)."""
        return self.filter(provider__in=Provider.objects.in_kraje(kraje).values("pk"))


class ProviderStaff(models.Model):
    """A person who reports free places for a provider, linked by a regional coordinator."""

    provider = models.ForeignKey(Provider, on_delete=models.CASCADE, related_name="staff_links",
                                 verbose_name=_("provider"))
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="provider_links",
                             verbose_name=_("person"))
    added_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                 related_name="+", verbose_name=_("linked by"))
    added_at = models.DateTimeField(_("linked at"), default=timezone.now)

    objects = ProviderStaffQuerySet.as_manager()

    class Meta:
        verbose_name = _("provider staff member")
        verbose_name_plural = _("staff of providers")
        ordering = ["provider", "pk"]
        constraints = [models.UniqueConstraint(fields=["provider", "user"], name="unique_provider_staff")]

    def __str__(self) -> str:
        return f"{self.user} – {self.provider}"

    @staticmethod
    def sync_role(user) -> None:
        """The provider-staff group follows the links: in it while linked to some provider, out of it after."""
        from django.contrib.auth.models import Group

        from accounts import roles

        group, _created = Group.objects.get_or_create(name=roles.PROVIDER_STAFF)
        if ProviderStaff.objects.filter(user=user).exists():
            user.groups.add(group)
        else:
            user.groups.remove(group)


class CapacityReminder(models.Model):
    """A reminder to report free places, sent to one person on one day: the unique row makes sending
    idempotent when the command runs twice or on two nodes."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+",
                             verbose_name=_("person"))
    sent_on = models.DateField(_("sent on"))

    class Meta:
        verbose_name = _("capacity reminder")
        verbose_name_plural = _("capacity reminders")
        constraints = [models.UniqueConstraint(fields=["user", "sent_on"], name="unique_capacity_reminder")]

    def __str__(self) -> str:
        return f"{self.user} {self.sent_on}"


class SavedSearch(models.Model):
    """A registry search a person keeps, optionally with a daily e-mail when matching services free up places."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="saved_searches",
                             verbose_name=_("person"))
    name = models.CharField(_("name of the search"), max_length=120)
    query = models.TextField(_("query"), blank=True, help_text=_("Query string of the search page."))
    alerts = models.BooleanField(_("e-mail me when places free up"), default=True)
    # Services of the search that had free places at the last check: only newcomers are mailed.
    known_free = models.JSONField(_("services with free places at the last check"), default=list, blank=True,
                                  editable=False)
    checked_on = models.DateField(_("last checked on"), null=True, blank=True, editable=False)
    notified_at = models.DateTimeField(_("last e-mailed at"), null=True, blank=True, editable=False)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)

    class Meta:
        verbose_name = _("saved search")
        verbose_name_plural = _("saved searches")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return self.name

    def get_search_url(self) -> str:
        url = reverse("services:index")
        return f"{url}?{self.query}" if self.query else url
