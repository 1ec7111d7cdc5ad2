"""The network, minimal network, efficiency figures and audits in the admin, region-scoped
(core.admin.RegionScopedAdmin): a regional coordinator works on their kraj only. Every model keeps a history
(django-simple-history) with revert. The network is imported and exported as CSV/XLSX (network/resources.py:
preview with each row's errors, nothing saved from a file with a bad row). The quality standards and the groups
of service types are national codelists: superusers edit them (the criteria's wording from the decree)."""

from django import forms
from django.contrib import admin
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from import_export.admin import ImportExportMixin

from core.admin import ImportExportPermissions, RegionScopedAdmin, RegionScopedInline
from network.models import (
    AnnualFigures,
    Audit,
    CorrectiveAction,
    DisclosureSettings,
    MinimalNetworkNorm,
    NetworkChange,
    NetworkMembership,
    OrpPopulation,
    QualityCriterion,
    QualityStandard,
    ServiceTypeGroup,
    StandardResult,
)
from network.resources import NetworkMembershipResource
from services.admin import RegistryHistoryAdmin

# --- Network ------------------------------------------------------------------------------------------------


class NetworkChangeInline(RegionScopedInline, admin.TabularInline):
    model = NetworkChange
    extra = 0
    fields = ["changed_on", "kind", "capacity_before", "capacity_after", "reason", "recorded_by"]
    readonly_fields = ["recorded_by"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("recorded_by")


class NetworkMembershipForm(forms.ModelForm):
    """A changed capacity of a line needs the date and the reason of the change (kept as a change row)."""

    change_on = forms.DateField(label=_("capacity changed on"), required=False,
                                help_text=_("When the capacity changes: the day it applies from."))
    change_reason = forms.CharField(label=_("reason for the change of capacity"), max_length=500, required=False)

    class Meta:
        model = NetworkMembership
        fields = "__all__"

    def clean(self):
        data = super().clean()
        if self.instance.pk and "capacity" in self.changed_data:
            if not data.get("change_reason"):
                self.add_error("change_reason", _("Say why the capacity in the network changes."))
            if not data.get("change_on"):
                self.add_error("change_on", _("Say from which day the new capacity applies."))
        return data


@admin.register(NetworkMembership)
class NetworkMembershipAdmin(ImportExportPermissions, ImportExportMixin, RegionScopedAdmin, RegistryHistoryAdmin):
    resource_classes = [NetworkMembershipResource]
    form = NetworkMembershipForm
    region_path = "kraj"
    list_display = ["service", "year", "kraj", "form", "unit", "capacity", "entrustment_number", "entrusted_to",
                    "financing_category", "excluded_on"]
    list_filter = ["year", "financing_category", "unit", ("kraj", admin.RelatedOnlyFieldListFilter),
                   ("excluded_on", admin.EmptyFieldListFilter)]
    list_select_related = ["service", "kraj"]
    search_fields = ["service__name", "service__registry_id", "entrustment_number"]
    autocomplete_fields = ["service"]
    inlines = [NetworkChangeInline]

    def save_model(self, request, obj, form, change):
        if change and "capacity" in form.changed_data:
            before = NetworkMembership.objects.filter(pk=obj.pk).values_list("capacity", flat=True).first()
            super().save_model(request, obj, form, change)
            NetworkChange.objects.create(
                membership=obj, changed_on=form.cleaned_data["change_on"], kind=NetworkChange.Kind.CAPACITY,
                capacity_before=before, capacity_after=obj.capacity, reason=form.cleaned_data["change_reason"],
                recorded_by=request.user)
            return
        super().save_model(request, obj, form, change)

    def save_formset(self, request, form, formset, change):
        for row in formset.save(commit=False):
            if row.recorded_by_id is None:
                row.recorded_by = request.user
            row.save()
        for row in formset.deleted_objects:
            row.delete()


@admin.register(NetworkChange)
class NetworkChangeAdmin(RegionScopedAdmin, RegistryHistoryAdmin):
    region_path = "membership__kraj"
    list_display = ["membership", "changed_on", "kind", "capacity_before", "capacity_after", "reason", "recorded_by"]
    list_filter = ["kind", "changed_on"]
    list_select_related = ["membership__service", "recorded_by"]
    search_fields = ["membership__service__name", "reason"]
    autocomplete_fields = ["membership"]
    readonly_fields = ["recorded_by", "created_at"]

    def save_model(self, request, obj, form, change):
        if not change:
            obj.recorded_by = request.user
        super().save_model(request, obj, form, change)


# --- Minimal network ----------------------------------------------------------------------------------------


@admin.register(MinimalNetworkNorm)
class MinimalNetworkNormAdmin(RegionScopedAdmin, RegistryHistoryAdmin):
    region_path = "kraj"
    list_display = ["kraj", "service_type", "type_group", "unit", "basis", "rate", "age_band", "set_by"]
    list_filter = ["basis", "age_band", "unit", ("kraj", admin.RelatedOnlyFieldListFilter)]
    list_select_related = ["kraj", "service_type", "type_group", "set_by"]
    exclude = ["set_by"]

    def save_model(self, request, obj, form, change):
        obj.set_by = request.user
        super().save_model(request, obj, form, change)


@admin.register(OrpPopulation)
class OrpPopulationAdmin(RegionScopedAdmin, RegistryHistoryAdmin):
    region_path = "orp__kraj"
    list_display = ["orp", "age_band", "population", "as_of", "source"]
    list_filter = ["age_band"]
    list_select_related = ["orp"]
    search_fields = ["orp__name"]
    autocomplete_fields = ["orp"]


@admin.register(ServiceTypeGroup)
class ServiceTypeGroupAdmin(RegistryHistoryAdmin):
    list_display = ["code", "name_cs", "name_en"]
    filter_horizontal = []


# --- Efficiency ---------------------------------------------------------------------------------------------


@admin.register(AnnualFigures)
class AnnualFiguresAdmin(RegionScopedAdmin, RegistryHistoryAdmin):
    region_path = "service"
    list_display = ["service", "year", "clients", "unit_kind", "units_delivered", "costs_total", "reported_by"]
    list_filter = ["year", "unit_kind"]
    list_select_related = ["service", "reported_by"]
    search_fields = ["service__name", "service__registry_id"]
    autocomplete_fields = ["service"]
    readonly_fields = ["reported_by", "reported_at"]

    def save_model(self, request, obj, form, change):
        obj.reported_by, obj.reported_at = request.user, timezone.now()
        super().save_model(request, obj, form, change)


@admin.register(DisclosureSettings)
class DisclosureSettingsAdmin(RegionScopedAdmin, RegistryHistoryAdmin):
    region_path = "kraj"
    list_display = ["kraj", "public_clients", "public_occupancy", "public_staff", "public_money"]


# --- Audits -------------------------------------------------------------------------------------------------


class StandardResultInline(RegionScopedInline, admin.TabularInline):
    model = StandardResult
    extra = 0
    fields = ["standard", "result", "note"]


class CorrectiveActionInline(RegionScopedInline, admin.TabularInline):
    model = CorrectiveAction
    extra = 0
    fields = ["description", "owner", "deadline", "state", "done_on"]


class OverdueFilter(admin.SimpleListFilter):
    title = _("overdue")
    parameter_name = "overdue"

    def lookups(self, request, model_admin):
        return [("yes", _("after the deadline, not done"))]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.overdue()
        return queryset


@admin.register(Audit)
class AuditAdmin(RegionScopedAdmin, RegistryHistoryAdmin):
    region_path = "service"
    list_display = ["service", "kind", "carried_out_on", "auditors", "serious_findings", "follow_up_on", "is_public"]
    list_filter = ["kind", "serious_findings", "is_public"]
    list_select_related = ["service"]
    search_fields = ["service__name", "service__registry_id", "auditors"]
    autocomplete_fields = ["service"]
    readonly_fields = ["created_by"]
    date_hierarchy = "carried_out_on"
    inlines = [StandardResultInline, CorrectiveActionInline]

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)


