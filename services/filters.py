"""The filters of the services app, one FilterSet each: the public service search (services:index), with its
form and the counts next to every facet value, and the capacity overview (services:capacity, CapacityFilter).

Every parameter lives in the query string (search: `q`, `group`, `type`, `form`, `target`, `age`, `kraj`,
`okres`, `orp`, `obec`, `free`, `ended`, `sort`; capacities: `group`, `type`, `form`, `kraj`, `okres`), so a
search is a link and the back button works. A malformed value becomes a form error and the other filters still
apply; nothing a visitor types can cause a 500.
"""

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import django_filters
from django import forms
from django.conf import settings
from django.core.cache import cache
from django.db.models import Case, Exists, F, OuterRef, When
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext, pgettext_lazy

from core import pagecache
from core.filters import SearchTextFilter
from core.querystring import without_empty
from services import facet_index, search
from services.models import (
    AgeGroup,
    Form,
    Service,
    ServiceForm,
    ServiceGroup,
    ServiceType,
    TargetGroup,
    outdated_before,
)
from territory.models import Kraj, Okres

SORTS = [
    ("relevance", _("Relevance")),
    ("name", _("Name")),
    ("free", _("Most free places")),
    ("updated", _("Recently updated")),
]


class CodelistField(forms.MultipleChoiceField):
    """Codelist items by id or by registry code (`type=13` or `type=DruhSocialniSluzby/13`), checked against
    the cached codelist, so validating costs no query. Cleans to a list of ids."""

    def __init__(self, *, model, **kwargs):
        self.model = model
        super().__init__(choices=self.codelist_choices, **kwargs)

    def codelist_choices(self):
        return [(str(item["pk"]), search.codelist_label(item)) for item in search.codelist(self.model)]

    def to_python(self, value):
        by_code = {item["code"]: str(item["pk"]) for item in search.codelist(self.model)}
        return [by_code.get(item, item) for item in super().to_python(value)]

    def clean(self, value):
        return [int(pk) for pk in super().clean(value)]


class AreaField(forms.IntegerField):
    """A territorial code (as in territory/forms.py). The options, with their counts, are set after the search
    has run; whether the code exists and fits the levels above is settled by search.resolve_area()."""

    widget = forms.Select
    default_error_messages = {
        "invalid": _("Choose a place from the list."),
        "min_value": _("Choose a place from the list."),
        "max_value": _("Choose a place from the list."),
    }

    def __init__(self, **kwargs):
        super().__init__(min_value=1, max_value=2**31 - 1, **kwargs)


class CodelistFilter(django_filters.Filter):
    field_class = CodelistField


class AreaFilter(django_filters.Filter):
    field_class = AreaField


class CheckboxFilter(django_filters.Filter):
    """On when the box is ticked (`free=on`); the method also runs when it is not (False is not "empty")."""

    field_class = forms.BooleanField


class ServiceSearchForm(forms.Form):
    """The base of the form django-filter builds from ServiceFilter; clean() settles the territory picker."""

    area = search.Area()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, label_suffix="", **kwargs)
        self.fields["free"].help_text = ngettext(
            "Reported in the last %(days)s day.", "Reported in the last %(days)s days.",
            settings.CAPACITY_REPORT_MAX_AGE_DAYS) % {"days": settings.CAPACITY_REPORT_MAX_AGE_DAYS}

    def clean(self):
        cleaned_data = super().clean()
        self.area, unknown = search.resolve_area(**{level: cleaned_data.get(level) for level in search.AREA_LEVELS})
        for level in unknown:
            self.add_error(level, _("There is no such place; choose one from the list."))
        # The form is shown again, and the result links are built, from the settled state.
        self.data = self.settled_data()
        return cleaned_data

    def settled_data(self):
        """The query as it was understood: parents of the chosen place filled in and places that do not lie in
        the place above dropped, codelist codes as ids, the text as searched, empty parameters left out."""
        data = self.data.copy()
        for level, code in self.area.codes().items():
            data[level] = "" if code is None else str(code)
        if "q" in self.cleaned_data:
            data["q"] = self.cleaned_data["q"]
        else:
            data["q"] = data.get("q", "")[:search.MAX_QUERY_LENGTH].replace("\x00", "")
        for name in ("type", "target", "age"):
            if name in self.cleaned_data:
                data.setlist(name, [str(pk) for pk in self.cleaned_data[name]])
        return without_empty(data)


