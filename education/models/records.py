"""Statutory hours: the people working for a provider (linked by invitation, some of them its education managers),
the hours people record from elsewhere with a proof, and a provider's education plan for the year."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from services.models import Provider

from .catalogue import HOURS_VALIDATORS, Programme, Term
from .codelists import Role


class ProviderWorkerQuerySet(models.QuerySet):
    def in_kraje(self, kraje):
        return self.filter(provider__in=Provider.objects.in_kraje(kraje).values("pk"))

    def current(self):
        """Links in force: accepted by the person and not ended."""
        return self.filter(accepted_at__isnull=False, ended_on__isnull=True)

    def pending(self):
        """Invitations the person has not answered yet."""
        return self.filter(accepted_at__isnull=True, ended_on__isnull=True)

    def managers(self):
        return self.current().filter(is_education_manager=True)


class ProviderWorker(models.Model):
    """A person who works for a provider, as the education record knows them. The provider's main contact (its
    provider staff, services.ProviderStaff, linked by the kraj's coordinator) or an education manager invites a
    portal account; the link counts once the person accepts. The provider's people are these links, never
    another organisation's: every page that names a worker asks through them.

    Not services.ProviderStaff: that link lets a person report free places, annual figures and read audits of the
    provider's services, which a care worker linked for their education record must not."""

    provider = models.ForeignKey(Provider, on_delete=models.CASCADE, related_name="education_workers",
                                 verbose_name=_("provider"))
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="worker_links",
                               verbose_name=_("person"))
    role = models.ForeignKey(Role, on_delete=models.PROTECT, related_name="+", verbose_name=_("role"))
    service = models.ForeignKey("services.Service", on_delete=models.SET_NULL, null=True, blank=True,
                                related_name="+", verbose_name=_("works mainly in the service"),
                                help_text=_("Places the person in an ORP for the kraj's figures (else the "
                                            "provider's seat)."))
    is_education_manager = models.BooleanField(
        _("education manager"), default=False,
        help_text=_("Sees the hours of the provider's workers and keeps its education plan; given by the kraj's "
                    "coordinator or the provider's main contact."))
    invited_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+", verbose_name=_("invited by"))
    invited_at = models.DateTimeField(_("invited at"), default=timezone.now)
    accepted_at = models.DateTimeField(_("accepted at"), null=True, blank=True)
    ended_on = models.DateField(_("ended on"), null=True, blank=True)

    objects = ProviderWorkerQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("worker of a provider")
        verbose_name_plural = _("workers of providers")
        ordering = ["provider", "pk"]
        constraints = [models.UniqueConstraint(fields=["provider", "person"], condition=Q(ended_on__isnull=True),
                                               name="one_open_worker_link")]

    def __str__(self) -> str:
        return f"{self.person} – {self.provider}"

    @property
    def is_pending(self) -> bool:
        return self.accepted_at is None and self.ended_on is None

    @property
    def is_current(self) -> bool:
        return self.accepted_at is not None and self.ended_on is None

    def accept(self) -> None:
        self.accepted_at = timezone.now()
        self.save(update_fields=["accepted_at"])

    def end(self, on=None) -> None:
        """The person left the provider (or declined the invitation): the provider no longer sees their record."""
        self.ended_on, self.is_education_manager = on or timezone.localdate(), False
        self.save(update_fields=["ended_on", "is_education_manager"])


def proof_path(record, filename: str) -> str:
    return f"education/proofs/{timezone.now():%Y}/{filename}"


class OwnRecordQuerySet(models.QuerySet):
    def in_year(self, year: int):
        return self.filter(completed_on__year=year)


class OwnRecord(models.Model):
    """Education a person completed elsewhere (a course, an internship, a conference), with the proof they
    uploaded. Counts in their hours like a certificate of the portal."""

    class Kind(models.TextChoices):
        ACCREDITED = "accredited", _("accredited programme")
        INTERNSHIP = "internship", _("internship")
        TRAINING = "training", _("training course")
        CONFERENCE = "conference", _("conference")

    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="own_records",
                               verbose_name=_("person"))
    title = models.CharField(_("title"), max_length=200)
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    organiser = models.CharField(_("organiser"), max_length=200)
    accreditation_number = models.CharField(_("accreditation number"), max_length=60, blank=True)
    hours = models.DecimalField(_("hours"), max_digits=5, decimal_places=1, validators=HOURS_VALIDATORS)
    completed_on = models.DateField(_("completed on"))
    proof = models.FileField(_("proof"), upload_to=proof_path)
    proof_type = models.CharField(_("file type"), max_length=10, editable=False, blank=True)
    proof_size = models.PositiveIntegerField(_("file size"), default=0, editable=False)
    created_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    objects = OwnRecordQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("education recorded by the person")
        verbose_name_plural = _("education recorded by people")
        ordering = ["-completed_on", "-pk"]

    def __str__(self) -> str:
        return self.title

    def get_proof_url(self) -> str:
        return reverse("education:proof", args=[self.pk])


class PlannedEducationQuerySet(models.QuerySet):
    def in_kraje(self, kraje):
        return self.filter(worker__in=ProviderWorker.objects.in_kraje(kraje).values("pk"))


class PlannedEducation(models.Model):
    """One line of a provider's education plan for a year: a programme (or another education) planned for one of
    its workers."""

    worker = models.ForeignKey(ProviderWorker, on_delete=models.CASCADE, related_name="plan",
                               verbose_name=_("worker"))
    year = models.PositiveSmallIntegerField(_("year"))
    programme = models.ForeignKey(Programme, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
                                  verbose_name=_("programme from the catalogue"))
    term = models.ForeignKey(Term, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
                             verbose_name=_("term"))
    title = models.CharField(_("other education"), max_length=200, blank=True,
                             help_text=_("When it is not in the catalogue."))
    hours = models.DecimalField(_("planned hours"), max_digits=5, decimal_places=1, validators=HOURS_VALIDATORS)
    note = models.CharField(_("note"), max_length=300, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+", verbose_name=_("planned by"))
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    objects = PlannedEducationQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("planned education")
        verbose_name_plural = _("education plan")
        ordering = ["year", "worker", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(programme__isnull=False) | ~Q(title=""),
                                   name="planned_education_has_subject"),
            models.CheckConstraint(condition=Q(year__gte=2000) & Q(year__lte=2100), name="planned_education_year"),
        ]

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        return self.programme.title if self.programme_id else self.title

