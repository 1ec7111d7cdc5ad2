"""The registry: providers, their services, facilities, registered capacities and reported free places.

Shaped after the national registry (MPSV `rpss.json`, see ../shared/DOMAIN.md): a *service* is the
registered unit (one `identifikator`), provided by a *provider* (IČO) in one or more *forms*
(ambulantní / pobytová / terénní) at *facilities*. The registered maximum capacity is per service × form ×
unit (never per facility: summing over facilities double-counts). Free places and waiting lists are what
the national registry lacks: every report is kept as history and the newest one is "now".
"""

import datetime as dt

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Exists, OuterRef, Q, Subquery
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from simple_history.models import HistoricalRecords

from core.collation import CZECH
from core.text import normalize_search_text


def validate_ico(value: str) -> None:
    """IČO: 8 digits whose last one is the mod-11 check digit of the first seven."""
    if len(value) != 8 or not value.isdigit():
        raise ValidationError(_("IČO has exactly 8 digits."), code="ico_format")
    total = sum(int(digit) * weight for digit, weight in zip(value[:7], range(8, 1, -1), strict=True))
    check = (11 - total % 11) % 10
    if int(value[7]) != check:
        raise ValidationError(_("%(value)s is not a valid IČO (wrong check digit)."), code="ico_checksum",
                              params={"value": value})


class Form(models.TextChoices):
    """Forms of provision, §33 of zákon 108/2006 Sb. (codes of `FormaSocialniSluzby`)."""

    AMBULATORY = "amb", _("outpatient (ambulantní)")
    RESIDENTIAL = "pob", _("residential (pobytová)")
    FIELD = "ter", _("field (terénní)")


class CapacityUnit(models.TextChoices):
    """Units of capacity (codes of `TypKapacitySocialniSluzby`)."""

    BEDS = "luzka", _("beds")
    CLIENTS = "klient", _("clients")
    INTERVENTIONS = "interv", _("interventions (30 min)")
    CONTACTS = "kontakt", _("contacts (10 min)")
    CALLS = "hovor", _("calls")


class ServiceGroup(models.TextChoices):
    """The three groups of social services, §32."""

    COUNSELLING = "poradenstvi", _("social counselling")
    CARE = "pece", _("social care services")
    PREVENTION = "prevence", _("social prevention services")


class Codelist(models.Model):
    """An MPSV codelist item. Unknown codes met on import are stored (known=False), never dropped."""

    code = models.CharField(_("code"), max_length=60, unique=True, help_text=_("Registry id, e.g. DruhSocialniSluzby/13."))
    number = models.PositiveIntegerField(_("number"), null=True, blank=True)
    name_cs = models.CharField(_("Czech name"), max_length=200, db_collation=CZECH)
    name_en = models.CharField(_("English name"), max_length=200, blank=True)
    known = models.BooleanField(_("known"), default=True, help_text=_("False for codes met only in imported data."))

    class Meta:
        abstract = True
        ordering = ["number", "code"]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        if get_language() == "en" and self.name_en:
            return self.name_en
        return self.name_cs


class ServiceType(Codelist):
    """Druh sociální služby (§37–§70)."""

    paragraph = models.CharField(_("section of the Act"), max_length=6, blank=True)
    group = models.CharField(_("group"), max_length=20, choices=ServiceGroup.choices, blank=True)
    forms = models.CharField(_("forms allowed by law"), max_length=20, blank=True,
                             help_text=_("Space-separated form codes."))

    class Meta(Codelist.Meta):
        verbose_name = _("service type")
        verbose_name_plural = _("service types")

    @property
    def label(self) -> str:
        return f"§ {self.paragraph} {self.name}" if self.paragraph else self.name


class TargetGroup(Codelist):
    """Cílová skupina (okruh osob)."""

    class Meta(Codelist.Meta):
        verbose_name = _("target group")
        verbose_name_plural = _("target groups")


class AgeGroup(Codelist):
    """Věková skupina."""

    min_age = models.PositiveSmallIntegerField(_("from age"), null=True, blank=True)
    max_age = models.PositiveSmallIntegerField(_("to age"), null=True, blank=True)

    class Meta(Codelist.Meta):
        verbose_name = _("age group")
        verbose_name_plural = _("age groups")


