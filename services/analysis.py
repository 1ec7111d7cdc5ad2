"""Regional capacity analysis: registered capacity, free places, capacity per 1,000 inhabitants and
coverage of the minimal network, by territory and by service type.

A service is counted once, in its ORP (`Service.orp`: the ORP of its first facility), because the
registry states capacity per service, not per facility. Free places count only reports that are not
outdated (settings.CAPACITY_REPORT_MAX_AGE_DAYS). Each function runs a fixed number of queries.
"""

from collections import defaultdict
from dataclasses import dataclass, field

from django.core.cache import cache
from django.db.models import Count, F, Q, Sum
from django.urls import reverse
from django.utils.text import slugify

from services.models import CapacityUnit, NetworkTarget, RegisteredCapacity, Service, ServiceType, outdated_before
from territory.models import Kraj, Obec

PER_THOUSAND_UNITS = (CapacityUnit.BEDS, CapacityUnit.CLIENTS)


@dataclass
class CapacityRow:
    """One line of a capacity table: a territorial unit or a service type."""

    key: object
    label: str
    url: str = ""
    population: int | None = None
    services: int = 0
    registered: dict = field(default_factory=dict)  # unit → registered maximum
    free: dict = field(default_factory=dict)  # unit → free places reported (not outdated)
    target: dict = field(default_factory=dict)  # unit → minimal-network target

    def per_thousand(self, unit) -> float | None:
        if not self.population or unit not in self.registered:
            return None
        return self.registered[unit] * 1000 / self.population

    def coverage(self, unit) -> float | None:
        """Registered capacity as a share of the target (1.0 = target met)."""
        if not self.target.get(unit):
            return None
        return self.registered.get(unit, 0) / self.target[unit]

    def gap(self, unit) -> int:
        """How much capacity is missing to reach the target (0 when met)."""
        return max(0, self.target.get(unit, 0) - self.registered.get(unit, 0))

    def cells(self, units):
        """Per unit: (registered, free, per 1,000, target, coverage), for templates and exports."""
        return [(self.registered.get(u), self.free.get(u), self.per_thousand(u) if u in PER_THOUSAND_UNITS else None,
                 self.target.get(u), self.coverage(u)) for u in units]


@dataclass
class CapacityTable:
    rows: list
    units: list
    total: CapacityRow
    has_targets: bool = False
    population_column: bool = True  # False when every row has the same territory (rows are types)


def filtered_services(*, service_types=None, group=None, form=None):
    """Active services narrowed by type, group and form (the territory is applied by the caller)."""
    services = Service.objects.active()
    if service_types:
        services = services.filter(service_type__in=service_types)
    if group:
        services = services.filter(service_type__group=group)
    if form:
        services = services.filter(forms__form=form)
    return services


def population_by(level: str) -> dict:
    """Inhabitants per kraj or per ORP (cached: the codelists change only with a reload)."""
    def compute():
        key = "orp__kraj" if level == "kraj" else "orp"
        return dict(Obec.objects.values_list(key).annotate(people=Sum("population")).values_list(key, "people"))

    return cache.get_or_set(f"services:population:{level}", compute, timeout=3600)


def _units_in(*dicts) -> list:
    present = {unit for mapping in dicts for unit in mapping}
    return [unit for unit in CapacityUnit.values if unit in present]


def _fill(rows_by_key, services, capacities, targets, key):
    cutoff = outdated_before()
    for row in services.values(key).annotate(n=Count("pk", distinct=True)).order_by():
        if row[key] in rows_by_key:
            rows_by_key[row[key]].services = row["n"]
    lines = (RegisteredCapacity.objects.filter(service__in=capacities)
             .values(f"service__{key}", "unit")
             .annotate(registered=Sum("maximum"), free=Sum("free_places", filter=Q(reported_at__gte=cutoff)))
             .order_by())
    for line in lines:
        row = rows_by_key.get(line[f"service__{key}"])
        if row is not None:
            row.registered[line["unit"]] = line["registered"] or 0
            if line["free"] is not None:
                row.free[line["unit"]] = line["free"]
    if targets is not None:
        for line in targets:
            row = rows_by_key.get(line["key"])
            if row is not None:
                row.target[line["unit"]] = line["target"]


