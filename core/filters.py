"""Pieces every list filter of the portal shares (each app's FilterSets live in its own `filters.py`)."""

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from core.text import MAX_QUERY_LENGTH


class FilterForm(forms.Form):
    """The form of a list's FilterSet: labels without the colon Django appends (they sit above the fields)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, label_suffix="", **kwargs)


class ChoiceModelFilter(django_filters.ModelChoiceFilter):
    """A select whose bad value ("abc", an unknown code) is a form error: "Choose … from the list"."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("empty_label", _("any"))
        kwargs.setdefault("error_messages", {"invalid_choice": _("Choose an option from the list.")})
        super().__init__(*args, **kwargs)


class SearchTextField(forms.CharField):
    """Free text, cut to MAX_QUERY_LENGTH characters instead of refused (a pasted paragraph still searches),
    without NUL characters."""

    def to_python(self, value):
        return super().to_python(value)[:MAX_QUERY_LENGTH].replace("\x00", "").strip()


class SearchTextFilter(django_filters.CharFilter):
    field_class = SearchTextField


class YearField(forms.TypedChoiceField):
    def __init__(self, **kwargs):
        super().__init__(coerce=int, **kwargs)


class YearFilter(django_filters.Filter):
    """A year from a select whose options (e.g. the years that have outputs, or that a plan covers) the
    FilterSet sets when it is made; another value is a form error."""

    field_class = YearField
