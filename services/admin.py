"""Registry records in the admin. Coordinators manage their kraj's minimal-network targets and the error
reports sent from service pages; everything else is for superusers until region-scoped editing lands."""

from django.contrib import admin
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from portal.admin import RegionScopedAdmin
from services.models import (AgeGroup, CapacityReport, Facility, NetworkTarget, Provider, RecordCorrection,
                             RegisteredCapacity, Service, ServiceForm, ServiceType, TargetGroup)


@admin.register(NetworkTarget)
class NetworkTargetAdmin(RegionScopedAdmin):
    region_path = "orp__kraj"
    list_display = ["orp", "service_type", "unit", "target", "set_by", "updated_at"]
    list_filter = ["service_type", "unit", "orp__kraj"]
    list_select_related = ["orp", "service_type", "set_by"]
    search_fields = ["orp__name", "service_type__name_cs"]
    exclude = ["set_by"]

    def save_model(self, request, obj, form, change):
        obj.set_by = request.user  # remembers who set the target
        super().save_model(request, obj, form, change)


@admin.register(RecordCorrection)
class RecordCorrectionAdmin(RegionScopedAdmin):
    region_path = "service__orp__kraj"
    list_display = ["service", "created_at", "name", "email", "resolved_at"]
    list_filter = ["resolved_at"]
    list_select_related = ["service"]
    readonly_fields = ["service", "name", "email", "message", "created_at", "resolved_at", "resolved_by"]
    actions = ["mark_resolved"]

    def has_add_permission(self, request):
        return False  # they come from the public form

    @admin.action(description=_("Mark selected reports as resolved"))
    def mark_resolved(self, request, queryset):
        count = queryset.filter(resolved_at__isnull=True).update(resolved_at=timezone.now(), resolved_by=request.user)
        self.message_user(request, ngettext("%(count)d report resolved.", "%(count)d reports resolved.", count)
                          % {"count": count})


class FacilityInline(admin.TabularInline):
    model = Facility
    extra = 0
    autocomplete_fields = ["obec"]
    fields = ["name", "address", "postcode", "obec", "address_hidden", "latitude", "longitude", "forms",
              "valid_from", "valid_to"]


class ServiceFormInline(admin.TabularInline):
    model = ServiceForm
    extra = 0


class RegisteredCapacityInline(admin.TabularInline):
    model = RegisteredCapacity
    extra = 0
    fields = ["form", "unit", "maximum", "description", "free_places", "waiting_list", "reported_at"]
    readonly_fields = ["free_places", "waiting_list", "reported_at"]


@admin.register(Service)
class ServiceAdmin(admin.ModelAdmin):
    list_display = ["name", "service_type", "provider", "orp", "valid_to", "current_free_places", "current_report_at"]
    list_filter = ["service_type__group", "service_type", "orp__kraj"]
    list_select_related = ["service_type", "provider", "orp"]
    search_fields = ["name", "registry_id", "provider__name", "provider__ico"]
    autocomplete_fields = ["provider", "served_orps", "served_obce"]
    filter_horizontal = ["target_groups", "age_groups", "served_kraje"]
    readonly_fields = ["current_free_places", "current_waiting_list", "current_report_at", "updated_at"]
    inlines = [ServiceFormInline, RegisteredCapacityInline, FacilityInline]


@admin.register(Provider)
class ProviderAdmin(admin.ModelAdmin):
    list_display = ["name", "ico", "legal_form", "obec"]
    list_select_related = ["obec"]
    search_fields = ["name", "ico"]
    autocomplete_fields = ["obec"]


@admin.register(CapacityReport)
class CapacityReportAdmin(admin.ModelAdmin):
    list_display = ["service", "form", "unit", "free_places", "waiting_list", "as_of", "reported_by", "verified_at"]
    list_filter = ["form", "unit"]
    list_select_related = ["service", "reported_by"]
    date_hierarchy = "as_of"
    raw_id_fields = ["service"]
    search_fields = ["service__name"]


@admin.register(ServiceType)
class ServiceTypeAdmin(admin.ModelAdmin):
    list_display = ["number", "paragraph", "name_cs", "name_en", "group", "code", "known"]
    list_filter = ["group", "known"]
    search_fields = ["name_cs", "name_en", "code"]


@admin.register(TargetGroup, AgeGroup)
class CodelistAdmin(admin.ModelAdmin):
    list_display = ["number", "name_cs", "name_en", "code", "known"]
    list_filter = ["known"]
    search_fields = ["name_cs", "name_en", "code"]
