"""Minitendry: an OSPOD office's request for a service for a family, the providers' offers, the partial contract
(dílčí smlouva) with the chosen provider, its monthly delivery and its closure.

The steps are model methods (`Offer.submit`, `ServiceRequest.select`, `.cancel`, `PartialContract.report_delivery`,
`.report_closure`, `.confirm_closure`), each in one transaction and each saving through the model, so every step
is a version in the history. Who may take a step is asked in families/permissions.py before the method is called;
the methods guard the state (a request takes one contract, offers only until the deadline, prices within the
agreement), so no other door (the admin, a task) can break the rules. No free-text field may hold personal data
of the family (families.personal_data); after the retention period the free text of a finished request is
removed and only its statistics remain (families/retention.py).
"""

import datetime as dt
import uuid
from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models, transaction
from django.db.models import Count, Exists, OuterRef, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from families.personal_data import reject_personal_data

from .agreements import FrameworkAgreement
from .categories import Category, PriceUnit


class FamiliesError(Exception):
    """A step that is not allowed now (wrong state, after the deadline, above the agreed price or the ceiling).
    `message` is translated text for the person who tried it."""

    def __init__(self, message):
        super().__init__(str(message))
        self.message = message


def validate_ages(value: str) -> None:
    """Ages of the children: whole numbers 0–17 separated by commas ("2, 7, 12")."""
    parts = [part.strip() for part in (value or "").split(",")]
    if not parts or any(not part.isdigit() or int(part) > 17 for part in parts):
        raise ValidationError(_("Write the children's ages as whole numbers from 0 to 17 separated by commas, "
                                "e.g. 2, 7, 12."), code="ages")


def normalise_ages(value: str) -> str:
    return ", ".join(str(int(part)) for part in value.split(","))


# --- Requests ------------------------------------------------------------------------------------------------


class ServiceRequestQuerySet(models.QuerySet):
    def in_kraje(self, kraje):
        return self.filter(orp__kraj__in=kraje)

    def of_offices(self, orps):
        return self.filter(orp__in=orps)

    def open_for_offers(self, now=None):
        """Taking offers: open and before the deadline."""
        return self.filter(state=ServiceRequest.State.OPEN, offers_due__gte=now or timezone.now())

    def open_to_providers(self, providers, now=None):
        """Requests taking offers that one of `providers` may answer: an agreement in force for the request's
        category whose territory includes the request's ORP."""
        agreements = (FrameworkAgreement.objects.in_force(timezone.localdate(now)).of_providers(providers)
                      .covering(OuterRef("category"), OuterRef("orp")))
        return self.open_for_offers(now).filter(Exists(agreements))

    def answered_by(self, providers):
        """Requests one of `providers` has offered on (whatever became of the offer)."""
        return self.filter(Exists(Offer.objects.filter(request=OuterRef("pk"), provider__in=providers)))

    def awaiting_choice(self, now=None):
        """After the deadline with offers to choose from."""
        return self.filter(state=ServiceRequest.State.OPEN, offers_due__lt=now or timezone.now()).filter(
            Exists(Offer.objects.valid().filter(request=OuterRef("pk"))))

    def without_offers(self, now=None):
        """After the deadline and nobody offered."""
        return self.filter(state=ServiceRequest.State.OPEN, offers_due__lt=now or timezone.now()).exclude(
            Exists(Offer.objects.valid().filter(request=OuterRef("pk"))))

    def finished(self):
        return self.filter(state__in=[ServiceRequest.State.CLOSED, ServiceRequest.State.CANCELLED])

    def for_listing(self):
        return self.select_related("orp", "orp__kraj").annotate(
            offer_count=Count("offers", filter=~Q(offers__state=Offer.State.WITHDRAWN)))


