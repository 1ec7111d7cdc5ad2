"""Indicators that measure themselves: computed from the live registry in a fixed number of queries, progress from
the frozen baseline to the target, snapshots for the history, and the status of measures rolled up."""

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone

from planning import indicators
from planning.models import Activity, Indicator, IndicatorValue, Measure
from services.models import RegisteredCapacity, Service
from territory.models import Obec
from tests.planning.factories import (
    close_consultation,
    computed_indicator,
    kladensko,
    make_plan_structure,
    open_consultation,
)
from tests.services.factories import make_service

pytestmark = pytest.mark.django_db

KLADNO, BRNO, SLANY = 532053, 582786, 532819


def _fresh(indicator):
    return (Indicator.objects.filter(pk=indicator.pk).select_related(
        "measure__priority__plan__kraj", "measure__priority__plan__locality").prefetch_related(
        "service_types", "orps", "measure__priority__plan__locality__orps").get())


def _value(indicator):
    return indicators.current_values([_fresh(indicator)])[indicator.pk]


def test_registered_capacity_is_summed_from_the_registry_of_the_plan_territory():
    _plan, measure = make_plan_structure(locality=kladensko())
    indicator = computed_indicator(measure, target=100)
    make_service(capacity=30)  # a home for the elderly in Kladno
    make_service(capacity=12, obec=Obec.objects.get(pk=SLANY))  # ORP Slaný: outside the locality
    make_service(capacity=50, obec=Obec.objects.get(pk=BRNO))  # another kraj
    make_service(capacity=40, service_type=_type("DruhSocialniSluzby/14"))  # another type
    make_service(capacity=25, valid_to=dt.date(2020, 1, 1))  # ended
    assert _value(indicator) == 30


def _type(code):
    from services.models import ServiceType

    return ServiceType.objects.get(code=code)


def test_a_kraj_plan_counts_the_whole_kraj_and_named_orps_narrow_it():
    _plan, measure = make_plan_structure()
    whole = computed_indicator(measure)
    from territory.models import Orp
    slany = computed_indicator(measure, orps=[Orp.objects.get(pk=2124)])
    make_service(capacity=30)
    make_service(capacity=12, obec=Obec.objects.get(pk=SLANY))
    make_service(capacity=50, obec=Obec.objects.get(pk=BRNO))
    values = indicators.current_values([_fresh(whole), _fresh(slany)])
    assert values == {whole.pk: 42, slany.pk: 12}


def test_services_free_places_and_capacity_per_thousand():
    _plan, measure = make_plan_structure(locality=kladensko())
    services = computed_indicator(measure, metric="services")
    free = computed_indicator(measure, metric="free")
    per_1000 = computed_indicator(measure, metric="per_1000")
    make_service(capacity=30, free_places=2)
    make_service(capacity=20, free_places=0)
    population = sum(Obec.objects.filter(orp_id=2109).values_list("population", flat=True))
    values = indicators.current_values([_fresh(i) for i in (services, free, per_1000)])
    assert values[services.pk] == 2
    assert values[free.pk] == 1
    assert values[per_1000.pk] == (Decimal(50_000) / population).quantize(Decimal("0.01"))


def test_all_indicators_of_a_page_cost_three_queries(django_assert_num_queries):
    _plan, measure = make_plan_structure()
    made = [computed_indicator(measure, metric=metric) for metric in ("capacity", "services", "free", "per_1000")
            for _ in range(5)]
    make_service(capacity=30, free_places=2)
    fresh = [_fresh(i) for i in made]
    with django_assert_num_queries(3):
        values = indicators.current_values(fresh)
    assert len(values) == 20


