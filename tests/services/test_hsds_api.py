"""The HSDS 3.1 API: every response valid against the official schemas, pagination, modified_after, stable
ids, only public data, fixed queries per page."""

import datetime as dt
import json
from pathlib import Path

import pytest
from django.utils import timezone
from jsonschema import Draft202012Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

from services.api import ids
from services.models import AgeGroup, Facility, Service
from tests.services.factories import ProviderFactory, ServiceFactory, make_service

pytestmark = pytest.mark.django_db

SCHEMAS = Path(__file__).with_name("hsds_schemas")
PAGE = {  # the Page schema of the HSDS OpenAPI description, with `contents`
    "type": "object",
    "required": ["total_items", "total_pages", "page_number", "size", "first_page", "last_page", "empty",
                 "contents"],
    "properties": {"total_items": {"type": "integer"}, "total_pages": {"type": "integer"},
                   "page_number": {"type": "integer"}, "size": {"type": "integer"},
                   "first_page": {"type": "boolean"}, "last_page": {"type": "boolean"},
                   "empty": {"type": "boolean"}, "contents": {"type": "array"}},
}
ENDPOINTS = {  # list path → schema of one item
    "organizations": "organization.json",
    "services": "service.json",
    "locations": "location.json",
    "service_at_locations": "service_at_location.json",
    "service_capacities": "service_capacity.json",
}


def _registry() -> Registry:
    resources = []
    for path in SCHEMAS.glob("*.json"):
        schema = json.loads(path.read_text(encoding="utf-8"))
        resources.append((path.name, Resource.from_contents(schema, default_specification=DRAFT202012)))
    return Registry().with_resources(resources)


REGISTRY = _registry()


def validate(instance, schema_name: str) -> None:
    validator = Draft202012Validator({"$ref": schema_name}, registry=REGISTRY,
                                     format_checker=Draft202012Validator.FORMAT_CHECKER)
    errors = sorted(validator.iter_errors(instance), key=lambda e: list(e.path))
    assert not errors, [f"{list(e.path)}: {e.message}" for e in errors]


def get(client, path, **params):
    response = client.get(f"/api/hsds/{path}", params)
    return response, response.json()


@pytest.fixture
def registry_data():
    age = AgeGroup.objects.filter(min_age__isnull=False, max_age__isnull=False).first()
    shelter = make_service(name="Azylový dům Kladno", forms=("pob", "amb"), free_places=3, waiting_list=2,
                           target_groups=[])
    if age:
        shelter.age_groups.add(age)
    Facility.objects.filter(service=shelter).update(latitude="50.147000", longitude="14.102000",
                                                    ruian_address_code=12345678)
    secret = make_service(name="Intervenční byt")
    Facility.objects.filter(service=secret).update(address_hidden=True, latitude="50.1", longitude="14.1",
                                                   address="Tajná 5")
    ended = make_service(name="Ukončená služba", valid_to=timezone.localdate() - dt.timedelta(days=3))
    return {"shelter": shelter, "secret": secret, "ended": ended}


@pytest.mark.parametrize("path", list(ENDPOINTS))
def test_every_list_is_a_valid_hsds_page(client, registry_data, path):
    response, data = get(client, path)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response["Access-Control-Allow-Origin"] == "*"
    assert not sorted(Draft202012Validator(PAGE).iter_errors(data), key=str)
    assert data["total_items"] == data["size"] == len(data["contents"]) > 0
    assert (data["page_number"], data["total_pages"], data["first_page"], data["last_page"], data["empty"]) == (
        1, 1, True, True, False)
    for item in data["contents"]:
        validate(item, ENDPOINTS[path])


@pytest.mark.parametrize("path", list(ENDPOINTS))
def test_every_item_is_found_by_its_id_and_valid(client, registry_data, path):
    _response, data = get(client, path)
    for item in data["contents"]:
        response, detail = get(client, f"{path}/{item['id']}")
        assert response.status_code == 200
        assert detail == item
        validate(detail, ENDPOINTS[path])


