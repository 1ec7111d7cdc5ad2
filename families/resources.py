"""CSV/XLSX import and export of a kraj's framework agreements (django-import-export), one row per agreement, as
the kraj keeps them in its spreadsheet: kraj by NUTS 3 code, provider by IČO, the services by their registry
identifiers and the territory by ORP codes (separated by commas), validity, unit prices and ceiling.

Everything a row names is looked up only among the importer's kraje (another region's ORP or provider is a row
error, never a hint that it exists); the services must be the provider's. The admin imports nothing until the
whole file is clean (one transaction, rolled back on any row error) and shows every row's errors in the preview.
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from import_export import fields, resources, widgets

from accounts.permissions import coordinated_kraje
from core.spreadsheets import HumanHeadersMixin
from families.models import Category, FrameworkAgreement
from network.resources import KrajWidget
from services.models import Provider, Service
from services.resources import CodeWidget, DayWidget, PlainDiff
from territory.models import Kraj, Orp


def _kraje(user):
    if user is None or not user.is_authenticated:
        return Kraj.objects.none()
    return coordinated_kraje(user)


class ProviderWidget(widgets.ForeignKeyWidget):
    """A provider by its IČO, among the providers of the importer's kraje."""

    def __init__(self, **kwargs):
        super().__init__(Provider, field="ico", **kwargs)
        self.user = None

    def get_queryset(self, value, row, *args, **kwargs):
        return Provider.objects.in_kraje(_kraje(self.user))

    def clean(self, value, row=None, **kwargs):
        value = str(value or "").strip().removesuffix(".0")  # XLSX gives numbers as floats
        if not value:
            raise ValueError(_("Fill in the provider's IČO."))
        value = value.zfill(8)
        try:
            return super().clean(value, row, **kwargs)
        except Provider.DoesNotExist:
            raise ValueError(_("There is no provider with IČO “%(ico)s” among the providers of your region.")
                             % {"ico": value}) from None


class ScopedManyWidget(widgets.ManyToManyWidget):
    """Codes separated by commas, each looked up among the importer's kraje; an unknown one is a row error."""

    def __init__(self, model, field, scope, message, **kwargs):
        super().__init__(model, field=field, separator=",", **kwargs)
        self.scope, self.message, self.user = scope, message, None

    def clean(self, value, row=None, **kwargs):
        codes = [code.strip().removesuffix(".0") for code in str(value or "").split(",") if code.strip()]
        found = self.scope(_kraje(self.user)).filter(**{f"{self.field}__in": codes})
        missing = sorted(set(codes) - {str(getattr(item, self.field)) for item in found})
        if missing:
            raise ValueError(self.message % {"codes": ", ".join(missing)})
        return found


class FrameworkAgreementResource(HumanHeadersMixin, resources.ModelResource):
    header_labels = {"provider": _("provider's IČO"),  # noqa: RUF012 (read by HumanHeadersMixin) "provider_name": _("provider's name"),
                     "services": _("registry identifiers of the services"), "orps": _("ORP codes covered")}

    kraj = fields.Field(attribute="kraj", column_name="kraj", widget=KrajWidget())
    number = fields.Field(attribute="number", column_name="number")
    category = fields.Field(attribute="category", column_name="category", widget=CodeWidget(Category.choices))
    provider = fields.Field(attribute="provider", column_name="provider", widget=ProviderWidget())
    provider_name = fields.Field(attribute="provider__name", column_name="provider_name", readonly=True)
    services = fields.Field(attribute="services", column_name="services", widget=ScopedManyWidget(
        Service, "registry_id", lambda kraje: Service.objects.in_kraje(kraje),
        _("No service %(codes)s among the services of your region.")))
    orps = fields.Field(attribute="orps", column_name="orps", widget=ScopedManyWidget(
        Orp, "code", lambda kraje: Orp.objects.filter(kraj__in=kraje), _("No ORP %(codes)s in your region.")))
    valid_from = fields.Field(attribute="valid_from", column_name="valid_from", widget=DayWidget())
    valid_to = fields.Field(attribute="valid_to", column_name="valid_to", widget=DayWidget())
    price_per_hour = fields.Field(attribute="price_per_hour", column_name="price_per_hour",
                                  widget=widgets.DecimalWidget())
    price_per_day = fields.Field(attribute="price_per_day", column_name="price_per_day",
                                 widget=widgets.DecimalWidget())
    price_per_intervention = fields.Field(attribute="price_per_intervention", column_name="price_per_intervention",
                                          widget=widgets.DecimalWidget())
    ceiling = fields.Field(attribute="ceiling", column_name="ceiling", widget=widgets.DecimalWidget())
    note = fields.Field(attribute="note", column_name="note", default="")

    class Meta:
        model = FrameworkAgreement
        fields = ("kraj", "number", "category", "provider", "provider_name", "services", "orps", "valid_from",
                  "valid_to", "price_per_hour", "price_per_day", "price_per_intervention", "ceiling", "note")
        export_order = fields
        import_id_fields = ("kraj", "number")
        clean_model_instances = True  # the validity range, at least one price, the note's personal-data check
        skip_unchanged = True
        report_skipped = True

    def __init__(self, user=None, **kwargs):
        super().__init__(**kwargs)
        self.user = user
        for name in ("kraj", "provider", "services", "orps"):
            self.fields[name].widget.user = user

    @classmethod
    def get_diff_class(cls):
        return PlainDiff

    def get_queryset(self):
        return (super().get_queryset().select_related("kraj", "provider").prefetch_related("services", "orps")
                .order_by("kraj__name", "number"))

    def get_instance(self, instance_loader, row):
        try:
            lookup = {name: self.fields[name].clean(row) for name in self.get_import_id_fields()}
        except (ValueError, KeyError):
            return None
        return FrameworkAgreement.objects.filter(**lookup).first()

    def dehydrate_kraj(self, agreement):
        return agreement.kraj.nuts3

    def dehydrate_provider(self, agreement):
        return agreement.provider.ico

    def dehydrate_services(self, agreement):
        return ", ".join(service.registry_id for service in agreement.services.all())

    def dehydrate_orps(self, agreement):
        return ", ".join(str(orp.code) for orp in agreement.orps.all())

    def import_instance(self, instance, row, **kwargs):
        """Besides the fields, the row's services and ORPs are checked before anything is saved: each found in
        the importer's region, the services the provider's own, the ORPs in the agreement's kraj."""
        errors = {}
        try:
            super().import_instance(instance, row, **kwargs)
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        found = {}
        for name in ("services", "orps"):
            try:
                found[name] = list(self.fields[name].clean(row))
            except (ValueError, KeyError) as error:
                errors[name] = [str(error.args[0]) if error.args else str(error)]
        if "services" in found and instance.provider_id and any(
                service.provider_id != instance.provider_id for service in found["services"]):
            errors["services"] = [_("Name only the provider's own services.")]
        if "orps" in found:
            if not found["orps"]:
                errors["orps"] = [_("Name at least one ORP the agreement covers.")]
            elif instance.kraj_id and any(orp.kraj_id != instance.kraj_id for orp in found["orps"]):
                errors["orps"] = [_("Name only ORPs of the agreement's kraj.")]
        if errors:
            raise ValidationError(errors)
