"""Planning in the admin, scoped like the rest of the portal and one step further:

- a regional coordinator works on every plan (and locality, and planning coordinator) of their kraje;
- a planning coordinator (planning-coordinator role, given by a CoordinatorAssignment the kraj's coordinator
  makes) works only on the plans of their localities, with their priorities, measures, activities, funding,
  indicators and consultation comments.

The state of a plan changes only through its steps (Plan.take_step) — here admin actions — and a comment is
settled only through Comment.settle, so the rules hold whichever door is used. A plan's structure is imported
from a CSV/XLSX file (planning/importer.py: preview, per-row errors, nothing stored from a broken file) and
exported to CSV/XLSX.
"""

import base64
import json

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.http import Http404, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html_join
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from simple_history.admin import SimpleHistoryAdmin

from accounts import roles
from accounts.permissions import coordinated_kraje
from core import uploads
from core.admin import RegionScopedAdmin, RegionScopedInline, RegionScopedMixin, scope_queryset
from planning import importer
from planning.models import (
    Activity,
    Comment,
    CoordinatorAssignment,
    Funding,
    Indicator,
    IndicatorValue,
    Measure,
    Plan,
    PlanningError,
    PlanningLocality,
    Priority,
    plan_scope_q,
)
from territory.models import Kraj


def planning_kraje(user):
    """The kraje whose territory a person's planning records lie in: coordinated kraje and their localities'."""
    from django.db.models import Exists, OuterRef

    assigned = PlanningLocality.objects.filter(kraj=OuterRef("pk"), assignments__user=user)
    return Kraj.objects.filter(Q(pk__in=coordinated_kraje(user).values("pk")) | Exists(assigned))


# How each planning model reaches its plan (for the planning coordinator's scope).
PLAN_PATHS = {Plan: "", Priority: "plan__", Measure: "priority__plan__", Activity: "measure__priority__plan__",
              Funding: "measure__priority__plan__", Indicator: "measure__priority__plan__",
              IndicatorValue: "indicator__measure__priority__plan__", Comment: "plan__"}


def planning_scope(model, user) -> Q:
    if model is PlanningLocality:
        condition = Q(pk__in=[])
        if user.has_role(roles.REGIONAL_COORDINATOR):
            condition |= Q(kraj__in=user.coordinated_kraje.all())
        if user.has_role(roles.PLANNING_COORDINATOR):
            condition |= Q(pk__in=PlanningLocality.objects.filter(assignments__user=user).values("pk"))
        return condition
    return plan_scope_q(user, PLAN_PATHS[model])


class PlanningScopedMixin(RegionScopedMixin):
    """Rows and choices of the planning records a person manages (see the module docstring)."""

    def get_queryset(self, request):
        queryset = admin.ModelAdmin.get_queryset(self, request)
        if request.user.is_superuser:
            return queryset
        return queryset.filter(planning_scope(self.model, request.user))

    def _choices(self, request, queryset, field_name):
        user = request.user
        model = queryset.model
        if model is Priority and field_name == "contributes_to":
            # The kraj's mid-term plan is the coordinator's to edit, but every ORP measure may contribute to it.
            return queryset.filter(plan__locality__isnull=True, plan__kraj__in=planning_kraje(user))
        if model in PLAN_PATHS or model is PlanningLocality:
            return queryset.filter(planning_scope(model, user))
        kraje = planning_kraje(user)
        model_admin = self.admin_site._registry.get(model)
        if isinstance(model_admin, RegionScopedMixin) and not isinstance(model_admin, PlanningScopedMixin):
            return model_admin.scope_queryset(queryset, kraje)
        scoped = scope_queryset(queryset, kraje)
        return queryset if scoped is None else scoped

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if not request.user.is_superuser and "queryset" not in kwargs:
            kwargs["queryset"] = self._choices(request, db_field.remote_field.model._default_manager.all(),
                                               db_field.name)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if not request.user.is_superuser and "queryset" not in kwargs:
            kwargs["queryset"] = self._choices(request, db_field.remote_field.model._default_manager.all(),
                                               db_field.name)
        return super().formfield_for_manytomany(db_field, request, **kwargs)


class PlanningAdmin(PlanningScopedMixin, RegionScopedAdmin, SimpleHistoryAdmin):
    pass


class PlanningInline(PlanningScopedMixin, RegionScopedInline):
    def get_queryset(self, request):
        queryset = admin.options.InlineModelAdmin.get_queryset(self, request)
        if request.user.is_superuser:
            return queryset
        return queryset.filter(planning_scope(self.model, request.user))


