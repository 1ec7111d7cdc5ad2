"""The filters of the catalogue (education:index) and of the register of supervisors (education:supervisors).

Every parameter lives in the query string, so a filtered list is a link; a malformed value becomes a form error and
the other filters still apply (core.filters)."""

import datetime as dt

import django_filters
from django import forms
from django.db import connections
from django.db.models import Exists, OuterRef, Q
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

from core.filters import ChoiceModelFilter, FilterForm, SearchTextFilter
from education.models import Programme, Role, SupervisionKind, Supervisor, Term, Topic
from network.models import QualityStandard
from services.models import ServiceType
from territory.models import Kraj, Orp

MAX_QUERY_LENGTH = 100
ONLINE = "online"
MONTHS_AHEAD = 12


class CheckboxFilter(django_filters.Filter):
    field_class = forms.BooleanField


def _months(today: dt.date) -> list[tuple[str, str]]:
    """The next MONTHS_AHEAD months as ("2026-03", "March 2026") choices, this month first."""
    months, year, month = [], today.year, today.month
    for _step in range(MONTHS_AHEAD):
        months.append((f"{year}-{month:02d}", formats.date_format(dt.date(year, month, 1), "YEAR_MONTH_FORMAT")))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months


class ProgrammeFilter(django_filters.FilterSet):
    """Programmes of the catalogue by text, topic, target role, quality standard, accreditation, and by when and
    where their upcoming terms are (month, ORP or online)."""

    q = SearchTextFilter(method="filter_text", label=_("Search in titles and descriptions"),
                         widget=forms.SearchInput(attrs={"maxlength": MAX_QUERY_LENGTH}))
    topic = ChoiceModelFilter(method="filter_topic", label=_("Topic"), queryset=Topic.objects.all(),
                              to_field_name="code")
    role = ChoiceModelFilter(method="filter_role", label=_("For"), queryset=Role.objects.all(), to_field_name="code")
    standard = ChoiceModelFilter(method="filter_standard", label=_("Quality standard"),
                                 queryset=QualityStandard.objects.order_by("number"), to_field_name="number")
    month = django_filters.ChoiceFilter(method="filter_month", label=_("Month of a term"), empty_label=_("any"),
                                        choices=[])
    place = django_filters.ChoiceFilter(method="filter_place", label=_("Place of a term"), empty_label=_("any"),
                                        choices=[])
    accredited = CheckboxFilter(method="filter_accredited", label=_("Accredited programmes only"))

    class Meta:
        model = Programme
        fields = []
        form = FilterForm

    def __init__(self, *args, kraj=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.form.fields["month"].choices = [("", _("any")), *_months(timezone.localdate())]
        orps = Orp.objects.filter(Exists(Term.objects.upcoming().filter(obec__orp=OuterRef("pk")))).order_by("name")
        if kraj is not None:
            orps = orps.filter(kraj=kraj)
        self.form.fields["place"].choices = [("", _("any")), (ONLINE, _("online")),
                                             *((str(orp.code), orp.name) for orp in orps)]

    def _terms(self):
        return Term.objects.upcoming().filter(programme=OuterRef("pk"))

    def filter_text(self, queryset, name, value):
        lookup = "unaccent__icontains" if connections[queryset.db].vendor == "postgresql" else "icontains"
        for word in value.split()[:10]:
            queryset = queryset.filter(Q(**{f"title__{lookup}": word}) | Q(**{f"description__{lookup}": word})
                                       | Q(**{f"organiser__{lookup}": word}))
        return queryset

    def filter_topic(self, queryset, name, value):
        return queryset.filter(Exists(Programme.topics.through.objects.filter(programme=OuterRef("pk"), topic=value)))

    def filter_role(self, queryset, name, value):
        return queryset.filter(Exists(Programme.target_roles.through.objects.filter(programme=OuterRef("pk"),
                                                                                     role=value)))

    def filter_standard(self, queryset, name, value):
        return queryset.supporting([value])

    def filter_month(self, queryset, name, value):
        year, month = (int(part) for part in value.split("-"))
        return queryset.filter(Exists(self._terms().in_month(year, month)))

    def filter_place(self, queryset, name, value):
        if value == ONLINE:
            return queryset.filter(Exists(self._terms().exclude(online_url="")))
        return queryset.filter(Exists(self._terms().filter(obec__orp__code=value)))

    def filter_accredited(self, queryset, name, value):
        return queryset.accredited() if value else queryset


class SupervisorFilter(django_filters.FilterSet):
    kind = django_filters.ChoiceFilter(method="filter_kind", label=_("Kind of supervision"), empty_label=_("any"),
                                       choices=SupervisionKind.choices)
    kraj = ChoiceModelFilter(method="filter_kraj", label=_("Kraj"), queryset=Kraj.objects.order_by("name"))
    service_type = ChoiceModelFilter(method="filter_service_type", label=_("Service type"),
                                     queryset=ServiceType.objects.filter(known=True).order_by("number", "code"))

    class Meta:
        model = Supervisor
        fields = []
        form = FilterForm

    def filter_kind(self, queryset, name, value):
        return queryset.of_kind(value)

    def filter_kraj(self, queryset, name, value):
        return queryset.in_kraje([value])

    def filter_service_type(self, queryset, name, value):
        return queryset.filter(Exists(Supervisor.service_types.through.objects.filter(
            supervisor=OuterRef("pk"), servicetype=value)))
