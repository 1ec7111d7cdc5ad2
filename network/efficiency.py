"""Efficiency indicators of services compared with their peers: the services of the same type in the same kraj
and year. Indicators are computed in SQL (AnnualFigures.objects.with_indicators()); the quartiles in Python from
that one query, since SQLite has no percentile functions."""

import statistics
from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _

from network.models import AnnualFigures

# name, label, which group of figures it discloses, whether a high value is the notable one
INDICATORS = [
    ("occupancy", _("occupancy"), "occupancy"),
    ("cost_per_unit", _("cost per unit (CZK)"), "money"),
    ("cost_per_client", _("cost per client (CZK)"), "money"),
    ("staff_per_10_clients", _("staff (FTE) per 10 clients"), "staff"),
    ("public_money_share", _("share of public money"), "money"),
]
PERCENT_INDICATORS = {"occupancy", "public_money_share"}
MIN_PEERS = 4  # fewer services of a type than this: no quartiles worth flagging against
JUMP_RATIO = 0.5  # a change of more than 50 % against the previous year is flagged for a second look


@dataclass
class Distribution:
    values: list = field(default_factory=list)
    minimum: float | None = None
    q1: float | None = None
    median: float | None = None
    q3: float | None = None
    maximum: float | None = None

    @property
    def n(self) -> int:
        return len(self.values)


def distribution(values) -> Distribution:
    """Minimum, quartiles (inclusive method: the quartiles lie within the data) and maximum of the values."""
    values = sorted(v for v in values if v is not None)
    if not values:
        return Distribution()
    if len(values) == 1:
        q1 = median = q3 = values[0]
    else:
        q1, median, q3 = statistics.quantiles(values, n=4, method="inclusive")
    return Distribution(values=values, minimum=values[0], q1=q1, median=median, q3=q3, maximum=values[-1])


def peer_figures(*, kraj, year: int, service_type_id=None):
    """The year's figures with indicators of the kraj's services (one query), optionally of one type."""
    figures = (AnnualFigures.objects.with_indicators().filter(year=year, service__orp__kraj=kraj)
               .select_related("service", "service__service_type", "service__provider")
               .order_by("service__service_type__number", "service__name", "pk"))
    if service_type_id is not None:
        figures = figures.filter(service__service_type_id=service_type_id)
    return list(figures)


def distributions_by_type(figures) -> dict:
    """service type pk → indicator name → Distribution."""
    by_type = {}
    for figure in figures:
        by_type.setdefault(figure.service.service_type_id, []).append(figure)
    return {type_id: {name: distribution(getattr(f, name) for f in rows) for name, _label, _group in INDICATORS}
            for type_id, rows in by_type.items()}


def flags(figure, distributions: dict) -> list[str]:
    """Why a service stands out among its peers: under-used (occupancy below the lower quartile) or unusually
    costly (cost per unit above the upper quartile). Only with at least MIN_PEERS peers."""
    found = []
    occupancy, cost = distributions["occupancy"], distributions["cost_per_unit"]
    if occupancy.n >= MIN_PEERS and figure.occupancy is not None and figure.occupancy < occupancy.q1:
        found.append("underused")
    if cost.n >= MIN_PEERS and figure.cost_per_unit is not None and figure.cost_per_unit > cost.q3:
        found.append("costly")
    return found


def strip(dist: Distribution, value, *, width: int = 320, pad: int = 12) -> dict | None:
    """x positions of the peers' range, quartile box, median and this service's dot on a strip `width` wide."""
    if dist.n == 0 or value is None:
        return None
    low, high = min(dist.minimum, value), max(dist.maximum, value)
    span = (high - low) or 1.0

    def x(v):
        return round(pad + (v - low) / span * (width - 2 * pad), 1)

    return {"width": width, "min": x(dist.minimum), "max": x(dist.maximum), "q1": x(dist.q1), "q3": x(dist.q3),
            "median": x(dist.median), "value": x(value), "box_width": round(x(dist.q3) - x(dist.q1), 1) or 1,
            "peers": [x(v) for v in dist.values]}


JUMP_FIELDS = [("clients", _("clients served")), ("units_delivered", _("units delivered")),
               ("costs_total", _("total costs (CZK)"))]


def implausible_jumps(current, previous) -> list[str]:
    """Figures that changed by more than half against the previous year (a typo in a digit, a wrong unit)."""
    if previous is None:
        return []
    jumps = []
    for name, label in JUMP_FIELDS:
        before, now = getattr(previous, name) or 0, getattr(current, name) or 0
        if before and abs(now - before) / before > JUMP_RATIO or not before and now and name != "costs_total" and previous.clients:
            jumps.append(str(label))
    return jumps
