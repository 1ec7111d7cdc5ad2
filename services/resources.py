"""CSV/XLSX export of providers, services (with their registered capacities) and free-place reports, and import
of free-place reports (django-import-export).

Exports get the admin's region-scoped change-list queryset (with the list's filters and search), so a
coordinator exports only their kraj. The report import looks services up only among the importer's region's
services: a row naming another region's service is a row error ("no such service among yours", never whether
it exists elsewhere). The admin imports nothing until the whole file is clean (one transaction, rolled back
on any row error) and shows every row's errors in the preview.
"""

import datetime as dt

from django.db.models import Q
from diff_match_patch import diff_match_patch
from django.utils import timezone, translation
from django.utils.encoding import force_str
from django.utils.html import format_html_join
from django.utils.translation import gettext_lazy as _
from import_export import fields, resources, widgets
from import_export.resources import Diff

from accounts.permissions import coordinated_kraje
from core.spreadsheets import HumanHeadersMixin
from services.models import CapacityReport, CapacityUnit, Form, Provider, RegisteredCapacity, Service


def services_of(user):
    """The services whose reports a person may import: their kraje's (all for a superuser)."""
    if user is None or not user.is_authenticated:
        return Service.objects.none()
    if user.is_superuser:
        return Service.objects.all()
    return Service.objects.in_kraje(coordinated_kraje(user))


class PlainDiff(Diff):
    """The import preview's differences as plain <del>/<ins> (import-export's own carry style attributes,
    which the portal's CSP refuses)."""

    TAGS = {-1: "del", 0: "span", 1: "ins"}

    def as_html(self):
        cells, differ = [], diff_match_patch()
        for old, new in zip(self.left, self.right, strict=False):
            if old != new and self.new:
                old = ""
            differences = differ.diff_main(force_str(old), force_str(new))
            differ.diff_cleanupSemantic(differences)
            cells.append(format_html_join("", "<{0}>{1}</{0}>", ((self.TAGS[op], text) for op, text in differences)))
        return cells


class ServiceWidget(widgets.ForeignKeyWidget):
    """A service by its registry identifier, among the importer's region's services only."""

    def __init__(self, **kwargs):
        super().__init__(Service, field="registry_id", **kwargs)
        self.user = None

    def get_queryset(self, value, row, *args, **kwargs):
        return services_of(self.user)

    def clean(self, value, row=None, **kwargs):
        value = str(value).strip() if value is not None else ""
        if value.endswith(".0"):  # XLSX gives numbers as floats
            value = value[:-2]
        if not value:
            raise ValueError(_("Fill in the service's registry identifier."))
        try:
            return super().clean(value, row, **kwargs)
        except Service.DoesNotExist:
            raise ValueError(_("There is no service “%(id)s” among the services of your region.")
                             % {"id": value}) from None


class CodeWidget(widgets.Widget):
    """A choice by its code or its label (either language), e.g. "pob" or "residential (pobytová)"."""

    def __init__(self, choices, **kwargs):
        super().__init__(**kwargs)
        self.choices = choices

    def clean(self, value, row=None, **kwargs):
        text = str(value or "").strip().casefold()
        for code, label in self.choices:
            names = {code.casefold()}
            for language in ("cs", "en"):
                with translation.override(language):
                    names.add(str(label).casefold())
            if text in names:
                return code
        raise ValueError(_("“%(value)s” is not one of: %(codes)s.")
                         % {"value": text, "codes": ", ".join(code for code, _label in self.choices)})

    def render(self, value, obj=None, **kwargs):
        return value or ""


class DayWidget(widgets.DateWidget):
    """A day as YYYY-MM-DD text, or a date cell of a spreadsheet (which XLSX hands over as a datetime)."""

    def __init__(self, **kwargs):
        super().__init__("%Y-%m-%d", **kwargs)

    def clean(self, value, row=None, **kwargs):
        value = super().clean(value, row, **kwargs)
        return value.date() if isinstance(value, dt.datetime) else value


class ProviderResource(HumanHeadersMixin, resources.ModelResource):
    obec = fields.Field(attribute="obec__name", column_name="obec", readonly=True)
    header_labels = {"obec": _("seat municipality"), "name": _("provider's name")}

    class Meta:
        model = Provider
        fields = ["ico", "name", "legal_form", "address", "obec", "web", "email", "phone"]
        export_order = fields


