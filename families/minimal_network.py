"""The minimal network for families per ORP: for each of the three categories, the capacity the kraj's
minimal-network rule requires (the network's rule for the category's group of service types, computed by
network.gaps: nothing of the rule is computed here), compared with the framework agreements in force and with
the actual demand, requests per 1,000 children (0–17, network.OrpPopulation; without the figures the demand per
child is "no data", never a guess). Fixed number of queries: the network's 8 and 5 of its own.
"""

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count

from families.models import Category, FrameworkAgreement, ServiceRequest
from network.gaps import gap_rows, network_day
from network.models import AgeBand, OrpPopulation, ServiceTypeGroup
from territory.models import Orp


@dataclass
class Cell:
    """One ORP × category."""

    gap: object = None  # network.gaps.GapRow of the category's rule, None without a rule
    agreements: int = 0
    providers: int = 0
    requests: int = 0
    children: int | None = None

    @property
    def requests_per_thousand(self) -> float | None:
        if not self.children:
            return None
        return self.requests * 1000 / self.children


@dataclass
class OrpRow:
    orp: Orp
    children: int | None
    cells: dict = field(default_factory=dict)  # category → Cell


def family_network(*, kraj, year: int) -> list[OrpRow]:
    """Every ORP of the kraj with its three cells, by ORP name."""
    groups = dict(ServiceTypeGroup.objects.filter(code__in=Category.values).values_list("pk", "code"))
    gaps = {}
    for row in gap_rows(year=year, kraj=kraj):
        if row.subject.startswith("group:") and int(row.subject[6:]) in groups:
            gaps.setdefault((row.orp.pk, groups[int(row.subject[6:])]), row)  # one rule per group and unit
    day = network_day(year)
    agreements = defaultdict(lambda: (0, 0))
    for orp_id, category, count, providers in (
            FrameworkAgreement.objects.in_force(day).filter(kraj=kraj).values_list("orps", "category")
            .annotate(n=Count("pk", distinct=True), providers=Count("provider", distinct=True)).order_by()):
        agreements[(orp_id, category)] = (count, providers)
    requests = defaultdict(int)
    for orp_id, category, count in (ServiceRequest.objects.filter(orp__kraj=kraj, created_at__year=year)
                                    .values_list("orp", "category").annotate(n=Count("pk")).order_by()):
        requests[(orp_id, category)] = count
    children = dict(OrpPopulation.objects.filter(orp__kraj=kraj, age_band=AgeBand.CHILDREN)
                    .values_list("orp", "population"))
    rows = []
    for orp in Orp.objects.filter(kraj=kraj).order_by("name"):
        row = OrpRow(orp=orp, children=children.get(orp.pk))
        for category in Category.values:
            count, providers = agreements[(orp.pk, category)]
            row.cells[category] = Cell(gap=gaps.get((orp.pk, category)), agreements=count, providers=providers,
                                       requests=requests[(orp.pk, category)], children=row.children)
        rows.append(row)
    return rows


def kraj_totals(rows: list[OrpRow]) -> dict:
    """Per category: required and network capacity summed over ORPs with a requirement, requests, children."""
    totals = {}
    children = sum(row.children or 0 for row in rows)
    has_children = all(row.children for row in rows) if rows else False
    for category in Category.values:
        cells = [row.cells[category] for row in rows]
        with_rule = [cell.gap for cell in cells if cell.gap is not None and cell.gap.required is not None]
        total = Cell(requests=sum(cell.requests for cell in cells), children=children if has_children else None)
        totals[category] = {
            "cell": total,
            "required": sum(gap.required for gap in with_rule) if with_rule else None,
            "network": sum(gap.network for gap in with_rule) if with_rule else None,
            "orps_without_agreement": sum(1 for cell in cells if not cell.agreements),
        }
    return totals