class ProviderQuerySet(models.QuerySet):
    def in_kraje(self, kraje):
        """Providers seated in one of the kraje or running a service there (a coordinator's scope)."""
        return self.filter(Q(obec__orp__kraj__in=kraje) |
                           Exists(Service.objects.in_kraje(kraje).filter(provider=OuterRef("pk"))))


class Provider(models.Model):
    """A registered provider (poskytovatel). Personal data of statutory bodies is never stored."""

    ico = models.CharField(_("IČO"), max_length=8, unique=True, validators=[validate_ico])
    name = models.TextField(_("name"), db_collation=CZECH)  # verbatim from the registry, never cut
    legal_form = models.CharField(_("legal form"), max_length=120, blank=True)
    address = models.TextField(_("seat address"), blank=True)
    obec = models.ForeignKey("territory.Obec", on_delete=models.PROTECT, null=True, blank=True,
                             related_name="+", verbose_name=_("seat municipality"))
    web = models.URLField(_("web"), max_length=2000, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=100, blank=True)
    # Names of fields changed on the portal (admin saves add them); the registry import leaves them alone.
    locally_edited = models.JSONField(_("edited on the portal"), default=list, blank=True, editable=False)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = ProviderQuerySet.as_manager()
    # Who changed what, for the admin's history page. The registry import writes with bulk_create /
    # bulk_update, which bypass the signals history hangs on: the ImportRun is that audit record.
    history = HistoricalRecords(excluded_fields=["updated_at", "locally_edited"])

    class Meta:
        verbose_name = _("provider")
        verbose_name_plural = _("providers")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("services:provider", args=[self.pk, slugify(self.name)[:80] or "poskytovatel"])


class ServiceQuerySet(models.QuerySet):
    def active(self, on: dt.date | None = None):
        """Provided on the given day (today by default): started and not ended."""
        on = on or timezone.localdate()
        return self.filter(Q(valid_from__isnull=True) | Q(valid_from__lte=on)).filter(
            Q(valid_to__isnull=True) | Q(valid_to__gte=on))

    def ended(self, on: dt.date | None = None):
        return self.filter(valid_to__lt=on or timezone.localdate())

    def of_type(self, *service_types):
        return self.filter(service_type__in=service_types)

    # Where a service without a located facility is placed, per level: where the capacity overview counts
    # it (`orp`, the ORP of the provider's seat, see assign_orp), and at obec level the seat itself.
    SEAT_PATHS = {"kraj": "orp__kraj", "okres": "orp__okresy", "orp": "orp", "obec": "provider__obec"}

    def placed_by_seat(self):
        """Services with no facility in a known obec: the area filters and the capacity overview place them by
        `orp` (the provider's seat), so a service without facilities is found where it is counted."""
        return self.exclude(Exists(Facility.objects.filter(service=OuterRef("pk"), obec__isnull=False)))

    def in_area(self, *, kraj=None, okres=None, orp=None, obec=None):
        """Services with a facility in the area or serving it (by ORP, by obec, or the whole kraj); services
        without a located facility where they are counted (placed_by_seat)."""
        facilities = Facility.objects.filter(service=OuterRef("pk"))
        by_seat = Service.objects.placed_by_seat()
        if obec is not None:
            return self.filter(Exists(facilities.filter(obec=obec)) | Q(served_obce=obec) |
                               Q(served_orps=obec.orp_id) | Q(served_kraje=obec.orp.kraj_id) |
                               Q(pk__in=by_seat.filter(provider__obec=obec).values("pk"))).distinct()
        if orp is not None:
            return self.filter(Exists(facilities.filter(obec__orp=orp)) | Q(served_orps=orp) |
                               Q(served_obce__orp=orp) | Q(served_kraje=orp.kraj_id) |
                               Q(pk__in=by_seat.filter(orp=orp).values("pk"))).distinct()
        if okres is not None:
            return self.filter(Exists(facilities.filter(obec__okres=okres)) | Q(served_orps__okresy=okres) |
                               Q(served_obce__okres=okres) | Q(served_kraje=okres.kraj_id) |
                               Q(pk__in=by_seat.filter(orp__okresy=okres).values("pk"))).distinct()
        if kraj is not None:
            return self.filter(Exists(facilities.filter(obec__orp__kraj=kraj)) | Q(served_kraje=kraj) |
                               Q(served_orps__kraj=kraj) | Q(served_obce__orp__kraj=kraj) |
                               Q(pk__in=by_seat.filter(orp__kraj=kraj).values("pk"))).distinct()
        return self

    def in_orp(self, orp):
        return self.in_area(orp=orp)

    def in_kraje(self, kraje):
        """Services of the kraje (a coordinator's scope): with a facility there, counted in one of its ORPs
        or serving it (whole kraj, an ORP or an obec). Subqueries, so no duplicate rows and no DISTINCT."""
        service = OuterRef("pk")
        return self.filter(
            Q(orp__kraj__in=kraje)
            | Exists(Facility.objects.filter(service=service, obec__orp__kraj__in=kraje))
            | Exists(Service.served_kraje.through.objects.filter(service=service, kraj__in=kraje))
            | Exists(Service.served_orps.through.objects.filter(service=service, orp__kraj__in=kraje))
            | Exists(Service.served_obce.through.objects.filter(service=service, obec__orp__kraj__in=kraje)))

    def with_free_places(self):
        """Services whose newest report (not outdated) has at least one free place."""
        return self.filter(current_free_places__gt=0, current_report_at__gte=outdated_before())

    def for_listing(self):
        return self.select_related("provider", "service_type").prefetch_related("target_groups")

    def for_search_results(self):
        """What a search result shows, on the search page and in its CSV download: the long texts left out,
        the forms and the facilities (with their obec, in their own order) read in one query each."""
        return self.defer("description", "how_to_get", "search_text", "target_groups_note",
                          "age_groups_note").prefetch_related(
            "forms", models.Prefetch("facilities", queryset=Facility.objects.select_related("obec")))


