"""The public planning pages: what they show, who sees drafts, bad input, downloads, the feed, the sitemap, the
ORP profile's planning part, and a fixed number of queries however many plans, measures and indicators."""


import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from planning.models import IndicatorValue, Plan
from tests.planning.factories import (
    MeasureFactory,
    PlanFactory,
    close_consultation,
    computed_indicator,
    kladensko,
    make_comment,
    make_plan_structure,
    open_consultation,
)
from tests.services.factories import make_service

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def _in_force(plan, coordinator):
    open_consultation(plan, coordinator)
    close_consultation(plan)
    plan.adopt(by=coordinator, body="Zastupitelstvo kraje", number="45/2026", date=timezone.localdate())
    plan.put_in_force(by=coordinator)
    return plan


def _world(coordinator, size):
    """A kraj plan in force and `size` community plans of Kladensko, each with two measures and indicators."""
    make_service(capacity=30, free_places=2)
    kraj_plan, measure = make_plan_structure(title="Krajský plán")
    computed_indicator(measure, target=50)
    for index in range(size):
        plan, local = make_plan_structure(locality=kladensko(), title=f"KPSS Kladensko {index}")
        computed_indicator(local, metric="services", target=3)
        second = MeasureFactory(priority=local.priority, contributes_to=measure.priority)
        computed_indicator(second, metric="per_1000", target=3)
        open_consultation(plan, coordinator)
    return _in_force(kraj_plan, coordinator)


def _queries(client, url):
    client.get(url)  # warm the once-per-process caches (the region's name, the cache generations)
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(context.captured_queries)


@pytest.mark.parametrize("page", ["index", "plan", "kraj", "orp", "measure"])
def test_pages_run_a_fixed_number_of_queries(client, coordinator, page):
    """The same number of queries for 2 and for 6 community plans (pinned below)."""
    counts = []
    for size in (2, 6):
        kraj_plan = _world(coordinator, size)
        url = {"index": reverse("planning:index"), "plan": kraj_plan.get_absolute_url(),
               "kraj": reverse("planning:kraj-overview", args=[kraj_plan.kraj_id]),
               "orp": reverse("services:orp-profile", args=[2109, "kladno"]),
               "measure": kraj_plan.priorities.get().measures.get().get_absolute_url()}[page]
        counts.append(_queries(client, url))
        Plan.objects.all().delete()
    assert counts[0] == counts[1], counts
    assert counts[0] == PINNED[page], counts


PINNED = {"index": 8, "plan": 21, "kraj": 15, "orp": 19, "measure": 16}


def test_drafts_are_seen_only_by_their_planners(client, coordinator, planning_coordinator, other_region_coordinator):
    plan, measure = make_plan_structure(locality=kladensko())
    for url in (plan.get_absolute_url(), measure.get_absolute_url(),
                reverse("planning:action-plan", args=[plan.slug, 2026])):
        assert client.get(url).status_code == 404
        client.force_login(other_region_coordinator)
        assert client.get(url).status_code == 404
        client.force_login(planning_coordinator)
        assert client.get(url).status_code == 200
        client.logout()
    assert plan.title not in client.get(reverse("planning:index")).content.decode()


def test_the_plan_page_shows_structure_progress_and_roll_up(client, coordinator):
    kraj_plan = _world(coordinator, 1)
    page = client.get(kraj_plan.get_absolute_url()).content.decode()
    assert "Priorities and measures" in page and "Financing" in page and "Monitoring and evaluation" in page
    assert "Measures of community plans contributing to this priority" in page
    assert "KPSS Kladensko 0" in page
    assert "45/2026" in page
    assert "1 on track, 0 late, 0 done" in page or "0 on track, 0 late, 1 done" in page


def test_the_measure_page_shows_baseline_current_target_and_history(client, coordinator):
    kraj_plan = _world(coordinator, 1)
    measure = kraj_plan.priorities.get().measures.get()
    make_service(capacity=10)
    page = client.get(measure.get_absolute_url()).content.decode()
    assert "Baseline" in page and "<strong>40</strong>" in page and "Target" in page
    assert 'value="50"' in page  # 30 → 40 is half the way to 50
    assert "<svg" in page and "Values of" in page
    assert "Registry of social services (computed by the portal)" in page
    assert IndicatorValue.objects.filter(indicator__measure=measure).exists()


def test_meetings_that_discussed_a_measure_are_listed(client, coordinator):
    from tests.coalitions.factories import MeetingFactory

    kraj_plan = _world(coordinator, 1)
    measure = kraj_plan.priorities.get().measures.get()
    meeting = MeetingFactory(title="Pracovní skupina Senioři – 3. setkání", published=True)
    measure.meetings.add(meeting)
    from tests.coalitions.factories import AgendaItemFactory

    item = AgendaItemFactory(meeting=MeetingFactory(title="Řídící skupina – jaro", published=True),
                             title="Kapacity pečovatelské služby")
    measure.agenda_items.add(item)
    page = client.get(measure.get_absolute_url()).content.decode()
    assert "Pracovní skupina Senioři – 3. setkání" in page and meeting.get_absolute_url() in page
    assert "Řídící skupina – jaro" in page and "Kapacity pečovatelské služby" in page


