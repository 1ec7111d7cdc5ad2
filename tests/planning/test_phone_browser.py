"""The planning pages with wide tables fit a phone: the tables scroll in their own box (tests/browser.py)."""

import pytest
from django.core.management import call_command

from tests.browser import PHONE, assert_no_axe_violations, phone_layout_problems

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_planning_pages_fit_a_phone(page, live_server, axe_source):
    call_command("seed_demo", allow_production=True, verbosity=0)
    from planning.models import Measure, Plan

    consulted = Plan.objects.get(state="consultation")
    kraj_plan = Plan.objects.get(locality__isnull=True)
    measure = Measure.objects.filter(priority__plan=kraj_plan).first()
    page.set_viewport_size(PHONE)
    problems = []
    for path in ["/cs/planovani/", f"/cs/planovani/{consulted.slug}/pripominky/", kraj_plan.get_absolute_url(),
                 measure.get_absolute_url(), f"/cs/planovani/{kraj_plan.slug}/hodnoceni/2026/",
                 f"/cs/planovani/kraj/{kraj_plan.kraj_id}/", consulted.locality.get_absolute_url()]:
        page.goto(f"{live_server.url}{path}")
        problems += [f"{path}: {problem}" for problem in phone_layout_problems(page)]
        assert_no_axe_violations(page, axe_source)
    assert problems == []
