"""Import of the national registry of social services (MPSV `rpss.json`, ../shared/DOMAIN.md §1).

The file (~100 MB, root `{"polozky": [...]}`, one item per service) is streamed with ijson and handled in
batches, so memory stays flat. Rules:

- **Atomic**: the whole import is one transaction. A file that is not JSON, not UTF-8, has the wrong root or
  breaks midway raises `ImportFileError` (with the byte offset and item number) and nothing is stored.
- **Item by item**: a bad item (invalid IČO, no identifier, a duplicate identifier, no provider or service
  type) is skipped; a bad part of an item (an unknown form or unit, an unknown obec) is left out; unknown
  codelist values are stored as codelist rows with `known=False`. Each is listed in the report with the
  item's identifier and the reason.
- **Idempotent**: every service keeps the fingerprint (`registry_hash`) of the normalised item it was
  imported from. An item with the same fingerprint writes nothing. A changed item updates only the fields
  and rows that differ. Providers are compared field by field.
- **Never overwritten**: free places (CapacityReport and the `free_places`/`current_*` figures), portal-only
  fields (description, how to get, served ORPs and obce, coordinates) and any field listed in the record's
  `locally_edited` (set when someone changes that field in the admin).
- **Ended, never deleted**: a service whose end date has passed keeps it; an active service missing from the
  file gets `valid_to` = the day before the import (within the `--kraj` kraje only, when limited), unless
  `keep_missing`. Personal data of statutory bodies (`statutarniOrgany`) is never read.
"""

import datetime as dt
import hashlib
import json
from collections import Counter, defaultdict
from dataclasses import dataclass, field

import ijson
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from simple_history.utils import bulk_create_with_history

from services.cache import bump_generation
from services.importers.source import ImportFileError, check_start, open_source
from services.models import (AgeGroup, CapacityUnit, Facility, Form, Provider, RegisteredCapacity, Service,
                             ServiceForm, ServiceType, TargetGroup, validate_ico)
from territory.models import Kraj, Obec

BATCH_SIZE = 500
MAX_PROBLEMS = 5000
# Fields the registry owns; a person's change in the admin (locally_edited) takes them over for good.
SERVICE_FIELDS = ["portal_id", "provider", "service_type", "name", "valid_from", "valid_to", "web", "email",
                  "phone", "target_groups", "target_groups_note", "age_groups", "age_groups_note", "served_kraje"]
PROVIDER_FIELDS = ["name", "address", "obec", "web", "email", "phone"]
ENTITIES = {
    "providers": gettext_lazy("Providers"), "services": gettext_lazy("Services"), "forms": gettext_lazy("Forms"),
    "capacities": gettext_lazy("Registered capacities"), "facilities": gettext_lazy("Facilities"),
    "codelists": gettext_lazy("Unknown codelist values"),
}
OUTCOMES = {
    "created": gettext_lazy("created"), "updated": gettext_lazy("updated"), "unchanged": gettext_lazy("unchanged"),
    "ended": gettext_lazy("ended"), "deleted": gettext_lazy("deleted"), "skipped": gettext_lazy("skipped"),
    "outside": gettext_lazy("outside the kraje"),
}
LINK_COLUMNS = {"target_groups": "targetgroup_id", "age_groups": "agegroup_id", "served_kraje": "kraj_id"}
FORMS = {choice.value for choice in Form}
UNITS = {choice.value for choice in CapacityUnit}


class SkipItem(Exception):
    """The item cannot be imported at all; the message is the reason shown in the report."""


@dataclass
class Report:
    counts: dict = field(default_factory=lambda: {entity: Counter() for entity in ENTITIES})
    problems: list = field(default_factory=list)
    items: int = 0
    problems_left_off: int = 0

    def problem(self, index: int, identifier, reason: str) -> None:
        if len(self.problems) >= MAX_PROBLEMS:
            self.problems_left_off += 1
            return
        self.problems.append({"item": index, "id": str(identifier or ""), "reason": str(reason)})

    @property
    def writes(self) -> int:
        return sum(n for counter in self.counts.values() for what, n in counter.items()
                   if what in ("created", "updated", "ended", "deleted"))

    def as_counts(self) -> dict:
        return {entity: {what: n for what, n in counter.items() if n} for entity, counter in self.counts.items()
                if any(counter.values())}

    def summary(self) -> str:
        lines = [_("Items in the file: %(count)d") % {"count": self.items}]
        for entity, counter in self.as_counts().items():
            parts = ", ".join(f"{OUTCOMES[what]} {counter[what]}" for what in OUTCOMES if what in counter)
            lines.append(f"{ENTITIES[entity]}: {parts}")
        if self.problems:
            lines.append(_("Problems: %(count)d") % {"count": len(self.problems) + self.problems_left_off})
            lines += [f"  #{p['item']} {p['id']}: {p['reason']}" for p in self.problems[:50]]
            if len(self.problems) > 50:
                lines.append("  " + _("… and %(count)d more (see the import in the administration)")
                             % {"count": len(self.problems) + self.problems_left_off - 50})
        return "\n".join(lines)


