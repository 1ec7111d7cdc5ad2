from django.contrib import admin, messages
from django.contrib.admin.options import ActionLocation
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.core.exceptions import PermissionDenied
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from accounts import permissions
from accounts.models import User
from core.admin import DiacriticsInsensitiveSearch


@admin.register(User)
class UserAdmin(DiacriticsInsensitiveSearch, DjangoUserAdmin):
    """People. Superusers manage every account. A regional coordinator sees ordinary accounts (no staff status,
    no role but provider staff: people are not bound to a kraj) and may only verify or suspend them; they see
    their own account and those of their kraj's coordinators read-only, and never superusers or the staff of
    other kraje. E-mail, password, staff status and roles are a superuser's (accounts.models.UserQuerySet)."""

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

    def get_queryset(self, request):
        return super().get_queryset(request).filter(pk__in=User.objects.visible_to(request.user).values("pk"))

    def has_change_permission(self, request, obj=None):
        if not super().has_change_permission(request, obj):
            return False
        return obj is None or request.user.is_superuser or permissions.can_manage_account(request.user, obj)

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if request.user.is_superuser or obj is None:
            return fieldsets
        # The password hash widget links to "change password": not for anyone but a superuser.
        return [(name, {**options, "fields": [f for f in options["fields"] if f != "password"]})
                for name, options in fieldsets]

    def get_readonly_fields(self, request, obj=None):
        if request.user.is_superuser:
            return list(super().get_readonly_fields(request, obj))
        editable = set(permissions.COORDINATOR_EDITABLE_ACCOUNT_FIELDS)
        if not permissions.can_verify_people(request.user):
            editable.discard("is_verified")
        fields = [f for name, options in self.fieldsets for f in options["fields"]]
        return [f for f in fields if f not in editable]

    def get_list_filter(self, request):
        if request.user.is_superuser:
            return self.list_filter
        return ["is_verified", "is_active"]

    def user_change_password(self, request, id, form_url=""):
        if not request.user.is_superuser:
            raise PermissionDenied
        return super().user_change_password(request, id, form_url)

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
        people = list(queryset.manageable_by(request.user).filter(is_verified=False))
        for person in people:
            person.verify(by=request.user)
        self.message_user(request, ngettext("%(count)d person verified.", "%(count)d people verified.",
                                            len(people)) % {"count": len(people)}, messages.SUCCESS)

    @admin.action(description=_("Remove verification of selected people"))
    def mark_unverified(self, request, queryset):
        people = list(queryset.manageable_by(request.user).filter(is_verified=True))
        for person in people:
            person.unverify()
        self.message_user(request, ngettext("%(count)d person unverified.", "%(count)d people unverified.",
                                            len(people)) % {"count": len(people)}, messages.SUCCESS)
