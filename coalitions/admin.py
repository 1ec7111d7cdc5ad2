"""Coalition records in the admin. Regional coordinators create and edit the coalitions, meetings and
events of their own kraje (RegionScopedAdmin); coalition coordinators work on the site's own forms."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from portal.admin import RegionScopedAdmin

from coalitions.models import (AgendaItem, Coalition, Document, Event, EventRegistration, Meeting, Membership,
                               Minutes, Photo, Registration, Task)


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["person", "provider", "obec"]


@admin.register(Coalition)
class CoalitionAdmin(RegionScopedAdmin, SimpleHistoryAdmin):
    region_path = "kraj"
    list_display = ["name", "kind", "kraj", "visibility", "status"]
    list_filter = ["kind", "status", "visibility", "kraj"]
    search_fields = ["name", "topic"]
    prepopulated_fields = {"slug": ["name"]}
    filter_horizontal = ["service_types", "orps"]
    inlines = [MembershipInline]


class AgendaItemInline(admin.TabularInline):
    model = AgendaItem
    extra = 0


@admin.register(Meeting)
class MeetingAdmin(RegionScopedAdmin, SimpleHistoryAdmin):
    region_path = "coalition__kraj"
    list_display = ["title", "coalition", "starts_at", "status", "published"]
    list_filter = ["status", "published", "coalition"]
    list_select_related = ["coalition"]
    date_hierarchy = "starts_at"
    search_fields = ["title", "coalition__name"]
    inlines = [AgendaItemInline]


@admin.register(Minutes)
class MinutesAdmin(SimpleHistoryAdmin):
    list_display = ["meeting", "status", "approved_at", "updated_at"]
    list_filter = ["status"]
    list_select_related = ["meeting"]


@admin.register(Task)
class TaskAdmin(admin.ModelAdmin):
    list_display = ["text", "coalition", "kind", "deadline", "status"]
    list_filter = ["status", "kind", "coalition"]
    list_select_related = ["coalition"]


@admin.register(Document)
class DocumentAdmin(SimpleHistoryAdmin):
    list_display = ["title", "coalition", "kind", "public", "published_on"]
    list_filter = ["kind", "public", "coalition"]
    list_select_related = ["coalition"]
    search_fields = ["title", "description"]


@admin.register(Event)
class EventAdmin(RegionScopedAdmin):
    region_path = "kraj"
    list_display = ["title", "kind", "starts_at", "kraj", "published"]
    list_filter = ["kind", "published", "kraj"]
    date_hierarchy = "starts_at"
    prepopulated_fields = {"slug": ["title"]}
    search_fields = ["title", "organiser"]


admin.site.register([Registration, EventRegistration, Photo])
