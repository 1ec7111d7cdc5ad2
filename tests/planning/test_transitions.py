"""A plan's steps (draft → consultation → adopted → in force → evaluated → archived): who may take them, through
the site and through the admin, and what each step needs."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from accounts import roles
from planning.models import Plan, PlanningError, PlanningLocality, PlanTransition
from territory.models import Orp, home_kraj
from tests.accounts.factories import UserFactory
from tests.planning.factories import (
    PlanFactory,
    close_consultation,
    kladensko,
    make_comment,
    make_plan_structure,
    open_consultation,
    planning_coordinator_of,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english():
    """Messages of refused steps are matched in English."""
    with translation.override("en"):
        yield

TODAY = timezone.localdate


def _other_locality():
    locality = PlanningLocality.objects.create(kraj=home_kraj(), name="Slánsko")
    locality.orps.set([Orp.objects.get(pk=2124)])
    return locality


def _person(request, role):
    if role == "anonymous":
        return None
    if role == "other_planning_coordinator":
        return planning_coordinator_of(_other_locality())
    if role == "superuser":
        return UserFactory(is_staff=True, is_superuser=True)
    if role == "coalition_coordinator":
        return UserFactory(is_staff=True, verified=True, roles=[roles.COALITION_COORDINATOR])
    return request.getfixturevalue(role)


def _step_data(plan):
    today = TODAY()
    return {"to_state": "consultation", "starts": today.isoformat(), "ends": (today + dt.timedelta(days=30)).isoformat()}


# (role, may start the consultation of the kraj plan, of the Kladensko community plan)
ROLES = [
    ("anonymous", False, False), ("user", False, False), ("verified_user", False, False), ("moderator", False, False),
    ("coalition_coordinator", False, False), ("other_region_coordinator", False, False),
    ("planning_coordinator", False, True), ("other_planning_coordinator", False, False),
    ("coordinator", True, True), ("superuser", True, True),
]


@pytest.mark.parametrize("role, kraj_plan_allowed, locality_plan_allowed", ROLES)
def test_who_may_start_the_consultation_through_the_site(client, request, role, kraj_plan_allowed,
                                                         locality_plan_allowed):
    kraj_plan, _measure = make_plan_structure()
    locality_plan, _measure = make_plan_structure(locality=kladensko())
    person = _person(request, role)
    if person is not None:
        client.force_login(person)
    for plan, allowed in ((kraj_plan, kraj_plan_allowed), (locality_plan, locality_plan_allowed)):
        response = client.post(reverse("planning:plan-step", args=[plan.slug]), _step_data(plan))
        plan.refresh_from_db()
        assert (plan.state == Plan.State.CONSULTATION) is allowed, (role, plan)
        if allowed:
            assert response.status_code == 302
            step = plan.transitions.get()
            assert (step.from_state, step.to_state, step.by) == ("draft", "consultation", person)
        elif person is None:
            assert response.status_code == 302 and response.url.startswith(reverse("account_login"))
        else:
            assert response.status_code == 404  # a draft is not shown to people who do not plan it
            assert not plan.transitions.exists()


@pytest.mark.parametrize("role, kraj_plan_allowed, locality_plan_allowed", ROLES)
def test_who_may_put_a_plan_in_force_through_the_admin(client, request, coordinator, role, kraj_plan_allowed,
                                                       locality_plan_allowed):
    plans = []
    for fields in ({}, {"locality": kladensko()}):
        plan, _measure = make_plan_structure(**fields)
        open_consultation(plan, coordinator)
        close_consultation(plan)
        plan.adopt(by=coordinator, body="Zastupitelstvo", number="12/2026", date=TODAY())
        plans.append(plan)
    person = _person(request, role)
    if person is not None:
        client.force_login(person)
    for plan, allowed in zip(plans, (kraj_plan_allowed, locality_plan_allowed), strict=True):
        response = client.post(reverse("admin:planning_plan_changelist"),
                               {"action": "put_in_force", "_selected_action": [plan.pk], "index": 0})
        plan.refresh_from_db()
        assert (plan.state == Plan.State.IN_FORCE) is allowed, (role, plan)
        if not allowed:
            assert response.status_code in (302, 403, 404)


def test_the_state_changes_only_by_steps(coordinator):
    plan = PlanFactory()
    plan.state = Plan.State.ADOPTED
    with pytest.raises(PlanningError):
        plan.save()
    plan.refresh_from_db()
    assert plan.state == Plan.State.DRAFT
    with pytest.raises(PlanningError):  # no skipping steps either
        plan.take_step(Plan.State.IN_FORCE, by=coordinator)


def test_the_consultation_needs_a_period_and_measures(coordinator):
    empty = PlanFactory()
    with pytest.raises(PlanningError, match="nothing to comment"):
        empty.start_consultation(by=coordinator, starts=TODAY(), ends=TODAY() + dt.timedelta(days=10))
    plan, _measure = make_plan_structure()
    with pytest.raises(PlanningError):
        plan.start_consultation(by=coordinator, starts=None, ends=None)
    with pytest.raises(PlanningError):
        plan.start_consultation(by=coordinator, starts=TODAY(), ends=TODAY() - dt.timedelta(days=1))
    assert Plan.objects.get(pk=plan.pk).state == Plan.State.DRAFT


def test_a_step_refused_on_the_site_says_why_and_changes_nothing(client, coordinator):
    plan, _measure = make_plan_structure()
    client.force_login(coordinator)
    response = client.post(reverse("planning:plan-step", args=[plan.slug]), {"to_state": "consultation"},
                           follow=True)
    assert "period" in response.content.decode() or "obdob" in response.content.decode()
    plan.refresh_from_db()
    assert plan.state == Plan.State.DRAFT


def test_adoption_needs_every_comment_settled_and_the_consultation_over(coordinator, user):
    plan, measure = make_plan_structure()
    open_consultation(plan, coordinator)
    comment = make_comment(plan, user, measure=measure)
    with pytest.raises(PlanningError, match="still running"):
        plan.adopt(by=coordinator, body="Zastupitelstvo", number="1/2026", date=TODAY())
    close_consultation(plan)
    with pytest.raises(PlanningError, match="not settled"):
        plan.adopt(by=coordinator, body="Zastupitelstvo", number="1/2026", date=TODAY())
    with pytest.raises(PlanningError):
        plan.adopt(by=coordinator, body="", number="", date=None)
    comment.settle(by=coordinator, outcome="rejected", justification="Mimo rozsah plánu.")
    plan.adopt(by=coordinator, body="Zastupitelstvo kraje", number="1/2026", date=TODAY())
    plan.refresh_from_db()
    assert plan.state == Plan.State.ADOPTED
    assert (plan.resolution_body, plan.resolution_number) == ("Zastupitelstvo kraje", "1/2026")
    assert plan.baselines_frozen_on == TODAY()


def test_the_whole_life_of_a_plan_is_logged(coordinator):
    plan, _measure = make_plan_structure()
    open_consultation(plan, coordinator)
    close_consultation(plan)
    plan.adopt(by=coordinator, body="Zastupitelstvo", number="7/2026", date=TODAY())
    plan.put_in_force(by=coordinator)
    plan.evaluate(by=coordinator, note="Závěrečné hodnocení")
    plan.archive(by=coordinator)
    steps = list(PlanTransition.objects.filter(plan=plan).values_list("to_state", flat=True))
    assert steps == ["consultation", "adopted", "in_force", "evaluated", "archived"]
    with pytest.raises(PlanningError):
        plan.archive(by=coordinator)


def test_a_new_period_starts_from_the_previous_structure(coordinator):
    from tests.planning.factories import computed_indicator

    previous, measure = make_plan_structure(period_start=2023, period_end=2025)
    measure.orps.set([Orp.objects.get(pk=2109)])
    computed_indicator(measure, target=120)
    new = PlanFactory(period_start=2026, period_end=2028, analysis="")
    new.copy_structure_from(previous)
    copied = new.priorities.get().measures.get()
    assert copied.title == measure.title and copied.pk != measure.pk
    assert copied.ends_on == dt.date(2031, 12, 31)  # shifted by three years
    assert list(copied.orps.all()) == [Orp.objects.get(pk=2109)]
    assert copied.activities.get().year == 2029
    indicator = copied.indicators.get()
    assert indicator.target == 120 and indicator.baseline is None
    assert new.previous == previous and new.analysis == previous.analysis
    with pytest.raises(PlanningError):
        new.copy_structure_from(previous)  # only into an empty draft
