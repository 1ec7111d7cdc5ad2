"""CSV download of a registry search (services/views/export.py): the rows are the page's result set."""

import csv
import io

import pytest
from django.utils import timezone

from services.models import Facility, ServiceType
from territory.models import Obec
from tests.services.factories import make_service

pytestmark = pytest.mark.django_db

KLADNO, VLASIM = 532053, 530883
ORP_KLADNO = 2109
SHELTER, HOME_FOR_ELDERLY = "DruhSocialniSluzby/20", "DruhSocialniSluzby/13"


def service(name, *, type_code=HOME_FOR_ELDERLY, obec=KLADNO, **fields):
    return make_service(name=name, service_type=ServiceType.objects.get(code=type_code),
                        obec=Obec.objects.get(pk=obec), **fields)


def download(client, **params):
    response = client.get("/en/services/export.csv", params)
    assert response.status_code == 200
    assert response.streaming
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="socialni-sluzby-')
    content = b"".join(response.streaming_content)
    assert content.startswith("\ufeff".encode())  # Excel opens UTF-8 with a BOM correctly
    return list(csv.reader(io.StringIO(content.decode("utf-8-sig")), delimiter=";"))


def page_ids(client, **params) -> list[str]:
    """Registry ids of every result of the search page, page after page."""
    ids, page = [], 1
    while True:
        response = client.get("/en/services/", {**params, "page": page})
        ids += [s.registry_id for s in response.context["services"]]
        if page >= response.context["page"].paginator.num_pages:
            return ids
        page += 1


@pytest.fixture
def registry():
    for number in range(23):
        service(f"Domov {number:02d}", free_places=number % 3, as_of=timezone.localdate())
    service("Azylový dům Kladno", type_code=SHELTER, free_places=2)
    service("Azylový dům Vlašim", type_code=SHELTER, obec=VLASIM)
    service("Domov Vlašim", obec=VLASIM, forms=("amb",))


@pytest.mark.parametrize("params", [
    {},
    {"type": SHELTER},
    {"orp": str(ORP_KLADNO), "free": "on"},
    {"q": "domov", "sort": "free"},
    {"form": "amb"},
    {"orp": "not-a-number", "type": SHELTER},  # a malformed filter is left out, as on the page
])
def test_rows_equal_the_pages_result_set(client, registry, params):
    rows = download(client, **params)
    assert rows[0][:3] == ["Registry identifier", "Name", "Service type"]
    assert [row[0] for row in rows[1:]] == page_ids(client, **params)


def test_a_row_holds_the_record(client):
    home = service("Domov Slunce", free_places=4, waiting_list=7)
    rows = download(client)
    row = dict(zip(rows[0], rows[1], strict=True))
    assert row["Name"] == "Domov Slunce" and row["IČO"] == home.provider.ico
    assert (row["Free places"], row["Waiting list"], row["Outdated"]) == ("4", "7", "no")
    assert "Vzorová 1" in row["Facilities"] and "Kladno" in row["Facilities"]
    assert row["Address on the portal"].endswith(f"/en/services/{home.pk}-domov-slunce/")


def test_secret_addresses_are_not_exported(client):
    shelter = service("Intervenční byt")
    Facility.objects.filter(service=shelter).update(address="Tajná 5", address_hidden=True)
    assert "Tajná 5" not in str(download(client))


def test_export_is_streamed_in_chunks(client, django_assert_max_num_queries):
    """Memory stays flat: rows are read in chunks, each with its prefetches (not one query per row)."""
    for number in range(30):
        service(f"Domov {number}")
    with django_assert_max_num_queries(12):
        assert len(download(client)) == 31


def test_the_search_page_links_the_download_with_its_query(client):
    html = client.get("/en/services/", {"type": SHELTER, "page": 1}).content.decode()
    assert 'href="/en/services/export.csv?type=' in html
