"""Registry records in the admin, region-scoped (core.admin.RegionScopedAdmin): a regional coordinator edits
the providers, services (with their facilities, forms and registered capacities), free-place reports,
minimal-network targets, error reports and provider staff of their kraj; a superuser everything. Providers,
services, capacities, reports and targets keep a history (django-simple-history) with revert."""

import datetime as dt
from functools import partial

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Count, Q, Sum
from django.http import Http404, HttpResponseNotAllowed, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html, strip_tags
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from django.utils.translation import ngettext
from import_export.admin import ExportMixin, ImportExportMixin
from simple_history.admin import SimpleHistoryAdmin
from simple_history.template_utils import HistoricalRecordContextHelper

from accounts import permissions
from core.admin import DiacriticsInsensitiveSearch, ImportExportPermissions, RegionScopedAdmin, RegionScopedInline
from core.redirects import safe_next
from services.importers.rpss import CHANGE_LISTS, ENTITIES, OUTCOMES, PROVIDER_FIELDS, SERVICE_FIELDS
from services.importers.source import ImportFileError, check_start
from services.models import (AgeGroup, CapacityReport, Facility, ImportRun, NetworkTarget, Provider, ProviderStaff,
                             RecordCorrection, RegisteredCapacity, SavedSearch, Service, ServiceForm, ServiceType,
                             TargetGroup, mark_locally_edited, outdated_before)
from services.resources import CapacityReportResource, ProviderResource, ServiceResource


class ServiceStatusFilter(admin.SimpleListFilter):
    title = _("status")
    parameter_name = "status"

    def lookups(self, request, model_admin):
        return [("active", _("provided now")), ("ended", _("ended"))]

    def queryset(self, request, queryset):
        if self.value() == "active":
            return queryset.active()
        if self.value() == "ended":
            return queryset.ended()
        return queryset


class RegistryHistoryAdmin(SimpleHistoryAdmin):
    """simple-history's pages (versions with field-level differences, revert) in the portal's markup."""

    object_history_template = "admin/services/object_history.html"
    object_history_list_template = "admin/services/object_history_list.html"


class ReportAgeFilter(admin.SimpleListFilter):
    title = _("free places")
    parameter_name = "report"

    def lookups(self, request, model_admin):
        return [("fresh", _("reported recently")), ("outdated", _("outdated or never reported"))]

    def queryset(self, request, queryset):
        if self.value() == "fresh":
            return queryset.filter(current_report_at__gte=outdated_before())
        if self.value() == "outdated":
            return queryset.filter(Q(current_report_at__isnull=True) | Q(current_report_at__lt=outdated_before()))
        return queryset


@admin.register(NetworkTarget)
class NetworkTargetAdmin(RegionScopedAdmin, RegistryHistoryAdmin):
    region_path = "orp__kraj"
    list_display = ["orp", "service_type", "unit", "target", "set_by", "updated_at"]
    list_filter = ["service_type", "unit", "orp__kraj", "orp"]
    list_select_related = ["orp", "service_type", "set_by"]
    search_fields = ["orp__name", "service_type__name_cs"]
    autocomplete_fields = ["orp"]
    exclude = ["set_by"]

    def save_model(self, request, obj, form, change):
        obj.set_by = request.user  # remembers who set the target
        super().save_model(request, obj, form, change)


@admin.register(RecordCorrection)
class RecordCorrectionAdmin(DiacriticsInsensitiveSearch, RegionScopedAdmin):
    """The queue of errors reported from service pages, each linked to its record; resolving records who/when."""

    region_path = "service"
    list_display = ["created_at", "service_link", "message_start", "name", "email", "resolved_at", "resolved_by"]
    list_filter = [("resolved_at", admin.EmptyFieldListFilter)]
    list_select_related = ["service", "resolved_by"]
    search_fields = ["service__registry_id", "email"]
    normalized_search_fields = ["service__search_text"]
    unaccent_search_fields = ["message"]
    date_hierarchy = "created_at"
    readonly_fields = ["service_link", "name", "email", "message", "created_at", "resolved_at", "resolved_by"]
    exclude = ["service"]
    actions = ["mark_resolved"]

    def has_add_permission(self, request):
        return False  # they come from the public form

    @admin.display(description=_("service"), ordering="service__name")
    def service_link(self, obj):
        return format_html('<a href="{}">{}</a>', reverse("admin:services_service_change", args=[obj.service_id]),
                           obj.service)

    @admin.display(description=_("what is wrong"))
    def message_start(self, obj):
        return obj.message[:80]

    @admin.action(description=_("Mark selected reports as resolved"), permissions=["change"])
    def mark_resolved(self, request, queryset):
        count = queryset.filter(resolved_at__isnull=True).update(resolved_at=timezone.now(), resolved_by=request.user)
        self.message_user(request, ngettext("%(count)d report resolved.", "%(count)d reports resolved.", count)
                          % {"count": count})


