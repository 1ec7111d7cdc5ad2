"""The public network pages: the kraj's network, the gap table and map, one ORP; fixed query counts; bad filter
values are form errors, never 500."""

import pytest
from django.urls import reverse

from network.models import OrpPopulation
from tests.network.factories import make_membership, make_norm, service_type, this_year
from tests.services.factories import make_service

pytestmark = pytest.mark.django_db


@pytest.fixture
def network(db):
    make_norm(number=13, unit="luzka", basis="per1000", rate=20, age_band="65+")
    OrpPopulation.objects.create(orp_id=2109, age_band="65+", population=32_000, as_of="2024-01-01")
    homes = [make_service(name=f"Domov Kladno {n}", capacity=50) for n in range(3)]
    for home in homes:
        make_membership(home, capacity=40, entrustment_number=f"KÚ/{home.pk}/2025")
    return homes


def test_the_network_page_lists_the_kraj_s_lines(client, network, django_assert_num_queries):
    # kraje and service types (both cached after), the demo notice, page count, lines, home kraj
    with django_assert_num_queries(6):
        response = client.get(reverse("network:index"), {"year": this_year()})
    assert response.status_code == 200
    text = response.content.decode()
    assert "Domov Kladno 0" in text and "KÚ/" in text
    assert text.count("<h1") == 1


def test_the_network_list_filters_by_type_financing_and_text(client, network, django_assert_num_queries):
    from network.models import FinancingCategory

    shelter = make_service(name="Azylový dům Beroun", service_type=service_type(27))
    make_membership(shelter, capacity=12, financing_category=FinancingCategory.choices[-1][0])
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(reverse("network:index"))  # warm the codelists
    with CaptureQueriesContext(connection) as unfiltered:
        client.get(reverse("network:index"))
    with django_assert_num_queries(len(unfiltered)):  # the same count as without filters
        response = client.get(reverse("network:index"), {"q": "azylovy beroun", "type": "", "financing": ""})
    assert [line.service for line in response.context["page"]] == [shelter]
    by_type = client.get(reverse("network:index"), {"type": service_type(13).pk}).context["page"]
    assert shelter not in [line.service for line in by_type] and len(by_type) == 3
    by_financing = client.get(reverse("network:index"), {"financing": FinancingCategory.choices[-1][0]})
    assert [line.service for line in by_financing.context["page"]] == [shelter]
    none = client.get(reverse("network:index"), {"q": "nic takového"}).content.decode()
    assert "Filtrům neodpovídá žádná položka sítě." in none


def test_the_gap_table_answers_where_section_49_is_most_missing(client, network, django_assert_max_num_queries):
    with django_assert_max_num_queries(16):  # cold caches of the codelists and the population
        response = client.get(reverse("network:gaps"), {"type": service_type(13).pk, "sort": "gap"})
    assert response.status_code == 200
    rows = response.context["page"].object_list
    assert rows[0].orp.pk == 2109 and rows[0].gap == 640.0 - 120  # 3 × 40 beds in the network
    text = response.content.decode()
    assert 'class="tile-grid"' in text and "Kladno" in text


def test_the_gap_table_query_count_does_not_grow_with_the_data(client, network, django_assert_num_queries):
    client.get(reverse("network:gaps"))  # warm the codelist caches
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as first:
        client.get(reverse("network:gaps"), {"kraj": 3026})
    for n in range(5):
        make_membership(make_service(name=f"Další domov {n}"), capacity=10)
    make_norm(number=4, unit="klient", rate=3)
    with django_assert_num_queries(len(first)):
        client.get(reverse("network:gaps"), {"kraj": 3026})


def test_the_orp_page_shows_its_requirements_and_network(client, network):
    response = client.get(reverse("network:orp-gaps", args=[2109]))
    assert response.status_code == 200
    text = response.content.decode()
    assert "Domov Kladno 1" in text and "640" in text


@pytest.mark.parametrize("name, params", [
    ("network:index", {"kraj": "abc"}), ("network:index", {"year": "99999999999999999999"}),
    ("network:gaps", {"type": "-1"}), ("network:gaps", {"sort": "<script>"}),
    ("network:gaps", {"kraj": "1", "year": "x", "type": "x"}), ("network:orp-gaps", {"year": "\u0000"})])
def test_malformed_filters_are_form_errors(client, network, name, params):
    url = reverse(name, args=[2109]) if name == "network:orp-gaps" else reverse(name)
    response = client.get(url, params)
    assert response.status_code in (200, 400)
    assert response.status_code == 400 or b"errorlist" in response.content


def test_an_unknown_orp_is_404(client, db):
    assert client.get(reverse("network:orp-gaps", args=[999999])).status_code == 404


def test_the_capacity_of_the_network_is_on_the_service_page(client, network):
    home = network[0]
    response = client.get(home.get_absolute_url())
    text = response.content.decode()
    assert "Středočeský kraj" in text and "40" in text
    assert "network-heading" in text


def test_the_service_page_keeps_a_fixed_query_count_with_network_data(client, network, django_assert_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    home = network[0]
    with CaptureQueriesContext(connection) as first:
        client.get(home.get_absolute_url())
    make_membership(home, capacity=10, year=this_year() - 1)
    from django.core.cache import cache

    cache.clear()
    with django_assert_num_queries(len(first)):
        client.get(home.get_absolute_url())


def test_a_coordinator_can_start_a_planning_measure_from_a_gap(client, coordinator, network):
    client.force_login(coordinator)
    response = client.get(reverse("network:orp-gaps", args=[2109]))
    url = response.context["planning_url"]
    assert url.startswith(reverse("admin:planning_measure_add"))
    assert f"service_types={service_type(13).pk}" in url and "orps=2109" in url
    assert url.replace("&", "&amp;") in response.content.decode()
    form = client.get(url)
    assert form.status_code == 200
    assert "Kladno" in form.context["adminform"].form.initial["title"]


def test_the_public_does_not_get_the_planning_link(client, network):
    response = client.get(reverse("network:orp-gaps", args=[2109]))
    assert reverse("admin:planning_measure_add") not in response.content.decode()


def test_the_sitemap_lists_the_network_pages(client, db):
    text = client.get("/sitemap.xml").content.decode()
    assert "/cs/sit/mezery/" in text and "/cs/sit/mezery/orp/2109/" in text and "/en/network/" in text


def test_the_capacity_overview_shows_the_network_beside_the_registered_capacity(client, network):
    response = client.get("/cs/kapacity/", {"kraj": 3026, "type": service_type(13).pk})
    section = response.context["contributed_sections"][0]
    kladno = next(row for row in section["rows"] if row["label"] == "Kladno")
    assert kladno["cells"] == [(150, 120, 0.8)]  # 3 × 50 registered, 3 × 40 in the network
    assert "network-capacity-heading" in response.content.decode()
    whole = client.get("/cs/kapacity/", {"kraj": ""}).context["contributed_sections"][0]
    assert [row["label"] for row in whole["rows"]] == ["Středočeský kraj"]


def test_the_capacity_overview_is_unchanged_without_a_network(client, db):
    make_service(name="Domov mimo síť")
    assert client.get("/cs/kapacity/").context["contributed_sections"] == []