# --- Localities and coordinators ------------------------------------------------------------------------------


@admin.register(PlanningLocality)
class PlanningLocalityAdmin(PlanningAdmin):
    list_display = ["name", "kraj"]
    list_filter = ["kraj"]
    search_fields = ["name"]

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name == "involved_obce":
            kwargs.setdefault("widget", forms.SelectMultiple(attrs={"size": 12}))
        return super().formfield_for_manytomany(db_field, request, **kwargs)


@admin.register(CoordinatorAssignment)
class CoordinatorAssignmentAdmin(RegionScopedAdmin, SimpleHistoryAdmin):
    """The kraj's coordinator names the planning coordinators of its localities; the assignment gives the role."""

    region_path = "locality__kraj"
    list_display = ["user", "locality", "assigned_by", "assigned_at"]
    list_select_related = ["user", "locality", "assigned_by"]
    autocomplete_fields = ["user"]

    def save_model(self, request, obj, form, change):
        if not change:
            obj.assigned_by = request.user
        super().save_model(request, obj, form, change)

    def delete_queryset(self, request, queryset):
        for assignment in queryset:  # one by one: the last assignment takes the role back
            assignment.delete()


# --- Plans ------------------------------------------------------------------------------------------------------


class PlanAdminForm(forms.ModelForm):
    """The adopted document passes the site's upload checks: the type told by content, the size."""

    class Meta:
        model = Plan
        fields = "__all__"

    file_type = None

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "document" in self.fields:
            self.fields["document"].widget.attrs.setdefault("aria-label", capfirst(_("adopted document")))

    def clean_document(self):
        document = self.cleaned_data.get("document")
        if "document" not in self.changed_data or not document:
            return document
        self.file_type = uploads.validate_document(document)
        document.name = uploads.stored_name(document.name, self.file_type, fallback="plan")
        return document

    def clean(self):
        cleaned = super().clean()
        locality, kraj = cleaned.get("locality"), cleaned.get("kraj")
        if locality and kraj and locality.kraj_id != kraj.pk:
            self.add_error("locality", _("The locality lies in another kraj than the plan."))
        return cleaned


class ImportForm(forms.Form):
    file = forms.FileField(label=_("File (CSV or XLSX)"),
                           help_text=_("Columns: priority, priority title, measure, measure title, activity, year."))


