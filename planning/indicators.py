"""Indicators that measure themselves: the current value of computed indicators from the live registry, their
progress from baseline to target, the status of a measure, and snapshots for the history.

The registry is read in a fixed number of aggregate queries for any number of indicators (`current_values`): the
registered capacity summed per ORP × service type × unit, the active services (and those with free places)
counted per ORP × service type, and the population per ORP, all limited to the kraje of the indicators. Each
indicator's value is then summed in Python from those small tables (at most ORPs × service types rows per kraj).
A service is counted once, in its ORP (`Service.orp`), as in the capacity overview (services/analysis.py).
"""

import dataclasses
import datetime as dt
from collections import defaultdict
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count, Q, Sum
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from services.models import RegisteredCapacity, Service, outdated_before
from territory.models import Obec


def _territory(indicator) -> tuple[int | None, set[int] | None]:
    """(kraj id, ORP ids or None for the whole kraj) of a computed indicator: its own ORPs, else its plan's
    locality's ORPs, else the plan's whole kraj. Uses prefetched relations only."""
    plan = indicator.measure.priority.plan
    orps = {orp.pk for orp in indicator.orps.all()}
    if not orps and plan.locality_id:
        orps = {orp.pk for orp in plan.locality.orps.all()}
    return plan.kraj_id, (orps or None)


def _matches(spec, kraj, orp, service_type) -> bool:
    """Whether a row of the aggregate tables (kraj, ORP, service type) counts for an indicator's spec."""
    wanted_kraj, orps, types = spec
    return kraj == wanted_kraj and (orps is None or orp in orps) and (not types or service_type in types)


def current_values(indicators) -> dict[int, Decimal | None]:
    """indicator pk → its value now: computed from the registry, or the newest value entered by hand (which the
    caller prefetches as `values`). Three queries for all computed indicators, none for the manual ones."""
    indicators = list(indicators)
    result: dict[int, Decimal | None] = {}
    computed = [i for i in indicators if i.kind == "computed" and i.metric]
    for indicator in indicators:
        if indicator.kind != "computed":
            values = list(indicator.values.all())
            result[indicator.pk] = values[-1].value if values else None
        elif not indicator.metric:
            result[indicator.pk] = None
    if not computed:
        return result
    kraje = {_territory(i)[0] for i in computed}
    today = timezone.localdate()
    active = Q(service__valid_from__isnull=True) | Q(service__valid_from__lte=today)
    active &= Q(service__valid_to__isnull=True) | Q(service__valid_to__gte=today)
    capacity = defaultdict(int)  # (kraj, orp, type, unit) → registered maximum
    if any(i.metric in ("capacity", "per_1000") for i in computed):
        rows = (RegisteredCapacity.objects.filter(active, service__orp__kraj__in=kraje)
                .values_list("service__orp__kraj", "service__orp", "service__service_type", "unit")
                .annotate(total=Sum("maximum")).order_by())
        for kraj, orp, service_type, unit, total in rows:
            capacity[kraj, orp, service_type, unit] += total or 0
    services, free = defaultdict(int), defaultdict(int)
    if any(i.metric in ("services", "free") for i in computed):
        rows = (Service.objects.active().filter(orp__kraj__in=kraje)
                .values_list("orp__kraj", "orp", "service_type")
                .annotate(count=Count("pk"), free=Count("pk", filter=Q(current_free_places__gt=0,
                                                                       current_report_at__gte=outdated_before())))
                .order_by())
        for kraj, orp, service_type, count, with_free in rows:
            services[kraj, orp, service_type] += count
            free[kraj, orp, service_type] += with_free
    population, orps_of_kraj = {}, defaultdict(set)
    if any(i.metric == "per_1000" for i in computed):
        for orp, kraj, inhabitants in (Obec.objects.filter(orp__kraj__in=kraje)
                                       .values_list("orp", "orp__kraj").annotate(total=Sum("population")).order_by()):
            population[orp] = inhabitants or 0
            orps_of_kraj[kraj].add(orp)

    for indicator in computed:
        kraj, orps = _territory(indicator)
        types = {t.pk for t in indicator.service_types.all()}
        spec = (kraj, orps, types)
        if indicator.metric in ("capacity", "per_1000"):
            total = sum(v for (k, o, t, u), v in capacity.items()
                        if u == indicator.capacity_unit and _matches(spec, k, o, t))
            if indicator.metric == "capacity":
                result[indicator.pk] = Decimal(total)
            else:
                people = sum(population.get(o, 0) for o in (orps if orps is not None else orps_of_kraj[kraj]))
                result[indicator.pk] = (Decimal(total * 1000) / Decimal(people)).quantize(
                    Decimal("0.01"), ROUND_HALF_UP) if people else None
        else:
            table = services if indicator.metric == "services" else free
            result[indicator.pk] = Decimal(sum(v for (k, o, t), v in table.items() if _matches(spec, k, o, t)))
    return result