@admin.register(CorrectiveAction)
class CorrectiveActionAdmin(RegionScopedAdmin, RegistryHistoryAdmin):
    region_path = "audit__service"
    list_display = ["description_start", "service", "owner", "deadline", "state", "done_on"]
    list_filter = [OverdueFilter, "state"]
    list_select_related = ["audit__service"]
    search_fields = ["description", "owner", "audit__service__name"]
    autocomplete_fields = ["audit"]

    @admin.display(description=_("corrective action"))
    def description_start(self, obj):
        return obj.description[:80]

    @admin.display(description=_("service"), ordering="audit__service__name")
    def service(self, obj):
        return obj.audit.service


# --- Quality standards (national codelist) ------------------------------------------------------------------


class QualityCriterionInline(admin.TabularInline):
    model = QualityCriterion
    extra = 0
    fields = ["code", "order", "text"]


@admin.register(QualityStandard)
class QualityStandardAdmin(RegistryHistoryAdmin):
    list_display = ["number", "title_cs", "title_en"]
    inlines = [QualityCriterionInline]


@admin.register(QualityCriterion)
class QualityCriterionAdmin(RegistryHistoryAdmin):
    list_display = ["code", "standard", "text"]
    list_filter = ["standard"]
    list_select_related = ["standard"]
    search_fields = ["code", "text"]