@admin.register(Plan)
class PlanAdmin(PlanningAdmin):
    form = PlanAdminForm
    list_display = ["title", "kraj", "locality", "period", "state", "resolution_date"]
    list_filter = ["state", "kraj", "period_start"]
    list_select_related = ["kraj", "locality"]
    search_fields = ["title"]
    prepopulated_fields = {"slug": ["title"]}
    readonly_fields = ["state", "baselines_frozen_on", "steps"]
    actions = ["copy_previous", "start_consultation", "adopt", "put_in_force", "evaluate", "archive"]
    fieldsets = [
        (None, {"fields": ["title", "slug", "kraj", "locality", "period_start", "period_end", "previous", "state",
                           "steps"]}),
        (_("Chapters"), {"fields": ["summary", "analysis", "financing", "monitoring"]}),
        (_("Consultation"), {"fields": ["consultation_starts", "consultation_ends"]}),
        (_("Adoption"), {"fields": ["resolution_body", "resolution_number", "resolution_date", "document",
                                    "baselines_frozen_on"]}),
        (_("Working groups"), {"fields": ["steering_group", "working_groups"]}),
    ]

    @admin.display(description=_("steps"))
    def steps(self, obj):
        if obj is None or not obj.pk:
            return "—"
        return format_html_join(", ", "{} → {} ({}, {})", (
            (t.get_from_state_display(), t.get_to_state_display(), t.by or "—",
             timezone.localtime(t.at).strftime("%d. %m. %Y %H:%M"))
            for t in obj.transitions.select_related("by"))) or "—"

    def save_model(self, request, obj, form, change):
        if form.file_type is not None:
            obj.document_type, obj.document_size = form.file_type.code, form.cleaned_data["document"].size
        if not request.user.is_superuser and obj.locality_id is None \
                and not coordinated_kraje(request.user).filter(pk=obj.kraj_id).exists():
            raise PermissionDenied  # a planning coordinator keeps to plans of their localities
        super().save_model(request, obj, form, change)

    # Steps: each through the plan's own method; a refused step is a message, nothing changes.
    def _step(self, request, queryset, to_state, **data):
        done = 0
        for plan in queryset:
            try:
                plan.take_step(to_state, by=request.user, **data(plan) if callable(data) else data)
                done += 1
            except PlanningError as error:
                self.message_user(request, f"{plan}: {error.message}", messages.ERROR)
        if done:
            self.message_user(request, ngettext("%(count)d plan changed its state.",
                                                "%(count)d plans changed their state.", done) % {"count": done})

    @admin.action(description=_("Start the consultation (the dates entered on the plan, or 30 days from today)"),
                  permissions=["change"])
    def start_consultation(self, request, queryset):
        today = timezone.localdate()
        for plan in queryset:
            starts = plan.consultation_starts or today
            ends = plan.consultation_ends or starts + timezone.timedelta(days=30)
            self._step(request, [plan], Plan.State.CONSULTATION, starts=starts, ends=ends)

    @admin.action(description=_("Adopt (with the resolution entered on the plan)"), permissions=["change"])
    def adopt(self, request, queryset):
        for plan in queryset:
            self._step(request, [plan], Plan.State.ADOPTED, body=plan.resolution_body,
                       number=plan.resolution_number, date=plan.resolution_date)

    @admin.action(description=_("Start from the previous plan's structure"), permissions=["change"])
    def copy_previous(self, request, queryset):
        for plan in queryset:
            if plan.previous is None or not plan.previous.is_managed_by(request.user):
                self.message_user(request, _("%(plan)s: choose a previous plan of yours first.") % {"plan": plan},
                                  messages.ERROR)
                continue
            try:
                plan.copy_structure_from(plan.previous)
            except PlanningError as error:
                self.message_user(request, f"{plan}: {error.message}", messages.ERROR)
            else:
                self.message_user(request, _("%(plan)s now has the structure of %(previous)s.") % {
                    "plan": plan, "previous": plan.previous})

    @admin.action(description=_("Put in force"), permissions=["change"])
    def put_in_force(self, request, queryset):
        self._step(request, queryset, Plan.State.IN_FORCE)

    @admin.action(description=_("Mark as evaluated"), permissions=["change"])
    def evaluate(self, request, queryset):
        self._step(request, queryset, Plan.State.EVALUATED)

    @admin.action(description=_("Archive"), permissions=["change"])
    def archive(self, request, queryset):
        self._step(request, queryset, Plan.State.ARCHIVED)

    # --- Import of the structure ---------------------------------------------------------------------------

    def get_urls(self):
        return [path("<path:object_id>/import/", self.admin_site.admin_view(self.import_view),
                     name="planning_plan_import"), *super().get_urls()]

    def import_view(self, request, object_id):
        plan = self.get_object(request, object_id)
        if plan is None:
            raise Http404
        if not self.has_change_permission(request, plan):
            raise PermissionDenied
        context = {**self.admin_site.each_context(request), "opts": self.model._meta, "plan": plan,
                   "title": _("Import the structure of %(plan)s") % {"plan": plan}}
        form = ImportForm()
        if request.method == "POST" and "confirm" in request.POST:
            try:
                rows = json.loads(base64.b64decode(request.POST.get("rows", "")).decode())
                result = importer.parse_rows(rows, plan)
            except (ValueError, TypeError):
                raise PermissionDenied from None
            if result.errors:
                context.update(result=result, form=form)
                return TemplateResponse(request, "planning/admin/import.html", context, status=400)
            try:
                counts = importer.apply(result, plan)
            except PlanningError as error:
                self.message_user(request, error.message, messages.ERROR)
            else:
                self.message_user(request, _("Imported: %(priorities)d priorities, %(measures)d measures, "
                                             "%(activities)d activities.") % counts)
            return HttpResponseRedirect(reverse("admin:planning_plan_change", args=[plan.pk]))
        if request.method == "POST":
            form = ImportForm(request.POST, request.FILES)
            if form.is_valid():
                try:
                    rows = importer.read_file(form.cleaned_data["file"])
                except ValidationError as error:
                    form.add_error("file", error)
                else:
                    result = importer.parse_rows(rows, plan)
                    context["payload"] = base64.b64encode(json.dumps(rows).encode()).decode()
                    context.update(result=result, form=form)
                    return TemplateResponse(request, "planning/admin/import.html", context,
                                            status=400 if result.errors else 200)
        context["form"] = form
        return TemplateResponse(request, "planning/admin/import.html", context,
                                status=400 if form.errors else 200)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        extra_context = extra_context or {}
        extra_context["import_url"] = reverse("admin:planning_plan_import", args=[object_id])
        return super().change_view(request, object_id, form_url, extra_context)