class FacilityInline(RegionScopedInline, admin.TabularInline):
    model = Facility
    extra = 0
    autocomplete_fields = ["obec"]
    fields = ["name", "address", "postcode", "obec", "address_hidden", "latitude", "longitude", "forms",
              "valid_from", "valid_to"]


class ServiceFormInline(RegionScopedInline, admin.TabularInline):
    model = ServiceForm
    extra = 0


class RegisteredCapacityInline(RegionScopedInline, admin.TabularInline):
    model = RegisteredCapacity
    extra = 0
    fields = ["form", "unit", "maximum", "description", "free_places", "waiting_list", "reported_at"]
    readonly_fields = ["free_places", "waiting_list", "reported_at"]


@admin.register(Service)
class ServiceAdmin(DiacriticsInsensitiveSearch, ImportExportPermissions, ExportMixin, RegionScopedAdmin,
                   RegistryHistoryAdmin):
    resource_classes = [ServiceResource]
    list_display = ["name", "service_type", "provider", "orp", "valid_to", "current_free_places",
                    "report_age"]
    list_filter = [ServiceStatusFilter, ReportAgeFilter, "service_type__group", "service_type", "forms__form",
                   "orp__kraj", "orp"]
    list_select_related = ["service_type", "provider", "orp"]
    search_fields = ["registry_id", "provider__ico"]
    normalized_search_fields = ["search_text"]
    autocomplete_fields = ["provider", "orp"]
    # Many-to-many: check boxes (core.admin.AccessibleWidgetsMixin); the thousand obce by their codes with a
    # lookup window (select2's multiple search box has no label, so no autocomplete here).
    raw_id_fields = ["served_obce"]
    readonly_fields = ["current_free_places", "current_waiting_list", "current_report_at", "report_age",
                       "network_coverage", "locally_edited", "updated_at"]
    inlines = [ServiceFormInline, RegisteredCapacityInline, FacilityInline]
    actions = ["mark_ended", "return_to_registry"]

    object_history_template = "admin/services/service/object_history.html"

    def get_export_queryset(self, request):
        return super().get_export_queryset(request).prefetch_related("capacities")

    def history_view(self, request, object_id, extra_context=None):
        """The service's versions, and below them the changes of its registered capacities (edited inline)."""
        self._scoped_object_or_404(request, object_id)
        records = list(RegisteredCapacity.history.filter(service_id=object_id).select_related("history_user")
                       .order_by("-history_date", "-history_id")[:50])
        for record in records:
            previous = record.prev_record
            record.changes = HistoricalRecordContextHelper(RegisteredCapacity, record).context_for_delta_changes(
                record.diff_against(previous)) if previous else []
        return super().history_view(request, object_id, {**(extra_context or {}), "capacity_history": records})

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        if obj is None and not request.user.is_superuser and "orp" in form.base_fields:
            # A new service must belong to the coordinator's region from the start (else they lose it).
            form.base_fields["orp"].required = True
        return form

    def save_model(self, request, obj, form, change):
        if change:  # the registry import leaves fields changed here alone from now on
            mark_locally_edited(obj, set(form.changed_data) & set(SERVICE_FIELDS))
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        service = form.instance
        service.update_search_text()  # names changed here are found by the searches at once
        if service.orp_id is None:
            service.assign_orp()

    @admin.display(description=_("age of the free places figure"), ordering="current_report_at")
    def report_age(self, obj):
        if obj.current_report_at is None:
            return _("never reported")
        days = (timezone.localdate() - obj.current_report_at).days
        text = ngettext("%(days)d day", "%(days)d days", days) % {"days": days}
        return format_html('<span class="outdated">{}</span>', text) if obj.report_is_outdated else text

    @admin.display(description=_("minimal network in its ORP"))
    def network_coverage(self, obj):
        """Registered capacity of active services of this type in the service's ORP against the ORP's targets."""
        if obj.pk is None or obj.orp_id is None:
            return "–"
        targets = NetworkTarget.objects.filter(orp=obj.orp_id, service_type=obj.service_type_id)
        if not targets:
            return _("no target set")
        totals = dict(RegisteredCapacity.objects.filter(
            service__in=Service.objects.active().filter(orp=obj.orp_id, service_type=obj.service_type_id))
            .values_list("unit").annotate(total=Sum("maximum")).values_list("unit", "total"))
        return "; ".join(_("%(unit)s: %(total)d of %(target)d (%(percent)d %%)") % {
            "unit": target.get_unit_display(), "total": totals.get(target.unit, 0), "target": target.target,
            "percent": round(100 * totals.get(target.unit, 0) / target.target)} for target in targets)

    @admin.action(description=_("Mark selected services as ended (provided until yesterday)"),
                  permissions=["change"])
    def mark_ended(self, request, queryset):
        yesterday = timezone.localdate() - dt.timedelta(days=1)
        count = 0
        # One save per service (few are selected): the history records who ended it, and the import keeps it.
        for service in queryset.filter(Q(valid_to__isnull=True) | Q(valid_to__gt=yesterday)).filter(
                Q(valid_from__isnull=True) | Q(valid_from__lte=yesterday)):
            service.valid_to = yesterday
            mark_locally_edited(service, {"valid_to"})
            service.save()
            count += 1
        self.message_user(request, ngettext("%(count)d service marked as ended.",
                                            "%(count)d services marked as ended.", count) % {"count": count})

    @admin.action(description=_("Let the registry import update the selected services' edited fields again"),
                  permissions=["change"])
    def return_to_registry(self, request, queryset):
        count = queryset.update(locally_edited=[], registry_hash="")  # the next import rewrites them
        self.message_user(request, ngettext("%(count)d service handed back to the registry import.",
                                            "%(count)d services handed back to the registry import.", count)
                          % {"count": count})