class ServiceRequest(models.Model):
    """A request of an OSPOD office for a service for one family, described without personal data."""

    class State(models.TextChoices):
        OPEN = "open", _("open for offers")
        CONTRACTED = "contracted", _("contract concluded")
        CLOSED = "closed", _("closed")
        CANCELLED = "cancelled", _("cancelled")

    class Urgency(models.TextChoices):
        STANDARD = "standard", _("standard (within weeks)")
        URGENT = "urgent", _("urgent (within days)")
        CRISIS = "crisis", _("crisis (at once)")

    orp = models.ForeignKey("territory.Orp", on_delete=models.PROTECT, related_name="+",
                            verbose_name=_("office (ORP)"),
                            help_text=_("The OSPOD office of this ORP asks; the service is needed in its territory."))
    obec = models.ForeignKey("territory.Obec", on_delete=models.PROTECT, null=True, blank=True, related_name="+",
                             verbose_name=_("municipality"),
                             help_text=_("Where the service is needed, if it matters (never the address)."))
    category = models.CharField(_("category"), max_length=40, choices=Category.choices)
    case_code = models.CharField(_("case code of the office"), max_length=40, blank=True,
                                 validators=[reject_personal_data],
                                 help_text=_("Your office's own code of the case, so you find it in your files. "
                                             "Not a name or a birth number."))
    children_count = models.PositiveSmallIntegerField(_("number of children"),
                                                      validators=[MinValueValidator(1), MaxValueValidator(15)])
    children_ages = models.CharField(_("ages of the children"), max_length=60, blank=True,
                                     help_text=_("Whole years, separated by commas, e.g. 2, 7, 12."))
    need = models.TextField(_("situation and need"), max_length=3000, blank=True, validators=[reject_personal_data])
    urgency = models.CharField(_("urgency"), max_length=10, choices=Urgency.choices, default=Urgency.STANDARD)
    expected_scope = models.CharField(_("expected scope"), max_length=200, blank=True,
                                      validators=[reject_personal_data],
                                      help_text=_("E.g. two home visits a week, a diagnostic stay of four weeks."))
    duration_months = models.PositiveSmallIntegerField(_("expected duration (months)"),
                                                       validators=[MinValueValidator(1), MaxValueValidator(36)])
    preferred_start = models.DateField(_("preferred start"))
    offers_due = models.DateTimeField(_("offers until"))
    state = models.CharField(_("state"), max_length=12, choices=State.choices, default=State.OPEN)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+", verbose_name=_("posted by"), editable=False)
    created_at = models.DateTimeField(_("posted at"), default=timezone.now, editable=False)
    cancel_reason = models.CharField(_("reason for cancelling"), max_length=500, blank=True,
                                     validators=[reject_personal_data])
    cancelled_at = models.DateTimeField(_("cancelled at"), null=True, blank=True, editable=False)
    cancelled_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                     related_name="+", verbose_name=_("cancelled by"), editable=False)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True, editable=False)
    redacted_at = models.DateTimeField(_("free text removed at"), null=True, blank=True, editable=False,
                                       help_text=_("After the retention period only the statistics remain."))
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = ServiceRequestQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["updated_at"])

    # The free text removed after the retention period (families/retention.py).
    FREE_TEXT = ("case_code", "children_ages", "need", "expected_scope", "cancel_reason")

    class Meta:
        verbose_name = _("request for a service")
        verbose_name_plural = _("requests for services")
        ordering = ("-created_at", "-pk")
        constraints = (
            models.CheckConstraint(condition=Q(children_count__gte=1) & Q(children_count__lte=15),
                                   name="families_request_children"),
            models.CheckConstraint(condition=Q(duration_months__gte=1) & Q(duration_months__lte=36),
                                   name="families_request_duration"),
        )
        indexes = (models.Index(fields=["state", "offers_due"]), models.Index(fields=["orp", "category"]))

    def __str__(self) -> str:
        return _("Request %(reference)s") % {"reference": self.reference}

    def get_absolute_url(self) -> str:
        return reverse("families:request", args=[self.pk])

    @property
    def reference(self) -> str:
        """The number people quote: year of posting / id."""
        return f"{timezone.localtime(self.created_at).year}/{self.pk}"

    @property
    def is_open(self) -> bool:
        return self.state == self.State.OPEN

    @property
    def is_redacted(self) -> bool:
        return self.redacted_at is not None

    def takes_offers(self, now=None) -> bool:
        return self.is_open and (now or timezone.now()) <= self.offers_due

    def deadline_passed(self, now=None) -> bool:
        return (now or timezone.now()) > self.offers_due

    def clean(self):
        errors = {}
        if self.children_ages:
            try:
                validate_ages(self.children_ages)
            except ValidationError as error:
                errors["children_ages"] = error
            else:
                self.children_ages = normalise_ages(self.children_ages)
                if self.children_count and len(self.children_ages.split(",")) != self.children_count:
                    errors["children_ages"] = ValidationError(
                        _("Give one age for each child (%(count)s)."), params={"count": self.children_count})
        if self.obec_id and self.orp_id and self.obec.orp_id != self.orp_id:
            errors["obec"] = ValidationError(_("The municipality lies outside the office's ORP."))
        if self.pk is None and self.offers_due and self.offers_due < timezone.now():
            errors["offers_due"] = ValidationError(_("The deadline for offers must be in the future."))
        if self.pk is None and self.offers_due and self.offers_due > timezone.now() + dt.timedelta(days=60):
            errors["offers_due"] = ValidationError(_("Give the providers at most 60 days for their offers."))
        if (self.offers_due and self.preferred_start
                and self.preferred_start < timezone.localdate(self.offers_due)):
            errors["preferred_start"] = ValidationError(_("The service can start after the deadline for offers at "
                                                          "the earliest."))
        if errors:
            raise ValidationError(errors)

    # --- Steps ---

    def select(self, offer: "Offer", *, by, number: str = "", on=None) -> "PartialContract":
        """Choose an offer after the deadline: the partial contract is concluded at the offer's price, the offer
        is selected and every other valid offer not selected (their providers are told). The ceiling of the
        agreement holds: a contract that would exceed it is refused."""
        now = timezone.now()
        with transaction.atomic():
            locked = ServiceRequest.objects.select_for_update().get(pk=self.pk)
            offer = Offer.objects.select_for_update().select_related("agreement").get(pk=offer.pk)
            if locked.state != self.State.OPEN:
                raise FamiliesError(_("The request is no longer open: an offer cannot be chosen."))
            if not locked.deadline_passed(now):
                raise FamiliesError(_("Offers can be chosen after the deadline for offers, so every provider "
                                      "had the same time."))
            if offer.request_id != self.pk or offer.state != Offer.State.SUBMITTED:
                raise FamiliesError(_("This offer cannot be chosen."))
            agreement = offer.agreement
            if agreement.ceiling is not None and agreement.contracted() + offer.total_price > agreement.ceiling:
                raise FamiliesError(_("The contract would exceed the ceiling of the framework agreement."))
            starts_on = max(offer.start_on, timezone.localdate(now))
            # Without a number of the office's own, the contract is numbered from its id once saved.
            contract = PartialContract(
                request=locked, offer=offer, agreement=agreement, provider_id=offer.provider_id,
                number=number.strip() or f"pending-{uuid.uuid4().hex}", value=offer.total_price,
                starts_on=starts_on, ends_on=add_months(starts_on, locked.duration_months) - dt.timedelta(days=1),
                concluded_on=on or timezone.localdate(now), concluded_by=by)
            contract.full_clean()
            contract.save()
            if contract.number.startswith("pending-"):
                contract.number = f"DS-{contract.concluded_on.year}-{contract.pk:05d}"
                contract.save(update_fields=["number"])
            offer.state, offer.decided_at = Offer.State.SELECTED, now
            offer.save(update_fields=["state", "decided_at"])
            for other in locked.offers.filter(state=Offer.State.SUBMITTED).exclude(pk=offer.pk):
                other.state, other.decided_at = Offer.State.NOT_SELECTED, now
                other.save(update_fields=["state", "decided_at"])  # one by one: each a version in the history
            locked.state = self.State.CONTRACTED
            locked.save(update_fields=["state", "updated_at"])
        self.state = locked.state
        return contract

    def cancel(self, *, by, reason: str) -> None:
        """Cancel an open request (the family moved away, the need passed, no suitable offer); the bidders are
        told their offers lapse."""
        reason = (reason or "").strip()
        if not reason:
            raise FamiliesError(_("Say why the request is cancelled."))
        reject_personal_data(reason)
        with transaction.atomic():
            locked = ServiceRequest.objects.select_for_update().get(pk=self.pk)
            if locked.state != self.State.OPEN:
                raise FamiliesError(_("Only an open request can be cancelled."))
            locked.state, locked.cancel_reason = self.State.CANCELLED, reason
            locked.cancelled_at, locked.cancelled_by = timezone.now(), by
            locked.save(update_fields=["state", "cancel_reason", "cancelled_at", "cancelled_by", "updated_at"])
            now = timezone.now()
            for offer in locked.offers.filter(state=Offer.State.SUBMITTED):
                offer.state, offer.decided_at = Offer.State.NOT_SELECTED, now
                offer.save(update_fields=["state", "decided_at"])
        self.state, self.cancel_reason = locked.state, locked.cancel_reason
        self.cancelled_at, self.cancelled_by = locked.cancelled_at, locked.cancelled_by