@pytest.mark.parametrize("path", list(ENDPOINTS))
def test_unknown_ids_are_json_404(client, path):
    huge = 2**62 - 1  # beyond every database key
    for bad in ("nonsense", "6f1c1c52-0000-4000-8000-000000000000", ids.make(ids.LOCATION, 999999),
                *(ids.make(kind, huge) for kind in range(1, 8))):
        response, data = get(client, f"{path}/{bad}")
        assert response.status_code == 404 and "error" in data


def test_service_maps_the_registry(client, registry_data):
    shelter = registry_data["shelter"]
    _response, data = get(client, f"services/{ids.service(shelter)}")
    assert data["id"] == ids.make(ids.SERVICE, int(shelter.registry_id))
    assert data["organization_id"] == ids.organization(shelter.provider)
    assert data["name"] == "Azylový dům Kladno" and data["status"] == "active"
    capacities = {"Forma " + c["attributes"][0]["taxonomy_term"]["name"]: c for c in data["capacities"]}
    assert capacities["Forma pobytová"]["available"] == 3 and capacities["Forma pobytová"]["maximum"] == 20
    assert capacities["Forma pobytová"]["unit"]["name"] == "lůžko"
    assert capacities["Forma pobytová"]["unit"]["scheme"] == "MPSV-TypKapacity"
    assert capacities["Forma ambulantní"]["available"] == 0
    assert "nenahlásil" in capacities["Forma ambulantní"]["description"]
    terms = {a["taxonomy_term"]["taxonomy"]: a["taxonomy_term"] for a in data["attributes"]}
    assert terms["MPSV-DruhSocialniSluzby"]["code"] == "DruhSocialniSluzby/13"
    _response, ended = get(client, f"services/{ids.service(registry_data['ended'])}")
    assert ended["status"] == "defunct"


def test_organization_carries_the_ico(client):
    provider = ProviderFactory(ico="00064581")
    _response, data = get(client, f"organizations/{ids.organization(provider)}")
    assert data["organization_identifiers"][0]["identifier"] == "00064581"
    assert data["organization_identifiers"][0]["identifier_scheme"] == "CZ-ICO"
    validate(data, "organization.json")


def test_ids_are_stable_across_databases(client):
    """Built from the IČO and the registry identifier, not from database keys."""
    service = ServiceFactory(registry_id="1234567", provider=ProviderFactory(ico="00064581"))
    assert ids.service(service) == "435a5250-5353-8002-8000-00000012d687"
    assert ids.organization(service.provider) == "435a5250-5353-8001-8000-00000000fc45"
    assert ids.parse(ids.service(service)) == (ids.SERVICE, 1234567)


def test_hidden_addresses_stay_hidden(client, registry_data):
    secret_facility = registry_data["secret"].facilities.get()
    for path in ("locations", "service_at_locations"):
        text = client.get(f"/api/hsds/{path}").content.decode()
        assert "Tajná 5" not in text
    _response, location = get(client, f"locations/{ids.location(secret_facility)}")
    assert "addresses" not in location and "latitude" not in location
    _response, public = get(client, f"locations/{ids.location(registry_data['shelter'].facilities.get())}")
    address = public["addresses"][0]
    assert (address["city"], address["postal_code"], address["country"]) == ("Kladno", "27201", "CZ")
    assert address["state_province"] == "Středočeský kraj"
    assert public["external_identifier"] == "12345678" and public["latitude"] == 50.147


def test_pagination(client):
    ServiceFactory.create_batch(5)
    _response, first = get(client, "services", per_page=2)
    _response, last = get(client, "services", per_page=2, page=3)
    _response, beyond = get(client, "services", per_page=2, page=9)
    assert (first["total_items"], first["total_pages"], first["size"], first["last_page"]) == (5, 3, 2, False)
    assert (last["page_number"], last["size"], last["first_page"], last["last_page"]) == (3, 1, False, True)
    assert beyond["empty"] and beyond["contents"] == []
    _response, everything = get(client, "services", per_page=5)
    assert [s["id"] for s in everything["contents"]] == [
        s["id"] for page in (1, 2, 3) for s in get(client, "services", per_page=2, page=page)[1]["contents"]]