@admin.register(RegisteredCapacity)
class RegisteredCapacityAdmin(RegionScopedAdmin, RegistryHistoryAdmin):
    """Registered capacities one by one, mostly for their history; edited as a service's inline."""

    region_path = "service"
    list_display = ["service", "form", "unit", "maximum", "free_places", "waiting_list", "reported_at"]
    list_filter = ["form", "unit"]
    list_select_related = ["service"]
    search_fields = ["service__name", "service__registry_id"]
    autocomplete_fields = ["service"]
    readonly_fields = ["free_places", "waiting_list", "reported_at"]


@admin.register(Provider)
class ProviderAdmin(DiacriticsInsensitiveSearch, ImportExportPermissions, ExportMixin, RegionScopedAdmin,
                    RegistryHistoryAdmin):
    resource_classes = [ProviderResource]
    list_display = ["name", "ico", "legal_form", "obec", "service_count"]
    list_filter = ["obec__orp__kraj", "legal_form"]
    list_select_related = ["obec"]
    search_fields = ["ico"]
    unaccent_search_fields = ["name"]
    autocomplete_fields = ["obec"]
    readonly_fields = ["locally_edited", "updated_at"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(service_count=Count("services"))

    @admin.display(description=_("services"), ordering="service_count")
    def service_count(self, obj):
        return obj.service_count

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        if obj is None and not request.user.is_superuser and "obec" in form.base_fields:
            form.base_fields["obec"].required = True  # seated in the coordinator's region (else they lose it)
        return form

    def save_model(self, request, obj, form, change):
        if change:  # the registry import leaves fields changed here alone from now on
            mark_locally_edited(obj, set(form.changed_data) & set(PROVIDER_FIELDS))
        super().save_model(request, obj, form, change)


@admin.register(CapacityReport)
class CapacityReportAdmin(DiacriticsInsensitiveSearch, ImportExportPermissions, ImportExportMixin, RegionScopedAdmin,
                          RegistryHistoryAdmin):
    """Reports of the coordinator's kraj; verified in bulk (action) or with one click per row; imported from a
    CSV/XLSX file (preview with each row's errors, then confirm) and exported."""

    resource_classes = [CapacityReportResource]
    region_path = "service"
    change_list_template = "admin/services/capacityreport/change_list.html"
    list_display = ["service", "form", "unit", "free_places", "waiting_list", "as_of", "reported_by", "verified_at",
                    "attention", "verify_button"]
    list_filter = [("verified_at", admin.EmptyFieldListFilter), ("attention", admin.EmptyFieldListFilter),
                   "auto_verified", "form", "unit", "service__orp__kraj", "service__orp"]
    list_select_related = ["service", "reported_by"]
    date_hierarchy = "as_of"
    autocomplete_fields = ["service"]
    search_fields = ["service__registry_id"]
    normalized_search_fields = ["service__search_text"]
    readonly_fields = ["reported_by", "verified_by", "verified_at", "auto_verified", "attention", "created_at"]
    actions = ["verify_selected"]
    # The verification page lists this many providers with the most plausible reports waiting, largest first.
    VERIFICATION_PROVIDERS = 100

    def save_model(self, request, obj, form, change):
        if not change:
            obj.reported_by = request.user
        super().save_model(request, obj, form, change)

    def get_urls(self):
        return [path("<int:pk>/verify/", self.admin_site.admin_view(self.verify_one),
                     name="services_capacityreport_verify"),
                path("verification/", self.admin_site.admin_view(self.verification_view),
                     name="services_capacityreport_verification"), *super().get_urls()]

    def lookup_allowed(self, lookup, value, request=None):
        # The verification page links to one provider's waiting reports.
        return lookup == "service__provider__id__exact" or super().lookup_allowed(lookup, value, request)

    def changelist_view(self, request, extra_context=None):
        return super().changelist_view(request, {**(extra_context or {}),
                                                 "can_verify": self.has_change_permission(request)})

    def verification_view(self, request):
        """Verification at scale: the plausible reports waiting, by provider, verified with one click per
        provider or all at once; implausible ones stay for a look one by one (the list, filtered, with the
        reason). Only the reports the coordinator's admin shows (their kraj) are counted and touched."""
        if not self.has_change_permission(request):
            raise PermissionDenied
        waiting = self.get_queryset(request).waiting()
        if request.method == "POST":
            provider = request.POST.get("provider", "")
            target = waiting.plausible()
            if provider != "all":
                if not provider.isdigit():
                    messages.error(request, _("Choose a provider from the list."))
                    return redirect("admin:services_capacityreport_verification")
                target = target.filter(service__provider_id=int(provider))
            count = CapacityReport.objects.filter(pk__in=target.values("pk")).verify(by=request.user)
            self.message_user(request, ngettext("%(count)d report verified.", "%(count)d reports verified.", count)
                              % {"count": count})
            return redirect("admin:services_capacityreport_verification")
        totals = waiting.aggregate(plausible=Count("pk", filter=Q(attention="")),
                                   implausible=Count("pk", filter=~Q(attention="")))
        providers = list(waiting.plausible().values("service__provider_id", "service__provider__name")
                         .annotate(count=Count("pk")).order_by("-count", "service__provider__name")
                         [:self.VERIFICATION_PROVIDERS])
        changelist = reverse("admin:services_capacityreport_changelist")
        return TemplateResponse(request, "admin/services/capacityreport/verification.html", {
            **self.admin_site.each_context(request), "opts": self.model._meta,
            "title": _("Verification of capacity reports"), "totals": totals, "providers": providers,
            "shown": len(providers), "trust_after": settings.CAPACITY_TRUST_AFTER,
            "implausible_url": f"{changelist}?verified_at__isempty=1&attention__isempty=0",
        })

    @admin.action(description=_("Verify selected reports"), permissions=["change"])
    def verify_selected(self, request, queryset):
        count = queryset.verify(by=request.user)
        self.message_user(request, ngettext("%(count)d report verified.", "%(count)d reports verified.", count)
                          % {"count": count})

    @admin.display(description=_("Verify"))
    def verify_button(self, obj):
        if obj.verified_at is not None:
            return "✓"
        # A button of the change list's own form (it carries the CSRF token): one click, no nested form.
        return format_html('<button type="submit" class="button" formaction="{}" formmethod="post">{}</button>',
                           reverse("admin:services_capacityreport_verify", args=[obj.pk]), _("Verify"))

    def verify_one(self, request, pk):
        """One-click verification of one report (POST from the change list); another kraj's report is a 404."""
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        report = get_object_or_404(self.get_queryset(request), pk=pk)
        if not self.has_change_permission(request, report):
            raise PermissionDenied
        count = CapacityReport.objects.filter(pk=report.pk).verify(by=request.user)
        self.message_user(request, ngettext("%(count)d report verified.", "%(count)d reports verified.", count)
                          % {"count": count})
        return redirect(safe_next(request, request.META.get("HTTP_REFERER"),
                                  reverse("admin:services_capacityreport_changelist")))


@admin.register(ProviderStaff)
class ProviderStaffAdmin(RegionScopedAdmin):
    """A coordinator links people to providers of their kraj; the link puts them in the provider-staff group."""

    list_display = ["user", "provider", "added_by", "added_at"]
    list_select_related = ["user", "provider", "added_by"]
    search_fields = ["user__email", "user__display_name", "provider__name", "provider__ico"]
    autocomplete_fields = ["provider", "user"]
    exclude = ["added_by", "added_at"]

    def save_model(self, request, obj, form, change):
        previous_user = ProviderStaff.objects.get(pk=obj.pk).user if change else None
        if not change:
            obj.added_by = request.user
        super().save_model(request, obj, form, change)
        ProviderStaff.sync_role(obj.user)
        if previous_user is not None and previous_user != obj.user:
            ProviderStaff.sync_role(previous_user)

    def delete_model(self, request, obj):
        super().delete_model(request, obj)
        ProviderStaff.sync_role(obj.user)

    def delete_queryset(self, request, queryset):
        users = {link.user for link in queryset.select_related("user")}
        super().delete_queryset(request, queryset)
        for user in users:
            ProviderStaff.sync_role(user)


@admin.register(SavedSearch)
class SavedSearchAdmin(admin.ModelAdmin):
    list_display = ["name", "user", "alerts", "checked_on", "notified_at", "created_at"]
    list_filter = ["alerts"]
    list_select_related = ["user"]
    search_fields = ["name", "user__email"]
    raw_id_fields = ["user"]


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


class ImportUploadForm(forms.Form):
    """A registry file uploaded by a coordinator; imported in the background for the chosen kraje."""

    file = forms.FileField(label=_("Registry file (rpss.json)"),
                           help_text=_("The national registry file from data.mpsv.cz, UTF-8 JSON."))
    kraje = forms.ModelMultipleChoiceField(label=_("Kraje"), queryset=None, widget=forms.CheckboxSelectMultiple,
                                           help_text=_("Only services of these kraje are imported."))

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kraje"].queryset = permissions.coordinated_kraje(user).order_by("name")
        if user.is_superuser:
            self.fields["kraje"].required = False
            self.fields["kraje"].help_text = _("Only services of these kraje are imported; none means the whole "
                                               "registry.")

    def clean_file(self):
        upload = self.cleaned_data["file"]
        limit = settings.REGISTRY_IMPORT_MAX_BYTES
        if upload.size > limit:
            raise forms.ValidationError(_("The file has %(size)d MB; at most %(max)d MB can be imported.")
                                        % {"size": upload.size // 2**20, "max": limit // 2**20})
        try:
            check_start(upload)  # the full check runs in the import; refuse obvious non-JSON at once
        except ImportFileError as error:
            raise forms.ValidationError(str(error)) from None
        upload.seek(0)
        return upload


@admin.register(ImportRun)
class ImportRunAdmin(RegionScopedAdmin):
    """Imports are read-only reports; coordinators start one by uploading a file (runs in the background).

    An upload first runs as a preview (a dry run listing what would be created, updated and ended); the run's
    page shows it with a "Confirm and apply" button, which queues the real import of the same file."""

    list_display = ["created_at", "file_name", "kraje_list", "source", "dry_run", "status", "started_by"]
    list_filter = ["status", "source", "dry_run"]
    list_select_related = ["started_by"]
    fieldsets = [
        (None, {"fields": ["status", "file_name", "source", "kraje_list", "dry_run", "keep_missing", "end_missing",
                           "started_by", "confirmed_by", "created_at", "confirmed_at", "started_at", "finished_at",
                           "error"]}),
        (pgettext_lazy("the log of an import", "Report"), {"fields": ["report"]}),
    ]
    readonly_fields = ["status", "file_name", "source", "kraje_list", "dry_run", "keep_missing", "end_missing",
                       "started_by", "confirmed_by", "created_at", "confirmed_at", "started_at", "finished_at",
                       "error", "report"]
    change_list_template = "admin/services/importrun/change_list.html"
    change_form_template = "admin/services/importrun/change_form.html"

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("kraje")  # scoped: ImportRun.objects.in_kraje

    def has_add_permission(self, request):
        return False  # runs come from the upload form or the command

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser

    @admin.display(description=_("kraje"))
    def kraje_list(self, obj):
        return ", ".join(kraj.name for kraj in obj.kraje.all()) or _("whole registry")

    @admin.display(description=_("report"))
    def report(self, obj):
        counts = obj.counts or {}
        rows = [(label, [counts.get(entity, {}).get(what, "") for what in OUTCOMES])
                for entity, label in ENTITIES.items() if counts.get(entity)]
        return render_to_string("admin/services/importrun/_report.html", {
            "run": obj, "outcomes": OUTCOMES.values(), "rows": rows, "items": counts.get("items"),
            "progress": obj.progress, "missing_kept_reason": counts.get("missing_kept_reason", ""),
            "problems": obj.problems, "problems_left_off": counts.get("problems_left_off", 0)})

    def get_urls(self):
        view = self.admin_site.admin_view
        return [path("upload/", view(self.upload_view), name="services_importrun_upload"),
                path("<int:object_id>/confirm/", view(self.confirm_view), name="services_importrun_confirm"),
                path("<int:object_id>/progress/", view(self.progress_view), name="services_importrun_progress"),
                *super().get_urls()]

    def changelist_view(self, request, extra_context=None):
        extra_context = {**(extra_context or {}), "can_upload": request.user.has_perm("services.add_importrun")}
        return super().changelist_view(request, extra_context)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        run = self.get_object(request, object_id) if str(object_id).isdigit() else None
        if run is not None:
            counts = run.counts or {}
            changes = run.changes or {}
            extra_context = {
                **(extra_context or {}), "run": run,
                "can_confirm": run.awaits_confirmation and request.user.has_perm("services.add_importrun"),
                "change_lists": [(name, label, changes.get(name, []), counts.get("services", {}).get(name, 0)
                                  if name != "missing" else counts.get("missing", 0))
                                 for name, label in CHANGE_LISTS.items()],
                "missing": counts.get("missing", 0),
                "missing_kept": bool(counts.get("missing_kept_reason")),
            }
        return super().change_view(request, object_id, form_url, extra_context)

    def progress_view(self, request, object_id):
        """The state of a run for the run page's script (the page itself shows the same without it)."""
        run = self.get_queryset(request).filter(pk=object_id).first()
        if run is None:
            raise Http404
        progress = run.progress
        text = strip_tags(render_to_string("admin/services/importrun/_progress.html", {"progress": progress})).strip()
        return JsonResponse({"status": run.status, "in_progress": run.in_progress, "text": text, **progress})

    def confirm_view(self, request, object_id):
        """Apply a previewed upload: the run is queued again, now for real, once (a second post is a no-op)."""
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        if not request.user.has_perm("services.add_importrun"):
            raise PermissionDenied
        run = self.get_queryset(request).filter(pk=object_id).first()
        if run is None:
            raise Http404
        page = reverse("admin:services_importrun_change", args=[run.pk])
        if run.confirm(request.user, end_missing=request.POST.get("end_missing") == "1"):
            from services.tasks import run_registry_import

            transaction.on_commit(partial(run_registry_import.enqueue, run.pk))
            messages.success(request, _("The import was confirmed; it runs in the background. This page shows its "
                                        "progress and then its report."))
        elif not run.confirmed_at:
            messages.error(request, _("This import cannot be confirmed: it is not a finished preview."))
        return redirect(page)

    def upload_view(self, request):
        """Store the uploaded file and queue its preview; the run's page shows it with a confirm button."""
        if not request.user.has_perm("services.add_importrun"):
            raise PermissionDenied
        form = ImportUploadForm(request.POST or None, request.FILES or None, user=request.user)
        if request.method == "POST" and form.is_valid():
            upload = form.cleaned_data["file"]
            run = ImportRun(source=ImportRun.Source.UPLOAD, file_name=upload.name[:500], started_by=request.user,
                            dry_run=True, preview=True, status=ImportRun.Status.QUEUED)
            run.file.save(upload.name, upload, save=False)
            run.save()
            run.kraje.set(form.cleaned_data["kraje"])
            from services.tasks import run_registry_import

            transaction.on_commit(partial(run_registry_import.enqueue, run.pk))
            messages.success(request, _("The file was uploaded. Its preview is computed in the background: this "
                                        "page lists what would be created, updated and ended, and nothing changes "
                                        "until you confirm."))
            return redirect(reverse("admin:services_importrun_change", args=[run.pk]))
        context = {**self.admin_site.each_context(request), "opts": self.model._meta, "form": form,
                   "title": _("Import a registry file"), "max_mb": settings.REGISTRY_IMPORT_MAX_BYTES // 2**20}
        return TemplateResponse(request, "admin/services/importrun/upload.html", context,
                                status=400 if request.method == "POST" else 200)
