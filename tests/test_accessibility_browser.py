"""Beyond axe: the main journeys done with the keyboard alone, and pages that reflow at 320 CSS pixels
(WCAG 1.4.10; the same as 400 % zoom of a 1280 px window) and at 640 px (200 % zoom) without scrolling
sideways. Screenshots of the narrow pages land in test-results/ for a human look."""

import re
from pathlib import Path

import pytest
from django.utils import timezone

from coalitions.models import Registration
from tests.accounts.factories import PASSWORD, UserFactory
from tests.i18n import english
from tests.browser import log_in
from tests.coalitions.factories import MeetingFactory, MembershipFactory
from tests.services.factories import make_service

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]
SCREENSHOTS = Path(__file__).resolve().parent.parent / "test-results"


def tab_to(page, selector: str, max_steps: int = 120):
    """Press Tab until the element matching `selector` has the focus (as a keyboard user would)."""
    for _ in range(max_steps):
        page.keyboard.press("Tab")
        if page.evaluate("(s) => document.activeElement && document.activeElement.matches(s)", selector):
            return
    raise AssertionError(f"{selector} cannot be reached with the Tab key on {page.url}")


def test_search_and_filter_the_registry_with_the_keyboard_only(page, live_server):
    make_service(name="Azylový dům Kladno", free_places=3)
    make_service(name="Azylový dům Slaný", free_places=0)
    page.goto(f"{live_server.url}/en/services/")
    tab_to(page, "input[name=q]")
    page.keyboard.type("azylovy dum")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"q=azylovy"))
    assert page.get_by_role("link", name="Azylový dům Slaný").count() == 1
    tab_to(page, "input[name=free]")
    page.keyboard.press("Space")
    tab_to(page, "section.search-filters button[type=submit]")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"free=on"))
    assert page.get_by_role("link", name="Azylový dům Kladno").count() == 1
    assert page.get_by_role("link", name="Azylový dům Slaný").count() == 0


def test_register_for_a_meeting_with_the_keyboard_only(page, live_server):
    membership = MembershipFactory(person=UserFactory(verified=True, email="clen@example.cz"))
    meeting = MeetingFactory(coalition=membership.coalition)
    log_in(page, live_server, "clen@example.cz", PASSWORD)
    page.goto(f"{live_server.url}{english(meeting.get_absolute_url())}")
    tab_to(page, "button[value=register]")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert Registration.objects.get(meeting=meeting, person=membership.person).status == "registered"
    assert "You are registered." in page.content()


def test_write_a_forum_post_with_the_keyboard_only(page, live_server):
    from discussions.models import ForumProfile, Post
    from tests.discussions.factories import ThreadFactory

    person = UserFactory(verified=True, email="socialni.pracovnik@example.cz")
    ForumProfile.objects.create(user=person, accepted_rules_at=timezone.now())
    thread = ThreadFactory()
    log_in(page, live_server, person.email, PASSWORD)
    page.goto(f"{live_server.url}{english(thread.get_absolute_url())}")
    tab_to(page, "form[action$='/reply/'] textarea")
    page.keyboard.type("U nás funguje společný pořadník s obcí.")
    tab_to(page, "form[action$='/reply/'] button[type=submit]")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert Post.objects.filter(thread=thread, author=person, body__startswith="U nás funguje").count() == 1
    assert "U nás funguje společný pořadník" in page.content()


@pytest.mark.parametrize("width", [320, 640])
def test_pages_reflow_without_scrolling_sideways(page, live_server, width):
    service = make_service(name="Domov pro seniory s velmi dlouhým názvem Nové Strašecí", free_places=2)
    meeting = MeetingFactory()
    page.set_viewport_size({"width": width, "height": 800})
    SCREENSHOTS.mkdir(exist_ok=True)
    paths = ["/cs/", "/cs/sluzby/", service.get_absolute_url(), "/cs/kapacity/", "/cs/koalice/",
             meeting.get_absolute_url(), "/cs/diskuse/", "/cs/diskuse/nabidky/", "/cs/kontakt/"]
    overflowing = []
    for path in paths:
        page.goto(f"{live_server.url}{path}")
        # Wide data tables may scroll inside their own box (allowed by 1.4.10); the page itself may not.
        scroll_width = page.evaluate("document.documentElement.scrollWidth")
        if scroll_width > width + 1:
            culprits = page.evaluate("""(w) => [...document.querySelectorAll('body *')]
                .filter(e => e.getBoundingClientRect().right > w + 1 && !e.closest('.table-scroll, .map'))
                .slice(0, 5).map(e => e.tagName + '.' + e.className)""", width)
            overflowing.append(f"{path}: {scroll_width}px wide ({culprits})")
        page.screenshot(path=SCREENSHOTS / f"reflow-{width}-{path.strip('/').replace('/', '_') or 'home'}.png",
                        full_page=True)
    assert overflowing == [], "\n".join(overflowing)
