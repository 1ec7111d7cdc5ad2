"""Education in the admin, region-scoped (core.admin.RegionScopedAdmin): a regional coordinator works on the
catalogue, terms, registrations, certificates, workers' links (the education-manager permission), supervisors and
methodologists of their kraj; every record keeps its history (django-simple-history).

Registrations and certificates are read-only here: attendance is confirmed, and certificates issued and revoked, on
the term's and the certificate's pages, which keep the two in step. A provider's self-assessment has no admin: it
is private to the provider and the kraj's methodologists (education/permissions.py)."""

from django.contrib import admin, messages
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from simple_history.admin import SimpleHistoryAdmin

from core.admin import RegionScopedAdmin
from education.models import (
    Certificate,
    Methodologist,
    Programme,
    ProviderWorker,
    Role,
    SupervisionSession,
    Supervisor,
    Term,
    TermRegistration,
    Topic,
)


class CodelistAdmin(SimpleHistoryAdmin):
    list_display = ["code", "name_cs", "name_en", "order"]
    search_fields = ["code", "name_cs", "name_en"]


@admin.register(Topic)
class TopicAdmin(CodelistAdmin):
    pass


@admin.register(Role)
class RoleAdmin(CodelistAdmin):
    list_display = [*CodelistAdmin.list_display, "statutory"]


@admin.register(Programme)
class ProgrammeAdmin(RegionScopedAdmin, SimpleHistoryAdmin):
    region_path = "kraj"
    list_display = ["title", "organiser", "hours", "form", "accreditation_number", "accredited_until", "kraj",
                    "published"]
    list_filter = ["form", "published", "kraj", "topics"]
    search_fields = ["title", "organiser", "accreditation_number"]
    autocomplete_fields = ["provider"]
    readonly_fields = ["created_at"]


@admin.register(Term)
class TermAdmin(RegionScopedAdmin, SimpleHistoryAdmin):
    region_path = "programme__kraj"
    list_display = ["programme", "starts_at", "ends_at", "obec", "capacity", "price", "registration_open", "status"]
    list_filter = ["status", "registration_open"]
    list_select_related = ["programme", "obec"]
    search_fields = ["programme__title", "address"]
    autocomplete_fields = ["programme", "obec"]
    date_hierarchy = "starts_at"
    readonly_fields = ["created_at"]


@admin.register(TermRegistration)
class TermRegistrationAdmin(RegionScopedAdmin, SimpleHistoryAdmin):
    region_path = "term__programme__kraj"
    list_display = ["person", "term", "status", "registered_at", "attended"]
    list_filter = ["status", "attended"]
    list_select_related = ["person", "term__programme"]
    search_fields = ["person__email", "person__display_name", "term__programme__title"]
    readonly_fields = ["term", "person", "status", "registered_at", "attended"]

    def has_add_permission(self, request):
        return False


@admin.register(Certificate)
class CertificateAdmin(RegionScopedAdmin, SimpleHistoryAdmin):
    region_path = "registration__term__programme__kraj"
    list_display = ["number", "person", "programme_title", "hours", "completed_on", "revoked_at"]
    list_filter = [("revoked_at", admin.EmptyFieldListFilter)]
    list_select_related = ["person"]
    search_fields = ["number", "person__email", "person__display_name", "programme_title"]
    readonly_fields = ["registration", "person", "number", "programme_title", "accreditation_number", "organiser",
                       "hours", "completed_on", "issued_at", "issued_by", "revoked_at", "revoked_by",
                       "revoke_reason"]

    def has_add_permission(self, request):
        return False