# --- Reading the file ------------------------------------------------------------------------------------

def read_items(handle, *, size: int, progress=None):
    """Yield (index, item) of `polozky`; a broken file raises ImportFileError saying where."""
    index = -1
    try:
        for index, item in enumerate(ijson.items(handle, "polozky.item", use_float=True)):
            yield index, item
            if progress and index % 200 == 0:
                progress(handle.tell(), size)
    except (ijson.JSONError, UnicodeDecodeError) as error:
        raise ImportFileError(_describe_error(error, offset=handle.tell(), items=index + 1)) from None
    if progress:
        progress(size, size)
    if index < 0:
        raise ImportFileError(_("The file has no items: its root must be an object with a non-empty list "
                                "\"polozky\"."))


def _describe_error(error, *, offset: int, items: int) -> str:
    text = str(error)
    where = {"offset": offset, "items": items}
    if isinstance(error, UnicodeDecodeError) or "UTF8" in text or "utf-8" in text.lower():
        return _("The file is not in UTF-8 encoding (invalid bytes before byte %(offset)d, after item "
                 "%(items)d). Save it as UTF-8.") % where
    if "premature EOF" in text or "Incomplete" in text:
        return _("The file ends too early (cut off at byte %(offset)d, after item %(items)d): it is probably "
                 "incomplete.") % where
    reason = text.strip().splitlines()[0] if text.strip() else type(error).__name__
    return _("The file is not valid JSON (before byte %(offset)d, after item %(items)d): %(reason)s") % {
        **where, "reason": reason}


# --- One item → a normalised record ----------------------------------------------------------------------

def _code(value) -> str | None:
    """`{"id": "Codelist/N"}` → "Codelist/N"."""
    if isinstance(value, dict) and isinstance(value.get("id"), str) and value["id"].strip():
        return value["id"].strip()
    return None


def _suffix(code: str | None) -> str | None:
    return code.rsplit("/", 1)[-1] if code else None


def _int(value) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, str) and value.strip().isdigit():
        return int(value.strip())
    return None


def _text(value, limit: int) -> str:
    return " ".join(str(value).split())[:limit] if value not in (None, "") else ""


def _first(entries, key: str, limit: int) -> str:
    for entry in entries or []:
        if isinstance(entry, dict) and entry.get(key):
            return _text(entry[key], limit)
    return ""


def _web(value: str) -> str:
    if value and not value.startswith(("http://", "https://")):
        value = "https://" + value
    return value[:300]


def _postcode(value) -> str:
    digits = "".join(ch for ch in str(value or "") if ch.isdigit())
    return f"{digits[:3]} {digits[3:]}" if len(digits) == 5 else digits[:6]


