"""The registry proper: providers, their services, the services' forms, facilities and registered capacities."""

import datetime as dt

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from simple_history.models import HistoricalRecords

from core.collation import CZECH
from core.text import normalize_search_text

from .codelists import AgeGroup, CapacityUnit, Form, ServiceType, TargetGroup


def validate_ico(value: str) -> None:
    """IČO: 8 digits whose last one is the mod-11 check digit of the first seven."""
    if len(value) != 8 or not value.isdigit():
        raise ValidationError(_("IČO has exactly 8 digits."), code="ico_format")
    total = sum(int(digit) * weight for digit, weight in zip(value[:7], range(8, 1, -1), strict=True))
    check = (11 - total % 11) % 10
    if int(value[7]) != check:
        raise ValidationError(_("%(value)s is not a valid IČO (wrong check digit)."), code="ico_checksum",
                              params={"value": value})


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


def mark_locally_edited(obj, field_names) -> None:
    """Remember fields a person changed on the portal, so the registry import never overwrites them."""
    edited = set(obj.locally_edited or []) | set(field_names)
    obj.locally_edited = sorted(edited)
