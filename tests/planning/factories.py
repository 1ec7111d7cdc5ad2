"""Factories of planning records: a locality (ORP Kladno in the home kraj), plans, priorities, measures and their
indicators; `make_plan_structure` builds a small plan with one priority and measure."""

import datetime as dt
from decimal import Decimal

import factory
from django.utils import timezone

from planning.models import (
    Activity,
    Comment,
    CoordinatorAssignment,
    Indicator,
    Measure,
    Plan,
    PlanningLocality,
    Priority,
)
from territory.models import Orp, home_kraj
from tests.accounts.factories import UserFactory

KLADNO_ORP = 2109


def kladensko() -> PlanningLocality:
    """The planning locality of ORP Kladno (one per test database)."""
    locality, created = PlanningLocality.objects.get_or_create(kraj=home_kraj(), name="Kladensko")
    if created:
        locality.orps.set([Orp.objects.get(pk=KLADNO_ORP)])
    return locality


def planning_coordinator_of(locality=None):
    person = UserFactory(verified=True)
    CoordinatorAssignment.objects.create(user=person, locality=locality or kladensko())
    person.refresh_from_db()
    return person


class PlanFactory(factory.django.DjangoModelFactory):
    """A draft kraj-level plan of the home kraj (pass `locality=kladensko()` for a community plan)."""

    class Meta:
        model = Plan

    kraj = factory.LazyFunction(home_kraj)
    title = factory.Sequence(lambda n: f"Střednědobý plán rozvoje sociálních služeb {n}")
    slug = factory.Sequence(lambda n: f"plan-{n}")
    period_start = 2026
    period_end = 2028
    analysis = "Analýza potřeb seniorů a pečujících."


class PriorityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Priority

    plan = factory.SubFactory(PlanFactory)
    number = factory.Sequence(lambda n: n + 1)
    title = "Péče o seniory"


class MeasureFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Measure

    priority = factory.SubFactory(PriorityFactory)
    number = factory.Sequence(lambda n: n + 1)
    title = factory.Sequence(lambda n: f"Rozvoj pečovatelské služby {n}")
    starts_on = dt.date(2026, 1, 1)
    ends_on = dt.date(2028, 12, 31)


def computed_indicator(measure, *, metric="capacity", unit="luzka", type_codes=("DruhSocialniSluzby/13",),
                       target=None, orps=()):
    from services.models import ServiceType

    indicator = Indicator.objects.create(measure=measure, name="Lůžka domovů pro seniory", kind="computed",
                                         metric=metric, capacity_unit=unit if metric in ("capacity", "per_1000")
                                         else "", target=target, deadline=dt.date(2028, 12, 31))
    indicator.service_types.set(ServiceType.objects.filter(code__in=type_codes))
    indicator.orps.set(orps)
    return indicator


def make_plan_structure(**plan_fields):
    plan = PlanFactory(**plan_fields)
    measure = MeasureFactory(priority=PriorityFactory(plan=plan, number=1), number=1)
    Activity.objects.create(measure=measure, order=1, title="Analýza potřeb", year=2026)
    return plan, measure


def open_consultation(plan, by, *, days_left=14):
    today = timezone.localdate()
    plan.start_consultation(by=by, starts=today - dt.timedelta(days=1), ends=today + dt.timedelta(days=days_left))
    return plan


def close_consultation(plan):
    """The consultation period ended yesterday (as time passing would do)."""
    today = timezone.localdate()
    Plan.objects.filter(pk=plan.pk).update(consultation_starts=today - dt.timedelta(days=20),
                                           consultation_ends=today - dt.timedelta(days=1))
    plan.refresh_from_db()


def make_comment(plan, author, *, measure=None, text="Doplňte prosím víkendový provoz."):
    return Comment.submit(plan=plan, author=author, text=text, measure=measure)


D = Decimal
