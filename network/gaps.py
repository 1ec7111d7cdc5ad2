"""The gap between the minimal network and the kraj's network: for each ORP × service type (or group of types),
the required capacity, the capacity in the network and the registered capacity.

Required capacity comes from the kraj's rule (MinimalNetworkNorm) applied to the ORP's population of the rule's
age band, unless a coordinator set an explicit target for that ORP, type and unit (services.NetworkTarget), which
wins. A service is counted in its ORP (Service.orp, as the capacity overview counts it). The table is computed
in a fixed number of queries (8), whatever the number of ORPs, rules and services: the whole country is one call.
"""

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Count, Q, Sum
from django.utils import timezone

from network.models import AgeBand, MinimalNetworkNorm, NetworkMembership, OrpPopulation, ServiceTypeGroup
from services.analysis import population_by
from services.models import NetworkTarget, RegisteredCapacity
from territory.models import Orp

Basis = MinimalNetworkNorm.Basis


@dataclass
class GapRow:
    orp: Orp
    subject: str  # "type:<pk>" or "group:<pk>"
    label: str
    types: frozenset  # ServiceType pks counted
    unit: str
    basis: str
    age_band: str
    population: int | None  # of the age band; None = no figures for the band
    required: float | None  # None = cannot be computed (no population of the band)
    network: int
    registered: int
    explicit: bool = False  # required capacity set for this ORP (services.NetworkTarget)

    @property
    def gap(self) -> float | None:
        """How much the network lacks to the minimal network (0 when met)."""
        if self.required is None:
            return None
        return max(0.0, round(self.required - self.network, 1))

    @property
    def registered_gap(self) -> float | None:
        if self.required is None:
            return None
        return max(0.0, round(self.required - self.registered, 1))

    @property
    def coverage(self) -> float | None:
        """Network capacity as a share of the requirement (1.0 = met); None without a requirement."""
        if not self.required:
            return None
        return self.network / self.required

    @property
    def counts_services(self) -> bool:
        return self.basis == Basis.SERVICES


def network_day(year: int) -> dt.date:
    """The day the year's network is read on: today in the current year, else its last day."""
    return min(timezone.localdate(), dt.date(year, 12, 31))


