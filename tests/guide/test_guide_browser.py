"""The guide in a real browser, with the keyboard only: from the home page to a service with free places near
the person, every page checked with axe (cs)."""

import re

import pytest
from django.utils import timezone

from tests.browser import check_page
from tests.guide.factories import KLADNO, SLANY, service

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

ACTIVE = """() => {
    const el = document.activeElement;
    return {id: el.id || '', text: (el.innerText || el.value || '').trim(), tag: el.tagName.toLowerCase()};
}"""


def tab_to(page, *, text=None, element_id=None, limit=400):
    """Press Tab until the focused element has the text (a regular expression) or the id."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        active = page.evaluate(ACTIVE)
        if element_id is not None and active["id"] == element_id:
            return
        if text is not None and re.search(text, active["text"]):
            return
    pytest.fail(f"Tab never reached {text or element_id} on {page.url}")


def test_from_the_home_page_to_a_service_with_free_places_using_only_the_keyboard(page, live_server, axe_source):
    today = timezone.localdate()
    free = service("Pečovatelská služba Slaný", obec=SLANY, forms=("ter",), unit="klient", free_places=2,
                   as_of=today)
    service("Pečovatelská služba Kladno", obec=KLADNO, forms=("ter",), unit="klient", free_places=0, as_of=today)

    page.goto(f"{live_server.url}/cs/")
    tab_to(page, text="Začněte svou situací")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/cs/zivotni-situace/$"))
    check_page(page, axe_source, h1="Začněte svou situací")

    tab_to(page, text="^Maminka nebo tatínek už nemůže být sám doma$")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/zivotni-situace/rodic-uz-nezvlada-byt-sam-doma/$"))
    check_page(page, axe_source, h1="Maminka nebo tatínek")

    # The questionnaire: for a relative (arrow keys in the radio group), over 80, in Kladno.
    tab_to(page, element_id="id_who_0")
    page.keyboard.press("ArrowDown")
    assert page.locator("#id_who_1").is_checked()
    tab_to(page, element_id="id_age")
    for _ in range(5):
        page.keyboard.press("ArrowDown")
    assert page.locator("#id_age").input_value() == "old"
    tab_to(page, element_id="id_place")
    page.keyboard.type("kladno")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/pomoc-v-okoli/\?"))
    check_page(page, axe_source, h1="(?i)pomoc")

    # Two obce are called Kladno: the one of the portal's kraj is offered first.
    tab_to(page, text=r"^Kladno \(okres Kladno\)$")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(rf"obec={KLADNO}"))
    check_page(page, axe_source, h1="Pomoc v okolí: Kladno")
    names = page.locator(".nearby__name a").all_inner_texts()
    assert names.index("Pečovatelská služba Slaný") < names.index("Pečovatelská služba Kladno")

    tab_to(page, text="^Pečovatelská služba Slaný$")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(re.escape(free.get_absolute_url()) + "$"))
    check_page(page, axe_source, h1="Pečovatelská služba Slaný")


def test_the_search_leads_to_the_situation(page, live_server, axe_source):
    page.goto(f"{live_server.url}/cs/sluzby/")
    page.locator("#id_q").focus()
    page.keyboard.type("maminka uz nemuze byt sama doma")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"q=maminka"))
    check_page(page, axe_source)
    tab_to(page, text="^Maminka nebo tatínek už nemůže být sám doma$")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/zivotni-situace/rodic-uz-nezvlada-byt-sam-doma/$"))
    assert page.get_by_role("link", name=re.compile("155")).count() >= 1
