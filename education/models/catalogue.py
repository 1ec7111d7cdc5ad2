"""The catalogue: programmes of continuing education, their terms with registration, waiting list and attendance
(core.registrations, the same code as coalition meetings) and the certificates issued for attended terms."""

import datetime as dt
from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models, transaction
from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.collation import CZECH
from core.registrations import SeatRegistration, Seats

from .codelists import Role, Topic

HOURS_VALIDATORS = [MinValueValidator(Decimal("0.5")), MaxValueValidator(Decimal(999))]


class ProgrammeQuerySet(models.QuerySet):
    def in_kraje(self, kraje):
        return self.filter(kraj__in=kraje)

    def published(self):
        return self.filter(published=True)

    def accredited(self, on: dt.date | None = None):
        """With an accreditation number whose validity has not ended (Programme.is_accredited in SQL)."""
        on = on or timezone.localdate()
        return self.exclude(accreditation_number="").filter(
            Q(accredited_until__isnull=True) | Q(accredited_until__gte=on))

    def with_upcoming_terms(self):
        return self.filter(Exists(Term.objects.upcoming().filter(programme=OuterRef("pk"))))

    def supporting(self, standards):
        """Programmes that support one of the quality standards (Exists: no duplicate rows)."""
        through = Programme.standards.through.objects.filter(programme=OuterRef("pk"), qualitystandard__in=standards)
        return self.filter(Exists(through))


