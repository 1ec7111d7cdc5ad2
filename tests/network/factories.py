"""Builders of the network's records: network lines, minimal network rules, annual figures and audits."""

import datetime as dt
from decimal import Decimal

from django.utils import timezone

from network.models import (
    AnnualFigures,
    Audit,
    CorrectiveAction,
    MinimalNetworkNorm,
    NetworkMembership,
    UnitKind,
)
from services.models import ServiceType
from territory.models import home_kraj
from tests.services.factories import make_service


def this_year() -> int:
    return timezone.localdate().year


def service_type(number: int) -> ServiceType:
    return ServiceType.objects.get(code=f"DruhSocialniSluzby/{number}")


def make_membership(service, *, capacity=20, unit="luzka", year=None, kraj=None, **fields):
    return NetworkMembership.objects.create(kraj=kraj or home_kraj(), year=year or this_year(), service=service,
                                            unit=unit, capacity=capacity, **fields)


def make_norm(*, number=None, group=None, unit="luzka", basis="per1000", rate=10, age_band="all", kraj=None):
    return MinimalNetworkNorm.objects.create(
        kraj=kraj or home_kraj(), service_type=service_type(number) if number else None, type_group=group,
        unit=unit, basis=basis, rate=Decimal(str(rate)), age_band=age_band)


def make_figures(service, *, year=None, clients=50, available=18_250, delivered=16_425, costs=12_000_000,
                 staff=(Decimal(2), Decimal(20), Decimal(5)), revenues=(4_000_000, 2_000_000, 500_000,
                                                                            4_500_000, 800_000, 200_000),
                 unit_kind=UnitKind.BED_DAYS):
    subsidy, kraj, obce, users, insurance, other = revenues
    return AnnualFigures.objects.create(
        service=service, year=year or this_year() - 1, clients=clients, unit_kind=unit_kind,
        units_available=available, units_delivered=delivered, fte_social_workers=staff[0],
        fte_care_workers=staff[1], fte_other=staff[2], costs_total=costs, revenue_subsidy=subsidy,
        revenue_kraj=kraj, revenue_obce=obce, revenue_users=users, revenue_insurance=insurance, revenue_other=other)


def make_audit(service=None, *, kind=Audit.Kind.INSPECTION, on=None, actions=(), **fields):
    audit = Audit.objects.create(service=service or make_service(), kind=kind,
                                 carried_out_on=on or timezone.localdate() - dt.timedelta(days=90),
                                 auditors="Inspekce kvality, Mgr. Jana Dvořáková", **fields)
    for description, deadline, state in actions:
        CorrectiveAction.objects.create(audit=audit, description=description, owner="vedoucí služby",
                                        deadline=deadline, state=state,
                                        done_on=deadline if state == CorrectiveAction.State.DONE else None)
    return audit
