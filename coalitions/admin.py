"""Coalition records in the admin.

Regional coordinators manage the coalitions, meetings, members, minutes, tasks, documents and events of
their own kraje (RegionScopedAdmin); coalition coordinators (the coalition-coordinator role, and a current
membership as coordinator or chair) manage the meetings, agendas, minutes, members and documents of their
own coalitions (CoalitionScopedAdmin below). Every changelist runs a fixed number of queries: related rows
come with `list_select_related`, counts are subquery annotations.
"""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.contrib.admin.utils import unquote
from django.contrib.auth import get_user_model
from django.contrib.admin.widgets import AutocompleteSelect
from django.core.exceptions import PermissionDenied
from django.db import models
from django.db.models import Count, Exists, IntegerField, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.http import Http404, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from django.utils.translation import ngettext
from import_export.admin import ExportMixin, ImportExportMixin
from simple_history.admin import SimpleHistoryAdmin

from accounts.permissions import coordinated_kraje
from coalitions import permissions
from coalitions.forms.documents import DocumentForm
from coalitions.models import (AgendaItem, Coalition, Document, Event, EventRegistration, Meeting, Membership,
                               MembershipQuerySet, Minutes, MinutesTransitionError, Photo, Registration, Task)
from coalitions.resources import AttendanceResource, MembershipResource, SpreadsheetCSV
from core import pagecache
from core.admin import (AccessibleWidgetsMixin, ImportExportPermissions, RegionScopedAdmin,
                          RegionScopedInline)
from core.spreadsheets import SafeXLSX
from services.models import Provider
from territory.models import Obec


def count_of(model, field: str, *conditions, **filters):
    """COUNT of related rows as a correlated subquery: several counts per row without multiplying joins."""
    rows = (model.objects.filter(*conditions, **{field: OuterRef("pk")}, **filters).order_by().values(field)
            .annotate(n=Count("pk")).values("n"))
    return Coalesce(Subquery(rows, output_field=IntegerField()), 0)


class NamedAutocompleteSelect(AutocompleteSelect):
    """select2 names its box by the chosen value; an empty box gets the field's name as its placeholder, so
    it still has an accessible name (axe: aria-input-field-name)."""

    def __init__(self, *args, placeholder="", **kwargs):
        super().__init__(*args, **kwargs)
        self.placeholder = placeholder

    def build_attrs(self, base_attrs, extra_attrs=None):
        attrs = super().build_attrs(base_attrs, extra_attrs)
        attrs["data-placeholder"] = self.placeholder
        return attrs


