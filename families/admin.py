"""The families app in the administration, region-scoped (core.admin.RegionScopedAdmin): a regional coordinator
works on their kraj only.

- Framework agreements: the kraj's coordinators add and edit them, with import and export (families/resources.py);
  the territory and services are checked against the agreement's kraj and provider.
- OSPOD workers: the coordinators tie people to the offices of their kraj's ORPs (the assignment gives the role).
- The casework (requests, offers, partial contracts, delivery reports) is read-only here for everyone: its steps
  are taken on the site by the people in them, through the models' methods. Opening a record here is an access
  to the request, logged like any other. The access log is read-only too; the e-mail outbox is for superusers.
"""

import datetime as dt

from django import forms
from django.contrib import admin
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from import_export.admin import ImportExportMixin

from core.admin import ImportExportPermissions, RegionScopedAdmin
from families import permissions
from families.access import log_access
from families.filters import RequestFilter, needing_attention
from families.models import (
    DeliveryReport,
    FrameworkAgreement,
    Notice,
    Offer,
    OspodAssignment,
    PartialContract,
    RequestAccess,
    ServiceRequest,
)
from families.resources import FrameworkAgreementResource
from services.admin import RegistryHistoryAdmin

# --- Framework agreements -------------------------------------------------------------------------------------


class FrameworkAgreementForm(forms.ModelForm):
    class Meta:
        model = FrameworkAgreement
        fields = "__all__"

    def clean(self):
        data = super().clean()
        provider, kraj = data.get("provider"), data.get("kraj")
        services, orps = data.get("services"), data.get("orps")
        if provider is not None and services is not None and services.exclude(provider=provider).exists():
            self.add_error("services", _("Choose only the provider's own services."))
        if kraj is not None and orps is not None and orps.exclude(kraj=kraj).exists():
            self.add_error("orps", _("Choose only ORPs of the agreement's kraj."))
        return data


class EndingFilter(admin.SimpleListFilter):
    title = _("validity")
    parameter_name = "ending"

    def lookups(self, request, model_admin):
        return [("soon", _("in force, ending within 60 days")), ("in_force", _("in force")),
                ("ended", _("ended"))]

    def queryset(self, request, queryset):
        today = timezone.localdate()
        if self.value() == "soon":
            return queryset.in_force(today).filter(valid_to__lte=today + dt.timedelta(days=60))
        if self.value() == "in_force":
            return queryset.in_force(today)
        if self.value() == "ended":
            return queryset.filter(valid_to__lt=today)
        return queryset


@admin.register(FrameworkAgreement)
class FrameworkAgreementAdmin(ImportExportPermissions, ImportExportMixin, RegionScopedAdmin, RegistryHistoryAdmin):
    resource_classes = (FrameworkAgreementResource,)
    form = FrameworkAgreementForm
    region_path = "kraj"
    list_display = ("number", "provider", "category", "kraj", "valid_from", "valid_to", "price_per_hour",
                    "price_per_day", "price_per_intervention", "ceiling")
    list_filter = (EndingFilter, "category", ("kraj", admin.RelatedOnlyFieldListFilter))
    list_select_related = ("provider", "kraj")
    search_fields = ("number", "provider__name", "provider__ico")
    autocomplete_fields = ("provider",)
    # The provider's services by their ids with a lookup window (select2's multiple box has no label); the
    # kraj's ORPs as check boxes (core.admin.AccessibleWidgetsMixin).
    raw_id_fields = ("services",)
    date_hierarchy = "valid_from"

    def get_export_queryset(self, request):
        return super().get_export_queryset(request).prefetch_related("services", "orps")


# --- OSPOD workers --------------------------------------------------------------------------------------------


@admin.register(OspodAssignment)
class OspodAssignmentAdmin(RegionScopedAdmin, RegistryHistoryAdmin):
    """The kraj's coordinator names the OSPOD workers of its ORP offices; the assignment gives the role."""

    region_path = "orp__kraj"
    list_display = ("user", "orp", "assigned_by", "assigned_at")
    list_select_related = ("user", "orp", "assigned_by")
    list_filter = (("orp", admin.RelatedOnlyFieldListFilter),)
    search_fields = ("user__email", "user__display_name", "orp__name")
    autocomplete_fields = ("user", "orp")

    def save_model(self, request, obj, form, change):
        if not change:
            obj.assigned_by = request.user
        super().save_model(request, obj, form, change)

    def delete_queryset(self, request, queryset):
        for assignment in queryset:  # one by one: the last assignment takes the role back
            assignment.delete()