def add_months(day: dt.date, months: int) -> dt.date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    for last in (31, 30, 29, 28):
        try:
            return dt.date(year, month, min(day.day, last))
        except ValueError:
            continue
    raise ValueError(day)


# --- Offers --------------------------------------------------------------------------------------------------


class OfferQuerySet(models.QuerySet):
    def in_kraje(self, kraje):
        return self.filter(request__orp__kraj__in=kraje)

    def valid(self):
        """Offers that stand (not withdrawn): submitted, selected or not selected."""
        return self.exclude(state=Offer.State.WITHDRAWN)

    def of_providers(self, providers):
        return self.filter(provider__in=providers)

    def for_listing(self):
        return self.select_related("request", "request__orp", "provider", "service", "agreement")


class Offer(models.Model):
    """A provider's offer on a request, under its framework agreement."""

    class State(models.TextChoices):
        SUBMITTED = "submitted", _("submitted")
        WITHDRAWN = "withdrawn", _("withdrawn")
        SELECTED = "selected", _("selected")
        NOT_SELECTED = "not_selected", _("not selected")

    request = models.ForeignKey(ServiceRequest, on_delete=models.CASCADE, related_name="offers",
                                verbose_name=_("request"))
    provider = models.ForeignKey("services.Provider", on_delete=models.PROTECT, related_name="+",
                                 verbose_name=_("provider"))
    agreement = models.ForeignKey(FrameworkAgreement, on_delete=models.PROTECT, related_name="offers",
                                  verbose_name=_("framework agreement"))
    service = models.ForeignKey("services.Service", on_delete=models.PROTECT, null=True, blank=True,
                                related_name="+", verbose_name=_("service"))
    start_on = models.DateField(_("can start on"))
    unit = models.CharField(_("unit"), max_length=12, choices=PriceUnit.choices)
    units = models.DecimalField(_("number of units"), max_digits=8, decimal_places=2,
                                validators=[MinValueValidator(Decimal("0.01"))])
    unit_price = models.DecimalField(_("price per unit (CZK)"), max_digits=9, decimal_places=2,
                                     validators=[MinValueValidator(0)])
    total_price = models.DecimalField(_("total price (CZK)"), max_digits=12, decimal_places=0,
                                      validators=[MinValueValidator(0)])
    scope = models.CharField(_("scope"), max_length=200, validators=[reject_personal_data],
                             help_text=_("E.g. two visits of two hours a week for six months."))
    approach = models.TextField(_("approach"), max_length=2000, validators=[reject_personal_data],
                                help_text=_("How you would work with the family, briefly: who, how often, what for."))
    state = models.CharField(_("state"), max_length=14, choices=State.choices, default=State.SUBMITTED)
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                     related_name="+", verbose_name=_("submitted by"), editable=False)
    submitted_at = models.DateTimeField(_("submitted at"), default=timezone.now, editable=False)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True, editable=False)

    objects = OfferQuerySet.as_manager()
    history = HistoricalRecords()

    FREE_TEXT = ("scope", "approach")

    class Meta:
        verbose_name = _("offer")
        verbose_name_plural = _("offers")
        ordering = ("submitted_at", "pk")
        constraints = (
            models.UniqueConstraint(fields=["request", "provider"], condition=~Q(state="withdrawn"),
                                    name="families_one_offer_per_provider"),
            models.CheckConstraint(condition=Q(units__gt=0), name="families_offer_units"),
            models.CheckConstraint(condition=Q(unit_price__gte=0) & Q(total_price__gte=0),
                                   name="families_offer_price"),
        )

    def __str__(self) -> str:
        return f"{self.provider} – {self.request}"

    @staticmethod
    def total_for(units: Decimal, unit_price: Decimal) -> Decimal:
        return (units * unit_price).quantize(Decimal(1), rounding=ROUND_HALF_UP)

    def clean(self):
        """An offer stays within the provider's agreement: in force, of the request's category and territory, at
        most the agreed price for the unit, a service the agreement names."""
        if not (self.agreement_id and self.request_id and self.provider_id):
            return
        agreement, request = self.agreement, self.request
        errors = {}
        if agreement.provider_id != self.provider_id:
            errors["agreement"] = _("The agreement is another provider's.")
        elif agreement.category != request.category or not agreement.orps.filter(pk=request.orp_id).exists():
            errors["agreement"] = _("The agreement does not cover this category and ORP.")
        elif not agreement.is_in_force(timezone.localdate(self.submitted_at)):
            errors["agreement"] = _("The agreement is not in force.")
        agreed = agreement.price_for(self.unit) if self.unit else None
        if self.unit and agreed is None:
            errors["unit"] = _("The agreement sets no price per %(unit)s.") % {"unit": self.get_unit_display()}
        elif agreed is not None and self.unit_price is not None and self.unit_price > agreed:
            errors["unit_price"] = _("The agreement allows at most %(price)s CZK per %(unit)s.") % {
                "price": agreed, "unit": self.get_unit_display()}
        if self.service_id and not agreement.services.filter(pk=self.service_id).exists():
            errors["service"] = _("Choose one of the services the agreement names.")
        if errors:
            raise ValidationError(errors)

    @classmethod
    def submit(cls, *, request: ServiceRequest, agreement: FrameworkAgreement, by, **fields) -> "Offer":
        """A provider's offer, before the deadline, one per provider and request."""
        offer = cls(request=request, agreement=agreement, provider_id=agreement.provider_id, submitted_by=by,
                    **fields)
        offer.total_price = cls.total_for(offer.units, offer.unit_price)
        with transaction.atomic():
            locked = ServiceRequest.objects.select_for_update().get(pk=request.pk)
            if not locked.takes_offers():
                raise FamiliesError(_("The request no longer takes offers."))
            if locked.offers.valid().filter(provider_id=agreement.provider_id).exists():
                raise FamiliesError(_("Your organisation has already offered on this request."))
            remaining = agreement.remaining()
            if remaining is not None and offer.total_price > remaining:
                raise FamiliesError(_("The offer exceeds what is left under the ceiling of your agreement "
                                      "(%(remaining)s CZK).") % {"remaining": remaining})
            offer.full_clean()
            offer.save()
        return offer

    def withdraw(self, *, by) -> None:
        """Take the offer back while the request still takes offers."""
        with transaction.atomic():
            locked = Offer.objects.select_for_update().select_related("request").get(pk=self.pk)
            if locked.state != self.State.SUBMITTED or not locked.request.takes_offers():
                raise FamiliesError(_("The offer can be withdrawn only before the deadline for offers."))
            locked.state, locked.decided_at = self.State.WITHDRAWN, timezone.now()
            locked.save(update_fields=["state", "decided_at"])
        self.state = locked.state


