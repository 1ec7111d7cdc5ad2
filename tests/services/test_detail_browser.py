"""Service and provider pages in a real browser: axe (WCAG 2.1 AA), CSP, focus, and the error report
sent with the keyboard only."""

import datetime as dt
import re
from decimal import Decimal

import pytest
from django.utils import timezone, translation

from services.models import CapacityReport, Facility, RecordCorrection, ServiceForm
from territory.models import Obec
from tests.browser import assert_no_axe_violations, check_page
from tests.i18n import localized
from tests.services.factories import make_service

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def url(record, language) -> str:
    with translation.override(language):
        return record.get_absolute_url()


@pytest.fixture
def service():
    """A service with everything the page can show: history, hours, a hidden and a mapped facility."""
    today = timezone.localdate()
    service = make_service(name="Domov Slunce Kladno", forms=("pob", "amb"), target_groups=("CilovaSkupinaOsoby/24",))
    ServiceForm.objects.filter(service=service, form="amb").update(
        hours=[{"day": day, "from": "08:00", "to": "16:00"} for day in range(1, 6)])
    for months_ago in range(20, -1, -2):
        CapacityReport.record(service=service, form="pob", unit="luzka", free_places=months_ago % 5,
                              waiting_list=months_ago, as_of=today - dt.timedelta(days=30 * months_ago + 1))
    kladno = Obec.objects.get(pk=532053)
    Facility.objects.filter(service=service).update(latitude=Decimal("50.147"), longitude=Decimal("14.103"))
    Facility.objects.create(service=service, name="Azylový dům Bezpečí", address="Tajná 13", obec=kladno,
                            address_hidden=True)
    make_service(provider=service.provider, name="Starý azylový dům", valid_to=today - dt.timedelta(days=90))
    return service


@pytest.mark.parametrize("language", ["cs", "en"])
def test_service_and_provider_pages_pass_axe(page, live_server, axe_source, service, language):
    page.goto(f"{live_server.url}{url(service, language)}")
    assert page.locator("html").get_attribute("lang") == language
    check_page(page, axe_source, h1=r"^Domov Slunce Kladno$")
    assert page.locator("svg.chart[role=img]").count() == 2
    assert "Tajná" not in page.content()
    # map.js drew the one facility with coordinates; the hidden one is only in the list.
    assert page.locator("#service-map").is_visible()
    assert page.locator("#service-map .leaflet-marker-icon").count() == 1

    # The chart's data table, opened (check_page has already tabbed through this page once).
    page.locator(".chart-data summary").click()
    assert page.locator(".chart-data table").is_visible()
    assert_no_axe_violations(page, axe_source)

    page.locator("main").get_by_role("link", name=service.provider.name).first.click()
    page.wait_for_url(re.compile(re.escape(localized(f"/cs/poskytovatele/{service.provider.pk}/", language)[:-1]) + "-"))
    check_page(page, axe_source, h1=rf"^{re.escape(service.provider.name)}$")
    assert page.locator(".record-list__item--ended").count() == 1


def _tab_until(page, predicate: str, max_steps: int = 120) -> None:
    """Press Tab until `predicate` (JS, given the focused element `el`) holds."""
    for _ in range(max_steps):
        page.keyboard.press("Tab")
        if page.evaluate(f"() => {{ const el = document.activeElement; return Boolean({predicate}); }}"):
            return
    pytest.fail(f"never reached an element where {predicate}")


def test_report_an_error_with_the_keyboard_only(page, live_server, axe_source, mailoutbox, service):
    page.goto(f"{live_server.url}{url(service, 'en')}")

    # The link at the top of the record jumps to the form; the next Tab stops enter it.
    _tab_until(page, "el.getAttribute('href') === '#correction'")
    page.keyboard.press("Enter")
    _tab_until(page, "el.id === 'id_message'", max_steps=3)

    # Sent empty: the error summary, then the form again.
    _tab_until(page, "el.type === 'submit' && el.closest('#correction')", max_steps=6)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.locator(".error-summary").is_visible()
    assert_no_axe_violations(page, axe_source)  # not check_page: its tabbing would move the focus
    assert RecordCorrection.objects.count() == 0

    # The page opens at the form: the error summary's link leads into the field.
    _tab_until(page, "el.getAttribute('href') === '#id_message'", max_steps=5)
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "id_message"
    page.keyboard.type("The outpatient service now opens at 7:30.")
    page.keyboard.press("Tab")
    page.keyboard.type("Jana Nováková")
    page.keyboard.press("Tab")
    page.keyboard.type("jana@example.cz")
    page.keyboard.press("Tab")  # the hidden honeypot is not a tab stop
    assert page.evaluate("document.activeElement.type") == "submit"
    with page.expect_navigation(url=re.compile(rf"/en/services/{service.pk}-domov-slunce-kladno/#top$")):
        page.keyboard.press("Enter")
    assert page.locator(".message--success").is_visible()
    check_page(page, axe_source)
    stored = RecordCorrection.objects.get()
    assert stored.message == "The outpatient service now opens at 7:30." and stored.email == "jana@example.cz"
    assert len(mailoutbox) == 1