@admin.register(ProviderWorker)
class ProviderWorkerAdmin(RegionScopedAdmin, SimpleHistoryAdmin):
    """The links of people to providers; the coordinator gives (or takes) the education-manager permission."""

    list_display = ["person", "provider", "role", "is_education_manager", "accepted_at", "ended_on"]
    list_filter = ["is_education_manager", "role", ("ended_on", admin.EmptyFieldListFilter)]
    list_select_related = ["person", "provider", "role"]
    search_fields = ["person__email", "person__display_name", "provider__name", "provider__ico"]
    autocomplete_fields = ["provider", "person", "service"]
    readonly_fields = ["invited_by", "invited_at", "accepted_at"]

    def get_readonly_fields(self, request, obj=None):
        fields = super().get_readonly_fields(request, obj)
        return [*fields, "provider", "person"] if obj is not None else fields

    def save_model(self, request, obj, form, change):
        if not change:
            obj.invited_by = request.user
        super().save_model(request, obj, form, change)


@admin.register(Supervisor)
class SupervisorAdmin(RegionScopedAdmin, SimpleHistoryAdmin):
    """Approve the supervisors who applied in the coordinator's kraje (or suspend a profile)."""

    list_display = ["name", "status", "does_case", "does_team", "does_management", "email", "approved_at"]
    list_filter = ["status", "does_case", "does_team", "does_management"]
    search_fields = ["name", "email"]
    autocomplete_fields = ["person"]
    readonly_fields = ["approved_by", "approved_at", "updated_at"]
    actions = ["approve", "suspend"]

    @admin.action(description=_("Approve the selected supervisors"), permissions=["change"])
    def approve(self, request, queryset):
        count = 0
        for supervisor in queryset.exclude(status=Supervisor.Status.APPROVED):
            supervisor.approve(by=request.user)
            count += 1
        self.message_user(request, ngettext("%(count)d supervisor approved.", "%(count)d supervisors approved.",
                                            count) % {"count": count}, messages.SUCCESS)

    @admin.action(description=_("Suspend the selected supervisors"), permissions=["change"])
    def suspend(self, request, queryset):
        count = 0
        for supervisor in queryset.exclude(status=Supervisor.Status.SUSPENDED):
            supervisor.status = Supervisor.Status.SUSPENDED
            supervisor._history_user = request.user
            supervisor.save(update_fields=["status", "updated_at"])
            count += 1
        self.message_user(request, ngettext("%(count)d supervisor suspended.", "%(count)d supervisors suspended.",
                                            count) % {"count": count}, messages.SUCCESS)

    def save_model(self, request, obj, form, change):
        if "status" in form.changed_data and obj.status == Supervisor.Status.APPROVED:
            obj.approved_by, obj.approved_at = request.user, timezone.now()
        super().save_model(request, obj, form, change)


@admin.register(SupervisionSession)
class SupervisionSessionAdmin(RegionScopedAdmin, SimpleHistoryAdmin):
    list_display = ["service", "held_on", "kind", "hours", "supervisor", "supervisor_name"]
    list_filter = ["kind"]
    list_select_related = ["service", "supervisor"]
    search_fields = ["service__name", "supervisor__name", "supervisor_name"]
    autocomplete_fields = ["service"]
    readonly_fields = ["recorded_by", "created_at"]
    date_hierarchy = "held_on"


@admin.register(Methodologist)
class MethodologistAdmin(RegionScopedAdmin, SimpleHistoryAdmin):
    """The kraj's quality methodologists; the role group follows the links (Methodologist.sync_role)."""

    region_path = "kraj"
    list_display = ["person", "kraj", "appointed_at", "ended_on"]
    list_filter = [("ended_on", admin.EmptyFieldListFilter)]
    list_select_related = ["person", "kraj"]
    search_fields = ["person__email", "person__display_name"]
    autocomplete_fields = ["person"]
    readonly_fields = ["appointed_by", "appointed_at"]

    def save_model(self, request, obj, form, change):
        if not change:
            obj.appointed_by = request.user
        super().save_model(request, obj, form, change)
        Methodologist.sync_role(obj.person)

    def delete_model(self, request, obj):
        person = obj.person
        super().delete_model(request, obj)
        Methodologist.sync_role(person)

    def delete_queryset(self, request, queryset):
        people = [m.person for m in queryset.select_related("person")]
        super().delete_queryset(request, queryset)
        for person in people:
            Methodologist.sync_role(person)
