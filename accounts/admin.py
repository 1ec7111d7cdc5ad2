from django.contrib import admin, messages
from django.contrib.admin.options import ActionLocation
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from accounts import permissions
from accounts.models import User
from portal.admin import DiacriticsInsensitiveSearch


@admin.register(User)
class UserAdmin(DiacriticsInsensitiveSearch, DjangoUserAdmin):
    """People. Not bound to a kraj: coordinators verify anyone; only superusers hand out roles."""

    list_display = ["email", "display_name", "organisation", "is_verified", "is_staff", "date_joined"]
    list_filter = ["is_verified", "is_staff", "is_superuser", "groups", "coordinated_kraje", "language"]
    search_fields = ["email"]
    unaccent_search_fields = ["display_name", "first_name", "last_name", "organisation"]  # "novakova" finds Nováková
    date_hierarchy = "date_joined"
    ordering = ["-date_joined"]
    readonly_fields = ["verified_at", "verified_by", "last_login", "date_joined"]
    filter_horizontal = ["groups", "user_permissions", "coordinated_kraje"]
    actions = ["mark_verified", "mark_unverified"]
    fieldsets = [
        (None, {"fields": ["email", "username", "password"]}),
        (_("Profile"), {"fields": ["display_name", "first_name", "last_name", "organisation", "role_text",
                                   "language"]}),
        (_("Verification"), {"fields": ["is_verified", "verified_at", "verified_by"]}),
        (_("Roles"), {"fields": ["is_active", "is_staff", "is_superuser", "groups", "coordinated_kraje",
                                 "user_permissions"]}),
        (_("Dates"), {"fields": ["last_login", "date_joined"]}),
    ]

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if not permissions.can_verify_people(request.user):
            fields.append("is_verified")
        if not request.user.is_superuser:
            # Only a superuser hands out staff status, roles and permissions (no self-promotion).
            fields += ["is_staff", "is_superuser", "groups", "user_permissions", "coordinated_kraje"]
        return fields

    def save_model(self, request, obj, form, change):
        # Verification through the form records who vouched, exactly as the bulk action does.
        if "is_verified" in form.changed_data:
            obj.verified_at, obj.verified_by = (None, None)
            if obj.is_verified:
                obj.verified_at, obj.verified_by = timezone.now(), request.user
        super().save_model(request, obj, form, change)

    def get_actions(self, request, action_location=ActionLocation.CHANGE_LIST):
        actions = super().get_actions(request, action_location=action_location)
        if not permissions.can_verify_people(request.user):
            actions.pop("mark_verified", None)
            actions.pop("mark_unverified", None)
        return actions

    @admin.action(description=_("Mark selected people as verified"))
    def mark_verified(self, request, queryset):
        people = list(queryset.filter(is_verified=False))
        for person in people:
            person.verify(by=request.user)
        self.message_user(request, ngettext("%(count)d person verified.", "%(count)d people verified.",
                                            len(people)) % {"count": len(people)}, messages.SUCCESS)

    @admin.action(description=_("Remove verification of selected people"))
    def mark_unverified(self, request, queryset):
        people = list(queryset.filter(is_verified=True))
        for person in people:
            person.unverify()
        self.message_user(request, ngettext("%(count)d person unverified.", "%(count)d people unverified.",
                                            len(people)) % {"count": len(people)}, messages.SUCCESS)