def _total(rows, label) -> CapacityRow:
    total = CapacityRow(key=None, label=label, population=sum(r.population or 0 for r in rows) or None,
                        services=sum(r.services for r in rows))
    for row in rows:
        for name in ("registered", "free", "target"):
            for unit, value in getattr(row, name).items():
                getattr(total, name)[unit] = getattr(total, name).get(unit, 0) + value
    return total


def territory_table(*, kraj=None, okres=None, service_types=None, group=None, form=None, total_label="") -> CapacityTable:
    """Rows are kraje (no kraj chosen) or the ORPs of the chosen kraj (optionally only those in `okres`)."""
    services = filtered_services(service_types=service_types, group=group, form=form)
    targets = NetworkTarget.objects.all()
    if service_types:
        targets = targets.filter(service_type__in=service_types)
    if group:
        targets = targets.filter(service_type__group=group)
    if kraj is None:
        units = list(Kraj.objects.all())
        population = population_by("kraj")
        rows = {k.pk: CapacityRow(key=k, label=k.name, population=population.get(k.pk),
                                  url=f"?kraj={k.pk}") for k in units}
        key = "orp__kraj"
        targets = targets.values(key=F("orp__kraj")).annotate(target=Sum("target")).values("key", "unit", "target")
    else:
        orps = kraj.orps.all()
        if okres is not None:
            orps = orps.filter(okresy=okres)
        population = population_by("orp")
        rows = {o.pk: CapacityRow(key=o, label=o.name, population=population.get(o.pk),
                                  url=reverse("services:orp-profile", args=[o.pk, slugify(o.name)])) for o in orps}
        services = services.filter(orp__in=list(rows))
        key = "orp"
        targets = targets.filter(orp__in=list(rows)).values(key=F("orp")).annotate(
            target=Sum("target")).values("key", "unit", "target")
    has_targets = bool(service_types) and len(service_types) == 1
    _fill(rows, services, services, list(targets) if has_targets else None, key)
    row_list = list(rows.values())
    total = _total(row_list, total_label)
    return CapacityTable(rows=row_list, units=_units_in(total.registered), total=total, has_targets=has_targets)


def type_table(*, kraj=None, okres=None, orp=None, service_types=None, group=None, form=None,
               total_label="") -> CapacityTable:
    """Rows are service types, for the whole country, a kraj, the ORPs of an okres, or one ORP."""
    services = filtered_services(service_types=service_types, group=group, form=form)
    targets = NetworkTarget.objects.all()
    population = None
    if orp is not None:
        services, targets = services.filter(orp=orp), targets.filter(orp=orp)
        population = population_by("orp").get(orp.pk)
    elif okres is not None:
        services, targets = services.filter(orp__okresy=okres), targets.filter(orp__okresy=okres)
    elif kraj is not None:
        services, targets = services.filter(orp__kraj=kraj), targets.filter(orp__kraj=kraj)
        population = population_by("kraj").get(kraj.pk)
    else:
        population = sum(population_by("kraj").values())
    types = ServiceType.objects.all()
    if service_types:
        types = types.filter(pk__in=[t.pk for t in service_types])
    if group:
        types = types.filter(group=group)
    rows = {t.pk: CapacityRow(key=t, label=t.label, population=population) for t in types}
    target_lines = targets.values(key=F("service_type")).annotate(target=Sum("target")).values(
        "key", "unit", "target")
    _fill(rows, services, services, list(target_lines), "service_type")
    row_list = [row for row in rows.values() if row.services or row.target]
    total = _total(row_list, total_label)
    total.population = population
    return CapacityTable(rows=row_list, units=_units_in(total.registered, total.target), total=total,
                         has_targets=any(row.target for row in row_list), population_column=False)


def orp_services_by_type(orp):
    """Services operating in the ORP (facility there or serving it), grouped by type, with capacities."""
    services = (Service.objects.active().in_area(orp=orp).select_related("service_type", "provider", "orp")
                .prefetch_related("capacities").order_by("service_type__number", "name"))
    groups = defaultdict(list)
    for service in services:
        groups[service.service_type].append(service)
    return list(groups.items())
