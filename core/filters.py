"""Pieces every list filter of the portal shares (each app's FilterSets live in its own `filters.py`)."""

import django_filters
from django import forms

from core.text import MAX_QUERY_LENGTH


class SearchTextField(forms.CharField):
    """Free text, cut to MAX_QUERY_LENGTH characters instead of refused (a pasted paragraph still searches),
    without NUL characters."""

    def to_python(self, value):
        return super().to_python(value)[:MAX_QUERY_LENGTH].replace("\x00", "").strip()


class SearchTextFilter(django_filters.CharFilter):
    field_class = SearchTextField
