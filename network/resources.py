"""CSV/XLSX import and export of the kraj's network (one row per capacity line of a service in the network of a
kraj and year), as the kraj keeps it in its spreadsheet (django-import-export).

Rows name the kraj by its NUTS 3 code (CZ020) and the service by its registry identifier; both are looked up only
among the importer's kraje and their services, so a row naming another region is a row error. A changed capacity
of an existing line is recorded as a change row (date of the import, reason "import"), like a change in the admin.
The admin imports nothing until the whole file is clean (one transaction, rolled back on any row error) and shows
every row's errors in the preview.
"""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from import_export import fields, resources, widgets

from accounts.permissions import coordinated_kraje
from core.spreadsheets import HumanHeadersMixin
from network.models import FinancingCategory, NetworkChange, NetworkMembership
from services.models import CapacityUnit, Form
from services.resources import CodeWidget, DayWidget, PlainDiff, ServiceWidget
from territory.models import Kraj


class KrajWidget(widgets.ForeignKeyWidget):
    """A kraj by its NUTS 3 code, among the importer's kraje only."""

    def __init__(self, **kwargs):
        super().__init__(Kraj, field="nuts3", **kwargs)
        self.user = None

    def get_queryset(self, value, row, *args, **kwargs):
        return coordinated_kraje(self.user) if self.user is not None else Kraj.objects.none()

    def clean(self, value, row=None, **kwargs):
        value = str(value or "").strip().upper()
        if not value:
            raise ValueError(_("Fill in the kraj's NUTS 3 code (e.g. CZ020)."))
        try:
            return super().clean(value, row, **kwargs)
        except Kraj.DoesNotExist:
            raise ValueError(_("“%(code)s” is not one of the kraje you coordinate.") % {"code": value}) from None


class OptionalCodeWidget(CodeWidget):
    def clean(self, value, row=None, **kwargs):
        if not str(value or "").strip():
            return ""
        return super().clean(value, row, **kwargs)


class YearWidget(widgets.IntegerWidget):
    def clean(self, value, row=None, **kwargs):
        year = super().clean(value, row, **kwargs)
        if year is None or not 2000 <= year <= 2100:
            raise ValueError(_("The year must be between 2000 and 2100."))
        return year


class NetworkMembershipResource(HumanHeadersMixin, resources.ModelResource):
    header_labels = {"service": _("registry identifier"), "service_name": _("service's name")}

    kraj = fields.Field(attribute="kraj", column_name="kraj", widget=KrajWidget())
    year = fields.Field(attribute="year", column_name="year", widget=YearWidget())
    service = fields.Field(attribute="service", column_name="service", widget=ServiceWidget())
    service_name = fields.Field(attribute="service__name", column_name="service_name", readonly=True)
    form = fields.Field(attribute="form", column_name="form", widget=OptionalCodeWidget(Form.choices), default="")
    unit = fields.Field(attribute="unit", column_name="unit", widget=CodeWidget(CapacityUnit.choices))
    capacity = fields.Field(attribute="capacity", column_name="capacity", widget=widgets.IntegerWidget())
    entrustment_number = fields.Field(attribute="entrustment_number", column_name="entrustment_number", default="")
    entrusted_from = fields.Field(attribute="entrusted_from", column_name="entrusted_from", widget=DayWidget())
    entrusted_to = fields.Field(attribute="entrusted_to", column_name="entrusted_to", widget=DayWidget())
    financing_category = fields.Field(attribute="financing_category", column_name="financing_category",
                                      widget=CodeWidget(FinancingCategory.choices))
    excluded_on = fields.Field(attribute="excluded_on", column_name="excluded_on", widget=DayWidget())
    note = fields.Field(attribute="note", column_name="note", default="")

    class Meta:
        model = NetworkMembership
        fields = ["kraj", "year", "service", "service_name", "form", "unit", "capacity", "entrustment_number",
                  "entrusted_from", "entrusted_to", "financing_category", "excluded_on", "note"]
        export_order = fields
        import_id_fields = ["kraj", "year", "service", "form", "unit"]
        clean_model_instances = True  # constraints: the entrustment's range, the year
        skip_unchanged = True
        report_skipped = True

    def __init__(self, user=None, **kwargs):
        super().__init__(**kwargs)
        self.user = user
        self.fields["kraj"].widget.user = user
        self.fields["service"].widget.user = user

    @classmethod
    def get_diff_class(cls):
        return PlainDiff

    def get_queryset(self):
        return super().get_queryset().select_related("kraj", "service").order_by("kraj__name", "year", "service__name")

    def get_instance(self, instance_loader, row):
        """The line of that kraj, year, service, form and unit; a row whose kraj or service does not resolve is a
        new instance whose field errors are then reported."""
        try:
            lookup = {name: self.fields[name].clean(row) for name in self.get_import_id_fields()}
        except (ValueError, KeyError):
            return None
        return NetworkMembership.objects.filter(**lookup).first()

    def dehydrate_kraj(self, line):
        return line.kraj.nuts3

    def dehydrate_service(self, line):
        return line.service.registry_id

    def validate_instance(self, instance, import_validation_errors=None, validate_unique=True):
        errors = dict(import_validation_errors or {})
        if instance.capacity is None and "capacity" not in errors:
            errors["capacity"] = _("Fill in the capacity in the network.")
        elif instance.capacity is not None and instance.capacity < 0:
            errors["capacity"] = _("The capacity cannot be negative.")
        super().validate_instance(instance, errors or None, validate_unique=False)

    def before_save_instance(self, instance, row, **kwargs):
        """Remember the capacity before the import, so the change can be recorded with its date."""
        instance._capacity_before = (NetworkMembership.objects.filter(pk=instance.pk).values_list(
            "capacity", flat=True).first() if instance.pk else None)

    def after_save_instance(self, instance, row, **kwargs):
        before = getattr(instance, "_capacity_before", None)
        if before is not None and before != instance.capacity:
            NetworkChange.objects.create(
                membership=instance, changed_on=timezone.localdate(), kind=NetworkChange.Kind.CAPACITY,
                capacity_before=before, capacity_after=instance.capacity, reason=str(_("import from a file")),
                recorded_by=self.user)