class ServiceFilter(django_filters.FilterSet):
    q = SearchTextFilter(method="filter_text", label=_("Search social services"),
                         help_text=_("Names and descriptions of services, providers and facilities. "
                                     "Diacritics and capital letters do not matter."),
                         widget=forms.SearchInput(attrs={"maxlength": search.MAX_QUERY_LENGTH}))
    group = django_filters.ChoiceFilter(field_name="service_type__group", choices=ServiceGroup.choices,
                                        label=_("Group of services"), empty_label=_("any"),
                                        widget=forms.RadioSelect)
    type = CodelistFilter(field_name="service_type", lookup_expr="in", model=ServiceType, label=_("Service type"),
                          widget=forms.CheckboxSelectMultiple)
    form = django_filters.MultipleChoiceFilter(method="filter_forms", choices=Form.choices,
                                               label=_("Form of provision"), widget=forms.CheckboxSelectMultiple)
    target = CodelistFilter(method="filter_target_groups", model=TargetGroup, label=_("Target group"),
                            widget=forms.CheckboxSelectMultiple)
    age = CodelistFilter(method="filter_age_groups", model=AgeGroup, label=_("Age group"),
                         widget=forms.CheckboxSelectMultiple)
    kraj = AreaFilter(method="filter_area", label=_("Kraj"))
    okres = AreaFilter(method="filter_area", label=_("Okres"))
    orp = AreaFilter(method="filter_area", label=_("ORP"))
    obec = AreaFilter(method="filter_area", label=_("Obec"))
    free = CheckboxFilter(method="filter_free", label=_("Only with free places now"))
    ended = CheckboxFilter(method="filter_ended", label=_("Include ended services"))
    # Applied by ordered(), not as a filter.
    sort = django_filters.ChoiceFilter(choices=SORTS, empty_label=None, label=pgettext_lazy("results", "Sort by"))

    class Meta:
        model = Service
        fields = []
        form = ServiceSearchForm

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The check boxes other apps contribute (search.ContributedFilter), after the two of the registry.
        for item in search.contributed_filters():
            contributed = CheckboxFilter(method="filter_contributed", field_name=item.name, label=item.label,
                                         help_text=item.help_text)
            contributed.model, contributed.parent = self.queryset.model, self
            self.filters[item.name] = contributed

    # --- Filtering and ordering -----------------------------------------------------------------------

    def filter_queryset(self, queryset):
        return self.ordered(self.filtered(queryset))

    def filtered(self, queryset, *, leave_out=()):
        """`queryset` with every valid filter applied except those named in `leave_out` (for facet counts)."""
        for name, value in self.form.cleaned_data.items():
            if name not in leave_out and name != "sort":
                queryset = self.filters[name].filter(queryset, value)
        return queryset

    def filter_text(self, queryset, name, value):
        return queryset.filter(self.text_match)

    @cached_property
    def text_match(self):
        """The text condition, built once: every facet count applies it, the near misses cost a lookup."""
        return search.text_condition(self.tokens, search.near_misses(self.tokens, self.queryset.db))

    def filter_forms(self, queryset, name, value):
        return queryset.filter(Exists(ServiceForm.objects.filter(service=OuterRef("pk"), form__in=value)))

    def filter_target_groups(self, queryset, name, value):
        links = Service.target_groups.through.objects.filter(service=OuterRef("pk"), targetgroup__in=value)
        return queryset.filter(Exists(links))

    def filter_age_groups(self, queryset, name, value):
        return queryset.filter(Exists(Service.age_groups.through.objects.filter(service=OuterRef("pk"),
                                                                                agegroup__in=value)))

    def filter_area(self, queryset, name, value):
        area = self.form.area
        if name != area.level:
            return queryset  # only the most specific place filters: the places above contain it
        return queryset.filter(search.area_condition(name, value))

    def filter_free(self, queryset, name, value):
        return queryset.with_free_places() if value else queryset

    def filter_ended(self, queryset, name, value):
        return queryset if value else queryset.active()

    def filter_contributed(self, queryset, name, value):
        if not value:
            return queryset
        item = next(item for item in search.contributed_filters() if item.name == name)
        return queryset.filter(item.condition(timezone.localdate()))

    @property
    def tokens(self) -> list[str]:
        return search.search_tokens(self.form.cleaned_data.get("q") or "")

    @property
    def sort_in_effect(self) -> str:
        """The sort in effect: relevance is the default with search text, and means name order without it."""
        sort = self.form.cleaned_data.get("sort") or "relevance"
        if sort == "relevance" and not self.tokens:
            return "name"
        return sort

    def ordered(self, queryset):
        sort = self.sort_in_effect
        if sort == "relevance" and search.vendor_of(queryset) == "postgresql":
            return queryset.annotate(rank=search.relevance(self.tokens)).order_by("-rank", "name", "pk")
        if sort == "free":
            # Outdated figures sort with the services that never reported.
            fresh = Case(When(current_report_at__gte=outdated_before(), then=F("current_free_places")))
            return queryset.annotate(fresh_free_places=fresh).order_by(
                F("fresh_free_places").desc(nulls_last=True), "name", "pk")
        if sort == "updated":
            return queryset.order_by("-updated_at", "name", "pk")
        return queryset.order_by("name", "pk")  # the column's collation is Czech: Č after C, Ch after H

    # --- Facet counts and results, from the index in memory (services/facet_index.py) -------------------

    @cached_property
    def index(self) -> facet_index.FacetIndex:
        return facet_index.index()

    @cached_property
    def chosen(self) -> dict[str, int]:
        """The services each valid filter keeps, as bitsets of the index, by the rules of the filter methods
        above (a property test keeps the two in agreement). "ended" unticked keeps the active services."""
        self.form.is_valid()
        index, cleaned_data, area = self.index, self.form.cleaned_data, self.form.area
        chosen = {}
        if self.tokens and "q" in cleaned_data:
            chosen["q"] = index.of_pks(self.text_matches)
        if cleaned_data.get("group"):
            chosen["group"] = index.group.get(cleaned_data["group"], 0)
        for name in ("type", "form", "target", "age"):
            if cleaned_data.get(name):
                chosen[name] = index.any_of(name, cleaned_data[name])
        if area.level is not None:
            chosen["area"] = index.area(area.level, area.codes()[area.level])
        if cleaned_data.get("free"):
            chosen["free"] = index.free
        if not cleaned_data.get("ended"):
            chosen["ended"] = index.active
        for item in search.contributed_filters():
            if cleaned_data.get(item.name):
                chosen[item.name] = index.extra.get(item.name, 0)
        return chosen

    @cached_property
    def text_matches(self) -> list[int]:
        """pks of the services matching the text, in relevance order when the results are sorted by it."""
        return self.index.text_matches(self.tokens, self.text_match, ranked=self.ranked_by_text)

    @property
    def ranked_by_text(self) -> bool:
        return self.sort_in_effect == "relevance" and search.vendor_of(self.queryset) == "postgresql"

    def facets(self) -> "Facets":
        """Count the results every facet value would give with all the other filters applied, as
        intersections of bitsets: no query (the text search aside, which the index remembers)."""
        chosen, index = self.chosen, self.index
        cleaned_data, data = self.form.cleaned_data, self.form.data

        def without(*names) -> int:
            return index.intersect(bits for name, bits in chosen.items() if name not in names)

        # Group and type are both columns of the service type: one count per type serves both facets.
        per_type = index.counts(without("group", "type"), index.type)
        per_form, per_target, per_age = (index.counts(without(name), getattr(index, name))
                                         for name in ("form", "target", "age"))
        flags, everything = without("free", "ended"), index.everything

        def options(name, values, *, default=None):
            """(value, label, count) → Options, ticked as the settled query says."""
            selected = set(data.getlist(name)) or {default}
            return [Option(str(value), label, count, str(value) in selected) for value, label, count in values]

        types = search.codelist(ServiceType)
        group, chosen_types = cleaned_data.get("group"), set(cleaned_data.get("type") or ())
        in_types = [item for item in types if not chosen_types or item["pk"] in chosen_types]

        def in_group(value):
            return sum(per_type.get(item["pk"], 0) for item in in_types if value is None or item["group"] == value)

        form = self.form
        return Facets(
            total=self.results_set.bit_count(), free=(flags & index.free & chosen.get("ended", everything)).bit_count(),
            ended=(flags & chosen.get("free", everything)).bit_count(),
            group=options("group", [("", _("any"), in_group(None)),
                                    *((value, label, in_group(value)) for value, label in ServiceGroup.choices)],
                          default=""),
            type=options("type", [(item["pk"], search.codelist_label(item),
                                   per_type.get(item["pk"], 0) if not group or item["group"] == group else 0)
                                  for item in types]),
            form=options("form", [(value, label, per_form.get(value, 0)) for value, label in Form.choices]),
            target=options("target", [(item["pk"], search.codelist_label(item), per_target.get(item["pk"], 0))
                                      for item in search.codelist(TargetGroup)]),
            age=options("age", [(item["pk"], search.codelist_label(item), per_age.get(item["pk"], 0))
                                for item in search.codelist(AgeGroup)]),
            places={level: options(level, units)
                    for level, units in index.place_counts(without("area"), form.area).items()},
            contributed=[Contributed(form[item.name], (without(item.name) & index.extra.get(item.name, 0)).bit_count())
                         for item in search.contributed_filters()],
        )

    @cached_property
    def results_set(self) -> int:
        return self.index.intersect(self.chosen.values())

    def results(self) -> "Results":
        """The pks of the results of facets() in the sort in effect, as a sequence the paginator slices."""
        index, sort = self.index, self.sort_in_effect
        ranked = self.text_matches if self.tokens and self.ranked_by_text else None
        return Results(self.results_set.bit_count(),
                       lambda start, stop: index.select(self.results_set, start, stop, order=sort, ranked=ranked))

    def services(self, pks: list[int]) -> list:
        """The services of `pks` in that order, as a search result shows them (four queries: the services with
        provider and type, their target groups, forms and facilities)."""
        found = {service.pk: service for service in self.queryset.for_search_results().filter(pk__in=pks)}
        return [found[pk] for pk in pks if pk in found]

    def sort_options(self) -> list[tuple[str, str]]:
        """The orders offered: relevance only when there is text to be relevant to."""
        return [(value, label) for value, label in SORTS if value != "relevance" or self.tokens]