class ItemParser:
    """Turns one registry item into a plain, JSON-serialisable record (the fingerprint is its hash)."""

    def __init__(self, *, obce: dict, kraje_by_ruian: dict, today: dt.date):
        self.obce = obce  # code → (name, orp code, kraj code)
        self.kraje_by_ruian = kraje_by_ruian
        self.today = today

    def parse(self, item, problem) -> dict:
        if not isinstance(item, dict):
            raise SkipItem(_("The item is not an object."))
        registry_id = _text(item.get("identifikator"), 20)
        if not registry_id:
            raise SkipItem(_("The item has no service identifier (identifikator)."))
        provider = self.provider(item.get("poskytovatel"), problem)
        type_code = _code(item.get("druhSocialniSluzby"))
        if not type_code:
            raise SkipItem(_("The item has no service type (druhSocialniSluzby)."))
        valid_from = self.date(item.get("datumPoskytovaniOd"), "datumPoskytovaniOd", problem)
        valid_to = self.date(item.get("datumPoskytovaniDo"), "datumPoskytovaniDo", problem)
        if valid_from and valid_to and valid_to < valid_from:
            problem(_("The end date %(to)s is before the start date %(from)s; the start date is left out.")
                    % {"to": valid_to, "from": valid_from})
            valid_from = None
        forms, capacities = self.forms(item.get("formy"), problem)
        contact_obec = None
        for contact in item.get("kontaktniAdresy") or []:
            if isinstance(contact, dict) and isinstance(contact.get("adresa"), dict):
                contact_obec = self.obec(contact["adresa"], problem)
                break
        facilities = self.facilities(item.get("zarizeni"), " ".join(f[0] for f in forms), contact_obec, problem)
        target_groups, target_notes = [], []
        for entry in item.get("ciloveSkupiny") or []:
            code = _code(entry.get("cilovaSkupina")) if isinstance(entry, dict) else None
            if code:
                target_groups.append(code)
                if entry.get("doplnujiciInformace"):
                    target_notes.append(_text(entry["doplnujiciInformace"], 2000))
        age_groups = [code for entry in item.get("vekoveSkupiny") or []
                      if isinstance(entry, dict) and (code := _code(entry.get("vekovaSkupina")))]
        served_kraje = []
        for entry in item.get("rozsirenePusobnostiVKraji") or []:
            code = _code(entry.get("kraj")) if isinstance(entry, dict) else None
            kraj = self.kraje_by_ruian.get(_int(_suffix(code)))
            if kraj is None:
                problem(_("Unknown kraj %(code)s in the extended scope; left out.") % {"code": code})
            elif kraj not in served_kraje:
                served_kraje.append(kraj)
        open_facilities = [f for f in facilities if not f[8] or f[8] >= self.today.isoformat()]
        name = (open_facilities or facilities or [[""]])[0][0]
        return {
            "registry_id": registry_id,
            "portal_id": _int(item.get("portalId")),
            "provider": provider,
            "service_type": type_code,
            "name": name,
            "valid_from": valid_from and valid_from.isoformat(),
            "valid_to": valid_to and valid_to.isoformat(),
            "web": _web(_first(item.get("weby"), "web", 300)) or provider["web"],
            "email": _first(item.get("emaily"), "email", 254) or provider["email"],
            "phone": ", ".join(_text(e.get("telefon"), 40) for e in item.get("telefony") or []
                               if isinstance(e, dict) and e.get("telefon"))[:100] or provider["phone"],
            "target_groups": sorted(set(target_groups)),
            "target_groups_note": "\n".join(target_notes),
            "age_groups": sorted(set(age_groups)),
            "age_groups_note": _text(item.get("doplnujiciInformaceVekoveSkupiny"), 2000),
            "forms": forms,
            "capacities": capacities,
            "facilities": facilities,
            "served_kraje": sorted(served_kraje),
        }

    def provider(self, data, problem) -> dict:
        if not isinstance(data, dict):
            raise SkipItem(_("The item has no provider (poskytovatel)."))
        raw = data.get("ico")
        ico = str(raw).strip() if raw is not None else ""
        if ico.isdigit() and len(ico) < 8:
            ico = ico.zfill(8)  # IČO given as a number lost its leading zeros
        try:
            validate_ico(ico)
        except ValidationError:
            raise SkipItem(_("Invalid IČO %(ico)r of the provider.") % {"ico": raw}) from None
        name = _text(data.get("nazev"), 300)
        if not name:
            raise SkipItem(_("The provider has no name."))
        address = data.get("adresa") if isinstance(data.get("adresa"), dict) else None
        # statutarniOrgany (names of statutory bodies) are personal data and are deliberately not read.
        return {"ico": ico, "name": name, "address": self.address(address) if address else "",
                "obec": self.obec(address, problem) if address else None,
                "web": _web(_first(data.get("weby"), "web", 300)), "email": _first(data.get("emaily"), "email", 254),
                "phone": _first(data.get("telefony"), "telefon", 100)}

    def date(self, value, key: str, problem) -> dt.date | None:
        if value in (None, ""):
            return None
        try:
            return dt.date.fromisoformat(str(value)[:10])
        except ValueError:
            problem(_("Invalid date %(value)r in %(key)s; left out.") % {"value": value, "key": key})
            return None

    def obec(self, address: dict, problem) -> int | None:
        code = _code(address.get("obec"))
        if code is None:
            return None
        obec = _int(_suffix(code))
        if obec not in self.obce:
            problem(_("Unknown municipality %(code)s; the address is kept without it.") % {"code": code})
            return None
        return obec

    def address(self, address: dict) -> str:
        street = (address.get("ulice") or {}).get("nazev") if isinstance(address.get("ulice"), dict) else None
        number = str(address.get("cisloDomovni") or "")
        if address.get("cisloOrientacni"):
            number = f"{number}/{address['cisloOrientacni']}" if number else str(address["cisloOrientacni"])
        obec = self.obce.get(_int(_suffix(_code(address.get("obec")))))
        if street:
            first = f"{street} {number}".strip()
        elif number:
            kind = _suffix(_code(address.get("typCislaDomovniho")))
            first = (_("ev. no. %(number)s") if kind == "2" else _("no. %(number)s")) % {"number": number}
        else:
            first = ""
        parts = [first, _text(address.get("dodatekAdresy"), 100), obec[0] if obec else ""]
        return ", ".join(p for p in parts if p)[:300]

    def forms(self, entries, problem) -> tuple[list, list]:
        forms, capacities, seen = [], [], set()
        for entry in entries or []:
            if not isinstance(entry, dict):
                continue
            form = _suffix(_code(entry.get("forma")))
            if form not in FORMS:
                problem(_("Unknown form %(code)s; left out.") % {"code": _code(entry.get("forma"))})
                continue
            if form in seen:
                problem(_("Form %(form)s is listed twice; the first one is used.") % {"form": form})
                continue
            seen.add(form)
            nonstop = bool(entry.get("nepretrzitePoskytovani"))
            hours = []
            for span in entry.get("casoveRozsahy") or []:
                if isinstance(span, dict) and (day := _int(_suffix(_code(span.get("denVTydnu"))))):
                    hours.append({"day": day, "from": _text(span.get("od"), 5), "to": _text(span.get("do"), 5)})
            forms.append([form, nonstop, hours])
            units = set()
            for capacity in entry.get("kapacity") or []:
                if not isinstance(capacity, dict):
                    continue
                unit = _suffix(_code(capacity.get("typ")))
                maximum = _int(capacity.get("pocet"))
                if unit not in UNITS:
                    problem(_("Unknown capacity unit %(code)s; left out.") % {"code": _code(capacity.get("typ"))})
                elif maximum is None or maximum < 0:
                    problem(_("Invalid capacity %(value)r; left out.") % {"value": capacity.get("pocet")})
                elif unit in units:
                    problem(_("Capacity in %(unit)s listed twice for form %(form)s; the first one is used.")
                            % {"unit": unit, "form": form})
                else:
                    units.add(unit)
                    capacities.append([form, unit, maximum, _text(capacity.get("popis"), 300)])
        return forms, capacities

    def facilities(self, entries, forms: str, fallback_obec, problem) -> list:
        facilities, seen = [], set()
        for entry in entries or []:
            if not isinstance(entry, dict):
                continue
            address = entry.get("adresa") if isinstance(entry.get("adresa"), dict) else None
            hidden = bool(entry.get("utajenaAdresa"))
            obec = self.obec(address, problem) if address else None
            ruian = _int(address.get("kodAdresnihoMista")) if address else None
            valid_from = self.date(entry.get("poskytujeOd"), "poskytujeOd", problem)
            valid_to = self.date(entry.get("poskytujeDo"), "poskytujeDo", problem)
            name = _text(entry.get("nazev"), 300)
            key = (name, ruian, valid_from, valid_to)
            if key in seen:  # the registry repeats facilities; counting them twice would be wrong
                continue
            seen.add(key)
            facilities.append([
                name, "" if hidden or not address else self.address(address),
                "" if hidden or not address else _postcode(address.get("psc")),
                obec or fallback_obec, None if hidden else ruian, hidden, forms,
                valid_from and valid_from.isoformat(), valid_to and valid_to.isoformat()])
        return facilities