class ServiceResource(HumanHeadersMixin, resources.ModelResource):
    """One row per service; its registered capacities joined in one column ("pob luzka 20 (free 3)")."""

    header_labels = {"name": _("service's name"), "provider_ico": _("provider's IČO"),
                     "provider_name": _("provider's name"), "orp": _("ORP of the service"),
                     "capacities": _("registered capacities")}

    provider_ico = fields.Field(attribute="provider__ico", column_name="provider_ico", readonly=True)
    provider_name = fields.Field(attribute="provider__name", column_name="provider_name", readonly=True)
    service_type = fields.Field(attribute="service_type__name_cs", column_name="service_type", readonly=True)
    orp = fields.Field(attribute="orp__name", column_name="orp", readonly=True)
    capacities = fields.Field(column_name="capacities", readonly=True)

    class Meta:
        model = Service
        fields = ["registry_id", "name", "provider_ico", "provider_name", "service_type", "orp", "valid_from",
                  "valid_to", "capacities", "current_free_places", "current_waiting_list", "current_report_at"]
        export_order = fields

    def dehydrate_capacities(self, service):
        # capacities are prefetched by the admin's export queryset (one query for the whole file)
        free = _("free")  # outside the f-string, where makemessages finds it
        return "; ".join(
            f"{line.form} {line.unit} {line.maximum}"
            + (f" ({free} {line.free_places}, {line.reported_at:%Y-%m-%d})" if line.reported_at else "")
            for line in service.capacities.all())


class CapacityReportResource(HumanHeadersMixin, resources.ModelResource):
    """Free places and waiting list of a service × form × unit as of a day; a row of a day already reported
    corrects that report."""

    header_labels = {"service": _("registry identifier"), "service_name": _("service's name")}

    service = fields.Field(attribute="service", column_name="service", widget=ServiceWidget())
    service_name = fields.Field(attribute="service__name", column_name="service_name", readonly=True)
    form = fields.Field(attribute="form", column_name="form", widget=CodeWidget(Form.choices))
    unit = fields.Field(attribute="unit", column_name="unit", widget=CodeWidget(CapacityUnit.choices))
    free_places = fields.Field(attribute="free_places", column_name="free_places",
                               widget=widgets.IntegerWidget())
    waiting_list = fields.Field(attribute="waiting_list", column_name="waiting_list",
                                widget=widgets.IntegerWidget(), default=0)
    as_of = fields.Field(attribute="as_of", column_name="as_of", widget=DayWidget())
    verified_at = fields.Field(attribute="verified_at", column_name="verified_at", readonly=True)

    class Meta:
        model = CapacityReport
        fields = ["service", "service_name", "form", "unit", "free_places", "waiting_list", "as_of",
                  "verified_at"]
        export_order = fields
        import_id_fields = ["service", "form", "unit", "as_of"]
        clean_model_instances = True
        skip_unchanged = True
        report_skipped = True

    def __init__(self, user=None, **kwargs):
        super().__init__(**kwargs)
        self.user = user
        self.fields["service"].widget.user = user

    @classmethod
    def get_diff_class(cls):
        return PlainDiff

    def get_instance(self, instance_loader, row):
        """The report of that line and day, if any; a row whose service does not resolve is a new instance
        whose field errors are then reported."""
        try:
            lookup = {name: self.fields[name].clean(row) for name in self.get_import_id_fields()}
        except (ValueError, KeyError):
            return None
        return CapacityReport.objects.filter(**lookup).order_by("-pk").first()

    def validate_instance(self, instance, import_validation_errors=None, validate_unique=True):
        errors = dict(import_validation_errors or {})
        if instance.service_id and instance.form and instance.unit and "service" not in errors and not (
                RegisteredCapacity.objects.filter(service=instance.service_id, form=instance.form,
                                                  unit=instance.unit).exists()):
            errors["unit"] = _("The service has no registered capacity in this form and unit.")
        # the day the report refers to cannot lie in the future (in the portal's time zone: between midnight in
        # Prague and midnight UTC, the UTC date is still yesterday)
        if instance.as_of and instance.as_of > timezone.localdate(instance.created_at):
            errors["as_of"] = _("The date lies in the future.")
        super().validate_instance(instance, errors or None, validate_unique=False)

    def save_instance(self, instance, is_create, row, **kwargs):
        """A new report goes through CapacityReport.record (the service's "now" figures follow it); a
        correction of a day's report refreshes them the same way."""
        if is_create:
            saved = CapacityReport.record(service=instance.service, form=instance.form, unit=instance.unit,
                                          free_places=instance.free_places, waiting_list=instance.waiting_list,
                                          as_of=instance.as_of, by=self.user)
            instance.pk = saved.pk
            return
        # A correction: the importer becomes its author, and changed figures need a new verification.
        instance.reported_by, instance.verified_at, instance.verified_by = self.user, None, None
        super().save_instance(instance, is_create, row, **kwargs)
        line = RegisteredCapacity.objects.filter(service=instance.service_id, form=instance.form, unit=instance.unit)
        line.filter(Q(reported_at__isnull=True) | Q(reported_at__lte=instance.as_of)).update(
            free_places=instance.free_places, waiting_list=instance.waiting_list, reported_at=instance.as_of)
        instance.service.refresh_current_capacity()

