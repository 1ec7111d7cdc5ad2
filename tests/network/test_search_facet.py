"""The network's facet of the registry search, "in the kraj's network of services" (network/search_facets.py),
contributed through core.contributions and counted in the facet index like the registry's own facets."""

import datetime as dt
import re

import pytest
from django.http import QueryDict
from django.urls import reverse
from django.utils import timezone, translation

from network.search_facets import search_filters
from services import search
from services.filters import ServiceFilter
from services.models import Service
from tests.network.factories import make_membership, this_year
from tests.services.factories import make_service

pytestmark = pytest.mark.django_db


def url(language="cs"):
    with translation.override(language):
        return reverse("services:index")


def network_count(response) -> int:
    return next(item.count for item in response.context["facets"].contributed if item.field.name == "network")


def names(response) -> list[str]:
    return [service.name for service in response.context["services"]]


def test_the_network_contributes_its_facet_to_the_search():
    assert [item.name for item in search.contributed_filters()] == ["network"]
    assert search_filters()[0].sections == ("network",)


def test_the_facet_counts_and_filters_the_services_in_a_network(client):
    inside = make_service(name="Domov v síti")
    make_service(name="Domov mimo síť")
    make_membership(inside)
    response = client.get(url())
    assert network_count(response) == 1 and response.context["facets"].total == 2
    ticked = client.get(url(), {"network": "on"})
    assert names(ticked) == ["Domov v síti"]
    assert network_count(ticked) == 1
    # The chip that removes it, and the box shown ticked with its count.
    assert any(chip.remove_query == "" for chip in ticked.context["active_filters"])
    assert re.search(r'<input type="checkbox" name="network"[^>]* checked[^>]*><label for="id_network">[^<]*'
                     r'<span class="facet-count">\(1\)', ticked.content.decode())


def test_an_inclusion_and_an_exclusion_change_the_next_response(client):
    home = make_service(name="Domov Alfa")
    assert network_count(client.get(url())) == 0
    line = make_membership(home)
    assert network_count(client.get(url())) == 1
    line.exclude(on=timezone.localdate(), reason="Služba zrušena")
    assert network_count(client.get(url())) == 0


def test_only_this_years_lines_not_yet_excluded_count(client):
    today = timezone.localdate()
    make_membership(make_service(name="Loni"), year=this_year() - 1)
    make_membership(make_service(name="Vyřazená včera"), excluded_on=today - dt.timedelta(days=1))
    make_membership(make_service(name="Vyřazená zítra"), excluded_on=today + dt.timedelta(days=1))
    make_membership(make_service(name="Letos"))
    assert sorted(names(client.get(url(), {"network": "on"}))) == ["Letos", "Vyřazená zítra"]


def test_the_sql_filter_agrees_for_exports_and_alerts():
    """The CSV download and the saved-search mails filter in SQL (ServiceFilter.qs), not with the index."""
    inside = make_service(name="Domov v síti")
    make_service(name="Domov mimo síť")
    make_membership(inside)
    filterset = ServiceFilter(QueryDict("network=on"), queryset=Service.objects.all())
    assert list(filterset.qs) == [inside]


def test_the_facet_is_labelled_in_both_languages(client):
    make_service(name="Domov Beta")
    assert "In the kraj&#x27;s network of services" in client.get(url("en")).content.decode()
    assert 'name="network"' in client.get(url()).content.decode()
