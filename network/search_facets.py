"""The network's facet of the registry search: "in the kraj's network of services", a check box with its count
like the registry's own (services/filters.py gathers `search_filters()` through core.contributions and counts it
in the facet index, services/facet_index.py), so the registry never imports this app.

A service is in the network when a line of this year's network of a kraj includes it and was not excluded
before the day (the network as the public network page and the service page show it: network.gaps.network_day).
The count follows the "network" page-cache section: an inclusion, an exclusion or an import of the kraj's
spreadsheet changes the next search's count.
"""

import datetime as dt

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from network.gaps import network_day
from network.models import NetworkMembership
from services.search import ContributedFilter

SECTION = "network"


def in_network(day: dt.date) -> Q:
    """Services with a line of the day's year in a kraj's network, not excluded before the day."""
    year = day.year
    lines = NetworkMembership.objects.of_year(year).current(min(day, network_day(year)))
    return Q(pk__in=lines.values("service"))


def search_filters() -> list[ContributedFilter]:
    return [ContributedFilter(
        name="network", label=_("In the kraj's network of services"),
        help_text=_("Included in a kraj's network of social services this year (entrusted and financed by the kraj)."),
        sections=(SECTION,), condition=in_network)]
