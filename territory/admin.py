from django.contrib import admin

from core.admin import ScopedAutocompleteAdmin
from territory.models import Kraj, Obec, Okres, Orp


@admin.register(Kraj)
class KrajAdmin(ScopedAutocompleteAdmin):  # autocomplete answers with the person's region
    list_display = ["name", "nuts3", "code", "ruian_code", "abbreviation"]
    search_fields = ["name", "nuts3"]


@admin.register(Okres)
class OkresAdmin(ScopedAutocompleteAdmin):  # autocomplete answers with the person's region
    list_display = ["name", "lau1", "code", "kraj"]
    list_filter = ["kraj"]
    list_select_related = ["kraj"]
    search_fields = ["name", "lau1"]


@admin.register(Orp)
class OrpAdmin(ScopedAutocompleteAdmin):  # autocomplete answers with the person's region
    list_display = ["name", "code", "kraj"]
    list_filter = ["kraj"]
    list_select_related = ["kraj"]
    search_fields = ["name"]


@admin.register(Obec)
class ObecAdmin(ScopedAutocompleteAdmin):  # autocomplete answers with the person's region
    list_display = ["name", "code", "orp", "okres", "population"]
    list_filter = ["orp__kraj"]
    list_select_related = ["orp", "okres"]
    search_fields = ["name", "=code"]