@dataclass
class Option:
    value: str
    label: str
    count: int
    selected: bool


@dataclass
class Contributed:
    """A contributed check box (search.ContributedFilter) with the number of results it would give."""

    field: forms.BoundField
    count: int

    def __eq__(self, other):
        return isinstance(other, Contributed) and (self.field.name, self.field.value(), self.count) == (
            other.field.name, other.field.value(), other.count)


@dataclass
class Facets:
    total: int
    free: int
    ended: int
    group: list[Option]
    type: list[Option]
    form: list[Option]
    target: list[Option]
    age: list[Option]
    places: dict[str, list[Option]]
    contributed: list[Contributed]

    def active_filters(self, form) -> list["ActiveFilter"]:
        """The filters in effect as removable chips above the results (narrow screens show them instead of the
        whole filter column): the text, the place, the ticked values and the two flags, each with the query
        that leaves it out. Removing a place also removes the places below it; the page number is dropped."""
        data = form.data

        def without(key, value=None, *, below=()):
            query = data.copy()
            for name in ("page", *below):
                query.pop(name, None)
            if value is None:
                query.pop(key, None)
            else:
                query.setlist(key, [v for v in query.getlist(key) if v != value])
            return query.urlencode()

        chips = []
        if data.get("q"):
            chips.append(ActiveFilter(_("Text “%(text)s”") % {"text": data["q"]}, without("q")))
        levels = search.AREA_LEVELS
        for index, level in enumerate(levels):
            for option in self.places.get(level) or []:
                if option.selected:
                    chips.append(ActiveFilter(f"{form.fields[level].label}: {option.label}",
                                              without(level, below=levels[index + 1:])))
        for name in ("group", "type", "form", "target", "age"):
            for option in getattr(self, name):
                if option.selected and option.value:  # not the "any" choice of the radio buttons
                    chips.append(ActiveFilter(option.label, without(name, option.value)))
        for name in ("free", "ended", *(item.field.name for item in self.contributed)):
            if data.get(name):
                chips.append(ActiveFilter(str(form.fields[name].label), without(name)))
        return chips


