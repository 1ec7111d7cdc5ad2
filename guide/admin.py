"""The guide in the admin, for the portal's editors (regional coordinators, see guide/permissions.py).

The situations belong to the whole installation, like the forum, so the admins are not region-scoped (they
are listed in NOT_REGION_BOUND of tests/test_admin_matrix.py). Every text keeps its history; a situation
whose review date has passed is marked "due for review" in the list and can be filtered and marked as
checked in bulk.
"""

from django.contrib import admin
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from simple_history.admin import SimpleHistoryAdmin

from core.admin import AccessibleWidgetsMixin, DiacriticsInsensitiveSearch
from guide.models import CrisisContact, Situation, SituationGroup, SituationOpened, SituationServiceType


class DueForReviewFilter(admin.SimpleListFilter):
    title = _("review")
    parameter_name = "review"

    def lookups(self, request, model_admin):
        return [("due", _("due for review")), ("ok", _("checked and current"))]

    def queryset(self, request, queryset):
        if self.value() == "due":
            return queryset.due_for_review()
        if self.value() == "ok":
            return queryset.exclude(pk__in=queryset.due_for_review().values("pk"))
        return queryset


class SituationServiceTypeInline(AccessibleWidgetsMixin, admin.TabularInline):
    model = SituationServiceType
    extra = 1
    fields = ["service_type", "rank", "order", "explanation_cs", "explanation_en"]


@admin.register(Situation)
class SituationAdmin(AccessibleWidgetsMixin, DiacriticsInsensitiveSearch, SimpleHistoryAdmin):
    list_display = ["name_cs", "group", "urgency", "is_published", "review_by", "due_for_review"]
    list_filter = [DueForReviewFilter, "group", "urgency", "is_published"]
    list_select_related = ["group"]
    search_fields = ["slug"]
    unaccent_search_fields = ["name_cs", "name_en", "synonyms"]
    prepopulated_fields = {"slug": ["name_cs"]}
    inlines = [SituationServiceTypeInline]
    actions = ["mark_reviewed"]
    readonly_fields = ["updated_at"]
    fieldsets = [
        (None, {"fields": ["group", "slug", "order", "is_published", "urgency"]}),
        (_("Czech"), {"fields": ["name_cs", "summary_cs", "description_cs", "first_steps_cs"]}),
        (_("English"), {"fields": ["name_en", "summary_en", "description_en", "first_steps_en"]}),
        (_("Finding and fitting"), {"fields": ["synonyms", "target_groups", "age_groups", "crisis_contacts",
                                               "related"]}),
        (_("Sources and review"), {"fields": ["sources", "reviewed_on", "review_by", "updated_at"]}),
    ]

    @admin.display(boolean=True, description=_("due for review"))
    def due_for_review(self, situation):
        return situation.is_due_for_review

    @admin.action(description=_("Mark the selected situations as checked today (next review in a year)"),
                  permissions=["change"])
    def mark_reviewed(self, request, queryset):
        situations = list(queryset)
        for situation in situations:  # one save each, so the history records who checked the text
            situation.mark_reviewed()
        self.message_user(request, ngettext("%(count)d situation marked as checked.",
                                            "%(count)d situations marked as checked.", len(situations))
                          % {"count": len(situations)})

    def get_changeform_initial_data(self, request):
        return {**super().get_changeform_initial_data(request), "reviewed_on": timezone.localdate()}


@admin.register(SituationGroup)
class SituationGroupAdmin(SimpleHistoryAdmin):
    list_display = ["name_cs", "name_en", "order"]
    prepopulated_fields = {"slug": ["name_cs"]}


@admin.register(CrisisContact)
class CrisisContactAdmin(SimpleHistoryAdmin):
    list_display = ["name_cs", "phone", "hours_cs", "is_emergency", "shown_on_empty_search", "order"]
    list_filter = ["is_emergency", "shown_on_empty_search"]
    search_fields = ["name_cs", "name_en", "phone"]


@admin.register(SituationOpened)
class SituationOpenedAdmin(admin.ModelAdmin):
    """How often each situation was opened per day: the guide's only statistic (no visitor data)."""

    list_display = ["day", "situation", "count"]
    list_filter = ["day"]
    list_select_related = ["situation"]
    date_hierarchy = "day"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
