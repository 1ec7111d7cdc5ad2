"""Child-protection (OSPOD) workers: a person tied to the office of an ORP by the kraj's coordinator."""

from django.conf import settings
from django.db import models, transaction
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from accounts import roles


class OspodAssignmentQuerySet(models.QuerySet):
    def in_kraje(self, kraje):
        return self.filter(orp__kraj__in=kraje)


class OspodAssignment(models.Model):
    """A worker of the child-protection office (OSPOD) of an ORP municipality. Assigned by the kraj's coordinator;
    the first assignment gives the role, the removal of the last one takes it back.

    Unlike a planning coordinator, the worker gets no access to the administration: OSPOD works on the site's
    pages (requests, offers, contracts), where every access to a request is logged."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="ospod_assignments",
                             verbose_name=_("person"))
    orp = models.ForeignKey("territory.Orp", on_delete=models.PROTECT, related_name="+",
                            verbose_name=_("office (ORP)"))
    assigned_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                    related_name="+", verbose_name=_("assigned by"), editable=False)
    assigned_at = models.DateTimeField(_("assigned at"), auto_now_add=True)

    objects = OspodAssignmentQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("OSPOD worker")
        verbose_name_plural = _("OSPOD workers")
        ordering = ("orp__name", "pk")
        constraints = (models.UniqueConstraint(fields=["user", "orp"], name="families_one_assignment_per_office"),)

    def __str__(self) -> str:
        return f"{self.user} – {self.orp}"

    def save(self, *args, **kwargs):
        """The person gets the role with their first assignment (a group, for the role list on the profile)."""
        from django.contrib.auth.models import Group

        with transaction.atomic():
            super().save(*args, **kwargs)
            group, _created = Group.objects.get_or_create(name=roles.OSPOD_WORKER)
            self.user.groups.add(group)

    def delete(self, *args, **kwargs):
        """The last assignment removed takes the role back."""
        user = self.user
        with transaction.atomic():
            result = super().delete(*args, **kwargs)
            if not OspodAssignment.objects.filter(user=user).exists():
                user.groups.remove(*user.groups.filter(name=roles.OSPOD_WORKER))
        return result
