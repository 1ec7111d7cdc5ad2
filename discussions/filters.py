"""The filters of the forum: the search (discussions:search) by words, category and dates, all in the query
string, so a search is a link.

The words go through the portal's one search-text field (core.filters.SearchTextFilter) and are matched by
discussions/search.py (normalised titles and post texts). Unlike the other lists, the forum search refuses a
query it cannot read whole (a form error, the page answers 400): a text over MAX_QUERY_LENGTH characters or with
a NUL is an error, not cut; and it searches only when every value is valid.
"""

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from core.filters import SearchTextFilter
from core.text import MAX_QUERY_LENGTH
from discussions.models import Category, Thread
from discussions.search import search_threads, search_words


def visible_categories(request):
    return Category.objects.visible_to(request.user).order_by("order", "name")


class ForumSearchForm(forms.Form):
    def clean_q(self):
        # The text as sent, checked as a plain text field would: too long or with a NUL is an error.
        forms.CharField(max_length=MAX_QUERY_LENGTH, required=False).clean(self["q"].data)
        return self.cleaned_data["q"]

    def clean(self):
        data = super().clean()
        if data.get("since") and data.get("until") and data["since"] > data["until"]:
            self.add_error("until", _("The end date is before the start date."))
        return data


class ForumSearchFilter(django_filters.FilterSet):
    q = SearchTextFilter(label=_("Search for"), max_length=MAX_QUERY_LENGTH)
    category = django_filters.ModelChoiceFilter(label=_("Category"), queryset=visible_categories,
                                                to_field_name="slug", empty_label=_("All categories"))
    since = django_filters.DateFilter(label=_("From"), widget=forms.DateInput(attrs={"type": "date"}))
    until = django_filters.DateFilter(label=_("To"), widget=forms.DateInput(attrs={"type": "date"}))

    class Meta:
        model = Thread
        fields = []
        form = ForumSearchForm

    @property
    def searched(self) -> bool:
        """A search runs only when every value is valid and the text has a word to look for."""
        return self.is_valid() and bool(search_words(self.form.cleaned_data["q"]))

    def filter_queryset(self, queryset):
        data = self.form.cleaned_data
        return search_threads(queryset, data.get("q", ""), category=data.get("category"),
                              since=data.get("since"), until=data.get("until"))