# --- Partial contracts ---------------------------------------------------------------------------------------


class PartialContractQuerySet(models.QuerySet):
    def in_kraje(self, kraje):
        return self.filter(request__orp__kraj__in=kraje)

    def closure_to_confirm(self):
        return self.filter(closure_reported_at__isnull=False, confirmed_at__isnull=True)


class PartialContract(models.Model):
    """The partial contract (dílčí smlouva) concluded with the chosen provider under its framework agreement."""

    class Outcome(models.TextChoices):
        REACHED = "reached", _("goal reached")
        PARTLY = "partly", _("goal partly reached")
        NOT_REACHED = "not_reached", _("goal not reached")

    request = models.OneToOneField(ServiceRequest, on_delete=models.CASCADE, related_name="contract",
                                   verbose_name=_("request"))
    offer = models.OneToOneField(Offer, on_delete=models.PROTECT, related_name="contract", verbose_name=_("offer"))
    agreement = models.ForeignKey(FrameworkAgreement, on_delete=models.PROTECT, related_name="contracts",
                                  verbose_name=_("framework agreement"))
    provider = models.ForeignKey("services.Provider", on_delete=models.PROTECT, related_name="+",
                                 verbose_name=_("provider"))
    number = models.CharField(_("contract number"), max_length=60, unique=True)
    value = models.DecimalField(_("value (CZK)"), max_digits=12, decimal_places=0, validators=[MinValueValidator(0)])
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"))
    concluded_on = models.DateField(_("concluded on"))
    concluded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                     related_name="+", verbose_name=_("concluded by"), editable=False)
    outcome = models.CharField(_("outcome"), max_length=12, choices=Outcome.choices, blank=True)
    closure_reason = models.TextField(_("outcome, why"), max_length=2000, blank=True,
                                      validators=[reject_personal_data])
    closure_reported_at = models.DateTimeField(_("closure reported at"), null=True, blank=True, editable=False)
    closure_reported_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True,
                                            blank=True, related_name="+", verbose_name=_("closure reported by"),
                                            editable=False)
    confirmed_at = models.DateTimeField(_("closure confirmed at"), null=True, blank=True, editable=False)
    confirmed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                     related_name="+", verbose_name=_("closure confirmed by"), editable=False)

    objects = PartialContractQuerySet.as_manager()
    history = HistoricalRecords()

    FREE_TEXT = ("closure_reason",)

    class Meta:
        verbose_name = _("partial contract")
        verbose_name_plural = _("partial contracts")
        ordering = ("-concluded_on", "-pk")
        constraints = (
            models.CheckConstraint(condition=Q(ends_on__gte=models.F("starts_on")), name="families_contract_dates"),
            models.CheckConstraint(condition=Q(value__gte=0), name="families_contract_value"),
        )

    def __str__(self) -> str:
        return self.number

    @property
    def closure_reported(self) -> bool:
        return self.closure_reported_at is not None

    @property
    def is_closed(self) -> bool:
        return self.confirmed_at is not None

    def report_delivery(self, *, month: dt.date, units: Decimal, note: str = "", by) -> "DeliveryReport":
        """The units delivered in a month (a month reported again is corrected, unless the office confirmed it)."""
        month = month.replace(day=1)
        if self.closure_reported:
            raise FamiliesError(_("The closure is reported: the delivery can no longer change."))
        if month < self.starts_on.replace(day=1) or month > timezone.localdate().replace(day=1):
            raise FamiliesError(_("Report the months from the contract's start to this month."))
        with transaction.atomic():
            report = DeliveryReport.objects.select_for_update().filter(contract=self, month=month).first()
            if report is not None and report.confirmed_at is not None:
                raise FamiliesError(_("The office has confirmed this month; it can no longer change."))
            report = report or DeliveryReport(contract=self, month=month)
            report.units, report.note, report.reported_by, report.reported_at = units, note, by, timezone.now()
            report.full_clean()
            report.save()
        return report

    def report_closure(self, *, outcome: str, reason: str, by) -> None:
        """The provider reports how the service ended (goal reached, partly, not, and why)."""
        if self.closure_reported:
            raise FamiliesError(_("The closure has already been reported."))
        self.outcome, self.closure_reason = outcome, (reason or "").strip()
        self.closure_reported_at, self.closure_reported_by = timezone.now(), by
        self.full_clean()
        self.save(update_fields=["outcome", "closure_reason", "closure_reported_at", "closure_reported_by"])

    def confirm_closure(self, *, by) -> None:
        """The office confirms the closure: the contract and the request are closed (the reports with it)."""
        if not self.closure_reported:
            raise FamiliesError(_("The provider has not reported the closure yet."))
        if self.is_closed:
            raise FamiliesError(_("The closure has already been confirmed."))
        now = timezone.now()
        with transaction.atomic():
            self.confirmed_at, self.confirmed_by = now, by
            self.save(update_fields=["confirmed_at", "confirmed_by"])
            for report in self.deliveries.filter(confirmed_at__isnull=True):
                report.confirmed_at, report.confirmed_by = now, by
                report.save(update_fields=["confirmed_at", "confirmed_by"])
            request = self.request
            request.state, request.closed_at = ServiceRequest.State.CLOSED, now
            request.save(update_fields=["state", "closed_at", "updated_at"])