# --- The casework, read-only ----------------------------------------------------------------------------------


class ReadOnlyMixin:
    """Nobody adds, changes or deletes here: the steps are model methods taken on the site."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class LoggedCaseworkAdmin(ReadOnlyMixin, RegionScopedAdmin, RegistryHistoryAdmin):
    """Opening a record (its page, its history, one of its versions) is an access to its request: logged."""

    request_path = None  # how the record reaches its request; None: it is the request

    def _log(self, request, object_id):
        if request.method != "GET":
            return
        try:
            obj = self.get_queryset(request).filter(pk=object_id).first()
        except (ValueError, TypeError):
            return
        if obj is None:
            return
        found = obj
        for name in (self.request_path or "").split("__") if self.request_path else []:
            found = getattr(found, name)
        log_access(found, request.user, role=permissions.role_for(request.user, found) or "",
                   action=RequestAccess.Action.ADMIN)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        self._log(request, object_id)
        return super().change_view(request, object_id, form_url, extra_context)

    def history_view(self, request, object_id, extra_context=None):
        self._log(request, object_id)
        return super().history_view(request, object_id, extra_context)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        self._log(request, object_id)
        return super().history_form_view(request, object_id, version_id, extra_context)


class AttentionFilter(admin.SimpleListFilter):
    """The same choices as the requests list on the site (the dashboard links here)."""

    title = _("needs attention")
    parameter_name = "attention"

    def lookups(self, request, model_admin):
        return list(RequestFilter.ATTENTION)

    def queryset(self, request, queryset):
        if self.value() in dict(RequestFilter.ATTENTION):
            return needing_attention(queryset, self.value())
        return queryset


@admin.register(ServiceRequest)
class ServiceRequestAdmin(LoggedCaseworkAdmin):
    region_path = "orp__kraj"
    list_display = ("__str__", "orp", "category", "urgency", "state", "created_at", "offers_due")
    list_filter = (AttentionFilter, "state", "category", "urgency", ("orp", admin.RelatedOnlyFieldListFilter))
    list_select_related = ("orp",)
    search_fields = ("=id",)
    date_hierarchy = "created_at"


@admin.register(Offer)
class OfferAdmin(LoggedCaseworkAdmin):
    region_path = "request__orp__kraj"
    request_path = "request"
    list_display = ("__str__", "state", "unit", "units", "unit_price", "total_price", "submitted_at")
    list_filter = ("state", "unit", "request__category")
    list_select_related = ("provider", "request")
    search_fields = ("=request__id", "provider__name", "provider__ico")


@admin.register(PartialContract)
class PartialContractAdmin(LoggedCaseworkAdmin):
    region_path = "request__orp__kraj"
    request_path = "request"
    list_display = ("number", "provider", "value", "starts_on", "ends_on", "concluded_on", "outcome",
                    "confirmed_at")
    list_filter = ("outcome", "request__category")
    list_select_related = ("provider",)
    search_fields = ("number", "provider__name", "provider__ico")
    date_hierarchy = "concluded_on"


@admin.register(DeliveryReport)
class DeliveryReportAdmin(LoggedCaseworkAdmin):
    region_path = "contract__request__orp__kraj"
    request_path = "contract__request"
    list_display = ("contract", "month", "units", "reported_at", "confirmed_at")
    list_select_related = ("contract",)
    search_fields = ("contract__number",)


@admin.register(RequestAccess)
class RequestAccessAdmin(ReadOnlyMixin, RegionScopedAdmin):
    """Who opened which request when: the kraj's coordinators audit their kraj's requests."""

    region_path = "request__orp__kraj"
    list_display = ("at", "user_label", "role", "action", "request")
    list_filter = ("action", "role")
    list_select_related = ("request",)
    search_fields = ("user_label", "=request__id")
    date_hierarchy = "at"


@admin.register(Notice)
class NoticeAdmin(ReadOnlyMixin, RegionScopedAdmin):
    """The e-mail outbox (superusers: coordinators hold no permission for it)."""

    region_path = "request__orp__kraj"
    list_display = ("created_at", "user", "kind", "request", "mailed_at")
    list_filter = ("kind", ("mailed_at", admin.EmptyFieldListFilter))
    list_select_related = ("user", "request")
