"""The filter of the kraj's network list (network:index). Every parameter lives in the query string; a malformed
value is a form error, the other filters still apply and the kraj and year fall back to the defaults."""

import django_filters
from django.utils.translation import gettext_lazy as _

from core.filters import FilterForm, SearchTextFilter
from core.text import search_tokens
from network.forms import current_year, portal_kraj
from network.models import FinancingCategory, NetworkMembership
from services.filters import capacity_kraje, capacity_service_types

INVALID_CHOICE = {"invalid_choice": _("Choose an option from the list.")}


class NetworkFilter(django_filters.FilterSet):
    kraj = django_filters.TypedChoiceFilter(method="keep", label=_("Kraj"), coerce=int, empty_value=None,
                                            error_messages=INVALID_CHOICE)
    year = django_filters.NumberFilter(method="keep", label=_("Year"), min_value=2000, max_value=2100)
    type = django_filters.TypedChoiceFilter(field_name="service__service_type", label=_("Service type"), coerce=int,
                                            empty_value=None, error_messages=INVALID_CHOICE)
    financing = django_filters.ChoiceFilter(field_name="financing_category", label=_("Financing"),
                                            choices=FinancingCategory.choices, empty_label=_("any"),
                                            error_messages=INVALID_CHOICE)
    q = SearchTextFilter(method="filter_text", label=_("Service or provider"))

    class Meta:
        model = NetworkMembership
        fields = []
        form = FilterForm

    def __init__(self, data=None, *args, **kwargs):
        super().__init__(data, *args, **kwargs)
        self.form.fields["kraj"].choices = [("", _("— the portal's kraj —")),
                                            *((pk, k.name) for pk, k in capacity_kraje().items())]
        self.form.fields["type"].choices = [("", _("any")),
                                            *((pk, t.label) for pk, t in capacity_service_types().items())]

    def chosen(self):
        """(kraj, year) of the page: the chosen ones when valid, else the portal's kraj and this year."""
        data = self.form.cleaned_data if self.form.is_valid() else getattr(self.form, "cleaned_data", {})
        return capacity_kraje().get(data.get("kraj")) or portal_kraj(), data.get("year") or current_year()

    def filter_queryset(self, queryset):
        kraj, year = self.chosen()
        return (super().filter_queryset(queryset.filter(kraj=kraj, year=year))
                .select_related("service", "service__service_type", "service__provider", "service__orp")
                .order_by("service__service_type__number", "service__name", "pk"))

    def keep(self, queryset, name, value):
        return queryset  # kraj and year narrow the list in filter_queryset (they have defaults)

    def filter_text(self, queryset, name, value):
        """Every word in the service's search text (name, provider, description; lower case, no diacritics)."""
        for token in search_tokens(value):
            queryset = queryset.filter(service__search_text__contains=token)
        return queryset

    @property
    def active_count(self) -> int:
        data = getattr(self.form, "cleaned_data", {})
        return sum(1 for name in ("type", "financing", "q") if data.get(name))
