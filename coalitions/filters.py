"""The filters of the coalitions' lists, one FilterSet each: the coalition list (coalitions:index), the outputs
library (coalitions:outputs) and the events calendar (coalitions:events, coalitions:events-month).

Every parameter lives in the query string, so a filtered list is a link. A malformed value becomes a form
error, the other filters still apply, and nothing a visitor types can cause a 500 (as in services/filters.py);
free text goes through the portal's one search-text field (core.filters.SearchTextFilter).
"""

import django_filters
from django import forms
from django.db import connections
from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext_lazy as _

from coalitions.models import Coalition, Document, Event
from core.filters import ChoiceModelFilter, FilterForm, SearchTextFilter, YearFilter
from core.querystring import without_empty
from services.models import ServiceType
from territory.models import Kraj, Orp

MAX_QUERY_LENGTH = 100


# --- Coalitions ---------------------------------------------------------------------------------------------


class CoalitionFilter(django_filters.FilterSet):
    STATUS_ALL = "all"

    kind = django_filters.ChoiceFilter(choices=Coalition.Kind.choices, label=_("Kind"), empty_label=_("any"))
    topic = ChoiceModelFilter(
        method="filter_topic", label=_("Service type"),
        queryset=ServiceType.objects.filter(Exists(Coalition.service_types.through.objects.filter(
            servicetype=OuterRef("pk")))).order_by("number", "code"))
    kraj = ChoiceModelFilter(
        field_name="kraj", label=_("Kraj"),
        queryset=Kraj.objects.filter(Exists(Coalition.objects.filter(kraj=OuterRef("pk")))))
    # Every ORP of a kraj with a coalition: coalitions without ORPs work for the whole kraj.
    orp = ChoiceModelFilter(
        method="filter_orp", label=_("ORP"),
        queryset=Orp.objects.filter(Exists(Coalition.objects.filter(kraj=OuterRef("kraj")))))
    status = django_filters.ChoiceFilter(
        method="filter_status", label=_("Status"), empty_label=None,
        choices=[(Coalition.Status.ACTIVE, _("active")), (Coalition.Status.CLOSED, _("closed")),
                 (STATUS_ALL, _("active and closed"))])

    class Meta:
        model = Coalition
        fields = []
        form = FilterForm

    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)
        if not self.form.cleaned_data.get("status"):
            queryset = queryset.active()  # the default, also when the value was malformed
        return queryset

    def filter_topic(self, queryset, name, value):
        links = Coalition.service_types.through.objects.filter(coalition=OuterRef("pk"), servicetype=value)
        return queryset.filter(Exists(links))

    def filter_orp(self, queryset, name, value):
        # A coalition without ORPs works for its whole kraj, so for every ORP in it.
        named = Coalition.orps.through.objects.filter(coalition=OuterRef("pk"), orp=value)
        any_named = Coalition.orps.through.objects.filter(coalition=OuterRef("pk"))
        return queryset.filter(Exists(named) | (Q(kraj=value.kraj_id) & ~Exists(any_named)))

    def filter_status(self, queryset, name, value):
        return queryset if value == self.STATUS_ALL else queryset.filter(status=value)


# --- Outputs library --------------------------------------------------------------------------------------




class OutputFilter(django_filters.FilterSet):
    q = SearchTextFilter(method="filter_text", label=_("Search in titles and descriptions"),
                         help_text=_("Diacritics and capital letters do not matter."),
                         widget=forms.SearchInput(attrs={"maxlength": MAX_QUERY_LENGTH}))
    kind = django_filters.ChoiceFilter(
        field_name="kind", label=_("Kind of output"), empty_label=_("any"),
        choices=[(kind.value, kind.label) for kind in Document.OUTPUT_KINDS])
    coalition = ChoiceModelFilter(
        field_name="coalition", to_field_name="slug", label=_("Coalition"),
        queryset=Coalition.objects.filter(Exists(Document.objects.filter(
            coalition=OuterRef("pk"), kind__in=Document.OUTPUT_KINDS))).order_by("name"))
    topic = ChoiceModelFilter(
        method="filter_topic", label=_("Service type"),
        queryset=ServiceType.objects.filter(Exists(Coalition.service_types.through.objects.filter(
            servicetype=OuterRef("pk")))).order_by("number", "code"))
    year = YearFilter(field_name="published_on__year", label=_("Year"), choices=[],
                      error_messages={"invalid_choice": _("Choose a year from the list.")})

    class Meta:
        model = Document
        fields = []
        form = FilterForm

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        years = [day.year for day in Document.objects.filter(kind__in=Document.OUTPUT_KINDS)
                 .dates("published_on", "year", order="DESC")]
        self.form.fields["year"].choices = [("", _("any")), *((str(year), str(year)) for year in years)]

    def filter_queryset(self, queryset):
        return super().filter_queryset(queryset).order_by("-published_on", "title", "pk")

    def filter_text(self, queryset, name, value):
        # Every word must appear in the title or the description; PostgreSQL ignores diacritics too.
        lookup = "unaccent__icontains" if connections[queryset.db].vendor == "postgresql" else "icontains"
        for word in value.split()[:10]:
            queryset = queryset.filter(Q(**{f"title__{lookup}": word})
                                       | Q(**{f"description__{lookup}": word}))
        return queryset

    def filter_topic(self, queryset, name, value):
        links = Coalition.service_types.through.objects.filter(coalition=OuterRef("coalition"),
                                                               servicetype=value)
        return queryset.filter(Exists(links))

    def query_without_page(self) -> str:
        """The query string of the filters as sent, for the pagination links."""
        data = without_empty(self.form.data)
        data.pop("page", None)
        return data.urlencode()


# --- Events calendar --------------------------------------------------------------------------------------


class CheckboxFilter(django_filters.Filter):
    field_class = forms.BooleanField


class EventFilter(django_filters.FilterSet):
    """Kind and kraj of the events; `past` is read by the list (shows_past), not applied to the rows: a month
    shows all its events whatever it says."""

    kind = django_filters.ChoiceFilter(field_name="kind", label=_("Kind of event"), empty_label=_("— all —"),
                                       choices=Event.Kind.choices)
    kraj = django_filters.ModelChoiceFilter(field_name="kraj", label=_("Kraj"), empty_label=_("— all —"),
                                            queryset=Kraj.objects.all())
    past = CheckboxFilter(label=_("Show past events too"), method="keep_all")

    class Meta:
        model = Event
        fields = []

    def keep_all(self, queryset, name, value):
        return queryset

    @property
    def shows_past(self) -> bool:
        """Past events too: only when asked and every value is valid (after a bad value, the upcoming ones)."""
        return self.is_valid() and bool(self.form.cleaned_data.get("past"))
