"""Stable HSDS ids: UUIDs (version 8, "custom", RFC 9562) that carry the registry's own keys.

The same provider or service gets the same id on every installation and after every re-import, because
the id is built from the IČO or the registry identifier, not from a database key; and an id can be read
back, so `/services/{id}` needs no lookup table. Layout of the 128 bits: the prefix "CZRPSS" (48 bits),
the version 8 (4), the kind (12), the variant 0b10 (2), the key (62). Objects that are never fetched by id
(taxonomy terms, attributes, units, addresses, phones) get uuid5 names in NAMESPACE instead.
"""

import uuid

PREFIX = int.from_bytes(b"CZRPSS", "big")
NAMESPACE = uuid.UUID("435a5250-5353-8000-8000-000000000000")
KEY_BITS = 62

ORGANIZATION, SERVICE, SERVICE_BY_PK, LOCATION, SERVICE_AT_LOCATION, CAPACITY, CAPACITY_BY_PK = range(1, 8)
FORMS = ["amb", "pob", "ter"]
UNITS = ["luzka", "klient", "interv", "kontakt", "hovor"]


def make(kind: int, key: int) -> str:
    if not 0 <= key < 2**KEY_BITS:
        raise ValueError(f"key {key} does not fit")
    return str(uuid.UUID(int=(PREFIX << 80) | (0x8 << 76) | (kind << 64) | (0b10 << 62) | key))


def parse(text: str) -> tuple[int, int] | None:
    """(kind, key) of one of our ids; None for anything else (a malformed or foreign UUID)."""
    try:
        value = uuid.UUID(str(text)).int
    except ValueError:
        return None
    if value >> 80 != PREFIX or (value >> 76) & 0xF != 0x8 or (value >> 62) & 0b11 != 0b10:
        return None
    return (value >> 64) & 0xFFF, value & (2**KEY_BITS - 1)


def named(*parts) -> str:
    return str(uuid.uuid5(NAMESPACE, ":".join(str(part) for part in parts)))


def _registry_number(registry_id: str) -> int | None:
    """The registry identifier as a number when it is one without leading zeros (so it reads back as is)."""
    if registry_id.isdigit() and registry_id == str(int(registry_id)) and int(registry_id) < 2**(KEY_BITS - 6):
        return int(registry_id)
    return None


def organization(provider) -> str:
    return make(ORGANIZATION, int(provider.ico))


def service(service) -> str:
    number = _registry_number(service.registry_id)
    return make(SERVICE, number) if number is not None else make(SERVICE_BY_PK, service.pk)


def location(facility) -> str:
    return make(LOCATION, facility.pk)


def service_at_location(facility) -> str:
    return make(SERVICE_AT_LOCATION, facility.pk)


def capacity(line, registry_id: str) -> str:
    number = _registry_number(registry_id)
    if number is None or line.form not in FORMS or line.unit not in UNITS:
        return make(CAPACITY_BY_PK, line.pk)
    return make(CAPACITY, (number << 6) | (FORMS.index(line.form) << 3) | UNITS.index(line.unit))


def capacity_lookup(kind: int, key: int) -> dict | None:
    """Filter kwargs for RegisteredCapacity from a parsed capacity id."""
    if kind == CAPACITY_BY_PK:
        return {"pk": key}
    form, unit = (key >> 3) & 0b111, key & 0b111
    if kind != CAPACITY or form >= len(FORMS) or unit >= len(UNITS):
        return None
    return {"service__registry_id": str(key >> 6), "form": FORMS[form], "unit": UNITS[unit]}


def service_lookup(kind: int, key: int) -> dict | None:
    if kind == SERVICE:
        return {"registry_id": str(key)}
    if kind == SERVICE_BY_PK:
        return {"pk": key}
    return None


def organization_lookup(kind: int, key: int) -> dict | None:
    return {"ico": f"{key:08d}"} if kind == ORGANIZATION and key < 10**8 else None