def outdated_before() -> dt.date:
    """Reports older than this date are outdated (settings.CAPACITY_REPORT_MAX_AGE_DAYS)."""
    return timezone.localdate() - dt.timedelta(days=settings.CAPACITY_REPORT_MAX_AGE_DAYS)


class Service(models.Model):
    """A registered social service (one registry `identifikator`)."""

    registry_id = models.CharField(_("registry identifier"), max_length=20, unique=True,
                                   help_text=_("Identifikátor služby from the national registry."))
    portal_id = models.PositiveIntegerField(_("registry portal id"), null=True, blank=True, unique=True)
    provider = models.ForeignKey(Provider, on_delete=models.PROTECT, related_name="services",
                                 verbose_name=_("provider"))
    service_type = models.ForeignKey(ServiceType, on_delete=models.PROTECT, related_name="services",
                                     verbose_name=_("service type"))
    name = models.TextField(_("name"), db_collation=CZECH,
                            help_text=_("The registry has no service names; this is the main facility's name."))
    target_groups = models.ManyToManyField(TargetGroup, blank=True, related_name="services",
                                           verbose_name=_("target groups"))
    target_groups_note = models.TextField(_("target groups, details"), blank=True)
    age_groups = models.ManyToManyField(AgeGroup, blank=True, related_name="services", verbose_name=_("age groups"))
    age_groups_note = models.TextField(_("age groups, details"), blank=True)
    description = models.TextField(_("description"), blank=True)
    how_to_get = models.TextField(_("how to get the service"), blank=True,
                                  help_text=_("Contact, conditions and fees."))
    valid_from = models.DateField(_("provided from"), null=True, blank=True)
    valid_to = models.DateField(_("provided until"), null=True, blank=True)
    web = models.URLField(_("web"), max_length=2000, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=100, blank=True)
    orp = models.ForeignKey("territory.Orp", on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
                            verbose_name=_("ORP of the service"),
                            help_text=_("Where the service is counted in capacity analyses: the ORP of its first "
                                        "facility, else of the provider's seat (capacity is never split by facility)."))
    served_kraje = models.ManyToManyField("territory.Kraj", blank=True, related_name="+",
                                          verbose_name=_("serves whole kraje"))
    served_orps = models.ManyToManyField("territory.Orp", blank=True, related_name="+", verbose_name=_("serves ORPs"))
    served_obce = models.ManyToManyField("territory.Obec", blank=True, related_name="+",
                                         verbose_name=_("serves municipalities"))
    # Denormalised from the newest CapacityReport by CapacityReport.record() (sorting and filtering).
    current_free_places = models.IntegerField(_("free places now"), null=True, blank=True, editable=False)
    current_waiting_list = models.IntegerField(_("waiting list now"), null=True, blank=True, editable=False)
    current_report_at = models.DateField(_("free places as of"), null=True, blank=True, editable=False)
    # Lower-case text without diacritics of names and descriptions (see update_search_text).
    search_text = models.TextField(_("search text"), blank=True, editable=False)
    # Names of fields changed on the portal (admin saves add them); the registry import leaves them alone.
    locally_edited = models.JSONField(_("edited on the portal"), default=list, blank=True, editable=False)
    # Fingerprint of the registry item last imported into this service: an unchanged item writes nothing.
    registry_hash = models.CharField(_("registry fingerprint"), max_length=64, blank=True, editable=False)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True, db_index=True)

    objects = ServiceQuerySet.as_manager()
    # Admin history (see Provider.history: bulk imports and the denormalised "now" figures, written with
    # QuerySet.update(), are not recorded, so a history entry is always a person's change).
    history = HistoricalRecords(excluded_fields=["updated_at", "search_text", "locally_edited", "registry_hash",
                                                 "current_free_places", "current_waiting_list",
                                                 "current_report_at"])

    class Meta:
        verbose_name = _("service")
        verbose_name_plural = _("services")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(condition=Q(valid_to__isnull=True) | Q(valid_from__isnull=True) |
                                   Q(valid_to__gte=models.F("valid_from")), name="service_valid_range"),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("services:detail", args=[self.pk, slugify(self.name)[:80] or "sluzba"])

    @property
    def is_ended(self) -> bool:
        return self.valid_to is not None and self.valid_to < timezone.localdate()

    @property
    def report_is_outdated(self) -> bool:
        return self.current_report_at is None or self.current_report_at < outdated_before()

    def assign_orp(self) -> None:
        """Count the service in the ORP of its first facility (or of the provider's seat)."""
        facility = self.facilities.filter(obec__isnull=False).select_related("obec").order_by("pk").first()
        obec = facility.obec if facility else self.provider.obec
        self.orp_id = obec.orp_id if obec else None
        Service.objects.filter(pk=self.pk).update(orp=self.orp_id)

    def refresh_current_capacity(self) -> None:
        """Free places now = sum over the registered capacities' newest reports; "as of" = the oldest of
        those dates, so a figure is never presented as fresher than its stalest part."""
        reported = [c for c in self.capacities.all() if c.reported_at is not None]
        if reported:
            self.current_free_places = sum(c.free_places for c in reported)
            self.current_waiting_list = sum(c.waiting_list for c in reported)
            self.current_report_at = min(c.reported_at for c in reported)
        else:
            self.current_free_places = self.current_waiting_list = self.current_report_at = None
        # updated_at too: the feed of changed services and HSDS `modified_after` follow free places as well.
        self.updated_at = timezone.now()
        Service.objects.filter(pk=self.pk).update(current_free_places=self.current_free_places,
                                                  current_waiting_list=self.current_waiting_list,
                                                  current_report_at=self.current_report_at,
                                                  updated_at=self.updated_at)

    def update_search_text(self, *, facility_names=None, save=True) -> None:
        """Rebuild the diacritics-free search text from the service, provider and facility names."""
        if facility_names is None:
            facility_names = list(self.facilities.values_list("name", flat=True))
        parts = [self.name, self.provider.name, self.service_type.name_cs, self.description, *facility_names]
        self.search_text = normalize_search_text(" ".join(p for p in parts if p))
        if save:
            Service.objects.filter(pk=self.pk).update(search_text=self.search_text)