class DeliveryReportQuerySet(models.QuerySet):
    def in_kraje(self, kraje):
        return self.filter(contract__request__orp__kraj__in=kraje)


class DeliveryReport(models.Model):
    """Units delivered under a partial contract in one month, reported by the provider, confirmed by the office."""

    contract = models.ForeignKey(PartialContract, on_delete=models.CASCADE, related_name="deliveries",
                                 verbose_name=_("partial contract"))
    month = models.DateField(_("month"), help_text=_("The first day of the month."))
    units = models.DecimalField(_("units delivered"), max_digits=8, decimal_places=2,
                                validators=[MinValueValidator(0)])
    note = models.CharField(_("note"), max_length=300, blank=True, validators=[reject_personal_data])
    reported_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                    related_name="+", verbose_name=_("reported by"), editable=False)
    reported_at = models.DateTimeField(_("reported at"), default=timezone.now, editable=False)
    confirmed_at = models.DateTimeField(_("confirmed at"), null=True, blank=True, editable=False)
    confirmed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                     related_name="+", verbose_name=_("confirmed by"), editable=False)

    objects = DeliveryReportQuerySet.as_manager()
    history = HistoricalRecords()

    FREE_TEXT = ("note",)

    class Meta:
        verbose_name = _("delivery report")
        verbose_name_plural = _("delivery reports")
        ordering = ("contract", "month")
        constraints = (
            models.UniqueConstraint(fields=["contract", "month"], name="families_one_report_per_month"),
            models.CheckConstraint(condition=Q(units__gte=0), name="families_delivery_units"),
        )

    def __str__(self) -> str:
        return f"{self.contract} {self.month:%m/%Y}"

    def confirm(self, *, by) -> None:
        if self.confirmed_at is not None:
            raise FamiliesError(_("The month has already been confirmed."))
        self.confirmed_at, self.confirmed_by = timezone.now(), by
        self.save(update_fields=["confirmed_at", "confirmed_by"])
