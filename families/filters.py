"""Filters of the families' lists (django-filter FilterSets): the requests an office or a coordinator sees, the
requests open to a provider, a provider's offers. A malformed value is a form error and the list shows
everything the other filters allow (core.filters)."""

import django_filters
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.filters import ChoiceModelFilter, FilterForm, SearchTextFilter, YearFilter
from families.models import Category, Offer, PartialContract, ServiceRequest
from territory.models import Orp

INVALID = {"invalid_choice": _("Choose an option from the list.")}


class RequestFilter(django_filters.FilterSet):
    """The requests list (the office's own, or the kraj's for a coordinator)."""

    ATTENTION = (
        ("awaiting_choice", _("offers waiting for a choice")),
        ("without_offers", _("no offer by the deadline")),
        ("taking_offers", _("taking offers now")),
        ("closure_to_confirm", _("closure to confirm")),
    )

    q = SearchTextFilter(method="filter_text", label=_("Case code or number"))
    attention = django_filters.ChoiceFilter(method="filter_attention", label=_("Needs attention"),
                                            choices=ATTENTION, empty_label=_("any"), error_messages=INVALID)
    state = django_filters.ChoiceFilter(field_name="state", label=_("State"), choices=ServiceRequest.State.choices,
                                        empty_label=_("any"), error_messages=INVALID)
    category = django_filters.ChoiceFilter(field_name="category", label=_("Category"), choices=Category.choices,
                                           empty_label=_("any"), error_messages=INVALID)
    orp = ChoiceModelFilter(field_name="orp", label=_("Office (ORP)"), queryset=Orp.objects.none())
    year = YearFilter(field_name="created_at", lookup_expr="year", label=_("Posted in"), choices=[],
                      error_messages={"invalid_choice": _("Choose a year from the list.")})

    class Meta:
        model = ServiceRequest
        fields = ()
        form = FilterForm

    def __init__(self, *args, orps, years, **kwargs):
        super().__init__(*args, **kwargs)
        self.form.fields["orp"].queryset = orps
        self.form.fields["year"].choices = [("", _("any")), *((str(y), str(y)) for y in years)]

    def filter_text(self, queryset, name, value):
        if not value:
            return queryset
        number = value.rsplit("/", 1)[-1]
        condition = Q(case_code__icontains=value)
        if number.isdigit() and len(number) < 10:
            condition |= Q(pk=int(number))
        return queryset.filter(condition)

    def filter_attention(self, queryset, name, value):
        return needing_attention(queryset, value)


def needing_attention(queryset, value):
    """The requests of one "needs attention" kind (the list's filter and the admin's, which the dashboard links)."""
    now = timezone.now()
    if value == "awaiting_choice":
        return queryset.awaiting_choice(now)
    if value == "without_offers":
        return queryset.without_offers(now)
    if value == "taking_offers":
        return queryset.open_for_offers(now)
    if value == "closure_to_confirm":
        return queryset.filter(pk__in=PartialContract.objects.closure_to_confirm().values("request"))
    return queryset


class OpenRequestFilter(django_filters.FilterSet):
    """Requests open to a provider."""

    category = django_filters.ChoiceFilter(field_name="category", label=_("Category"), choices=Category.choices,
                                           empty_label=_("any"), error_messages=INVALID)
    orp = ChoiceModelFilter(field_name="orp", label=_("ORP"), queryset=Orp.objects.none())
    urgency = django_filters.ChoiceFilter(field_name="urgency", label=_("Urgency"),
                                          choices=ServiceRequest.Urgency.choices, empty_label=_("any"),
                                          error_messages=INVALID)

    class Meta:
        model = ServiceRequest
        fields = ()
        form = FilterForm

    def __init__(self, *args, orps, **kwargs):
        super().__init__(*args, **kwargs)
        self.form.fields["orp"].queryset = orps


class OfferFilter(django_filters.FilterSet):
    """A provider's offers."""

    state = django_filters.ChoiceFilter(field_name="state", label=_("State"), choices=Offer.State.choices,
                                        empty_label=_("any"), error_messages=INVALID)
    category = django_filters.ChoiceFilter(field_name="request__category", label=_("Category"),
                                           choices=Category.choices, empty_label=_("any"), error_messages=INVALID)
    year = YearFilter(field_name="submitted_at", lookup_expr="year", label=_("Submitted in"), choices=[],
                      error_messages={"invalid_choice": _("Choose a year from the list.")})

    class Meta:
        model = Offer
        fields = ()
        form = FilterForm

    def __init__(self, *args, years, **kwargs):
        super().__init__(*args, **kwargs)
        self.form.fields["year"].choices = [("", _("any")), *((str(y), str(y)) for y in years)]
