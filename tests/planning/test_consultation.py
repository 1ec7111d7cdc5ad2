"""The public consultation: comments only from signed-in people within the period, settled by the planners
(every role tried), moderated through the forum's generic moderation, and the settlement table published with
the adopted plan."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from accounts import roles
from discussions import moderation
from discussions.models import Flag
from planning.models import Comment, PlanningError
from tests.accounts.factories import UserFactory
from tests.planning.factories import (
    close_consultation,
    kladensko,
    make_comment,
    make_plan_structure,
    open_consultation,
    planning_coordinator_of,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def consulted(coordinator):
    plan, measure = make_plan_structure(locality=kladensko())
    open_consultation(plan, coordinator)
    return plan, measure


def test_a_signed_in_person_comments_on_a_measure(client, consulted, user):
    plan, measure = consulted
    client.force_login(user)
    page = client.get(reverse("planning:consultation", args=[plan.slug]) + f"?opatreni={measure.pk}")
    assert 'name="text"' in page.content.decode()
    response = client.post(reverse("planning:comment-create", args=[plan.slug]),
                           {"target": f"measure:{measure.pk}", "text": "Chybí víkendový provoz.",
                            "organisation": "Spolek pečujících"})
    comment = Comment.objects.get()
    assert response.status_code == 302 and response.url.endswith(f"#pripominka-{comment.pk}")
    assert (comment.measure, comment.author, comment.organisation) == (measure, user, "Spolek pečujících")
    assert comment.outcome == Comment.Outcome.PENDING
    assert "Chybí víkendový provoz." in client.get(reverse("planning:consultation", args=[plan.slug])).content.decode()


def test_a_comment_on_a_chapter(client, consulted, user):
    plan, _measure = consulted
    client.force_login(user)
    client.post(reverse("planning:comment-create", args=[plan.slug]),
                {"target": "section:financing", "text": "Doplňte financování z ESF+."})
    assert Comment.objects.get().section == "financing"


def test_anonymous_visitors_are_asked_to_sign_in(client, consulted):
    plan, measure = consulted
    page = client.get(reverse("planning:consultation", args=[plan.slug])).content.decode()
    assert 'name="text"' not in page and "/ucet/login/" in page
    response = client.post(reverse("planning:comment-create", args=[plan.slug]),
                           {"target": f"measure:{measure.pk}", "text": "Anonymní připomínka"})
    assert response.status_code == 302 and "/ucet/login/" in response.url
    assert not Comment.objects.exists()


def test_the_consultation_period_is_enforced(client, consulted, user, coordinator):
    plan, measure = consulted
    close_consultation(plan)
    with pytest.raises(PlanningError):
        make_comment(plan, user, measure=measure)
    client.force_login(user)
    response = client.post(reverse("planning:comment-create", args=[plan.slug]),
                           {"target": f"measure:{measure.pk}", "text": "Pozdě"})
    assert response.status_code == 403
    not_yet, other = make_plan_structure()
    today = timezone.localdate()
    not_yet.start_consultation(by=coordinator, starts=today + dt.timedelta(days=3), ends=today + dt.timedelta(days=30))
    with pytest.raises(PlanningError):
        make_comment(not_yet, user, measure=other)
    assert not Comment.objects.exists()


def test_a_measure_of_another_plan_is_refused(consulted, user, coordinator):
    plan, _measure = consulted
    _other_plan, foreign = make_plan_structure()
    with pytest.raises(PlanningError):
        make_comment(plan, user, measure=foreign)


def test_an_empty_comment_is_a_form_error(client, consulted, user):
    plan, measure = consulted
    client.force_login(user)
    response = client.post(reverse("planning:comment-create", args=[plan.slug]),
                           {"target": f"measure:{measure.pk}", "text": ""})
    assert response.status_code == 400
    assert not Comment.objects.exists()


def _person(request, role):
    if role == "anonymous":
        return None
    if role == "other_planning_coordinator":
        from planning.models import PlanningLocality
        from territory.models import Orp, home_kraj

        other = PlanningLocality.objects.create(kraj=home_kraj(), name="Slánsko")
        other.orps.set([Orp.objects.get(pk=2124)])
        return planning_coordinator_of(other)
    if role == "coalition_coordinator":
        return UserFactory(is_staff=True, verified=True, roles=[roles.COALITION_COORDINATOR])
    return request.getfixturevalue(role)


@pytest.mark.parametrize("role, allowed", [
    ("anonymous", False), ("user", False), ("verified_user", False), ("moderator", False),
    ("coalition_coordinator", False), ("other_region_coordinator", False), ("other_planning_coordinator", False),
    ("planning_coordinator", True), ("coordinator", True),
])
def test_who_may_settle_a_comment(client, request, consulted, role, allowed):
    plan, measure = consulted
    comment = make_comment(plan, UserFactory(), measure=measure)
    person = _person(request, role)
    if person is not None:
        client.force_login(person)
    response = client.post(reverse("planning:comment-settle", args=[comment.pk]),
                           {"outcome": "partly", "justification": "Zapracováno do aktivity 2027."})
    comment.refresh_from_db()
    assert (comment.outcome == Comment.Outcome.PARTLY) is allowed, role
    if allowed:
        assert comment.settled_by == person and comment.justification == "Zapracováno do aktivity 2027."
    else:
        assert response.status_code in (302, 403) and comment.settled_by is None
        if person is None:
            assert "/ucet/login/" in response.url


def test_anything_but_acceptance_needs_a_justification(client, consulted, coordinator):
    plan, measure = consulted
    comment = make_comment(plan, UserFactory(), measure=measure)
    client.force_login(coordinator)
    client.post(reverse("planning:comment-settle", args=[comment.pk]), {"outcome": "rejected", "justification": ""})
    comment.refresh_from_db()
    assert comment.outcome == Comment.Outcome.PENDING
    with pytest.raises(PlanningError):
        comment.settle(by=coordinator, outcome="rejected", justification=" ")
    comment.settle(by=coordinator, outcome="accepted", justification="")
    assert comment.outcome == Comment.Outcome.ACCEPTED


def test_the_settlement_table_is_published_with_the_adopted_plan(client, consulted, coordinator):
    plan, measure = consulted
    comment = make_comment(plan, UserFactory(display_name="Eva Pečující"), measure=measure,
                           text="Prosíme o odlehčovací službu.")
    close_consultation(plan)
    comment.settle(by=coordinator, outcome="partly", justification="Doplněno do roku 2027.")
    plan.adopt(by=coordinator, body="Zastupitelstvo města Kladna", number="ZM 3/2026", date=timezone.localdate())
    with translation.override("en"):
        page = client.get(reverse("planning:consultation", args=[plan.slug])).content.decode()
    assert "Settlement table" in page
    assert "Prosíme o odlehčovací službu." in page and "Doplněno do roku 2027." in page
    assert "partly accepted" in page and "Eva Pečující" in page
    with pytest.raises(PlanningError):  # the published table no longer changes
        comment.settle(by=coordinator, outcome="accepted", justification="")


def test_comments_are_moderated_like_forum_posts(client, consulted, moderator, user):
    plan, measure = consulted
    comment = make_comment(plan, user, measure=measure, text="Kupte levné hodinky.")
    reporter = UserFactory(verified=True)
    client.force_login(reporter)
    response = client.post(reverse("discussions:flag", args=["planning.comment", comment.pk]),
                           {"reason": Flag.Reason.choices[0][0], "note": "spam"})
    assert response.status_code == 302
    assert Flag.objects.filter(object_id=comment.pk).exists()
    assert moderation.can_moderate_object(moderator, comment)
    assert not moderation.can_moderate_object(user, comment)
    moderation.hide(comment, by=moderator, reason="spam")
    page = client.get(reverse("planning:consultation", args=[plan.slug])).content.decode()
    assert "Kupte levné hodinky." not in page
    # A hidden comment does not hold up the adoption.
    close_consultation(plan)
    plan.adopt(by=request_coordinator(plan), body="Zastupitelstvo", number="1", date=timezone.localdate())


def request_coordinator(plan):
    person = UserFactory(regional_coordinator=True)
    person.coordinated_kraje.add(plan.kraj)
    return person
