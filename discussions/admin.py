"""The forum in the admin: categories with their moderators, threads, posts, flags (accept or reject in
bulk) and the moderation log (read-only). Day-to-day moderation happens in the queue on the site."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from discussions import moderation
from discussions.models import Category, Flag, ModerationAction, Post, Suspension, Thread


@admin.register(Category)
class CategoryAdmin(admin.ModelAdmin):
    list_display = ["name", "order", "coalition"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}
    filter_horizontal = ["moderators"]
    raw_id_fields = ["coalition"]


@admin.register(Thread)
class ThreadAdmin(admin.ModelAdmin):
    list_display = ["title", "category", "author", "post_count", "last_post_at", "is_pinned", "is_locked",
                    "is_hidden"]
    list_filter = ["is_pinned", "is_locked", "is_hidden", "category"]
    list_select_related = ["category", "author"]
    search_fields = ["title"]
    raw_id_fields = ["author", "category", "service_type"]
    readonly_fields = ["about_type", "about_id"]


@admin.register(Post)
class PostAdmin(admin.ModelAdmin):
    list_display = ["pk", "thread", "author", "created_at", "is_hidden", "is_deleted", "is_pending"]
    list_filter = ["is_hidden", "is_deleted", "is_pending"]
    list_select_related = ["thread", "author"]
    search_fields = ["search_text"]
    raw_id_fields = ["thread", "author", "quoted", "edited_by"]
    readonly_fields = ["created_at", "edited_at", "edited_by"]


@admin.register(Flag)
class FlagAdmin(admin.ModelAdmin):
    list_display = ["pk", "content_type", "object_id", "reason", "reporter", "status", "created_at"]
    list_filter = ["status", "reason", "content_type"]
    list_select_related = ["content_type", "reporter"]
    readonly_fields = ["content_type", "object_id", "reporter", "reason", "note", "created_at", "reviewed_by",
                       "reviewed_at"]
    actions = ["accept", "reject"]

    @admin.action(description=_("Accept the selected flags (hide the objects)"))
    def accept(self, request, queryset):
        for report in queryset.filter(status=Flag.Status.PENDING):
            moderation.resolve_flag(report, by=request.user, accept=True)

    @admin.action(description=_("Reject the selected flags"))
    def reject(self, request, queryset):
        for report in queryset.filter(status=Flag.Status.PENDING):
            moderation.resolve_flag(report, by=request.user, accept=False)


@admin.register(ModerationAction)
class ModerationActionAdmin(admin.ModelAdmin):
    list_display = ["created_at", "actor", "action", "content_type", "object_id", "reason"]
    list_filter = ["action", "content_type"]
    list_select_related = ["actor", "content_type"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Suspension)
class SuspensionAdmin(admin.ModelAdmin):
    list_display = ["user", "until", "reason", "by"]
    raw_id_fields = ["user", "by"]
    readonly_fields = ["by"]