@pytest.mark.parametrize("params", [{"page": "0"}, {"page": "x"}, {"per_page": "-1"}, {"per_page": "501"},
                                    {"modified_after": "yesterday"}, {"modified_after": "2026-13-45"},
                                    {"organization_id": "nonsense"}])
def test_bad_parameters_are_json_400(client, params):
    response, data = get(client, "services", **params)
    assert response.status_code == 400
    assert "error" in data


def test_modified_after(client):
    old, new = ServiceFactory(), ServiceFactory()
    Service.objects.filter(pk=old.pk).update(updated_at=timezone.now() - dt.timedelta(days=10))
    since = (timezone.now() - dt.timedelta(days=1)).isoformat()
    _response, data = get(client, "services", modified_after=since)
    assert [s["id"] for s in data["contents"]] == [ids.service(new)]
    day = (timezone.localdate() - dt.timedelta(days=20)).isoformat()
    assert get(client, "services", modified_after=day)[1]["total_items"] == 2


def test_a_capacity_report_counts_as_a_modification(client):
    """Free places reported today make the service (and its capacity) "modified" today."""
    service = make_service()
    Service.objects.filter(pk=service.pk).update(updated_at=timezone.now() - dt.timedelta(days=10))
    since = (timezone.now() - dt.timedelta(hours=1)).isoformat()
    assert get(client, "service_capacities", modified_after=since)[1]["total_items"] == 0
    from services.models import CapacityReport
    CapacityReport.record(service=service, form="pob", unit="luzka", free_places=4)
    assert get(client, "service_capacities", modified_after=since)[1]["total_items"] == 1


def test_organization_filter(client):
    service = ServiceFactory()
    ServiceFactory()
    _response, data = get(client, "services", organization_id=ids.organization(service.provider))
    assert [s["id"] for s in data["contents"]] == [ids.service(service)]


@pytest.mark.parametrize(("path", "queries"), [("organizations", 2), ("services", 5), ("locations", 2),
                                               ("service_at_locations", 2), ("service_capacities", 2)])
def test_lists_run_a_fixed_number_of_queries(client, django_assert_num_queries, path, queries):
    for _index in range(12):
        make_service(forms=("pob", "amb"), free_places=1)
    with django_assert_num_queries(queries):
        assert client.get(f"/api/hsds/{path}").status_code == 200


def test_index_and_openapi(client):
    _response, info = get(client, "")
    assert info["version"] == "3.1" and info["openapi_url"].endswith("/api/hsds/openapi.json")
    response, document = get(client, "openapi.json")
    assert response.status_code == 200 and document["openapi"].startswith("3.1")
    assert set(document["paths"]) >= {"/services", "/services/{id}", "/organizations", "/locations",
                                       "/service_at_locations", "/service_capacities"}
    assert document["servers"][0]["url"].endswith("/api/hsds")


def test_api_is_read_only(client):
    assert client.post("/api/hsds/services").status_code == 405


def test_an_unchanged_page_is_not_sent_again(client):
    ServiceFactory()
    response = client.get("/api/hsds/services")
    etag = response["ETag"]
    again = client.get("/api/hsds/services", HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304 and again.content == b"" and again["ETag"] == etag
    ServiceFactory()
    assert client.get("/api/hsds/services", HTTP_IF_NONE_MATCH=etag).status_code == 200


def test_search_words(client):
    wanted = make_service(name="Azylový dům Kladno")
    make_service(name="Domov pro seniory")
    _response, data = get(client, "services", search="AZYLOVY dum")
    assert [s["id"] for s in data["contents"]] == [ids.service(wanted)]