def gap_rows(*, year: int, kraj=None, orp=None, service_type=None) -> list[GapRow]:
    """All gap rows of a kraj (or of the whole country, kraj None), optionally of one ORP or of the rows that
    count a service type; sorted by the gap, largest first."""
    norms = MinimalNetworkNorm.objects.select_related("service_type", "type_group")
    orps = Orp.objects.select_related("kraj").order_by("name")
    if kraj is not None:
        norms, orps = norms.filter(kraj=kraj), orps.filter(kraj=kraj)
    if orp is not None:
        orps = orps.filter(pk=orp.pk)
    norms, orps = list(norms), list(orps)
    orp_ids = [o.pk for o in orps]
    group_types = defaultdict(set)
    for group_id, type_id in ServiceTypeGroup.service_types.through.objects.values_list(
            "servicetypegroup_id", "servicetype_id"):
        group_types[group_id].add(type_id)
    totals = population_by("orp")
    bands = {(o, band): people for o, band, people in
             OrpPopulation.objects.filter(orp__in=orp_ids).values_list("orp", "age_band", "population")}
    target_list = list(NetworkTarget.objects.filter(orp__in=orp_ids).select_related("service_type"))
    targets = {(t.orp_id, t.service_type_id, t.unit): t.target for t in target_list}
    type_labels = {t.service_type_id: t.service_type.label for t in target_list}

    # The whole country needs no ORP list in the SQL: every counted service has an ORP.
    in_orps = {"service__orp__isnull": False} if kraj is None and orp is None else {"service__orp__in": orp_ids}
    network = defaultdict(lambda: (0, 0))  # (orp, type, unit) → (capacity, services)
    lines = (NetworkMembership.objects.of_year(year).current(network_day(year)).filter(**in_orps)
             .values_list("service__orp", "service__service_type", "unit")
             .annotate(capacity=Sum("capacity"), services=Count("service", distinct=True)).order_by())
    if kraj is not None:
        lines = lines.filter(kraj=kraj)
    for orp_id, type_id, unit, capacity, services in lines:
        network[(orp_id, type_id, unit)] = (capacity, services)
    registered = defaultdict(lambda: (0, 0))
    today = timezone.localdate()
    active = (Q(service__valid_from__isnull=True) | Q(service__valid_from__lte=today)) & (
        Q(service__valid_to__isnull=True) | Q(service__valid_to__gte=today))  # Service.objects.active(), joined
    for orp_id, type_id, unit, capacity, services in (
            RegisteredCapacity.objects.filter(active, **in_orps)
            .values_list("service__orp", "service__service_type", "unit")
            .annotate(capacity=Sum("maximum"), services=Count("service", distinct=True)).order_by()):
        registered[(orp_id, type_id, unit)] = (capacity, services)

    rows, covered = [], set()
    orps_by_kraj = defaultdict(list)
    for o in orps:
        orps_by_kraj[o.kraj_id].append(o)
    for norm in norms:
        types = frozenset([norm.service_type_id] if norm.service_type_id else group_types[norm.type_group_id])
        if service_type is not None and service_type.pk not in types:
            continue
        subject = f"type:{norm.service_type_id}" if norm.service_type_id else f"group:{norm.type_group_id}"
        label = norm.subject_label  # once per rule, not per ORP (it asks for the language)
        which = 1 if norm.basis == Basis.SERVICES else 0
        for o in orps_by_kraj[norm.kraj_id]:
            population = totals.get(o.pk) or 0 if norm.age_band == AgeBand.ALL else bands.get((o.pk, norm.age_band))
            explicit = norm.service_type_id is not None and (o.pk, norm.service_type_id, norm.unit) in targets
            if explicit:
                required = float(targets[(o.pk, norm.service_type_id, norm.unit)])
                covered.add((o.pk, norm.service_type_id, norm.unit))
            elif norm.basis == Basis.PER_THOUSAND:
                required = None if population is None else round(float(norm.rate) * population / 1000, 1)
            else:
                required = float(norm.rate)
            rows.append(GapRow(
                orp=o, subject=subject, label=label, types=types, unit=norm.unit, basis=norm.basis,
                age_band=norm.age_band, population=population, required=required, explicit=explicit,
                network=sum(network[(o.pk, t, norm.unit)][which] for t in types),
                registered=sum(registered[(o.pk, t, norm.unit)][which] for t in types)))
    # Explicit ORP targets without a kraj rule are requirements too.
    orp_by_pk = {o.pk: o for o in orps}
    for (orp_id, type_id, unit), target in targets.items():
        if (orp_id, type_id, unit) in covered or (service_type is not None and type_id != service_type.pk):
            continue
        label = type_labels.get(type_id)
        rows.append(GapRow(
            orp=orp_by_pk[orp_id], subject=f"type:{type_id}", label=label or "", types=frozenset([type_id]),
            unit=unit, basis=Basis.PER_ORP, age_band=AgeBand.ALL, population=totals.get(orp_id),
            required=float(target), explicit=True, network=network[(orp_id, type_id, unit)][0],
            registered=registered[(orp_id, type_id, unit)][0]))
    return sort_rows(rows, "gap")


SORTS = {
    "gap": lambda row: (row.gap is None, -(row.gap or 0), row.orp.name, row.label),
    "coverage": lambda row: (row.coverage is None, row.coverage or 0, row.orp.name, row.label),
    "orp": lambda row: (row.orp.name, row.label),
}


def sort_rows(rows: list[GapRow], key: str) -> list[GapRow]:
    return sorted(rows, key=SORTS.get(key, SORTS["gap"]))
