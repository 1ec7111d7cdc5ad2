"""Planning's numbers on the coordinators' dashboard: comments waiting for settlement and measures past their end
with unfinished activities, counted in the coordinator's kraje and linked to admin lists with the same rows."""

import datetime as dt

import pytest
from django.utils import timezone

from planning import dashboard
from planning.models import Measure
from tests.accounts.factories import UserFactory
from tests.planning.factories import (
    close_consultation,
    kladensko,
    make_comment,
    make_plan_structure,
    open_consultation,
)

pytestmark = pytest.mark.django_db


def test_the_coordinator_sees_comments_to_settle_and_late_measures(client, coordinator, other_region_coordinator):
    consulted, measure = make_plan_structure(locality=kladensko())
    open_consultation(consulted, coordinator)
    make_comment(consulted, UserFactory(), measure=measure)
    settled = make_comment(consulted, UserFactory(), measure=measure, text="Jiná připomínka")
    settled.settle(by=coordinator, outcome="accepted", justification="")
    late_plan, late = make_plan_structure()
    open_consultation(late_plan, coordinator)
    close_consultation(late_plan)
    late_plan.adopt(by=coordinator, body="Zastupitelstvo", number="1", date=timezone.localdate())
    Measure.objects.filter(pk=late.pk).update(ends_on=timezone.localdate() - dt.timedelta(days=10))

    items = {item.key: item for item in dashboard.attention_items(coordinator, [coordinator.coordinated_kraje.get().pk])}
    assert items["comments_to_settle"].count == 1 and items["measures_late"].count == 1
    client.force_login(coordinator)
    for item in items.values():
        response = client.get(item.url)
        assert response.status_code == 200 and response.context["cl"].result_count == item.count, item.key
    theirs = dashboard.attention_items(other_region_coordinator,
                                       [other_region_coordinator.coordinated_kraje.get().pk])
    assert [item.count for item in theirs] == [0, 0]
