"""Registry records as HSDS 3.1 objects (the mapping of ../shared/DOMAIN.md §5, "Czech registry to HSDS").

Only public data leaves: a facility whose address is kept secret (shelters for victims of violence) is a
location without address or coordinates; statutory bodies are never stored at all. Texts are Czech (the
registry's language), whatever the language of the request. Empty values are left out, never sent as "".
"""

import datetime as dt

from django.conf import settings
from django.utils import timezone

from services.api import ids
from services.models import CapacityUnit, Form

COUNTRY = "CZ"
TAXONOMY_TYPE = "MPSV-DruhSocialniSluzby"
TAXONOMY_TARGET = "MPSV-CilovaSkupinaOsoby"
TAXONOMY_AGE = "MPSV-VekovaSkupinaOsoby"
TAXONOMY_FORM = "MPSV-FormaSocialniSluzby"
UNIT_SCHEME = "MPSV-TypKapacity"
# Czech names of the forms and units (the API speaks Czech, like the registry).
FORM_NAMES = {Form.AMBULATORY: "ambulantní", Form.RESIDENTIAL: "pobytová", Form.FIELD: "terénní"}
UNIT_NAMES = {CapacityUnit.BEDS: "lůžko", CapacityUnit.CLIENTS: "klient",
              CapacityUnit.INTERVENTIONS: "intervence 30 min", CapacityUnit.CONTACTS: "kontakt 10 min",
              CapacityUnit.CALLS: "hovor"}


def _clean(data: dict) -> dict:
    return {key: value for key, value in data.items() if value not in (None, "", [], {})}


def _absolute(path: str) -> str:
    return settings.SITE_URL + path


def _web(value: str) -> str:
    return value if value.startswith(("https://", "http://")) else ""


def _timestamp(value: dt.datetime) -> str:
    return timezone.localtime(value).isoformat()


def _day_timestamp(day: dt.date) -> str:
    return timezone.make_aware(dt.datetime.combine(day, dt.time())).isoformat()


def _term(taxonomy: str, code: str, name: str, description: str = "") -> dict:
    return _clean({"id": ids.named("term", code), "code": code, "name": name,
                   "description": description or name, "taxonomy": taxonomy, "language": "cs"})


def _attribute(link_id: str, link_type: str, link_entity: str, term: dict) -> dict:
    return {"id": ids.named("attribute", link_id, term["code"]), "link_id": link_id, "link_type": link_type,
            "link_entity": link_entity, "taxonomy_term_id": term["id"], "taxonomy_term": term,
            "value": term["name"], "label": term["name"]}


def _phone(owner_field: str, owner_id: str, number: str) -> list[dict]:
    return [{"id": ids.named("phone", owner_id), owner_field: owner_id, "number": number}] if number else []


# --- organization -----------------------------------------------------------------------------------


def organization(provider) -> dict:
    organization_id = ids.organization(provider)
    return _clean({
        "id": organization_id,
        "name": provider.name,
        "description": ", ".join(part for part in ("Poskytovatel sociálních služeb", provider.legal_form,
                                                   f"IČO {provider.ico}") if part),
        "email": provider.email,
        "website": _web(provider.web),
        "legal_status": provider.legal_form,
        "uri": _absolute(provider.get_absolute_url()),
        "organization_identifiers": [{
            "id": ids.named("organization_identifier", provider.ico), "organization_id": organization_id,
            "identifier_scheme": "CZ-ICO", "identifier_type": "IČO", "identifier": provider.ico}],
        "phones": _phone("organization_id", organization_id, provider.phone),
    })


# --- service ------------------------------------------------------------------------------------------


def service_status(service, today: dt.date) -> str:
    if service.valid_to is not None and service.valid_to < today:
        return "defunct"  # the registration ended
    if service.valid_from is not None and service.valid_from > today:
        return "inactive"  # registered, not provided yet
    return "active"


def _age_bounds(age_groups) -> tuple[int | None, int | None]:
    """The youngest and oldest age the service's age groups cover (None where a group is open-ended)."""
    if not age_groups:
        return None, None
    lows = [group.min_age for group in age_groups]
    highs = [group.max_age for group in age_groups]
    return (min(lows) if None not in lows else None), (max(highs) if None not in highs else None)