@admin.register(Priority)
class PriorityAdmin(PlanningAdmin):
    list_display = ["__str__", "plan"]
    list_filter = ["plan"]
    list_select_related = ["plan"]
    search_fields = ["title"]


class ActivityInline(PlanningInline, admin.TabularInline):
    model = Activity
    extra = 0
    fields = ["order", "title", "year", "status", "reason", "expected_cost", "spent"]


class FundingInline(PlanningInline, admin.TabularInline):
    model = Funding
    extra = 0


class IndicatorInline(PlanningInline, admin.StackedInline):
    model = Indicator
    extra = 0
    fields = ["name", "kind", "metric", "capacity_unit", "service_types", "orps", "unit", "source", "baseline",
              "baseline_on", "target", "deadline"]


class LateFilter(admin.SimpleListFilter):
    title = _("past their end")
    parameter_name = "late"

    def lookups(self, request, model_admin):
        return [("yes", _("past their end with unfinished activities"))]

    def queryset(self, request, queryset):
        return queryset.past_end_unfinished() if self.value() == "yes" else queryset


@admin.register(Measure)
class MeasureAdmin(PlanningAdmin):
    list_display = ["__str__", "priority", "responsible_organisation", "starts_on", "ends_on"]
    list_filter = [LateFilter, "priority__plan"]
    list_select_related = ["priority__plan"]
    search_fields = ["title", "responsible_organisation"]
    inlines = [ActivityInline, FundingInline, IndicatorInline]
    filter_horizontal = []

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name in ("obce", "meetings", "agenda_items"):
            kwargs.setdefault("widget", forms.SelectMultiple(attrs={"size": 8}))
        return super().formfield_for_manytomany(db_field, request, **kwargs)


class IndicatorValueInline(PlanningInline, admin.TabularInline):
    model = IndicatorValue
    extra = 0
    fields = ["measured_on", "value", "source"]


@admin.register(Indicator)
class IndicatorAdmin(PlanningAdmin):
    list_display = ["name", "measure", "kind", "metric", "target", "deadline"]
    list_filter = ["kind", "metric"]
    list_select_related = ["measure__priority"]
    search_fields = ["name"]
    inlines = [IndicatorValueInline]

    def get_readonly_fields(self, request, obj=None):
        if obj is not None and obj.is_computed and obj.measure.priority.plan.baselines_frozen_on:
            return ["baseline", "baseline_on"]  # frozen with the adoption
        return []


class CommentAdminForm(forms.ModelForm):
    class Meta:
        model = Comment
        fields = ["outcome", "justification"]

    def clean(self):
        cleaned = super().clean()
        if self.instance.plan.settlement_is_published and self.changed_data:
            raise ValidationError(_("The plan is adopted; its settlement table can no longer change."))
        outcome = cleaned.get("outcome")
        if outcome and outcome != Comment.Outcome.PENDING and outcome != Comment.Outcome.ACCEPTED \
                and not (cleaned.get("justification") or "").strip():
            self.add_error("justification", _("A comment not accepted in full needs a justification."))
        return cleaned


@admin.register(Comment)
class CommentAdmin(PlanningAdmin):
    """Settling comments: the answer and its justification; the comment itself stays as its author sent it."""

    form = CommentAdminForm
    list_display = ["pk", "plan", "measure", "section", "created_at", "outcome", "is_hidden"]
    list_filter = ["outcome", "is_hidden", "plan"]
    list_select_related = ["plan", "measure__priority"]
    readonly_fields = ["plan", "measure", "section", "author", "organisation", "text", "created_at", "is_hidden",
                       "settled_by", "settled_at"]
    fields = ["plan", "measure", "section", "author", "organisation", "text", "created_at", "is_hidden", "outcome",
              "justification", "settled_by", "settled_at"]

    def has_add_permission(self, request):
        return False  # comments come from the consultation page

    def save_model(self, request, obj, form, change):
        if not form.changed_data:
            return
        if obj.outcome == Comment.Outcome.PENDING:
            raise PermissionDenied
        try:
            obj.settle(by=request.user, outcome=obj.outcome, justification=obj.justification)
        except PlanningError as error:
            raise PermissionDenied(error.message) from None