@dataclass
class ActiveFilter:
    label: str
    remove_query: str


class Results(Sequence):
    """The results of a search for the paginator: `count` pks, of which a slice is picked when asked for."""

    def __init__(self, count: int, page: Callable[[int, int], list]):
        self.count, self.page = count, page

    def __len__(self) -> int:
        return self.count

    def __getitem__(self, item):
        if not isinstance(item, slice):
            found = self.page(item, item + 1)
            if not found:
                raise IndexError(item)
            return found[0]
        start, stop, _step = item.indices(self.count)
        return self.page(start, stop) if stop > start else []


# --- Capacity overview ------------------------------------------------------------------------------------


def _cached_codelist(key: str, queryset) -> dict:
    """pk → object of a small, rarely changing codelist, cached so the filter form costs no queries; kept in the
    process's memory under the codelists' generation too, so a page does not unpickle it from the shared cache
    each time it asks (the capacity overview asks four times)."""
    return pagecache.remember(("codelists",), ("capacity-codelist", key), lambda: cache.get_or_set(
        f"services:codelist:{key}", lambda: {obj.pk: obj for obj in queryset}, timeout=3600))


def capacity_service_types() -> dict:
    return _cached_codelist("service-types", ServiceType.objects.filter(known=True).order_by("number"))