def service(service, *, today: dt.date | None = None) -> dict:
    """A service with its capacities and its type, target and age groups as attributes (prefetch
    "capacities", "target_groups", "age_groups"; select provider and service_type)."""
    today = today or timezone.localdate()
    service_id = ids.service(service)
    kind = service.service_type
    terms = [(TAXONOMY_TYPE, _term(TAXONOMY_TYPE, kind.code, kind.name_cs,
                                   f"§ {kind.paragraph} {kind.name_cs}" if kind.paragraph else kind.name_cs))]
    terms += [(TAXONOMY_TARGET, _term(TAXONOMY_TARGET, group.code, group.name_cs))
              for group in service.target_groups.all()]
    age_groups = list(service.age_groups.all())
    terms += [(TAXONOMY_AGE, _term(TAXONOMY_AGE, group.code, group.name_cs)) for group in age_groups]
    minimum_age, maximum_age = _age_bounds(age_groups)
    return _clean({
        "id": service_id,
        "organization_id": ids.organization(service.provider),
        "name": service.name,
        "description": service.description,
        "url": _web(service.web) or _absolute(service.get_absolute_url()),
        "email": service.email,
        "status": service_status(service, today),
        "application_process": service.how_to_get,
        "eligibility_description": service.target_groups_note,
        "minimum_age": minimum_age,
        "maximum_age": maximum_age,
        "last_modified": _timestamp(service.updated_at),
        "alternate_name": f"Registrace {service.registry_id}",
        "phones": _phone("service_id", service_id, service.phone),
        "capacities": [service_capacity(line, service) for line in service.capacities.all()],
        "attributes": [_attribute(service_id, taxonomy, "service", term) for taxonomy, term in terms],
    })


# --- service_capacity and unit ------------------------------------------------------------------------


def unit(code: str) -> dict:
    return {"id": ids.named("unit", code), "name": UNIT_NAMES.get(code, code), "scheme": UNIT_SCHEME,
            "identifier": code}


def service_capacity(line, service) -> dict:
    """One registered capacity line. HSDS requires `available`: the newest reported free places, or 0 with
    a description saying so when the provider never reported (a consumer is never told of places that
    nobody reported); `updated` is the day of that report. The form is in the description and an attribute,
    because HSDS capacities have no form."""
    capacity_id = ids.capacity(line, service.registry_id)
    form_name = FORM_NAMES.get(line.form, line.form)
    reported = line.reported_at is not None
    description = f"Forma {form_name}" + (f": {line.description}" if line.description else "")
    if not reported:
        description += " (volná místa poskytovatel nenahlásil)"
    return _clean({
        "id": capacity_id,
        "service_id": ids.service(service),
        "unit": unit(line.unit),
        "unit_id": ids.named("unit", line.unit),
        "available": line.free_places if reported else 0,
        "maximum": line.maximum,
        "description": description,
        "updated": _day_timestamp(line.reported_at) if reported else _timestamp(service.updated_at),
        "attributes": [_attribute(capacity_id, TAXONOMY_FORM, "service_capacity",
                                  _term(TAXONOMY_FORM, f"FormaSocialniSluzby/{line.form}", form_name))],
    })


# --- location and service_at_location -------------------------------------------------------------------


def location(facility) -> dict:
    """A facility (select obec__okres__kraj). A secret address stays secret: no address, no coordinates."""
    location_id = ids.location(facility)
    data = {"id": location_id, "location_type": "physical", "name": facility.name}
    if facility.address_hidden:
        data["description"] = "Adresa se nezveřejňuje."
        return data
    if facility.latitude is not None and facility.longitude is not None:
        data["latitude"], data["longitude"] = float(facility.latitude), float(facility.longitude)
    if facility.ruian_address_code:
        data["external_identifier"] = str(facility.ruian_address_code)
        data["external_identifier_type"] = "RUIAN-ADM"
    obec = facility.obec
    if facility.address and facility.postcode and obec is not None:  # every part HSDS requires
        data["addresses"] = [{
            "id": ids.named("address", facility.pk), "location_id": location_id, "address_1": facility.address,
            "city": obec.name, "region": obec.okres.name, "state_province": obec.okres.kraj.name,
            "postal_code": facility.postcode, "country": COUNTRY, "address_type": "physical"}]
    elif facility.address:
        data["description"] = ", ".join(part for part in (facility.address, obec.name if obec else "") if part)
    return data


def service_at_location(facility) -> dict:
    """A facility is a place of one service (select service, obec__okres__kraj)."""
    forms = [FORM_NAMES.get(code, code) for code in facility.forms.split()]
    return _clean({
        "id": ids.service_at_location(facility),
        "service_id": ids.service(facility.service),
        "location_id": ids.location(facility),
        "description": ("Formy: " + ", ".join(forms)) if forms else "",
        "location": location(facility),
    })