class AccessibleAdminWidgets:
    """Widgets that pass axe (ModelAdmin and inlines): autocompletes with NamedAutocompleteSelect and a script
    that names their read-only boxes; the browser's own date and time inputs instead of the admin's calendar
    and clock shortcuts, whose accessible names do not match their text (as core.admin does for dates)."""

    formfield_overrides = {
        **AccessibleWidgetsMixin.formfield_overrides,
        models.DateTimeField: {"form_class": forms.SplitDateTimeField, "widget": forms.SplitDateTimeWidget(
            date_format="%Y-%m-%d", time_format="%H:%M", date_attrs={"type": "date"},
            time_attrs={"type": "time"})},
        models.TimeField: {"widget": forms.TimeInput(format="%H:%M", attrs={"type": "time"})},
    }

    @property
    def media(self):
        return super().media + forms.Media(js=["coalitions/admin-autocomplete-names.js"])

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        if field is not None and isinstance(field.widget, forms.SplitDateTimeWidget):
            # Two inputs under one label: each is named on its own.
            name = capfirst(db_field.verbose_name)
            for widget, part in zip(field.widget.widgets, (_("date"), _("time")), strict=True):
                widget.attrs.setdefault("aria-label", f"{name} ({part})")
        return field

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if "widget" not in kwargs and db_field.name in self.get_autocomplete_fields(request):
            kwargs["widget"] = NamedAutocompleteSelect(db_field, self.admin_site, using=kwargs.get("using"),
                                                       placeholder=str(db_field.verbose_name))
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class CoalitionScopedAdmin(AccessibleAdminWidgets, RegionScopedAdmin):
    """Region scoping, plus the coalitions a coalition coordinator manages.

    `coalition_path` is the lookup from the model to coalitions.Coalition ("coalition", "meeting__coalition";
    "pk" on Coalition itself). A person who is a regional coordinator and a coalition coordinator sees both.
    """

    coalition_path = "coalition"

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        user = request.user
        if user.is_superuser:
            return queryset
        managed = permissions.managed_coalitions(user).values("pk")
        if not managed.exists():
            return queryset
        everything = admin.ModelAdmin.get_queryset(self, request)
        return everything.filter(Q(pk__in=queryset.values("pk")) |
                                 Q(**{f"{self.coalition_path}__in": managed}))

    def get_autocomplete_fields(self, request):
        # An autocomplete asks the related model's admin, which wants its view permission (coalition
        # coordinators have none on people, providers or obce): without it the field is a select instead.
        return [name for name in super().get_autocomplete_fields(request)
                if _may_view(request.user, self.model._meta.get_field(name).related_model)]

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        user = request.user
        if (not user.is_superuser and db_field.name not in self.get_autocomplete_fields(request)
                and db_field.name not in self.raw_id_fields):
            limited = _select_choices(user, db_field.related_model)
            if limited is not None:
                kwargs["queryset"] = limited
        field = super().formfield_for_foreignkey(db_field, request, **kwargs)
        if field is None or user.is_superuser:
            return field
        mine = _mine_q(user)
        if db_field.name == "coalition":
            field.queryset = Coalition.objects.filter(mine)
        elif db_field.related_model is Meeting:
            field.queryset = Meeting.objects.filter(coalition__in=Coalition.objects.filter(mine))
        elif db_field.related_model is AgendaItem:
            field.queryset = AgendaItem.objects.filter(meeting__coalition__in=Coalition.objects.filter(mine))
        return field


def _mine_q(user) -> Q:
    """Coalitions of the person's kraje and the coalitions they coordinate."""
    return Q(kraj__in=coordinated_kraje(user)) | Q(pk__in=permissions.managed_coalitions(user).values("pk"))


def _may_view(user, model) -> bool:
    opts = model._meta
    return user.is_superuser or user.has_perm(f"{opts.app_label}.view_{opts.model_name}")


def _select_choices(user, model):
    """The choices of a select that replaces an autocomplete: verified people (members must be verified),
    and the providers and obce of the kraje of the person's coalitions, so the list stays short."""
    kraje = Coalition.objects.filter(_mine_q(user)).values("kraj")
    if model is get_user_model():
        return model.objects.filter(is_verified=True, is_active=True).order_by("display_name", "pk")
    if model is Provider:
        return Provider.objects.in_kraje(kraje).order_by("name")
    if model is Obec:
        return Obec.objects.filter(orp__kraj__in=kraje).order_by("name")
    return None


class CoalitionImportExport(ImportExportPermissions):
    """The portal's import/export rules (core.admin), reading CSV as Czech Excel saves it too, and writing
    it with a BOM, so that Excel shows the Czech letters right."""

    to_encoding = "utf-8-sig"

    def get_import_formats(self):
        return [SpreadsheetCSV, SafeXLSX]


# --- Coalitions and members ---------------------------------------------------------------------------


class CurrentMemberFilter(admin.SimpleListFilter):
    title = _("membership")
    parameter_name = "current"

    def lookups(self, request, model_admin):
        return [("yes", _("current")), ("no", _("ended"))]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.filter(MembershipQuerySet.current_q())
        if self.value() == "no":
            return queryset.exclude(MembershipQuerySet.current_q())
        return queryset