class ServiceForm(models.Model):
    """One form in which a service is provided, with its opening hours."""

    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="forms", verbose_name=_("service"))
    form = models.CharField(_("form"), max_length=3, choices=Form.choices)
    nonstop = models.BooleanField(_("non-stop"), default=False)
    hours = models.JSONField(_("opening hours"), default=list, blank=True,
                             help_text=_("List of {day: 1–7, from: HH:MM, to: HH:MM}."))

    class Meta:
        verbose_name = _("form of a service")
        verbose_name_plural = _("forms of services")
        constraints = [models.UniqueConstraint(fields=["service", "form"], name="unique_service_form")]
        ordering = ["form"]

    def __str__(self) -> str:
        return self.get_form_display()


class Facility(models.Model):
    """Zařízení or místo poskytování of a service."""

    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="facilities",
                                verbose_name=_("service"))
    name = models.TextField(_("name"), db_collation=CZECH)
    address = models.TextField(_("address"), blank=True)
    postcode = models.CharField(_("postcode"), max_length=6, blank=True)
    obec = models.ForeignKey("territory.Obec", on_delete=models.PROTECT, null=True, blank=True,
                             related_name="facilities", verbose_name=_("municipality"))
    ruian_address_code = models.PositiveBigIntegerField(_("RÚIAN address code"), null=True, blank=True)
    registry_obec_code = models.CharField(_("municipality code in the registry"), max_length=40, blank=True,
                                          help_text=_("The registry's code of a municipality the portal does not "
                                                      "know, kept as given (the facility then has no "
                                                      "municipality)."))
    address_hidden = models.BooleanField(_("address kept secret"), default=False,
                                         help_text=_("Shelters for victims of violence do not publish their address."))
    latitude = models.DecimalField(_("latitude"), max_digits=9, decimal_places=6, null=True, blank=True)
    longitude = models.DecimalField(_("longitude"), max_digits=9, decimal_places=6, null=True, blank=True)
    forms = models.CharField(_("forms"), max_length=20, blank=True, help_text=_("Space-separated form codes."))
    valid_from = models.DateField(_("provided from"), null=True, blank=True)
    valid_to = models.DateField(_("provided until"), null=True, blank=True)

    class Meta:
        verbose_name = _("facility")
        verbose_name_plural = _("facilities")
        ordering = ["name", "pk"]
        indexes = [models.Index(fields=["obec", "service"])]

    def __str__(self) -> str:
        return self.name

    @property
    def has_location(self) -> bool:
        return self.latitude is not None and self.longitude is not None and not self.address_hidden