def test_the_action_plan_and_the_evaluation(client, coordinator):
    kraj_plan = _world(coordinator, 1)
    action = client.get(reverse("planning:action-plan", args=[kraj_plan.slug, 2026])).content.decode()
    assert "Action plan for 2026" in action and "Analýza potřeb" in action
    evaluation = client.get(reverse("planning:evaluation", args=[kraj_plan.slug, 2026])).content.decode()
    assert "Evaluation of the year 2026" in evaluation and "Value in 2026" in evaluation
    assert client.get(reverse("planning:evaluation", args=[kraj_plan.slug, 2040])).status_code == 404


def test_bad_filters_are_form_errors_not_500(client, coordinator):
    _world(coordinator, 1)
    for query in ("kraj=abc", "year=1&state=nope", "orp=999999", "level=x", "page=999", "year=99999999999999"):
        response = client.get(reverse("planning:index") + "?" + query)
        assert response.status_code == 200, query
    assert client.get(reverse("planning:index") + "?kraj=%00").status_code == 400  # the NUL gate
    response = client.get(reverse("planning:index") + "?state=in_force")
    assert "Krajský plán" in response.content.decode() and "KPSS Kladensko 0" not in response.content.decode()


def test_the_feed_lists_plans_entering_consultation(client, coordinator):
    _world(coordinator, 1)
    feed = client.get(reverse("planning:feed-consultation"))
    assert feed["Content-Type"].startswith("application/atom+xml")
    assert "KPSS Kladensko 0" in feed.content.decode()


def test_the_sitemap_lists_public_plans(client, coordinator):
    kraj_plan = _world(coordinator, 1)
    draft = PlanFactory(title="Návrh")
    sitemap = client.get("/sitemap.xml").content.decode()
    assert kraj_plan.get_absolute_url().replace("/en/", "/cs/") in sitemap
    assert f"/{draft.slug}/" not in sitemap


def test_the_structure_downloads(client, coordinator):
    kraj_plan = _world(coordinator, 1)
    csv = client.get(reverse("planning:plan-export", args=[kraj_plan.slug, "csv"]))
    assert csv.status_code == 200 and "Analýza potřeb" in csv.content.decode("utf-8-sig")
    xlsx = client.get(reverse("planning:plan-export", args=[kraj_plan.slug, "xlsx"]))
    assert xlsx.status_code == 200 and xlsx.content[:2] == b"PK"
    assert client.get(reverse("planning:plan-export", args=[kraj_plan.slug, "exe"])).status_code == 404


def test_the_orp_profile_shows_its_plan(client, coordinator):
    _world(coordinator, 1)
    page = client.get(reverse("services:orp-profile", args=[2109, "kladno"])).content.decode()
    assert "Community planning" in page and "KPSS Kladensko 0" in page and "Krajský plán" in page


def test_the_kraj_overview_and_the_municipalities_of_a_locality(client, coordinator):
    from territory.models import Obec

    kraj_plan = _world(coordinator, 1)
    locality = kladensko()
    locality.involved_obce.set(Obec.objects.filter(orp_id=2109).order_by("code")[:5])
    overview = client.get(reverse("planning:kraj-overview", args=[kraj_plan.kraj_id])).content.decode()
    assert "Kladensko" in overview and "5 of" in overview
    page = client.get(locality.get_absolute_url()).content.decode()
    total = Obec.objects.filter(orp_id=2109).count()
    assert f"5 of {total} municipalities take part" in page


def test_the_adopted_document_is_downloaded_only_where_the_plan_is_seen(client, coordinator):
    from django.core.files.base import ContentFile

    from coalitions.demo import minimal_pdf

    plan, _measure = make_plan_structure()
    plan.document.save("plan.pdf", ContentFile(minimal_pdf("Plan")), save=False)
    plan.document_type = "pdf"
    plan.save()
    url = reverse("planning:plan-document", args=[plan.slug])
    assert client.get(url).status_code == 404  # a draft
    _in_force(plan, coordinator)
    response = client.get(url)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"


def test_cached_pages_follow_new_comments_and_registry_changes(client, coordinator, settings, user):
    settings.REGISTRY_PAGE_CACHE_SECONDS = 300
    kraj_plan = _world(coordinator, 1)
    local = Plan.objects.get(title="KPSS Kladensko 0")
    consultation = reverse("planning:consultation", args=[local.slug])
    assert client.get(consultation)["X-Page-Cache"] == "miss"
    assert client.get(consultation)["X-Page-Cache"] == "hit"
    make_comment(local, user, text="Nová připomínka k plánu.")
    response = client.get(consultation)
    assert response["X-Page-Cache"] == "miss" and "Nová připomínka k plánu." in response.content.decode()
    measure_url = kraj_plan.priorities.get().measures.get().get_absolute_url()
    client.get(measure_url)
    make_service(capacity=10)
    response = client.get(measure_url)
    assert response["X-Page-Cache"] == "miss" and "<strong>40</strong>" in response.content.decode()