class MembershipInline(AccessibleAdminWidgets, RegionScopedInline, admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["person", "provider", "obec"]
    fields = ["person", "organisation_kind", "provider", "obec", "organisation_name", "triad_side", "role",
              "joined_on", "left_on"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("person", "provider", "obec")


@admin.register(Coalition)
class CoalitionAdmin(CoalitionScopedAdmin, SimpleHistoryAdmin):
    region_path = "kraj"
    coalition_path = "pk"
    list_display = ["name", "kind", "kraj", "visibility", "status", "member_count", "meeting_count"]
    list_filter = ["kind", "status", "visibility", ("kraj", admin.RelatedOnlyFieldListFilter)]
    list_select_related = ["kraj"]
    search_fields = ["name", "topic", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    # Many-to-many: check boxes, or a plain multiple select when long (core.admin.AccessibleWidgetsMixin).
    readonly_fields = ["created_at"]
    inlines = [MembershipInline]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(
            member_count=count_of(Membership, "coalition", MembershipQuerySet.current_q()),
            meeting_count=count_of(Meeting, "coalition"))

    @admin.display(description=_("current members"), ordering="member_count")
    def member_count(self, obj):
        return obj.member_count

    @admin.display(description=_("meetings"), ordering="meeting_count")
    def meeting_count(self, obj):
        return obj.meeting_count


@admin.register(Membership)
class MembershipAdmin(CoalitionImportExport, ImportExportMixin, CoalitionScopedAdmin, SimpleHistoryAdmin):
    region_path = "coalition__kraj"
    resource_classes = [MembershipResource]
    list_display = ["person", "coalition", "organisation_display", "triad_side", "role", "joined_on",
                    "left_on"]
    list_filter = [CurrentMemberFilter, "role", "triad_side", "organisation_kind",
                   ("coalition", admin.RelatedOnlyFieldListFilter)]
    list_select_related = ["person", "coalition", "provider", "obec"]
    search_fields = ["person__email", "person__display_name", "organisation_name", "provider__name",
                     "coalition__name"]
    autocomplete_fields = ["person", "provider", "obec"]

    @admin.display(description=_("organisation"), ordering="organisation_name")
    def organisation_display(self, obj):
        return obj.organisation


# --- Meetings -----------------------------------------------------------------------------------------


class WhenFilter(admin.SimpleListFilter):
    title = _("when")
    parameter_name = "when"

    def lookups(self, request, model_admin):
        return [("upcoming", _("upcoming")), ("past", _("past"))]

    def queryset(self, request, queryset):
        if self.value() == "upcoming":
            return queryset.filter(ends_at__gte=timezone.now())
        if self.value() == "past":
            return queryset.filter(ends_at__lt=timezone.now())
        return queryset


class AgendaFilter(admin.SimpleListFilter):
    title = _("agenda")
    parameter_name = "agenda"

    def lookups(self, request, model_admin):
        return [("none", _("without agenda")), ("some", _("with agenda"))]

    def queryset(self, request, queryset):
        has_agenda = Exists(AgendaItem.objects.filter(meeting=OuterRef("pk")))
        if self.value() == "none":
            return queryset.filter(~has_agenda)
        if self.value() == "some":
            return queryset.filter(has_agenda)
        return queryset


class MinutesFilter(admin.SimpleListFilter):
    title = _("minutes")
    parameter_name = "minutes"

    def lookups(self, request, model_admin):
        return [("approved", _("approved")), ("unapproved", _("not approved (or none)"))]

    def queryset(self, request, queryset):
        approved = Exists(Minutes.objects.filter(meeting=OuterRef("pk"), status=Minutes.Status.APPROVED))
        if self.value() == "approved":
            return queryset.filter(approved)
        if self.value() == "unapproved":
            return queryset.filter(~approved)
        return queryset


class AgendaItemInline(AccessibleAdminWidgets, RegionScopedInline, admin.TabularInline):
    model = AgendaItem
    extra = 0
    fields = ["order", "kind", "title", "speaker", "starts_at", "ends_at", "description"]


@admin.register(Meeting)
class MeetingAdmin(CoalitionScopedAdmin, SimpleHistoryAdmin):
    region_path = "coalition__kraj"
    list_display = ["title", "coalition", "starts_at", "status", "published", "agenda_count",
                    "registered_count", "capacity"]
    list_filter = [WhenFilter, "status", "published", AgendaFilter, MinutesFilter,
                   ("coalition", admin.RelatedOnlyFieldListFilter)]
    list_select_related = ["coalition"]
    date_hierarchy = "starts_at"
    search_fields = ["title", "coalition__name", "address"]
    autocomplete_fields = ["obec"]
    readonly_fields = ["registered_count", "invitations_sent_at", "reminders_sent_at", "created_at"]
    inlines = [AgendaItemInline]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(
            agenda_items=count_of(AgendaItem, "meeting"),
            registered=count_of(Registration, "meeting", status=Registration.Status.REGISTERED))

    @admin.display(description=_("agenda items"), ordering="agenda_items")
    def agenda_count(self, obj):
        return obj.agenda_items

    @admin.display(description=pgettext_lazy("number of people registered", "registered"),
                   ordering="registered")
    def registered_count(self, obj):
        return getattr(obj, "registered", None) if obj.pk else 0


@admin.register(Registration)
class RegistrationAdmin(CoalitionImportExport, ExportMixin, CoalitionScopedAdmin):
    """Attendance of meetings; exported as CSV or XLSX for the attendance sheets."""

    region_path = "meeting__coalition__kraj"
    coalition_path = "meeting__coalition"
    resource_classes = [AttendanceResource]
    list_display = ["person", "meeting", "status", "registered_at", "attended"]
    list_filter = ["status", "attended", ("meeting__coalition", admin.RelatedOnlyFieldListFilter)]
    list_select_related = ["person", "meeting"]
    search_fields = ["person__email", "person__display_name", "meeting__title"]
    autocomplete_fields = ["person", "meeting"]
    date_hierarchy = "registered_at"

    def get_export_queryset(self, request):
        return super().get_export_queryset(request).select_related("person", "meeting__coalition")


class MinutesAdminForm(forms.ModelForm):
    class Meta:
        model = Minutes
        fields = "__all__"

    def clean(self):
        data = super().clean()
        # Approved minutes are read-only (MinutesAdmin.has_change_permission); this also covers the revert of
        # a version and an approval that landed after the form was opened.
        if self.instance.pk and Minutes.objects.filter(pk=self.instance.pk,
                                                        status=Minutes.Status.APPROVED).exists():
            raise forms.ValidationError(Minutes.FROZEN)
        return data


class MinutesReopenForm(forms.Form):
    reason = forms.CharField(label=_("Why are the minutes reopened?"), max_length=Minutes.REASON_MAX_LENGTH,
                             widget=forms.Textarea(attrs={"rows": 4, "cols": 60}),
                             help_text=_("Kept in the history of versions with your name."))

    def clean_reason(self):
        reason = self.cleaned_data["reason"].strip()
        if not reason:
            raise forms.ValidationError(_("Say why the approved minutes are reopened."))
        return reason


@admin.register(Minutes)
class MinutesAdmin(CoalitionScopedAdmin, SimpleHistoryAdmin):
    """Minutes: the status changes only by the workflow (Minutes.send_for_comments/approve/reopen), offered as
    actions of the list and as buttons of a record; approved minutes are read-only, their versions cannot be
    reverted."""

    form = MinutesAdminForm
    region_path = "meeting__coalition__kraj"
    coalition_path = "meeting__coalition"
    list_display = ["meeting", "coalition", "status", "approved_at", "updated_at"]
    list_filter = ["status", ("meeting__coalition", admin.RelatedOnlyFieldListFilter)]
    list_select_related = ["meeting__coalition"]
    search_fields = ["meeting__title", "meeting__coalition__name", "text"]
    readonly_fields = ["status", "approved_by", "approved_at", "updated_by", "updated_at"]
    date_hierarchy = "updated_at"
    actions = ["send_for_comments", "approve", "reopen"]

    # URL step → (method of Minutes, label of the button and of the page)
    STEPS = {
        "comments": ("send_for_comments", _("Send for comments")),
        "approve": ("approve", _("Approve the minutes")),
        "reopen": ("reopen", _("Reopen the minutes")),
    }

    @admin.display(description=_("coalition"), ordering="meeting__coalition__name")
    def coalition(self, obj):
        return obj.meeting.coalition

    @staticmethod
    def _approved(obj) -> bool:
        # Compared with the stored row: a version being reverted carries its own, historical status.
        return obj is not None and obj.pk is not None and Minutes.objects.filter(
            pk=obj.pk, status=Minutes.Status.APPROVED).exists()

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and not self._approved(obj)

    def revert_disabled(self, request, obj=None):
        # A posted revert needs the change permission too (core.admin.PortalModelAdminMixin).
        return super().revert_disabled(request, obj) or self._approved(obj)

    def save_model(self, request, obj, form, change):
        obj.updated_by = request.user
        if change:  # a revert restores the text only: the status and the approval stay as stored
            stored = Minutes.objects.filter(pk=obj.pk).values("status", "approved_by_id", "approved_at").first()
            if stored is not None:
                obj.status, obj.approved_by_id, obj.approved_at = (
                    stored["status"], stored["approved_by_id"], stored["approved_at"])
        super().save_model(request, obj, form, change)

    # --- The workflow -----------------------------------------------------------------------------

    def get_urls(self):
        info = self.opts.app_label, self.opts.model_name
        return [path("<path:object_id>/workflow/<slug:step>/", self.admin_site.admin_view(self.workflow_view),
                     name="%s_%s_workflow" % info), *super().get_urls()]

    def change_view(self, request, object_id, form_url="", extra_context=None):
        obj = self.get_object(request, unquote(object_id))
        steps = []
        if obj is not None and permissions.can_manage(request.user, obj.meeting.coalition):
            steps = [(step, label) for step, (method, label) in self.STEPS.items()
                     if (obj.next_status and self._step_target(step) == obj.next_status)
                     or (step == "reopen" and obj.status == Minutes.Status.APPROVED)]
        return super().change_view(request, object_id, form_url, {**(extra_context or {}),
                                                                  "workflow_steps": steps})

    @staticmethod
    def _step_target(step):
        return {"comments": Minutes.Status.COMMENTS, "approve": Minutes.Status.APPROVED}.get(step)

    def workflow_view(self, request, object_id, step):
        """A button of a record: a page to confirm the step (and to say why, when reopening)."""
        if step not in self.STEPS or request.method not in ("GET", "POST"):
            raise Http404
        self._scoped_object_or_404(request, object_id)
        minutes = self.get_object(request, unquote(object_id))
        if minutes is None:
            raise Http404
        if not (self.has_view_or_change_permission(request)
                and permissions.can_manage(request.user, minutes.meeting.coalition)):
            raise PermissionDenied
        change_url = reverse(f"admin:{self.opts.app_label}_{self.opts.model_name}_change", args=[minutes.pk])
        form = MinutesReopenForm(request.POST or None) if step == "reopen" else None
        if request.method == "POST" and (form is None or form.is_valid()):
            self._run_step(request, [minutes], step, form.cleaned_data["reason"] if form else None)
            return HttpResponseRedirect(change_url)
        return self._render_step(request, step, [minutes], form, change_url=change_url)

    def _render_step(self, request, step, objects, form, *, change_url=None, action=None):
        title = self.STEPS[step][1]
        context = {
            **self.admin_site.each_context(request),
            "title": title, "subtitle": None, "opts": self.opts, "objects": objects, "form": form,
            "step": step, "action": action, "change_url": change_url,
            "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME, "media": self.media,
        }
        request.current_app = self.admin_site.name
        return TemplateResponse(request, "admin/coalitions/minutes/workflow.html", context)

    def _run_step(self, request, objects, step, reason=None) -> None:
        method, _label = self.STEPS[step]
        done = 0
        for minutes in objects:
            try:
                if step == "reopen":
                    minutes.reopen(request.user, reason)
                else:
                    getattr(minutes, method)(request.user)
                done += 1
            except MinutesTransitionError as error:
                self.message_user(request, f"{minutes}: {error.message}", messages.ERROR)
        if done:
            texts = {
                "comments": ngettext("Minutes of %(count)d meeting sent to the members for comments.",
                                     "Minutes of %(count)d meetings sent to the members for comments.", done),
                "approve": ngettext("Minutes of %(count)d meeting approved; the text can no longer be changed.",
                                    "Minutes of %(count)d meetings approved; the text can no longer be changed.",
                                    done),
                "reopen": ngettext("Minutes of %(count)d meeting reopened as a draft; the reason is kept in the "
                                   "history.",
                                   "Minutes of %(count)d meetings reopened as a draft; the reason is kept in the "
                                   "history.", done),
            }
            self.message_user(request, texts[step] % {"count": done}, messages.SUCCESS)

    def _selected(self, queryset):
        return list(queryset.select_related("meeting__coalition").order_by("pk"))

    @admin.action(description=_("Send selected minutes for comments"), permissions=["change"])
    def send_for_comments(self, request, queryset):
        self._run_step(request, self._selected(queryset), "comments")

    @admin.action(description=_("Approve selected minutes"), permissions=["change"])
    def approve(self, request, queryset):
        self._run_step(request, self._selected(queryset), "approve")

    @admin.action(description=_("Reopen selected approved minutes"), permissions=["change"])
    def reopen(self, request, queryset):
        """An intermediate page asks why; the reason goes into the history of each."""
        objects = self._selected(queryset)
        form = MinutesReopenForm(request.POST if "reason" in request.POST else None)
        if form.is_bound and form.is_valid():
            self._run_step(request, objects, "reopen", form.cleaned_data["reason"])
            return None
        return self._render_step(request, "reopen", objects, form, action="reopen")


class OverdueFilter(admin.SimpleListFilter):
    title = _("deadline")
    parameter_name = "overdue"

    def lookups(self, request, model_admin):
        return [("yes", _("overdue"))]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.overdue()
        return queryset


@admin.register(Task)
class TaskAdmin(CoalitionScopedAdmin):
    region_path = "coalition__kraj"
    list_display = ["text", "coalition", "kind", "owner_organisation", "deadline", "status"]
    list_filter = [OverdueFilter, "status", "kind", ("coalition", admin.RelatedOnlyFieldListFilter)]
    list_select_related = ["coalition"]
    search_fields = ["text", "owner_organisation", "coalition__name"]
    autocomplete_fields = ["owner"]
    date_hierarchy = "deadline"
    actions = ["mark_done"]

    @admin.action(description=_("Mark selected tasks as done"), permissions=["change"])
    def mark_done(self, request, queryset):
        count = queryset.exclude(status=Task.Status.DONE).update(status=Task.Status.DONE)
        pagecache.bump("coalitions")  # update() sends no signals; minutes pages list the tasks
        self.message_user(request, ngettext("%(count)d task marked as done.",
                                            "%(count)d tasks marked as done.", count) % {"count": count})


class OutputFilter(admin.SimpleListFilter):
    title = _("kind of document")
    parameter_name = "output"

    def lookups(self, request, model_admin):
        return [("yes", _("outputs")), ("no", _("meeting documents"))]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.filter(kind__in=Document.OUTPUT_KINDS)
        if self.value() == "no":
            return queryset.exclude(kind__in=Document.OUTPUT_KINDS)
        return queryset


class DocumentAdminForm(forms.ModelForm):
    """A file uploaded in the admin passes the site's checks: type told by content, size, no metadata."""

    class Meta:
        model = Document
        fields = "__all__"

    file_type = None

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The admin puts a file input in a fieldset (its legend is no label of the input itself).
        label = capfirst(Document._meta.get_field("file").verbose_name)
        self.fields["file"].widget.attrs.setdefault("aria-label", label)

    def clean_file(self):
        if "file" not in self.changed_data:
            return self.cleaned_data["file"]
        return DocumentForm.clean_file(self)  # only reads cleaned_data and sets self.file_type


@admin.register(Document)
class DocumentAdmin(CoalitionScopedAdmin, SimpleHistoryAdmin):
    """Outputs and meeting documents. "Published" is `public`: visible to everyone, not only members."""

    form = DocumentAdminForm
    region_path = "coalition__kraj"
    list_display = ["title", "coalition", "kind", "public", "published_on", "version", "file_type"]
    list_filter = [OutputFilter, "kind", "public", ("coalition", admin.RelatedOnlyFieldListFilter)]
    list_select_related = ["coalition"]
    search_fields = ["title", "description", "coalition__name"]
    readonly_fields = ["file_type", "file_size", "uploaded_by"]
    date_hierarchy = "published_on"
    actions = ["publish", "unpublish"]

    def save_model(self, request, obj, form, change):
        if not change:
            obj.uploaded_by = request.user
        if form.file_type is not None:  # a new file: what the download view sends it as
            obj.file_type, obj.file_size = form.file_type.code, form.cleaned_data["file"].size
        super().save_model(request, obj, form, change)

    @admin.action(description=_("Publish selected outputs (public)"), permissions=["change"])
    def publish(self, request, queryset):
        self._set_public(request, queryset, True)

    @admin.action(description=_("Unpublish selected outputs (members only)"), permissions=["change"])
    def unpublish(self, request, queryset):
        self._set_public(request, queryset, False)

    def _set_public(self, request, queryset, public: bool):
        # Only outputs: meeting documents follow their meeting. One save per row keeps the history.
        changed = 0
        for document in queryset.filter(kind__in=Document.OUTPUT_KINDS).exclude(public=public):
            document.public = public
            document.save(update_fields=["public"])
            changed += 1
        if public:
            message = ngettext("%(count)d output published.", "%(count)d outputs published.", changed)
        else:
            message = ngettext("%(count)d output unpublished.", "%(count)d outputs unpublished.", changed)
        self.message_user(request, message % {"count": changed})


# --- Events -------------------------------------------------------------------------------------------


@admin.register(Event)
class EventAdmin(AccessibleAdminWidgets, RegionScopedAdmin):
    region_path = "kraj"
    list_display = ["title", "kind", "starts_at", "kraj", "published", "registration_count"]
    list_filter = ["kind", "published", ("kraj", admin.RelatedOnlyFieldListFilter)]
    list_select_related = ["kraj"]
    date_hierarchy = "starts_at"
    prepopulated_fields = {"slug": ["title"]}
    search_fields = ["title", "organiser", "place"]
    autocomplete_fields = ["obec"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(registrations_n=count_of(
            EventRegistration, "event", status=EventRegistration.Status.REGISTERED))

    @admin.display(description=_("registrations"), ordering="registrations_n")
    def registration_count(self, obj):
        return obj.registrations_n


@admin.register(EventRegistration)
class EventRegistrationAdmin(AccessibleAdminWidgets, RegionScopedAdmin):
    region_path = "event__kraj"
    list_display = ["person", "event", "status", "registered_at", "attended"]
    list_filter = ["status", "attended"]
    list_select_related = ["person", "event"]
    search_fields = ["person__email", "person__display_name", "event__title"]
    autocomplete_fields = ["person", "event"]


@admin.register(Photo)
class PhotoAdmin(AccessibleAdminWidgets, RegionScopedAdmin):
    """A photo belongs to a meeting (its coalition's kraj) or to an event (its kraj). Photos are uploaded on
    the meeting and event pages, where EXIF (the camera's location) is stripped and a thumbnail made; here
    they are reviewed, described and deleted."""

    list_display = ["alt_text", "meeting", "event", "created_at"]
    list_select_related = ["meeting", "event"]
    search_fields = ["alt_text", "caption"]
    autocomplete_fields = ["meeting", "event"]
    readonly_fields = ["image", "uploaded_by"]

    def has_add_permission(self, request):
        return False

    def scope_queryset(self, queryset, kraje):
        return queryset.filter(Q(meeting__coalition__kraj__in=kraje) | Q(event__kraj__in=kraje))
