"""Writing the records of the registry file (services/importers/reading.py) to the database, one batch at
a time, and the report of what was done (services/importers/rpss.py runs it all in one transaction).

- **Checked across items**: of items with the same identifier the later one wins (the national file is
  rewritten by later records); a portal id another service has is left out; unknown codelist values are
  stored as codelist rows with `known=False`; with `kraje`, services outside them are left alone. Each is
  listed in the report with the item's number, its identifier and the reason.
- **Idempotent**: every service keeps the fingerprint (`registry_hash`) of the normalised item it was
  imported from. An item with the same fingerprint writes nothing. A changed item updates only the fields
  and rows that differ. Providers are compared field by field.
- **Never overwritten**: free places (CapacityReport and the `free_places`/`current_*` figures), portal-only
  fields (description, how to get, served ORPs and obce, coordinates) and any field listed in the record's
  `locally_edited` (set when someone changes that field in the admin).
- **Ended, never deleted, and only from a sane file**: a service whose end date has passed keeps it; an
  active service missing from the file gets `valid_to` = the day before the import (within the `--kraj`
  kraje only, when limited) only when the file looks complete: no item is structurally broken (not an
  object, no identifier) and at most settings.REGISTRY_IMPORT_MAX_ENDED_PERCENT of the active services in
  scope would end. Otherwise nothing is ended and the report says how many were kept and why.
  `end_missing="always"` ends them anyway (confirmed by a person), `"never"` keeps them.
- **History**: records the import creates get their first history version (record_history: one INSERT …
  SELECT per batch, as fast as the rows themselves), and services and providers it changes or ends get one
  too, so a later edit in the admin can be reverted.
"""

import datetime as dt
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.conf import settings
from django.db import connection
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from services.importers.reading import ItemParser, SkipItem, _int, _suffix, fingerprint, identifier_of
from services.models import (
    AgeGroup,
    Facility,
    Provider,
    RegisteredCapacity,
    Service,
    ServiceForm,
    ServiceType,
    TargetGroup,
)
from territory.models import Kraj, Obec

BATCH_SIZE = 500
MAX_PROBLEMS = 5000
MAX_LISTED = 200  # names of created / updated / ended / missing services kept for the preview
HISTORY_REASON = "registry import"
END_MISSING_MODES = ("auto", "always", "never")
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
    "outside": gettext_lazy("outside the kraje"), "kept": gettext_lazy("missing from the file, kept"),
}
CHANGE_LISTS = {"created": gettext_lazy("Services to be created"), "updated": gettext_lazy("Services to be updated"),
                "ended": gettext_lazy("Services to be ended"),
                "missing": gettext_lazy("Services missing from the file")}
LINK_COLUMNS = {"target_groups": "targetgroup_id", "age_groups": "agegroup_id", "served_kraje": "kraj_id"}


@dataclass
class Report:
    counts: dict = field(default_factory=lambda: {entity: Counter() for entity in ENTITIES})
    problems: list = field(default_factory=list)
    items: int = 0
    problems_left_off: int = 0
    broken_items: int = 0  # structurally broken items (not an object, no identifier): the file is not complete
    duplicates: int = 0
    missing: int = 0  # active services in scope that the file does not list
    missing_kept_reason: str = ""  # why they were not ended (empty when they were)
    changes: dict = field(default_factory=lambda: {name: [] for name in CHANGE_LISTS})

    def problem(self, index: int, identifier, reason: str) -> None:
        if len(self.problems) >= MAX_PROBLEMS:
            self.problems_left_off += 1
            return
        self.problems.append({"item": index, "id": str(identifier or ""), "reason": str(reason)})

    def listed(self, change: str, registry_id: str, name: str) -> None:
        """Keep the first MAX_LISTED services of each kind of change (the preview shows them)."""
        if len(self.changes[change]) < MAX_LISTED:
            self.changes[change].append([registry_id, name])

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
        if self.missing_kept_reason:
            lines.append(self.missing_kept_reason)
        if self.problems:
            lines.append(_("Problems: %(count)d") % {"count": len(self.problems) + self.problems_left_off})
            lines += [f"  #{p['item']} {p['id']}: {p['reason']}" for p in self.problems[:50]]
            if len(self.problems) > 50:
                lines.append("  " + _("… and %(count)d more (see the import in the administration)")
                             % {"count": len(self.problems) + self.problems_left_off - 50})
        return "\n".join(lines)