def fingerprint(record: dict) -> str:
    return hashlib.sha256(json.dumps(record, sort_keys=True, ensure_ascii=False).encode()).hexdigest()


# --- Writing ---------------------------------------------------------------------------------------------

def _date(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


class RegistryImporter:
    """Holds the lookups of one run and writes batches of records."""

    def __init__(self, *, report: Report, kraje=(), keep_missing: bool = False, today: dt.date | None = None):
        self.report = report
        self.today = today or timezone.localdate()
        self.kraje = {k.pk for k in kraje}
        self.keep_missing = keep_missing
        self.obce = {code: (name, orp, kraj) for code, name, orp, kraj in
                     Obec.objects.values_list("code", "name", "orp_id", "orp__kraj_id")}
        self.kraje_by_ruian = dict(Kraj.objects.values_list("ruian_code", "code"))
        self.parser = ItemParser(obce=self.obce, kraje_by_ruian=self.kraje_by_ruian, today=self.today)
        self.codelists = {model: {c.code: c for c in model.objects.all()}
                          for model in (ServiceType, TargetGroup, AgeGroup)}
        self.providers = {p.ico: p for p in Provider.objects.all()}
        self.provider_seen = set()
        self.services = {registry_id: (pk, digest, portal_id) for registry_id, pk, digest, portal_id in
                         Service.objects.values_list("registry_id", "pk", "registry_hash", "portal_id")}
        self.portal_ids = {portal_id: registry_id for registry_id, (_pk, _h, portal_id) in self.services.items()
                           if portal_id is not None}
        self.seen_ids = set()

    # Records ------------------------------------------------------------------------------------------

    def parse_batch(self, batch) -> list:
        records = []
        for index, item in batch:
            self.report.items += 1
            identifier = item.get("identifikator") if isinstance(item, dict) else None

            def problem(reason, index=index, identifier=identifier):
                self.report.problem(index, identifier, reason)

            try:
                record = self.parser.parse(item, problem)
            except SkipItem as reason:
                problem(str(reason))
                self.report.counts["services"]["skipped"] += 1
                continue
            if record["registry_id"] in self.seen_ids:
                problem(_("Duplicate service identifier; only its first item is imported."))
                self.report.counts["services"]["skipped"] += 1
                continue
            self.seen_ids.add(record["registry_id"])
            if self.kraje and not (self.kraje_of(record) & self.kraje):
                self.report.counts["services"]["outside"] += 1
                continue
            portal_id = record["portal_id"]
            if portal_id is not None and self.portal_ids.setdefault(portal_id, record["registry_id"]) != \
                    record["registry_id"]:
                problem(_("Portal id %(id)s belongs to another service; left out.") % {"id": portal_id})
                record["portal_id"] = None
            self.report_unknown_codes(record, problem)
            records.append((index, record))
        return records

    def kraje_of(self, record) -> set:
        """The kraje a service belongs to: of its facilities and its extended scope, else of the provider."""
        kraje = {self.obce[f[3]][2] for f in record["facilities"] if f[3]} | set(record["served_kraje"])
        if not kraje and record["provider"]["obec"]:
            kraje.add(self.obce[record["provider"]["obec"]][2])
        return kraje

    def report_unknown_codes(self, record, problem) -> None:
        checks = [(ServiceType, [record["service_type"]], _("service type")),
                  (TargetGroup, record["target_groups"], _("target group")),
                  (AgeGroup, record["age_groups"], _("age group"))]
        for model, codes, label in checks:
            for code in codes:
                known = self.codelists[model].get(code)
                if known is None or not known.known:
                    problem(_("Unknown %(list)s %(code)s; kept as an unconfirmed codelist value.")
                            % {"list": label, "code": code})

    def codelist_item(self, model, code: str):
        item = self.codelists[model].get(code)
        if item is None:
            item = model.objects.create(code=code, number=_int(_suffix(code)), name_cs=code, known=False)
            self.codelists[model][code] = item
            self.report.counts["codelists"]["created"] += 1
        return item

    # Batches ------------------------------------------------------------------------------------------

    def import_batch(self, batch) -> None:
        records = self.parse_batch(batch)
        self.write_providers([record for _index, record in records])
        new, changed = [], []
        for index, record in records:
            known = self.services.get(record["registry_id"])
            digest = fingerprint(record)
            if known is None:
                new.append((record, digest))
            elif known[1] == digest:
                self.report.counts["services"]["unchanged"] += 1
                for entity in ("forms", "capacities", "facilities"):
                    self.report.counts[entity]["unchanged"] += len(record[entity])
            else:
                changed.append((index, record, digest))
        if new:
            self.create_services(new)
        if changed:
            self.update_services(changed)

    def write_providers(self, records) -> None:
        created, updated = [], []
        for record in records:
            data = record["provider"]
            if data["ico"] in self.provider_seen:
                continue  # the first item of a provider decides its data in this run
            self.provider_seen.add(data["ico"])
            provider = self.providers.get(data["ico"])
            if provider is None:
                provider = Provider(ico=data["ico"], name=data["name"], address=data["address"],
                                    obec_id=data["obec"], web=data["web"], email=data["email"], phone=data["phone"])
                created.append(provider)
                self.providers[data["ico"]] = provider
                continue
            changes = {}
            for name in PROVIDER_FIELDS:
                attribute = "obec_id" if name == "obec" else name
                if name not in provider.locally_edited and getattr(provider, attribute) != data[name]:
                    changes[attribute] = data[name]
                    setattr(provider, attribute, data[name])
            if changes:
                updated.append((provider.pk, changes))
            else:
                self.report.counts["providers"]["unchanged"] += 1
        if created:
            Provider.objects.bulk_create(created)
            self.report.counts["providers"]["created"] += len(created)
        for pk, changes in updated:
            Provider.objects.filter(pk=pk).update(updated_at=timezone.now(), **changes)
        self.report.counts["providers"]["updated"] += len(updated)

    def create_services(self, new) -> None:
        services = []
        for record, digest in new:
            provider = self.providers[record["provider"]["ico"]]
            service = Service(
                registry_id=record["registry_id"], portal_id=record["portal_id"], provider=provider,
                service_type=self.codelist_item(ServiceType, record["service_type"]),
                name=record["name"] or f"{self.codelists[ServiceType][record['service_type']].name_cs} – "
                                       f"{provider.name}"[:300],
                valid_from=_date(record["valid_from"]), valid_to=_date(record["valid_to"]),
                web=record["web"], email=record["email"], phone=record["phone"],
                target_groups_note=record["target_groups_note"], age_groups_note=record["age_groups_note"],
                registry_hash=digest, orp_id=self.orp_of([f[3] for f in record["facilities"]], provider.obec_id))
            service.update_search_text(facility_names=[f[0] for f in record["facilities"]], save=False)
            services.append(service)
        Service.objects.bulk_create(services)
        self.report.counts["services"]["created"] += len(services)
        forms, capacities, facilities = [], [], []
        links = defaultdict(list)
        for service, (record, digest) in zip(services, new, strict=True):
            self.services[service.registry_id] = (service.pk, digest, service.portal_id)
            forms += [self.new_form(service.pk, entry) for entry in record["forms"]]
            capacities += [self.new_capacity(service.pk, entry) for entry in record["capacities"]]
            facilities += [self.new_facility(service.pk, entry) for entry in record["facilities"]]
            for relation, model in (("target_groups", TargetGroup), ("age_groups", AgeGroup)):
                links[relation] += [(service.pk, self.codelist_item(model, code).pk) for code in record[relation]]
            links["served_kraje"] += [(service.pk, kraj) for kraj in record["served_kraje"]]
        ServiceForm.objects.bulk_create(forms)
        RegisteredCapacity.objects.bulk_create(capacities)
        Facility.objects.bulk_create(facilities)
        for name, count in (("forms", len(forms)), ("capacities", len(capacities)), ("facilities", len(facilities))):
            self.report.counts[name]["created"] += count
        for relation, pairs in links.items():
            self.add_links(relation, pairs)

    def add_links(self, relation: str, pairs) -> None:
        through = getattr(Service, relation).through
        target = LINK_COLUMNS[relation]
        through.objects.bulk_create([through(service_id=s, **{target: t}) for s, t in pairs])

    def orp_of(self, facility_obce, provider_obec) -> int | None:
        """As Service.assign_orp: the ORP of the first facility with an obec, else of the provider's seat."""
        obec = next((code for code in facility_obce if code), provider_obec)
        return self.obce[obec][1] if obec in self.obce else None

    @staticmethod
    def new_form(service_id, entry) -> ServiceForm:
        form, nonstop, hours = entry
        return ServiceForm(service_id=service_id, form=form, nonstop=nonstop, hours=hours)

    @staticmethod
    def new_capacity(service_id, entry) -> RegisteredCapacity:
        form, unit, maximum, description = entry
        return RegisteredCapacity(service_id=service_id, form=form, unit=unit, maximum=maximum,
                                  description=description)

    @staticmethod
    def new_facility(service_id, entry) -> Facility:
        name, address, postcode, obec, ruian, hidden, forms, valid_from, valid_to = entry
        return Facility(service_id=service_id, name=name, address=address, postcode=postcode, obec_id=obec,
                        ruian_address_code=ruian, address_hidden=hidden, forms=forms,
                        valid_from=_date(valid_from), valid_to=_date(valid_to))

    def update_services(self, changed) -> None:
        pks = [self.services[record["registry_id"]][0] for _index, record, _digest in changed]
        existing = Service.objects.select_related("provider", "service_type").prefetch_related(
            "forms", "capacities", "facilities", "target_groups", "age_groups", "served_kraje").in_bulk(pks)
        new_forms, new_capacities = [], []
        for _index, record, digest in changed:
            service = existing[self.services[record["registry_id"]][0]]
            self.update_service(service, record, digest, new_forms=new_forms, new_capacities=new_capacities)
            self.services[record["registry_id"]] = (service.pk, digest, service.portal_id)
        # New rows of the whole batch in one insert each. A capacity line the registry adds to a known service
        # gets its "created" version in the admin history (by "registry import or system"), as save() gave it.
        ServiceForm.objects.bulk_create(new_forms)
        if new_capacities:
            bulk_create_with_history(new_capacities, RegisteredCapacity)

    def update_service(self, service: Service, record: dict, digest: str, *, new_forms: list,
                       new_capacities: list) -> None:
        """Write what differs between the service and its changed record; its new forms and capacity lines
        are only added to `new_forms` and `new_capacities`, which update_services() inserts for the batch."""
        counts = self.report.counts
        edited = set(service.locally_edited or [])
        provider = self.providers[record["provider"]["ico"]]
        wanted = {"portal_id": record["portal_id"], "provider": provider,
                  "service_type": self.codelist_item(ServiceType, record["service_type"]),
                  "name": record["name"] or service.name, "valid_from": _date(record["valid_from"]),
                  "valid_to": _date(record["valid_to"]), "web": record["web"], "email": record["email"],
                  "phone": record["phone"], "target_groups_note": record["target_groups_note"],
                  "age_groups_note": record["age_groups_note"]}
        was_ended = service.is_ended
        changes = {}
        for name, value in wanted.items():
            if name not in edited and getattr(service, name) != value:
                setattr(service, name, value)
                changes[name] = value
        if service.valid_from and service.valid_to and service.valid_to < service.valid_from:
            service.valid_from = changes["valid_from"] = None  # keep the constraint; the end date wins
        # Child rows: only the ones that differ are written.
        facilities, facilities_changed = self.sync_facilities(service, record)
        children_changed = [facilities_changed, self.sync_forms(service, record, new_forms),
                            self.sync_capacities(service, record, new_capacities)]
        for relation, model in (("target_groups", TargetGroup), ("age_groups", AgeGroup)):
            if relation not in edited:
                wanted_pks = {self.codelist_item(model, code).pk for code in record[relation]}
                children_changed.append(self.sync_links(service, relation, wanted_pks))
        if "served_kraje" not in edited:
            children_changed.append(self.sync_links(service, "served_kraje", set(record["served_kraje"])))
        orp = self.orp_of([f.obec_id for f in sorted(facilities, key=lambda f: f.pk)], provider.obec_id)
        if orp != service.orp_id:
            changes["orp_id"] = service.orp_id = orp
        old_search = service.search_text
        service.update_search_text(facility_names=[f.name for f in facilities], save=False)
        if service.search_text != old_search:
            changes["search_text"] = service.search_text
        changes["registry_hash"] = digest
        Service.objects.filter(pk=service.pk).update(updated_at=timezone.now(), **changes)
        if not was_ended and service.is_ended:
            counts["services"]["ended"] += 1
        else:
            changed = set(changes) - {"registry_hash"} or any(children_changed)
            counts["services"]["updated" if changed else "unchanged"] += 1

    def sync_forms(self, service, record, created: list) -> bool:
        """Forms follow the registry; returns whether any row changes."""
        have = {f.form: f for f in service.forms.all()}
        wanted = {entry[0]: self.new_form(service.pk, entry) for entry in record["forms"]}
        return self.sync_rows("forms", ServiceForm, have, wanted, fields=["nonstop", "hours"], created=created)

    def sync_capacities(self, service, record, created: list) -> bool:
        """Registered maxima follow the registry; free places reported on the portal are never touched."""
        have = {(c.form, c.unit): c for c in service.capacities.all()}
        wanted = {(entry[0], entry[1]): self.new_capacity(service.pk, entry) for entry in record["capacities"]}
        # A line the registry dropped goes, unless providers reported free places on it (kept as history).
        return self.sync_rows("capacities", RegisteredCapacity, have, wanted, fields=["maximum", "description"],
                              created=created, keep=lambda line: line.reported_at is not None)

    def sync_rows(self, entity: str, model, have: dict, wanted: dict, *, fields: list, created: list,
                  keep=lambda row: False) -> bool:
        """Make a service's rows of `model` (`have`, by their registry key) match `wanted` (new, unsaved rows
        by the same key): a missing row is appended to `created`, for the caller to insert with the rest of
        the batch; a row whose `fields` differ gets them all updated; a row the registry dropped is deleted
        unless `keep` says otherwise. Returns whether any row changes."""
        counts, changed = self.report.counts[entity], False
        for key, new in wanted.items():
            current = have.get(key)
            values = {name: getattr(new, name) for name in fields}
            if current is None:
                created.append(new)
                counts["created"] += 1
                changed = True
            elif any(getattr(current, name) != value for name, value in values.items()):
                model.objects.filter(pk=current.pk).update(**values)
                counts["updated"] += 1
                changed = True
            else:
                counts["unchanged"] += 1
        gone = [row.pk for key, row in have.items() if key not in wanted and not keep(row)]
        if gone:
            model.objects.filter(pk__in=gone).delete()
            counts["deleted"] += len(gone)
            changed = True
        return changed

    def sync_facilities(self, service, record) -> tuple[list, bool]:
        """Facilities have no id in the registry: they are matched by name and RÚIAN address code (or
        address). Coordinates, which the registry lacks, stay as they are. Returns the facilities now and
        whether any row was written."""
        have = defaultdict(list)
        for facility in service.facilities.all():
            have[(facility.name, facility.ruian_address_code or facility.address)].append(facility)
        counts, changed, now = self.report.counts["facilities"], False, []
        fields = ["address", "postcode", "obec_id", "ruian_address_code", "address_hidden", "forms", "valid_from",
                  "valid_to"]
        for entry in record["facilities"]:
            new = self.new_facility(service.pk, entry)
            matches = have.get((new.name, new.ruian_address_code or new.address))
            current = matches.pop(0) if matches else None
            if current is None:
                new.save()
                now.append(new)
                counts["created"] += 1
                changed = True
                continue
            now.append(current)
            differ = {name: getattr(new, name) for name in fields if getattr(current, name) != getattr(new, name)}
            if differ:
                for name, value in differ.items():
                    setattr(current, name, value)
                Facility.objects.filter(pk=current.pk).update(**differ)
                counts["updated"] += 1
                changed = True
            else:
                counts["unchanged"] += 1
        gone = [f.pk for matches in have.values() for f in matches]
        if gone:
            Facility.objects.filter(pk__in=gone).delete()
            counts["deleted"] += len(gone)
            changed = True
        return now, changed

    def sync_links(self, service, relation: str, wanted: set) -> bool:
        """Target groups, age groups, served kraje: add and remove only the differing links."""
        have = {item.pk for item in getattr(service, relation).all()}
        if have == wanted:
            return False
        through = getattr(Service, relation).through
        target = LINK_COLUMNS[relation]
        if have - wanted:
            through.objects.filter(service_id=service.pk, **{f"{target}__in": have - wanted}).delete()
        self.add_links(relation, [(service.pk, t) for t in wanted - have])
        return True

    def end_missing(self) -> None:
        """Active services the file no longer lists are ended the day before the import, never deleted."""
        if self.keep_missing:
            return
        missing = Service.objects.active(on=self.today).exclude(registry_id__in=self.seen_ids)
        if self.kraje:
            in_kraje = set()
            for kraj in Kraj.objects.filter(pk__in=self.kraje):
                in_kraje |= set(Service.objects.in_area(kraj=kraj).values_list("pk", flat=True))
            missing = missing.filter(pk__in=in_kraje)
        yesterday = self.today - dt.timedelta(days=1)
        ended = 0
        for service in missing.only("pk", "registry_id", "valid_from"):
            valid_to = max(yesterday, service.valid_from) if service.valid_from else yesterday
            # An empty fingerprint makes the service update when it comes back in a later file.
            Service.objects.filter(pk=service.pk).update(valid_to=valid_to, registry_hash="",
                                                         updated_at=timezone.now())
            ended += 1
        self.report.counts["services"]["ended"] += ended


def _batches(items, size: int):
    batch = []
    for entry in items:
        batch.append(entry)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def import_rpss(source, *, kraje=(), dry_run: bool = False, keep_missing: bool = False, progress=None,
                today: dt.date | None = None, max_bytes: int | None = None) -> Report:
    """Import the registry file at `source` (path or URL) in one transaction; return the report.

    Raises ImportFileError when the file as a whole is unusable (then nothing has changed).
    """
    from django.conf import settings

    report = Report()
    with open_source(source, max_bytes=max_bytes or settings.REGISTRY_IMPORT_MAX_BYTES) as (handle, size):
        check_start(handle)
        with transaction.atomic():
            importer = RegistryImporter(report=report, kraje=kraje, keep_missing=keep_missing, today=today)
            for batch in _batches(read_items(handle, size=size, progress=progress), BATCH_SIZE):
                importer.import_batch(batch)
            importer.end_missing()
            if dry_run:
                transaction.set_rollback(True)  # everything was computed; nothing is kept
    if not dry_run and report.writes:
        bump_generation()  # bulk writes send no signals: drop cached registry pages explicitly
    return report


def execute_run(run, *, progress=None) -> Report | None:
    """Run a recorded import (ImportRun) and store its outcome; a failed file is recorded, never raised."""
    from services.models import ImportRun

    ImportRun.objects.filter(pk=run.pk).update(status=ImportRun.Status.RUNNING, started_at=timezone.now())
    source = run.file if run.file else run.file_name
    try:
        report = import_rpss(source, kraje=list(run.kraje.all()), dry_run=run.dry_run,
                             keep_missing=run.keep_missing, progress=progress)
    except ImportFileError as error:
        run.status, run.error, report = ImportRun.Status.FAILED, str(error), None
    except Exception as error:  # a bug or a database failure: the run must not stay "running" for ever
        ImportRun.objects.filter(pk=run.pk).update(status=ImportRun.Status.FAILED, finished_at=timezone.now(),
                                                   error=f"{type(error).__name__}: {error}")
        raise
    else:
        run.status, run.counts, run.problems = ImportRun.Status.DONE, report.as_counts(), report.problems
        run.counts["items"] = report.items
        if report.problems_left_off:
            run.counts["problems_left_off"] = report.problems_left_off
    run.finished_at = timezone.now()
    ImportRun.objects.filter(pk=run.pk).update(status=run.status, error=run.error, counts=run.counts,
                                               problems=run.problems, finished_at=run.finished_at)
    return report
