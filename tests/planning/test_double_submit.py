"""The planning forms sent twice (a double click, Back + Submit) save once (core/resubmit.py). The portal-wide
gate (tests/test_double_submit.py) watches the tables of PROJECT_APPS only, so planning checks its own forms."""

import re
from urllib.parse import urlencode

import pytest
from django.test import Client
from django.urls import reverse

from planning.models import Comment, Plan
from tests.planning.factories import kladensko, make_comment, make_plan_structure, open_consultation

pytestmark = pytest.mark.django_db


def _post(client, url, data):
    """As a browser sends a form without files (the test client would send multipart)."""
    return client.post(url, urlencode(data), content_type="application/x-www-form-urlencoded")


def _token(client, url):
    page = client.get(url).content.decode()
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)


def test_a_comment_sent_twice_is_stored_once(coordinator, user):
    plan, measure = make_plan_structure(locality=kladensko())
    open_consultation(plan, coordinator)
    client = Client(enforce_csrf_checks=True)
    client.force_login(user)
    token = _token(client, reverse("planning:consultation", args=[plan.slug]))
    data = {"csrfmiddlewaretoken": token, "target": f"measure:{measure.pk}", "text": "Víkendový provoz prosím."}
    first = _post(client, reverse("planning:comment-create", args=[plan.slug]), data)
    second = _post(client, reverse("planning:comment-create", args=[plan.slug]), data)
    assert first.status_code == 302 and second.status_code == 303  # the first answer, with a notice
    assert Comment.objects.count() == 1


def test_a_settlement_and_a_step_sent_twice_act_once(coordinator, user):
    plan, measure = make_plan_structure(locality=kladensko())
    open_consultation(plan, coordinator)
    comment = make_comment(plan, user, measure=measure)
    client = Client(enforce_csrf_checks=True)
    client.force_login(coordinator)
    token = _token(client, reverse("planning:consultation", args=[plan.slug]))
    data = {"csrfmiddlewaretoken": token, "outcome": "partly", "justification": "Zapracováno."}
    for _ in range(2):
        assert _post(client, reverse("planning:comment-settle", args=[comment.pk]), data).status_code in (302, 303)
    assert comment.history.filter(outcome="partly").count() == 1

    draft, _measure = make_plan_structure()
    token = _token(client, draft.get_absolute_url())
    data = {"csrfmiddlewaretoken": token, "to_state": "consultation", "starts": "2026-01-05", "ends": "2026-02-05"}
    for _ in range(2):
        assert _post(client, reverse("planning:plan-step", args=[draft.slug]), data).status_code in (302, 303)
    draft.refresh_from_db()
    assert draft.state == Plan.State.CONSULTATION and draft.transitions.count() == 1