class RegisteredCapacity(models.Model):
    """The registered maximum of a service in one form and unit."""

    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="capacities",
                                verbose_name=_("service"))
    form = models.CharField(_("form"), max_length=3, choices=Form.choices)
    unit = models.CharField(_("unit"), max_length=8, choices=CapacityUnit.choices)
    maximum = models.PositiveIntegerField(_("registered maximum"))
    description = models.TextField(_("description"), blank=True)
    # The newest CapacityReport of this line, kept here by CapacityReport.record() for fast analyses.
    free_places = models.PositiveIntegerField(_("free places now"), null=True, blank=True, editable=False)
    waiting_list = models.PositiveIntegerField(_("waiting list now"), null=True, blank=True, editable=False)
    reported_at = models.DateField(_("free places as of"), null=True, blank=True, editable=False)

    history = HistoricalRecords(excluded_fields=["free_places", "waiting_list", "reported_at"])

    class Meta:
        verbose_name = _("registered capacity")
        verbose_name_plural = _("registered capacities")
        ordering = ["form", "unit"]
        constraints = [models.UniqueConstraint(fields=["service", "form", "unit"], name="unique_capacity")]

    def __str__(self) -> str:
        return f"{self.maximum} {self.get_unit_display()} ({self.get_form_display()})"


class CapacityReportQuerySet(models.QuerySet):
    def newest_per_capacity(self):
        """For each service × form × unit, only its newest report."""
        newer = CapacityReport.objects.filter(service=OuterRef("service"), form=OuterRef("form"),
                                              unit=OuterRef("unit")).order_by("-as_of", "-pk")
        return self.filter(pk=Subquery(newer.values("pk")[:1]))

    def verify(self, *, by) -> int:
        """Mark the reports not yet verified as verified by `by` now; returns how many were."""
        return self.filter(verified_at__isnull=True).update(verified_by=by, verified_at=timezone.now())


