from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from discussions.offers.models import Offer, OfferMessage
from core.admin import DiacriticsInsensitiveSearch, RegionScopedAdmin


@admin.register(Offer)
class OfferAdmin(DiacriticsInsensitiveSearch, RegionScopedAdmin):
    """Coordinators see and correct the items of their kraj; hiding goes through moderation (logged)."""

    region_path = "kraj"
    list_display = ["title", "kind", "topic", "kraj", "orp", "author", "valid_until", "resolved_at", "is_hidden"]
    list_filter = ["kind", "topic", "is_hidden", "kraj", ("resolved_at", admin.EmptyFieldListFilter)]
    list_select_related = ["kraj", "orp", "author"]
    search_fields = ["author__email"]
    unaccent_search_fields = ["title", "text", "organisation"]
    date_hierarchy = "created_at"
    autocomplete_fields = ["author"]
    readonly_fields = ["created_at", "updated_at", "is_hidden", "hidden_reason"]

    def has_add_permission(self, request):
        return False  # items come from the board, where the author is the person logged in


@admin.register(OfferMessage)
class OfferMessageAdmin(RegionScopedAdmin):
    """Messages sent through the board, kept even when the mail server failed (mailed_at empty)."""

    region_path = "offer__kraj"
    list_display = ["offer", "name", "created_at", "mailed_at"]
    list_filter = [("mailed_at", admin.EmptyFieldListFilter)]
    list_select_related = ["offer"]
    search_fields = ["email"]
    date_hierarchy = "created_at"
    readonly_fields = ["offer", "sender", "name", "email", "message", "created_at", "mailed_at"]
    verbose_name = _("message")

    def has_add_permission(self, request):
        return False
