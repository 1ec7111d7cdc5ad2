"""Provider staff in a real browser: log in, open My services, report free places (a mistake first), see them
on the service's page; save a search and manage it. Every page passes axe."""

import re

import pytest

from services.emails import unsubscribe_token
from services.models import CapacityReport, RegisteredCapacity, SavedSearch
from tests.browser import check_page, log_in
from tests.accounts.factories import PASSWORD
from tests.services.factories import make_provider_staff, make_service

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_provider_staff_report_free_places(page, live_server, axe_source):
    service = make_service(name="Domov Slunce", forms=("pob", "amb"), capacity=20)
    make_service(name="Domov Měsíc", provider=service.provider, free_places=1)
    staff = make_provider_staff(service.provider)
    residential = RegisteredCapacity.objects.get(service=service, form="pob")
    outpatient = RegisteredCapacity.objects.get(service=service, form="amb")

    log_in(page, live_server, staff.email, PASSWORD)
    page.locator('.account-nav a[href="/cs/moje-sluzby/"]:visible').click()
    page.wait_for_url(re.compile(r"/cs/moje-sluzby/$"))
    check_page(page, axe_source)
    assert "Domov Slunce" in page.locator("main").inner_text()

    page.locator(f'a[href="/cs/moje-sluzby/{service.pk}/volna-mista/"]').click()
    page.wait_for_url(re.compile(r"/volna-mista/$"))
    check_page(page, axe_source)

    # A mistake first: more free places than registered.
    page.locator(f"#id_line-{residential.pk}-free_places").fill("25")
    page.locator(f"#id_line-{residential.pk}-waiting_list").fill("4")
    page.locator(f"#id_line-{outpatient.pk}-free_places").fill("2")
    page.locator(f"#id_line-{outpatient.pk}-waiting_list").fill("0")
    page.locator(".capacity-report-form button[type=submit]").click()
    page.wait_for_load_state()
    assert page.locator(".error-summary").is_visible()
    check_page(page, axe_source)  # the form with its errors
    assert not CapacityReport.objects.filter(service=service).exists()

    page.locator(f"#id_line-{residential.pk}-free_places").fill("3")
    page.locator(".capacity-report-form button[type=submit]").click()
    page.wait_for_url(re.compile(r"/cs/moje-sluzby/$"))
    check_page(page, axe_source)  # with the thanks
    assert CapacityReport.objects.filter(service=service, reported_by=staff).count() == 2

    page.get_by_role("link", name="Domov Slunce", exact=True).click()
    page.wait_for_url(re.compile(rf"/cs/sluzby/{service.pk}-"))
    check_page(page, axe_source, h1="Domov Slunce")
    assert page.locator(".capacity-now strong").first.inner_text() == "5"
    assert page.locator(".capacity-provenance").is_visible()


def test_a_person_saves_a_search_and_manages_it(page, live_server, axe_source):
    make_service(name="Domov Slunce", free_places=2)
    staff = make_provider_staff()
    log_in(page, live_server, staff.email, PASSWORD)
    page.goto(f"{live_server.url}/cs/sluzby/?free=on")
    page.locator("#id_saved_search_name").fill("Volná místa v kraji")
    page.locator(".save-search-form button[type=submit]").click()
    page.wait_for_url(re.compile(r"/cs/ulozena-hledani/$"))
    check_page(page, axe_source)
    search = SavedSearch.objects.get()
    assert (search.name, search.query, search.alerts) == ("Volná místa v kraji", "free=on", True)
    assert search.user == staff

    # The unsubscribe page of the alert e-mails (works without logging in; checked here for axe).
    page.goto(f"{live_server.url}/cs/ulozena-hledani/odhlasit/{unsubscribe_token(search)}/")
    check_page(page, axe_source)
    page.goto(f"{live_server.url}/cs/ulozena-hledani/")

    page.locator(f'form[action="/cs/ulozena-hledani/{search.pk}/upozorneni/"] button').click()
    page.wait_for_load_state()
    search.refresh_from_db()
    assert not search.alerts
    check_page(page, axe_source)
    page.locator(f'form[action="/cs/ulozena-hledani/{search.pk}/smazat/"] button').click()
    page.wait_for_load_state()
    assert not SavedSearch.objects.exists()
    check_page(page, axe_source)