def take_snapshots(indicators, *, values=None, on: dt.date | None = None) -> int:
    """Keep today's value of every computed indicator as a point of its history (one per day; a second snapshot
    the same day replaces the first). Returns how many were written."""
    from planning.models import IndicatorValue

    indicators = [i for i in indicators if i.kind == "computed"]
    if not indicators:
        return 0
    if values is None:
        values = current_values(indicators)
    on = on or timezone.localdate()
    written = 0
    for indicator in indicators:
        value = values.get(indicator.pk)
        if value is None:
            continue
        IndicatorValue.objects.update_or_create(
            indicator=indicator, measured_on=on,
            defaults={"value": value, "is_snapshot": True, "source": str(indicator.source_label())})
        written += 1
    return written


@dataclasses.dataclass
class Progress:
    """Where an indicator stands: baseline → current → target, as a share of the way (0–1)."""

    indicator: object
    current: Decimal | None

    @property
    def baseline(self):
        return self.indicator.baseline

    @property
    def target(self):
        return self.indicator.target

    @property
    def share(self) -> float | None:
        if self.current is None or self.target is None:
            return None
        baseline = self.baseline if self.baseline is not None else Decimal(0)
        if self.target == baseline:
            return 1.0 if self.current == self.target else 0.0
        share = float((self.current - baseline) / (self.target - baseline))
        return max(0.0, min(1.0, share))

    @property
    def percent(self) -> int | None:
        return None if self.share is None else round(self.share * 100)

    @property
    def reached(self) -> bool:
        if self.current is None or self.target is None:
            return False
        baseline = self.baseline if self.baseline is not None else Decimal(0)
        return self.current >= self.target if self.target >= baseline else self.current <= self.target

    @property
    def late(self) -> bool:
        deadline = self.indicator.deadline
        return deadline is not None and deadline < timezone.localdate() and not self.reached


class Status:
    ON_TRACK = "on_track"
    LATE = "late"
    DONE = "done"
    LABELS = {ON_TRACK: _("on track"), LATE: _("late"), DONE: _("done")}


def measure_status(measure, progresses: list[Progress], today: dt.date | None = None) -> str:
    """Done: every indicator reached its target (or, without indicators, every activity is closed). Late: not
    done, and its end date, an indicator's deadline or a past year's activity has passed unfinished."""
    today = today or timezone.localdate()
    activities = list(measure.activities.all())
    if progresses:
        done = all(p.reached for p in progresses)
    else:
        done = bool(activities) and all(a.is_closed for a in activities)
    if done:
        return Status.DONE
    if (measure.ends_on and measure.ends_on < today) or any(p.late for p in progresses) or any(
            a.year and a.year < today.year and not a.is_closed for a in activities):
        return Status.LATE
    return Status.ON_TRACK


def annotate_progress(measures) -> list:
    """Give every measure `.progresses` (one Progress per indicator) and `.status`, reading the registry once for
    all of them. The measures come from `Measure.objects.for_progress()` (indicators and activities prefetched);
    manual values are read in one more query."""
    from planning.models import IndicatorValue

    measures = list(measures)
    indicators = [i for m in measures for i in m.indicators.all()]
    manual = [i for i in indicators if i.kind != "computed"]
    newest = {}
    if manual:
        for value in IndicatorValue.objects.filter(indicator__in=manual).order_by("indicator", "measured_on"):
            newest[value.indicator_id] = value.value
    computed_values = current_values([i for i in indicators if i.kind == "computed"])
    for measure in measures:
        measure.progresses = [Progress(i, computed_values.get(i.pk) if i.kind == "computed" else newest.get(i.pk))
                              for i in measure.indicators.all()]
        measure.status = measure_status(measure, measure.progresses)
        measure.status_label = Status.LABELS[measure.status]
    return measures


def status_counts(measures) -> dict[str, int]:
    counts = {Status.ON_TRACK: 0, Status.LATE: 0, Status.DONE: 0}
    for measure in measures:
        counts[measure.status] += 1
    return counts