def capacity_kraje() -> dict:
    return _cached_codelist("kraje", Kraj.objects.all())


class CapacityFilterForm(forms.Form):
    """The base of the form django-filter builds from CapacityFilter: the okres options of the chosen kraj, and
    an okres outside that kraj is an error."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        kraj = (self.data or {}).get("kraj")
        if kraj and str(kraj).isdigit() and int(kraj) in capacity_kraje():
            self.fields["okres"].queryset = Okres.objects.filter(kraj_id=int(kraj))

    def clean(self):
        data = super().clean()
        if data.get("okres") and data.get("kraj") and data["okres"].kraj_id != data["kraj"]:
            self.add_error("okres", _("This okres is not in the chosen kraj."))
        return data


class CapacityFilter(django_filters.FilterSet):
    """Filters of the capacity overview; every field is optional and a bad value is a form error. The tables
    are counted by services.analysis from analysis_filters(), not from `qs`."""

    group = django_filters.ChoiceFilter(field_name="service_type__group", choices=ServiceGroup.choices,
                                        label=_("Group of services"), empty_label=_("— all —"))
    type = django_filters.TypedChoiceFilter(
        field_name="service_type", label=_("Service type"), coerce=int, empty_value=None,
        choices=lambda: [("", _("— all —")), *((pk, t.label) for pk, t in capacity_service_types().items())])
    form = django_filters.ChoiceFilter(field_name="forms__form", choices=Form.choices, label=_("Form of provision"),
                                       empty_label=_("— all —"), distinct=True)
    kraj = django_filters.TypedChoiceFilter(
        field_name="orp__kraj", label=_("Kraj"), coerce=int, empty_value=None,
        choices=lambda: [("", _("— whole country —")), *((pk, k.name) for pk, k in capacity_kraje().items())])
    # The options are the okresy of the chosen kraj (CapacityFilterForm); without a kraj it does not apply.
    okres = django_filters.ModelChoiceFilter(field_name="orp__okresy", queryset=Okres.objects.none(),
                                             label=_("Okres"), empty_label=_("— whole kraj —"))

    class Meta:
        model = Service
        fields = []
        form = CapacityFilterForm

    def analysis_filters(self) -> dict:
        """The keyword arguments of services.analysis' tables from the valid filters only: an invalid field is
        reported and ignored, the rest still apply."""
        self.form.is_valid()
        data = getattr(self.form, "cleaned_data", {})
        kraj = capacity_kraje().get(data.get("kraj"))
        service_type = capacity_service_types().get(data.get("type"))
        return {
            "kraj": kraj,
            "okres": data.get("okres") if kraj else None,
            "service_types": [service_type] if service_type else None,
            "group": data.get("group") or None,
            "form": data.get("form") or None,
        }
