"""Demo network: the kraje's networks of services for this year and the last one, minimal network rules,
annual figures of the last two years and inspections with corrective actions.

Scale "demo": the home kraj. Scale "national": every kraj, in proportion to its services (the registry's demo
already scales). Figures are derived from each service's registered capacity with plausible spreads (occupancy of
homes around 90 %, a bed-day costing about 1,900 CZK, ~0.5 FTE of carers per bed), so the peer comparison finds a
few services that stand out. Every record is demo data: the seeded rules' notes say so.
"""

import datetime as dt
from decimal import Decimal

from django.utils import timezone

from core import pagecache
from core.history import add_initial_versions
from network.models import (
    AnnualFigures,
    Audit,
    CorrectiveAction,
    FinancingCategory,
    MinimalNetworkNorm,
    NetworkChange,
    NetworkMembership,
    QualityStandard,
    ServiceTypeGroup,
    StandardResult,
    UnitKind,
)
from services.models import CapacityUnit, RegisteredCapacity, Service, ServiceType
from territory.models import Kraj, home_kraj

# type number → (unit, per 1,000 inhabitants): the same values as the registry demo's explicit ORP targets.
NORMS = {13: (CapacityUnit.BEDS, "5.0"), 14: (CapacityUnit.BEDS, "2.5"), 20: (CapacityUnit.BEDS, "0.3"),
         4: (CapacityUnit.CLIENTS, "3.0"), 3: (CapacityUnit.CLIENTS, "0.8"), 10: (CapacityUnit.CLIENTS, "0.6")}
# Families with children: group code → (unit, basis, value)
GROUP_NORMS = {"rodiny-terenni-ambulantni": (CapacityUnit.CLIENTS, MinimalNetworkNorm.Basis.PER_ORP, "40"),
               "rodiny-poradenstvi": (CapacityUnit.CLIENTS, MinimalNetworkNorm.Basis.SERVICES, "2"),
               "rodiny-pobytove": (CapacityUnit.BEDS, MinimalNetworkNorm.Basis.PER_THOUSAND, "0.2")}
AUDITORS = ["Inspekce poskytování sociálních služeb, KÚ", "Odbor sociálních věcí KÚ – kontrolní skupina",
            "Externí auditor kvality"]
ACTIONS = ["Doplnit a aktualizovat individuální plány uživatelů", "Upravit vnitřní pravidla pro podávání stížností",
           "Zpracovat plán dalšího vzdělávání pracovníků", "Aktualizovat postupy pro nouzové a havarijní situace",
           "Zveřejnit informace o službě v srozumitelné podobě", "Doplnit smlouvy o rozsah a průběh služby"]