# --- Writing ---------------------------------------------------------------------------------------------

def _date(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def record_history(model, pks, *, history_type: str) -> None:
    """A history version (simple-history's table) of each row `pks` of `model` as it is now in the database,
    by "registry import": one INSERT … SELECT per call, no Python objects (the import creates ~20,000 rows)."""
    pks = list(pks)
    if not pks:
        return
    history = model.history.model
    columns = [field.column for field in history.tracked_fields]
    names = ", ".join(connection.ops.quote_name(column) for column in columns)
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        for start in range(0, len(pks), BATCH_SIZE):
            chunk = pks[start:start + BATCH_SIZE]
            cursor.execute(
                f"INSERT INTO {quote(history._meta.db_table)} ({names}, history_date, history_change_reason, "
                f"history_type, history_user_id) SELECT {names}, %s, %s, %s, NULL FROM {quote(model._meta.db_table)} "
                f"WHERE {quote(model._meta.pk.column)} IN ({', '.join(['%s'] * len(chunk))})",
                [timezone.now(), HISTORY_REASON, history_type, *chunk])


class RegistryImporter:
    """Holds the lookups of one run and writes batches of records."""

    def __init__(self, *, report: Report, kraje=(), end_missing: str = "auto", today: dt.date | None = None,
                 max_ended_percent: float | None = None):
        if end_missing not in END_MISSING_MODES:
            raise ValueError(f"end_missing must be one of {END_MISSING_MODES}")
        self.report = report
        self.today = today or timezone.localdate()
        self.kraje = {k.pk for k in kraje}
        self.end_missing_mode = end_missing
        self.max_ended_percent = (settings.REGISTRY_IMPORT_MAX_ENDED_PERCENT if max_ended_percent is None
                                  else max_ended_percent)
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
        self.seen_ids = set()  # identifiers the file lists (skipped items included: they are not missing)
        self.written_ids = set()  # services written by this run (a later duplicate updates them)

    # Records ------------------------------------------------------------------------------------------

    def parse_batch(self, batch) -> list:
        """Parse a batch into (index, record); of items with the same identifier the later one wins."""
        records = {}
        for index, item in batch:
            self.report.items += 1
            identifier = identifier_of(item)

            def problem(reason, index=index, identifier=identifier):
                self.report.problem(index, identifier, reason)

            if not identifier:  # structurally broken: the file is not complete, nothing missing may be ended
                self.report.broken_items += 1
                self.report.counts["services"]["skipped"] += 1
                problem(_("The item is not an object.") if not isinstance(item, dict)
                        else _("The item has no service identifier (identifikator)."))
                continue
            if identifier in self.seen_ids:
                self.report.duplicates += 1
                problem(_("Duplicate service identifier %(id)s; this later item replaces the earlier one.")
                        % {"id": identifier})
                records.pop(identifier, None)
            self.seen_ids.add(identifier)
            try:
                record = self.parser.parse(item, problem)
            except SkipItem as reason:
                problem(str(reason))
                self.report.counts["services"]["skipped"] += 1
                continue
            if self.kraje and not (self.kraje_of(record) & self.kraje):
                self.report.counts["services"]["outside"] += 1
                continue
            portal_id = record["portal_id"]
            if portal_id is not None and self.portal_ids.setdefault(portal_id, record["registry_id"]) != \
                    record["registry_id"]:
                problem(_("Portal id %(id)s belongs to another service; left out.") % {"id": portal_id})
                record["portal_id"] = None
            self.report_unknown_codes(record, problem)
            records[identifier] = (index, record)
        return list(records.values())

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
                if record["registry_id"] not in self.written_ids:  # a duplicate repeating its earlier item
                    self.report.counts["services"]["unchanged"] += 1
                    for entity in ("forms", "capacities", "facilities"):
                        self.report.counts[entity]["unchanged"] += len(record[entity])
            else:
                changed.append((index, record, digest))
        if new:
            self.create_services(new)
        if changed:
            self.update_services(changed)
        self.written_ids.update(record["registry_id"] for _index, record in records)

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
        if created:  # with their first history version, so that a person's first edit can be reverted
            Provider.objects.bulk_create(created)
            record_history(Provider, [provider.pk for provider in created], history_type="+")
            self.report.counts["providers"]["created"] += len(created)
        for pk, changes in updated:
            Provider.objects.filter(pk=pk).update(updated_at=timezone.now(), **changes)
        record_history(Provider, [pk for pk, _changes in updated], history_type="~")
        self.report.counts["providers"]["updated"] += len(updated)

    def create_services(self, new) -> None:
        services = []
        for record, digest in new:
            provider = self.providers[record["provider"]["ico"]]
            service = Service(
                registry_id=record["registry_id"], portal_id=record["portal_id"], provider=provider,
                service_type=self.codelist_item(ServiceType, record["service_type"]),
                name=record["name"] or f"{self.codelists[ServiceType][record['service_type']].name_cs} – "
                                       f"{provider.name}",
                valid_from=_date(record["valid_from"]), valid_to=_date(record["valid_to"]),
                web=record["web"], email=record["email"], phone=record["phone"],
                target_groups_note=record["target_groups_note"], age_groups_note=record["age_groups_note"],
                registry_hash=digest, orp_id=self.orp_of([f[3] for f in record["facilities"]], provider.obec_id))
            service.update_search_text(facility_names=[f[0] for f in record["facilities"]], save=False)
            services.append(service)
            self.report.listed("created", service.registry_id, service.name)
        Service.objects.bulk_create(services)
        record_history(Service, [service.pk for service in services], history_type="+")
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
        record_history(RegisteredCapacity, [capacity.pk for capacity in capacities], history_type="+")
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
        name, address, postcode, obec, ruian, hidden, forms, valid_from, valid_to, *raw_obec = entry
        return Facility(service_id=service_id, name=name, address=address, postcode=postcode, obec_id=obec,
                        ruian_address_code=ruian, address_hidden=hidden, forms=forms,
                        valid_from=_date(valid_from), valid_to=_date(valid_to),
                        registry_obec_code=raw_obec[0] if raw_obec else "")

    def update_services(self, changed) -> None:
        pks = [self.services[record["registry_id"]][0] for _index, record, _digest in changed]
        existing = Service.objects.select_related("provider", "service_type").prefetch_related(
            "forms", "capacities", "facilities", "target_groups", "age_groups", "served_kraje").in_bulk(pks)
        new_forms, new_capacities, versions = [], [], []
        for _index, record, digest in changed:
            service = existing[self.services[record["registry_id"]][0]]
            if self.update_service(service, record, digest, new_forms=new_forms, new_capacities=new_capacities):
                versions.append(service)
            self.services[record["registry_id"]] = (service.pk, digest, service.portal_id)
        # The state the import left, as the newest history version (a later edit reverts to it).
        record_history(Service, [service.pk for service in versions], history_type="~")
        # New rows of the whole batch in one insert each. A capacity line the registry adds to a known service
        # gets its "created" version in the admin history (by "registry import or system"), as save() gave it.
        ServiceForm.objects.bulk_create(new_forms)
        if new_capacities:
            RegisteredCapacity.objects.bulk_create(new_capacities)
            record_history(RegisteredCapacity, [capacity.pk for capacity in new_capacities], history_type="+")

    def update_service(self, service: Service, record: dict, digest: str, *, new_forms: list,
                       new_capacities: list) -> bool:
        """Write what differs between the service and its changed record; its new forms and capacity lines
        are only added to `new_forms` and `new_capacities`, which update_services() inserts for the batch.
        Returns whether a field of the service itself changed."""
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
        changed = set(changes) - {"registry_hash", "search_text"} or any(children_changed)
        if service.registry_id in self.written_ids:
            pass  # a later duplicate of an item this run wrote: reported as a duplicate, counted once
        elif not was_ended and service.is_ended:
            counts["services"]["ended"] += 1
            self.report.listed("ended", service.registry_id, service.name)
        else:
            counts["services"]["updated" if changed else "unchanged"] += 1
            if changed:
                self.report.listed("updated", service.registry_id, service.name)
        return bool(set(changes) - {"registry_hash", "search_text"})

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
                  "valid_to", "registry_obec_code"]
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

    def missing_services(self):
        """Active services in scope (the run's kraje, else all) that the file does not list."""
        missing = self.in_scope(Service.objects.active(on=self.today)).exclude(registry_id__in=self.seen_ids)
        return missing.select_related(None).order_by("name", "pk")

    def in_scope(self, services):
        if self.kraje:
            services = services.filter(pk__in=Service.objects.in_kraje(list(self.kraje)).values("pk"))
        return services

    def end_missing(self) -> None:
        """Active services the file no longer lists are ended the day before the import, never deleted, and
        only from a file that looks complete (see the module's docstring) unless a person asked for it."""
        report = self.report
        missing = list(self.missing_services())
        report.missing = len(missing)
        for service in missing:
            report.listed("missing", service.registry_id, service.name)
        if not missing:
            return
        reason = self.reason_to_keep(len(missing))
        if reason:
            report.counts["services"]["kept"] += len(missing)
            report.missing_kept_reason = reason
            return
        yesterday = self.today - dt.timedelta(days=1)
        now = timezone.now()
        for service in missing:
            service.valid_to = max(yesterday, service.valid_from) if service.valid_from else yesterday
            service.registry_hash = ""  # an empty fingerprint makes it update when it comes back in a later file
            service.updated_at = now
            report.listed("ended", service.registry_id, service.name)
        Service.objects.bulk_update(missing, ["valid_to", "registry_hash", "updated_at"], batch_size=BATCH_SIZE)
        record_history(Service, [service.pk for service in missing], history_type="~")
        report.counts["services"]["ended"] += len(missing)

    def reason_to_keep(self, missing: int) -> str:
        """Why the services missing from the file are not ended ("" when they are)."""
        counts = {"count": missing}
        if self.end_missing_mode == "always":
            return ""
        if self.end_missing_mode == "never":
            return ngettext("%(count)d service missing from the file was kept: ending missing services was "
                            "switched off.",
                            "%(count)d services missing from the file were kept: ending missing services was "
                            "switched off.", missing) % counts
        if self.report.broken_items:
            return ngettext("%(count)d service missing from the file was kept: the file has broken items (not "
                            "an object or without an identifier), so it may be incomplete. End them deliberately "
                            "if they really are no longer provided.",
                            "%(count)d services missing from the file were kept: the file has broken items (not "
                            "an object or without an identifier), so it may be incomplete. End them deliberately "
                            "if they really are no longer provided.", missing) % counts
        active = self.in_scope(Service.objects.active(on=self.today)).count()
        if missing * 100 > self.max_ended_percent * active:
            return ngettext("%(count)d service missing from the file was kept: it is %(share)s %% of the "
                            "%(active)d active services in scope, more than the %(limit)s %% a complete file "
                            "would end, so the file may be partial. End them deliberately if they really are "
                            "no longer provided.",
                            "%(count)d services missing from the file were kept: they are %(share)s %% of the "
                            "%(active)d active services in scope, more than the %(limit)s %% a complete file "
                            "would end, so the file may be partial. End them deliberately if they really are "
                            "no longer provided.", missing) % {
                **counts, "active": active, "share": f"{missing * 100 / active:.0f}" if active else "100",
                "limit": f"{self.max_ended_percent:g}"}
        return ""
