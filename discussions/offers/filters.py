"""The filters of the offers board (offers:index): kind, topic and territory, all in the query string.

A malformed value becomes a form error and the other filters still apply; nothing a visitor types can cause a
500 (as in services/filters.py and coalitions/filters.py).
"""

import django_filters
from django.utils.translation import gettext_lazy as _

from discussions.offers.forms import orp_choices
from discussions.offers.models import Offer
from territory.models import Kraj, Orp


class OfferFilter(django_filters.FilterSet):
    kind = django_filters.ChoiceFilter(field_name="kind", choices=Offer.Kind.choices, label=_("Offers or requests"),
                                       empty_label=_("— both —"))
    topic = django_filters.ChoiceFilter(field_name="topic", choices=Offer.Topic.choices, label=_("Topic"),
                                        empty_label=_("— all —"))
    kraj = django_filters.ModelChoiceFilter(method="filter_kraj", queryset=Kraj.objects.all(), label=_("Kraj"),
                                            empty_label=_("— all —"))
    # The options (ORPs grouped by kraj) are read once per board, when the FilterSet is made.
    orp = django_filters.TypedChoiceFilter(method="filter_orp", label=_("ORP"), coerce=int, empty_value=None,
                                           choices=[])

    class Meta:
        model = Offer
        fields = []

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.form.fields["orp"].choices = [("", _("— all —")), *orp_choices()[1:]]

    def filter_kraj(self, queryset, name, value):
        return queryset.in_kraj(value)

    def filter_orp(self, queryset, name, value):
        orp = Orp.objects.filter(pk=value).first()
        return queryset.in_orp(orp) if orp else queryset.none()
