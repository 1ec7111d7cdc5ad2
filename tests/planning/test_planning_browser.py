"""Planning in a real browser: a visitor follows a priority of the kraj's plan to an ORP measure and sees its
progress; a signed-in professional comments in the consultation; the planner settles the comment. Every page
passes axe, works without scripts and has one h1."""

import re

import pytest
from django.utils import timezone

from planning.models import Comment
from services.models import RegisteredCapacity
from tests.accounts.factories import PASSWORD, UserFactory
from tests.browser import check_page, log_in
from tests.planning.factories import (
    MeasureFactory,
    close_consultation,
    computed_indicator,
    kladensko,
    make_plan_structure,
    open_consultation,
    planning_coordinator_of,
)
from tests.services.factories import make_service

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def _plans():
    coordinator = UserFactory(regional_coordinator=True)
    from territory.models import home_kraj

    coordinator.coordinated_kraje.add(home_kraj())
    service = make_service(capacity=30)
    kraj_plan, kraj_measure = make_plan_structure(title="Střednědobý plán kraje 2026–2028", slug="krajsky-plan")
    open_consultation(kraj_plan, coordinator)
    close_consultation(kraj_plan)
    kraj_plan.adopt(by=coordinator, body="Zastupitelstvo kraje", number="45/2025", date=timezone.localdate())
    kraj_plan.put_in_force(by=coordinator)
    local_plan, local = make_plan_structure(locality=kladensko(), title="KPSS Kladensko", slug="kpss-kladensko")
    local.title = "Víkendová pečovatelská služba"
    local.contributes_to = kraj_measure.priority
    local.save()
    computed_indicator(local, target=50)
    open_consultation(local_plan, coordinator)
    close_consultation(local_plan)
    local_plan.adopt(by=coordinator, body="Zastupitelstvo města Kladna", number="ZM 9/2025",
                     date=timezone.localdate())
    RegisteredCapacity.objects.filter(service=service).update(maximum=40)  # the registry grew since
    return kraj_plan, local


def test_a_visitor_follows_a_kraj_priority_to_an_orp_measure(page, live_server, axe_source):
    _kraj_plan, local = _plans()
    page.goto(f"{live_server.url}/cs/")
    page.locator("nav.main-nav a:visible", has_text="Plánování").click()
    check_page(page, axe_source, h1="Plánování sociálních služeb")
    page.locator("a", has_text="Střednědobý plán kraje 2026–2028").first.click()
    check_page(page, axe_source, h1="Střednědobý plán kraje 2026–2028")
    priority = page.locator("section.priority").first
    assert "Opatření komunitních plánů, která k této prioritě přispívají" in priority.inner_text()
    priority.locator("a", has_text="Víkendová pečovatelská služba").click()
    page.wait_for_url(re.compile(rf"/opatreni/{local.pk}/$"))
    check_page(page, axe_source)
    text = page.locator("main").inner_text()
    assert "Výchozí hodnota" in text and "30" in text and "40" in text and "50" in text
    assert page.locator("progress").get_attribute("value") == "50"  # 30 → 40 of the way to 50
    assert page.locator("svg[role=img]").count() == 1


def test_a_professional_comments_and_the_planner_settles(page, live_server, axe_source):
    coordinator = UserFactory(regional_coordinator=True)
    from territory.models import home_kraj

    coordinator.coordinated_kraje.add(home_kraj())
    plan, measure = make_plan_structure(locality=kladensko(), title="KPSS Kladensko 2027–2029", slug="kpss")
    MeasureFactory(priority=measure.priority, title="Noclehárna pro ženy")
    open_consultation(plan, coordinator)
    professional = UserFactory(verified=True, display_name="Jana Sociální")
    planner = planning_coordinator_of(kladensko())

    log_in(page, live_server, professional.email, PASSWORD)
    page.goto(f"{live_server.url}/cs/planovani/kpss/")
    page.locator("a", has_text="Přečtěte si připomínky a přidejte svou").click()
    check_page(page, axe_source)
    page.locator("#id_target").select_option(f"measure:{measure.pk}")
    page.locator("#id_text").fill("Pečovatelská služba by měla jezdit i o víkendu.")
    page.locator(".comment-form button[type=submit]").click()
    page.wait_for_load_state()
    check_page(page, axe_source)
    comment = Comment.objects.get()
    assert comment.author == professional and comment.measure == measure
    assert "Pečovatelská služba by měla jezdit i o víkendu." in page.locator("main").inner_text()

    page.context.clear_cookies()
    log_in(page, live_server, planner.email, PASSWORD)
    page.goto(f"{live_server.url}/cs/planovani/kpss/pripominky/")
    check_page(page, axe_source)
    row = page.locator(f"#pripominka-{comment.pk}")
    row.locator("label", has_text="akceptováno částečně").click()
    row.locator("textarea").fill("Víkendový provoz doplněn od roku 2028.")
    row.locator("button[type=submit]").click()
    page.wait_for_load_state()
    check_page(page, axe_source)
    comment.refresh_from_db()
    assert comment.outcome == "partly" and comment.settled_by == planner
    assert "Víkendový provoz doplněn od roku 2028." in page.locator("main").inner_text()
