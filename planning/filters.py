"""The filter of the plans list (planning:index). Every parameter lives in the query string; a malformed value is
a form error and the other filters still apply (as in services/filters.py)."""

import django_filters
from django.db.models import Exists, F, OuterRef, Q
from django.utils.translation import gettext_lazy as _

from core.filters import ChoiceModelFilter, FilterForm, YearFilter
from planning.models import Plan, PlanningLocality
from territory.models import Kraj, Orp




class PlanFilter(django_filters.FilterSet):
    kraj = ChoiceModelFilter(field_name="kraj", label=_("Kraj"),
                             queryset=Kraj.objects.filter(Exists(Plan.objects.public().filter(kraj=OuterRef("pk")))))
    orp = ChoiceModelFilter(method="filter_orp", label=_("ORP"), queryset=Orp.objects.filter(
        Exists(PlanningLocality.orps.through.objects.filter(orp=OuterRef("pk")))).order_by("name"))
    state = django_filters.ChoiceFilter(
        field_name="state", label=_("State"), empty_label=_("any"),
        choices=[choice for choice in Plan.State.choices if choice[0] != Plan.State.DRAFT],
        error_messages={"invalid_choice": _("Choose an option from the list.")})
    year = YearFilter(method="filter_year", label=_("In force in the year"), choices=[],
                      error_messages={"invalid_choice": _("Choose a year from the list.")})
    level = django_filters.ChoiceFilter(
        method="filter_level", label=_("Level"), empty_label=_("any"),
        choices=[("kraj", _("mid-term plans of kraje")), ("locality", _("community plans"))],
        error_messages={"invalid_choice": _("Choose an option from the list.")})

    class Meta:
        model = Plan
        fields = []
        form = FilterForm

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        years = Plan.objects.public().values_list("period_start", "period_end")
        span = sorted({year for start, end in years for year in range(start, end + 1)}, reverse=True)
        self.form.fields["year"].choices = [("", _("any")), *((str(y), str(y)) for y in span)]

    def filter_queryset(self, queryset):
        # The kraj's mid-term plans first, then its community plans by locality.
        return super().filter_queryset(queryset).order_by(
            "kraj__name", F("locality__name").asc(nulls_first=True), "-period_start", "pk")

    def filter_orp(self, queryset, name, value):
        # The ORP's community plan, and its kraj's mid-term plan (which covers it too).
        return queryset.filter(Q(locality__orps=value) | Q(locality__isnull=True, kraj=value.kraj_id)).distinct()

    def filter_year(self, queryset, name, value):
        return queryset.filter(period_start__lte=value, period_end__gte=value)

    def filter_level(self, queryset, name, value):
        return queryset.filter(locality__isnull=(value == "kraj"))

    def query_without_page(self) -> str:
        params = self.data.copy()
        params.pop("page", None)
        return params.urlencode()