class CapacityReport(models.Model):
    """Free places and waiting list of a service × form × unit as of a day. Every report is kept (history)."""

    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="capacity_reports",
                                verbose_name=_("service"))
    form = models.CharField(_("form"), max_length=3, choices=Form.choices)
    unit = models.CharField(_("unit"), max_length=8, choices=CapacityUnit.choices)
    free_places = models.PositiveIntegerField(_("free places"))
    waiting_list = models.PositiveIntegerField(_("waiting list"), default=0)
    as_of = models.DateField(_("as of"))
    reported_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                    related_name="+", verbose_name=_("reported by"))
    verified_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                    related_name="+", verbose_name=_("verified by"))
    verified_at = models.DateTimeField(_("verified at"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)

    objects = CapacityReportQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("capacity report")
        verbose_name_plural = _("capacity reports")
        ordering = ["-as_of", "-pk"]
        indexes = [models.Index(fields=["service", "-as_of"])]

    def __str__(self) -> str:
        return f"{self.service} {self.as_of}: {self.free_places}"

    @classmethod
    def record(cls, *, service, form, unit, free_places, waiting_list=0, as_of=None, by=None):
        """Store a new report and refresh the service's "now" figures from the newest reports of each form."""
        report = cls.objects.create(service=service, form=form, unit=unit, free_places=free_places,
                                    waiting_list=waiting_list, as_of=as_of or timezone.localdate(), reported_by=by)
        # Only a report at least as new as the line's current one replaces it (late reports are history).
        RegisteredCapacity.objects.filter(service=service, form=form, unit=unit).filter(
            Q(reported_at__isnull=True) | Q(reported_at__lte=report.as_of)).update(
            free_places=free_places, waiting_list=waiting_list, reported_at=report.as_of)
        service.refresh_current_capacity()
        return report




class NetworkTarget(models.Model):
    """The capacity an ORP should have of a service type (minimal network, set by a coordinator)."""

    orp = models.ForeignKey("territory.Orp", on_delete=models.CASCADE, related_name="network_targets",
                            verbose_name=_("ORP"))
    service_type = models.ForeignKey(ServiceType, on_delete=models.CASCADE, related_name="network_targets",
                                     verbose_name=_("service type"))
    unit = models.CharField(_("unit"), max_length=8, choices=CapacityUnit.choices)
    target = models.PositiveIntegerField(_("target capacity"), validators=[MinValueValidator(1)])
    note = models.CharField(_("note"), max_length=300, blank=True)
    set_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                               related_name="+", verbose_name=_("set by"))
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        verbose_name = _("minimal network target")
        verbose_name_plural = _("minimal network targets")
        constraints = [models.UniqueConstraint(fields=["orp", "service_type", "unit"], name="unique_network_target")]

    def __str__(self) -> str:
        return f"{self.orp} – {self.service_type}: {self.target} {self.get_unit_display()}"


class RecordCorrection(models.Model):
    """"Report an error in this record": sent by anyone (no account needed), handled by coordinators."""

    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="corrections",
                                verbose_name=_("service"))
    name = models.CharField(_("name"), max_length=120, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    message = models.TextField(_("what is wrong"), max_length=3000)
    created_at = models.DateTimeField(_("sent at"), auto_now_add=True)
    resolved_at = models.DateTimeField(_("resolved at"), null=True, blank=True)
    resolved_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                    related_name="+", verbose_name=_("resolved by"))

    class Meta:
        verbose_name = _("reported error in a record")
        verbose_name_plural = _("reported errors in records")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.service}: {self.message[:60]}"


def mark_locally_edited(obj, field_names) -> None:
    """Remember fields a person changed on the portal, so the registry import never overwrites them."""
    edited = set(obj.locally_edited or []) | set(field_names)
    obj.locally_edited = sorted(edited)


class ImportRunQuerySet(models.QuerySet):
    def in_kraje(self, kraje):
        """Runs limited to one of the kraje, and full runs (they concern every kraj)."""
        links = ImportRun.kraje.through.objects.filter(importrun=OuterRef("pk"))
        return self.filter(Exists(links.filter(kraj__in=kraje)) | ~Exists(links))

    def visible_to(self, user):
        """Superusers see every run; a regional coordinator sees full runs and runs limited to their kraje."""
        from accounts import permissions

        if user.is_superuser:
            return self
        kraje = permissions.coordinated_kraje(user)
        return self.filter(Q(kraje__in=kraje) | Q(kraje__isnull=True)).distinct()