class Programme(models.Model):
    """A programme of continuing education (a course, an internship, a conference) in a kraj's catalogue."""

    class Form(models.TextChoices):
        IN_PERSON = "in_person", _("in person")
        ONLINE = "online", _("online")
        INTERNSHIP = "internship", _("internship")
        CONFERENCE = "conference", _("conference")

    kraj = models.ForeignKey("territory.Kraj", on_delete=models.PROTECT, related_name="+", verbose_name=_("kraj"),
                             help_text=_("The kraj whose catalogue lists the programme; its coordinators manage it."))
    title = models.CharField(_("title"), max_length=200, db_collation=CZECH)
    description = models.TextField(_("description"), blank=True, help_text=_("Markdown."))
    organiser = models.CharField(_("organisation that teaches it"), max_length=200)
    provider = models.ForeignKey("services.Provider", on_delete=models.SET_NULL, null=True, blank=True,
                                 related_name="+", verbose_name=_("provider from the registry"),
                                 help_text=_("When the organisation is a registered provider."))
    accreditation_number = models.CharField(_("accreditation number"), max_length=60, blank=True,
                                            help_text=_("Of the ministry's accreditation; empty when not "
                                                        "accredited."))
    accredited_until = models.DateField(_("accredited until"), null=True, blank=True)
    hours = models.DecimalField(_("hours"), max_digits=5, decimal_places=1, validators=HOURS_VALIDATORS,
                                help_text=_("Hours of education a participant gets on the certificate."))
    form = models.CharField(_("form"), max_length=12, choices=Form.choices, default=Form.IN_PERSON)
    target_roles = models.ManyToManyField(Role, blank=True, related_name="programmes",
                                          verbose_name=_("target roles"))
    topics = models.ManyToManyField(Topic, blank=True, related_name="programmes", verbose_name=_("topics"))
    standards = models.ManyToManyField("network.QualityStandard", blank=True, related_name="+",
                                       verbose_name=_("quality standards it supports"))
    managers = models.ManyToManyField(settings.AUTH_USER_MODEL, blank=True, related_name="+",
                                      verbose_name=_("organisers on the portal"),
                                      help_text=_("People who see the registrations and confirm attendance."))
    published = models.BooleanField(_("published"), default=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    objects = ProgrammeQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("education programme")
        verbose_name_plural = _("education programmes")
        ordering = ["title", "pk"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("education:programme", args=[self.pk])

    @property
    def is_accredited(self) -> bool:
        """ProgrammeQuerySet.accredited for one programme."""
        return bool(self.accreditation_number) and (
            self.accredited_until is None or self.accredited_until >= timezone.localdate())


class TermQuerySet(models.QuerySet):
    def in_kraje(self, kraje):
        return self.filter(programme__kraj__in=kraje)

    def published(self):
        return self.filter(programme__published=True)

    def upcoming(self):
        return self.published().filter(ends_at__gte=timezone.now()).exclude(status=Term.Status.CANCELLED)

    def past(self):
        return self.filter(ends_at__lt=timezone.now())

    def in_month(self, year: int, month: int):
        start = timezone.make_aware(dt.datetime(year, month, 1))
        end = timezone.make_aware(dt.datetime(year + month // 12, month % 12 + 1, 1))
        return self.filter(starts_at__lt=end, ends_at__gte=start)


class Term(Seats, models.Model):
    """One run of a programme: when and where, how many seats, the price; registration with a waiting list and
    attendance come from core.registrations (Seats)."""

    class Status(models.TextChoices):
        PLANNED = "planned", _("planned")
        CANCELLED = "cancelled", _("cancelled")

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="terms",
                                  verbose_name=_("programme"))
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    obec = models.ForeignKey("territory.Obec", on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
                             verbose_name=_("municipality"))
    address = models.CharField(_("address"), max_length=300, blank=True)
    online_url = models.URLField(_("online link"), blank=True)
    capacity = models.PositiveIntegerField(_("capacity"), null=True, blank=True,
                                           help_text=_("Leave empty for no limit; when full, people join a waiting "
                                                       "list."))
    price = models.DecimalField(_("price (CZK)"), max_digits=9, decimal_places=0, null=True, blank=True,
                                validators=[MinValueValidator(0)], help_text=_("Empty: free of charge."))
    registration_open = models.BooleanField(_("registration open"), default=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PLANNED)
    note = models.CharField(_("note"), max_length=300, blank=True)
    reminders_sent_at = models.DateTimeField(_("reminders sent at"), null=True, blank=True, editable=False)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    objects = TermQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("term")
        verbose_name_plural = _("terms")
        ordering = ["starts_at", "pk"]
        constraints = [models.CheckConstraint(condition=Q(ends_at__gt=models.F("starts_at")),
                                              name="term_ends_after_start")]

    def __str__(self) -> str:
        return f"{self.programme} ({date_format(timezone.localtime(self.starts_at), 'SHORT_DATE_FORMAT')})"

    def get_absolute_url(self) -> str:
        return reverse("education:term", args=[self.pk])

    @property
    def is_cancelled(self) -> bool:
        return self.status == self.Status.CANCELLED

    @property
    def is_past(self) -> bool:
        return self.ends_at < timezone.now()

    @property
    def has_started(self) -> bool:
        return self.starts_at <= timezone.now()

    @property
    def place(self) -> str:
        parts = [self.address or (self.obec.name if self.obec_id else "")]
        return ", ".join(p for p in parts if p)

    def issue_certificates(self, *, by) -> int:
        """A certificate for every attended registration without one (or its revoked one reinstated, when the
        organiser confirms the attendance again). Returns the number issued. Called after attendance is confirmed;
        the numbers follow the term and the registration, so no second save is needed."""
        programme = self.programme
        issued = 0
        with transaction.atomic():
            attended = self.registrations.filter(attended=True).select_related("certificate")
            for registration in attended:
                certificate = getattr(registration, "certificate", None)
                if certificate is None:
                    Certificate.objects.create(
                        registration=registration, person_id=registration.person_id,
                        number=f"VZ-{self.pk:05d}-{registration.pk:06d}", programme_title=programme.title,
                        accreditation_number=programme.accreditation_number if programme.is_accredited else "",
                        organiser=programme.organiser, hours=programme.hours,
                        completed_on=timezone.localtime(self.ends_at).date(), issued_by=by)
                    issued += 1
                elif certificate.is_revoked:
                    certificate.reinstate(by=by)
                    issued += 1
        return issued

    def revoke_certificates_of(self, person_ids, *, by, reason) -> int:
        """Revoke the certificates of people whose attendance the organiser withdrew."""
        revoked = 0
        for certificate in Certificate.objects.filter(registration__term=self, person_id__in=person_ids,
                                                      revoked_at__isnull=True):
            certificate.revoke(by=by, reason=reason)
            revoked += 1
        return revoked


class TermRegistration(SeatRegistration):
    """A person's registration for a term (status, waiting list, attendance: core.registrations)."""

    term = models.ForeignKey(Term, on_delete=models.CASCADE, related_name="registrations", verbose_name=_("term"))
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                               related_name="term_registrations", verbose_name=_("person"))

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("registration for a term")
        verbose_name_plural = _("registrations for terms")
        ordering = ["registered_at", "pk"]
        constraints = [models.UniqueConstraint(fields=["term", "person"], name="one_term_registration_per_person")]

    def __str__(self) -> str:
        return f"{self.person} – {self.term}"


class CertificateQuerySet(models.QuerySet):
    def in_kraje(self, kraje):
        return self.filter(registration__term__programme__kraj__in=kraje)

    def valid(self):
        return self.filter(revoked_at__isnull=True)


class Certificate(models.Model):
    """A certificate of an attended term. What it certifies is copied when it is issued (the programme may change
    later; a certificate must say what it said). Verifiable by a public address with a signed code
    (education.tokens); revoking keeps the record and makes the verification say so."""

    registration = models.OneToOneField(TermRegistration, on_delete=models.PROTECT, related_name="certificate",
                                        verbose_name=_("registration"))
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="certificates",
                               verbose_name=_("participant"))
    number = models.CharField(_("number"), max_length=30, unique=True)
    programme_title = models.CharField(_("programme"), max_length=200)
    accreditation_number = models.CharField(_("accreditation number"), max_length=60, blank=True)
    organiser = models.CharField(_("organisation that teaches it"), max_length=200)
    hours = models.DecimalField(_("hours"), max_digits=5, decimal_places=1, validators=HOURS_VALIDATORS)
    completed_on = models.DateField(_("completed on"))
    issued_at = models.DateTimeField(_("issued at"), default=timezone.now)
    issued_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                  related_name="+", verbose_name=_("issued by"))
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)
    revoked_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+", verbose_name=_("revoked by"))
    revoke_reason = models.CharField(_("reason for revoking"), max_length=300, blank=True)

    objects = CertificateQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("certificate")
        verbose_name_plural = _("certificates")
        ordering = ["-completed_on", "-pk"]
        constraints = [models.CheckConstraint(condition=Q(revoked_at__isnull=True) | ~Q(revoke_reason=""),
                                              name="certificate_revoked_with_reason")]

    def __str__(self) -> str:
        return self.number

    def get_absolute_url(self) -> str:
        return reverse("education:certificate", args=[self.pk])

    @property
    def is_revoked(self) -> bool:
        return self.revoked_at is not None

    @property
    def verification_code(self) -> str:
        from education.tokens import certificate_code

        return certificate_code(self)

    def revoke(self, *, by, reason: str) -> None:
        """The certificate stops counting (hours, verification); the record stays with who and why."""
        self.revoked_at, self.revoked_by, self.revoke_reason = timezone.now(), by, reason[:300]
        self._history_user = by
        self.save(update_fields=["revoked_at", "revoked_by", "revoke_reason"])

    def reinstate(self, *, by) -> None:
        self.revoked_at, self.revoked_by, self.revoke_reason = None, None, ""
        self._history_user = by
        self.save(update_fields=["revoked_at", "revoked_by", "revoke_reason"])