def seed(ctx) -> None:
    rng = ctx.rng
    today = timezone.localdate()
    national = ctx.scale == "national"
    kraje = list(Kraj.objects.all()) if national else [home_kraj()]
    coordinator = next((p for p in ctx.data.get("people", []) if p.email == "koordinator@demo.invalid"), None)
    types = {t.number: t for t in ServiceType.objects.filter(known=True)}
    groups = {g.code: g for g in ServiceTypeGroup.objects.all()}

    norms = []
    for kraj in kraje:
        for number, (unit, rate) in NORMS.items():
            norms.append(MinimalNetworkNorm(kraj=kraj, service_type=types[number], unit=unit, rate=Decimal(rate),
                                            note="Ukázkové pravidlo (demo data).", set_by=coordinator))
        for code, (unit, basis, rate) in GROUP_NORMS.items():
            if code in groups:
                norms.append(MinimalNetworkNorm(kraj=kraj, type_group=groups[code], unit=unit, basis=basis,
                                                rate=Decimal(rate), note="Ukázkové pravidlo (demo data).",
                                                set_by=coordinator))
    MinimalNetworkNorm.objects.bulk_create(norms)

    services = list(Service.objects.active().filter(orp__kraj__in=kraje).select_related("orp", "service_type")
                    .order_by("pk"))
    capacities = {}
    for line in RegisteredCapacity.objects.filter(service__in=[s.pk for s in services]).order_by("pk"):
        capacities.setdefault(line.service_id, []).append(line)

    lines, changes, figures = [], [], []
    in_network = []
    for index, service in enumerate(services):
        if rng.random() > 0.85 or service.pk not in capacities:
            continue  # not every registered service is in the kraj's network
        in_network.append(service)
        category = rng.choices(list(FinancingCategory.values), [80, 12, 6, 2])[0]
        for year in (today.year - 1, today.year):
            for registered in capacities[service.pk]:
                share = rng.choice([1, 1, 1, 0.9, 0.8, 0.75])
                lines.append(NetworkMembership(
                    kraj_id=service.orp.kraj_id, year=year, service=service, form=registered.form,
                    unit=registered.unit, capacity=max(1, round(registered.maximum * share)),
                    entrustment_number=f"KÚ/SOC/{index + 1:04d}/{year - 1}",
                    entrusted_from=dt.date(year, 1, 1), entrusted_to=dt.date(year + 2, 12, 31),
                    financing_category=category))
        for year in (today.year - 2, today.year - 1):
            if rng.random() < 0.8:
                figures.append(_figures(rng, service, capacities[service.pk], year))
    NetworkMembership.objects.bulk_create(lines, batch_size=5000)
    # A few changes during this year: capacity lowered or raised, with the kraj's reason.
    this_year = [line for line in NetworkMembership.objects.filter(kraj__in=kraje, year=today.year).order_by("pk")]
    for line in rng.sample(this_year, k=min(len(this_year), max(2, len(this_year) // 30))):
        after = max(1, line.capacity + rng.choice([-5, -2, 2, 4]))
        day = _working_day(dt.date(today.year, rng.randint(1, max(1, today.month)), rng.randint(1, 28)))
        changes.append(NetworkChange(membership=line, changed_on=min(day, today), kind=NetworkChange.Kind.CAPACITY,
                                     capacity_before=line.capacity, capacity_after=after,
                                     reason=rng.choice(["Navýšení kapacity po rekonstrukci",
                                                        "Snížení kapacity podle skutečné poptávky",
                                                        "Rozhodnutí rady kraje"]),
                                     recorded_by=coordinator))
        line.capacity = after
    NetworkMembership.objects.bulk_update(this_year, ["capacity"], batch_size=5000)
    NetworkChange.objects.bulk_create(changes)
    AnnualFigures.objects.bulk_create(figures, batch_size=5000)

    audits, results, actions = _audits(rng, in_network, today)
    ctx.data["audit_results"], ctx.data["corrective_actions"] = results, actions
    for model in (MinimalNetworkNorm, NetworkMembership, NetworkChange, AnnualFigures, Audit, StandardResult,
                  CorrectiveAction):
        add_initial_versions(model)
    pagecache.bump("network", "registry")
    ctx.data["network_lines"] = len(lines)
    ctx.data["annual_figures"] = len(figures)
    ctx.data["audits"] = audits


def _working_day(day: dt.date) -> dt.date:
    while day.weekday() >= 5:
        day -= dt.timedelta(days=1)
    return day


def _figures(rng, service, registered, year) -> AnnualFigures:
    residential = any(line.unit == CapacityUnit.BEDS for line in registered)
    size = sum(line.maximum for line in registered)
    if residential:
        available = size * 365
        delivered = round(available * rng.uniform(0.8, 0.99) if rng.random() > 0.1 else available * rng.uniform(
            0.5, 0.75))
        clients = max(1, round(size * rng.uniform(1.05, 1.4)))
        cost_per_unit = rng.gauss(1900, 250) * (1.35 if rng.random() < 0.08 else 1)
        kind = UnitKind.BED_DAYS
        staff = (Decimal(round(size / 30 + 0.5, 1)), Decimal(round(size * rng.uniform(0.4, 0.6), 1)),
                 Decimal(round(size * 0.15, 1)))
    else:
        clients = max(1, round(size * rng.uniform(0.8, 1.3)))
        available = clients * rng.randint(20, 60)
        delivered = round(available * rng.uniform(0.6, 0.95))
        cost_per_unit = rng.gauss(650, 90)
        kind = UnitKind.HOURS
        staff = (Decimal(round(1 + clients / 60, 1)), Decimal(round(clients / 15, 1)), Decimal("0.5"))
    costs = round(delivered * max(cost_per_unit, 200), -3)
    users = round(costs * (rng.uniform(0.3, 0.45) if residential else rng.uniform(0.05, 0.2)), -3)
    insurance = round(costs * rng.uniform(0.03, 0.1), -3) if residential else 0
    subsidy = round((costs - users - insurance) * rng.uniform(0.55, 0.7), -3)
    kraj = round((costs - users - insurance - subsidy) * rng.uniform(0.5, 0.8), -3)
    obce = max(0, costs - users - insurance - subsidy - kraj - round(costs * 0.02, -3))
    return AnnualFigures(service=service, year=year, clients=clients, unit_kind=kind, units_available=available,
                         units_delivered=delivered, fte_social_workers=staff[0], fte_care_workers=staff[1],
                         fte_other=staff[2], costs_total=costs, revenue_subsidy=subsidy, revenue_kraj=kraj,
                         revenue_obce=obce, revenue_users=users, revenue_insurance=insurance,
                         revenue_other=round(costs * 0.02, -3))


def _audits(rng, services, today):
    standards = list(QualityStandard.objects.order_by("number"))
    audits = []
    for service in rng.sample(services, k=len(services) // 7):
        day = _working_day(today - dt.timedelta(days=rng.randint(20, 700)))
        kind = rng.choices(list(Audit.Kind.values), [45, 35, 15, 5])[0]
        serious = rng.random() < 0.15
        audits.append(Audit(service=service, kind=kind, carried_out_on=day, auditors=rng.choice(AUDITORS),
                            findings="Dílčí nedostatky v individuálním plánování a v dokumentaci." if serious or
                            rng.random() < 0.6 else "", recommendations="Pravidelně vyhodnocovat individuální plány.",
                            serious_findings=serious, follow_up_on=day + dt.timedelta(days=180),
                            is_public=rng.random() < 0.5))
    Audit.objects.bulk_create(audits, batch_size=2000)
    results, actions = [], []
    for audit in audits:
        for standard in standards:
            weights = [70, 22, 8 if audit.serious_findings else 2, 6]
            results.append(StandardResult(audit=audit, standard=standard,
                                          result=rng.choices(list(StandardResult.Result.values), weights)[0]))
        for description in rng.sample(ACTIONS, k=rng.randint(0, 3)):
            deadline = _working_day(audit.carried_out_on + dt.timedelta(days=rng.choice([60, 90, 120, 180])))
            done = deadline < today and rng.random() < 0.7
            actions.append(CorrectiveAction(audit=audit, description=description, owner=rng.choice(
                ["vedoucí služby", "sociální pracovnice", "ředitel organizace"]), deadline=deadline,
                state=CorrectiveAction.State.DONE if done else rng.choice(["open", "progress"]),
                done_on=min(deadline, today) if done else None))
    StandardResult.objects.bulk_create(results, batch_size=5000)
    CorrectiveAction.objects.bulk_create(actions, batch_size=5000)
    return len(audits), len(results), len(actions)