class ImportRun(models.Model):
    """One import of the national registry file (command line or an upload in the admin), with its report."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        RUNNING = "running", _("Running")
        DONE = "done", _("Done")
        FAILED = "failed", _("Failed")

    class Source(models.TextChoices):
        COMMAND = "command", _("Command line")
        UPLOAD = "upload", _("Upload in the administration")

    source = models.CharField(_("source"), max_length=10, choices=Source.choices, default=Source.COMMAND)
    file_name = models.CharField(_("file"), max_length=500, help_text=_("Path, URL or uploaded file name."))
    file = models.FileField(_("uploaded file"), upload_to="imports/%Y/%m/", blank=True)
    kraje = models.ManyToManyField("territory.Kraj", blank=True, related_name="+", verbose_name=_("kraje"),
                                   help_text=_("Empty: the whole registry."))
    dry_run = models.BooleanField(_("dry run"), default=False)
    keep_missing = models.BooleanField(_("keep services missing from the file"), default=False)
    end_missing = models.BooleanField(
        _("end services missing from the file"), default=False,
        help_text=_("Without it, services missing from the file are ended only when the file is complete and "
                    "sane (no broken item, at most a small share of the services would end)."))
    preview = models.BooleanField(_("preview first"), default=False,
                                  help_text=_("An upload first computes what would change; it is applied only "
                                              "when confirmed."))
    confirmed_at = models.DateTimeField(_("confirmed at"), null=True, blank=True)
    confirmed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                     related_name="+", verbose_name=_("confirmed by"))
    changes = models.JSONField(_("changes listed"), default=dict, blank=True,
                               help_text=_("Names of the services created, updated, ended and missing."))
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.QUEUED)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    started_at = models.DateTimeField(_("started at"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    counts = models.JSONField(_("counts"), default=dict, blank=True)
    problems = models.JSONField(_("problems"), default=list, blank=True)
    error = models.TextField(_("error"), blank=True)
    started_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+", verbose_name=_("started by"))

    objects = ImportRunQuerySet.as_manager()

    class Meta:
        verbose_name = _("registry import")
        verbose_name_plural = _("registry imports")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.file_name} ({self.created_at:%Y-%m-%d %H:%M})"

    @property
    def awaits_confirmation(self) -> bool:
        """A finished preview of an upload that nobody has confirmed yet."""
        return self.preview and self.dry_run and self.status == self.Status.DONE and self.confirmed_at is None

    @property
    def in_progress(self) -> bool:
        return self.status in (self.Status.QUEUED, self.Status.RUNNING)

    def confirm(self, user, *, end_missing: bool = False) -> bool:
        """Turn the finished preview into the real import, once: a second confirmation (a form sent twice)
        finds the run already confirmed and returns False. The caller enqueues the run when True."""
        confirmed = ImportRun.objects.filter(
            pk=self.pk, preview=True, dry_run=True, status=self.Status.DONE, confirmed_at__isnull=True,
        ).update(confirmed_at=timezone.now(), confirmed_by=user, dry_run=False, end_missing=end_missing,
                 status=self.Status.QUEUED, started_at=None, finished_at=None)
        if confirmed:
            self.refresh_from_db()
        return bool(confirmed)

    # Progress of a running import (items read, bytes read of the file's size). It lives in the shared cache:
    # the import's own writes are invisible to other connections until its single transaction commits.
    def _progress_key(self) -> str:
        return f"services:import-progress:{self.pk}"

    def record_progress(self, items: int, done: int, size: int) -> None:
        from django.core.cache import cache

        cache.set(self._progress_key(), {"items": items, "done": done, "size": size}, timeout=24 * 3600)

    @property
    def progress(self) -> dict:
        """{"items", "total" (items expected, known from the preview), "percent" (of the file read)}."""
        from django.core.cache import cache

        state = cache.get(self._progress_key()) or {} if self.in_progress else {}
        size = state.get("size") or 0
        return {"items": state.get("items", 0), "total": (self.counts or {}).get("items"),
                "percent": int(100 * state.get("done", 0) / size) if size else 0}


# --- Provider staff, reminders and saved searches (issue 5) -----------------------------------------


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



def record_daily_reports(*, service: Service, figures, by=None, on: dt.date | None = None) -> int:
    """Store free places and waiting list of several capacity lines as of a day (today by default), each
    with its author: `figures` is [(RegisteredCapacity, free_places, waiting_list), …]. A second submit the
    same day replaces that day's report of a line (a correction); identical figures write nothing, so a
    double click is harmless. Returns the number of reports written."""
    from django.db import transaction

    on = on or timezone.localdate()
    written = 0
    with transaction.atomic():
        # Lock the service: two submits at once are handled one after the other.
        Service.objects.select_for_update().filter(pk=service.pk).values_list("pk").first()
        same_day = {(r.form, r.unit): r for r in CapacityReport.objects.filter(service=service, as_of=on)}
        for line, free_places, waiting_list in figures:
            earlier = same_day.get((line.form, line.unit))
            if earlier is not None:
                if (earlier.free_places, earlier.waiting_list) == (free_places, waiting_list):
                    continue
                CapacityReport.objects.filter(service=service, form=line.form, unit=line.unit, as_of=on).delete()
            CapacityReport.record(service=service, form=line.form, unit=line.unit, free_places=free_places,
                                  waiting_list=waiting_list, as_of=on, by=by)
            written += 1
    return written