def test_new_capacity_changes_progress_and_the_baseline_stays_frozen(coordinator, user):
    plan, measure = make_plan_structure(locality=kladensko())
    indicator = computed_indicator(measure, target=60)
    service = make_service(capacity=40)
    open_consultation(plan, coordinator)
    close_consultation(plan)
    plan.adopt(by=coordinator, body="Zastupitelstvo města Kladna", number="ZM 1/2026",
               date=timezone.localdate())
    indicator.refresh_from_db()
    assert indicator.baseline == 40 and indicator.baseline_on == timezone.localdate()
    assert IndicatorValue.objects.get(indicator=indicator).value == 40  # the first point of the history

    def progress():
        [annotated] = indicators.annotate_progress(Measure.objects.for_progress().filter(pk=measure.pk))
        return annotated.progresses[0], annotated.status

    first, status = progress()
    assert (first.baseline, first.current, first.percent) == (40, 40, 0)
    RegisteredCapacity.objects.filter(service=service).update(maximum=50)  # the registry grew
    second, status = progress()
    assert (second.baseline, second.current, second.percent) == (40, 50, 50)
    assert status == indicators.Status.ON_TRACK
    make_service(capacity=15)  # a new home opens: the target is reached
    third, status = progress()
    assert third.current == 65 and third.percent == 100 and third.reached
    assert status == indicators.Status.DONE
    indicator.refresh_from_db()
    assert indicator.baseline == 40  # frozen
    plan.put_in_force(by=coordinator)
    indicator.refresh_from_db()
    assert indicator.baseline == 40  # putting in force does not freeze it again


def test_a_frozen_baseline_cannot_be_edited_in_the_model_form(coordinator):
    from django.core.exceptions import ValidationError

    plan, measure = make_plan_structure()
    indicator = computed_indicator(measure, target=60)
    make_service(capacity=40)
    open_consultation(plan, coordinator)
    close_consultation(plan)
    plan.adopt(by=coordinator, body="Zastupitelstvo", number="1", date=timezone.localdate())
    indicator.refresh_from_db()
    indicator.baseline = Decimal(10)
    with pytest.raises(ValidationError):
        indicator.full_clean()


def test_manual_indicators_use_their_newest_value_and_measures_can_be_late():
    _plan, measure = make_plan_structure()
    manual = Indicator.objects.create(measure=measure, name="Proškolení pracovníci", kind="manual",
                                      baseline=Decimal(100), target=Decimal(300), deadline=dt.date(2028, 12, 31),
                                      source="Evidence kraje")
    IndicatorValue.objects.create(indicator=manual, measured_on=dt.date(2026, 3, 31), value=150)
    IndicatorValue.objects.create(indicator=manual, measured_on=dt.date(2026, 6, 30), value=200)
    [annotated] = indicators.annotate_progress(Measure.objects.for_progress().filter(pk=measure.pk))
    assert annotated.progresses[0].current == 200 and annotated.progresses[0].percent == 50
    Measure.objects.filter(pk=measure.pk).update(ends_on=timezone.localdate() - dt.timedelta(days=1))
    [annotated] = indicators.annotate_progress(Measure.objects.for_progress().filter(pk=measure.pk))
    assert annotated.status == indicators.Status.LATE


def test_a_measure_without_indicators_is_done_when_its_activities_are():
    _plan, measure = make_plan_structure()
    [annotated] = indicators.annotate_progress(Measure.objects.for_progress().filter(pk=measure.pk))
    assert annotated.status == indicators.Status.ON_TRACK or annotated.status == indicators.Status.LATE
    Activity.objects.filter(measure=measure).update(status="done")
    [annotated] = indicators.annotate_progress(Measure.objects.for_progress().filter(pk=measure.pk))
    assert annotated.status == indicators.Status.DONE


def test_snapshots_keep_one_value_a_day(coordinator):
    from planning.tasks import snapshot_plans

    plan, measure = make_plan_structure()
    indicator = computed_indicator(measure, target=60)
    service = make_service(capacity=40)
    open_consultation(plan, coordinator)
    close_consultation(plan)
    plan.adopt(by=coordinator, body="Zastupitelstvo", number="1", date=timezone.localdate())
    RegisteredCapacity.objects.filter(service=service).update(maximum=45)
    assert snapshot_plans([plan]) == 1
    assert list(IndicatorValue.objects.filter(indicator=indicator).values_list("value", flat=True)) == [45]
    assert Service.objects.count() == 1
