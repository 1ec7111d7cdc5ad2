"""A coordinator's day in the admin, in a real browser: finds a service by a name typed without diacritics, edits a
capacity inline, reads the change in the history, exports the list to XLSX and cannot open another region's
service. The changelists and change forms of services and capacity reports pass axe under the portal's CSP."""

import io
import re

import openpyxl
import pytest

from services.models import CapacityReport
from territory.models import Obec, home_kraj
from tests.browser import assert_no_axe_violations, assert_no_console_problems, log_in
from tests.accounts.factories import PASSWORD, UserFactory
from tests.services.factories import ProviderFactory, make_service

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def _check_admin_page(page, axe_source):
    assert page.locator("h1").count() == 1, f"{page.url} has {page.locator('h1').count()} h1 elements"
    assert_no_axe_violations(page, axe_source)
    assert_no_console_problems(page)


def test_a_coordinator_edits_a_service_and_reads_its_history(page, live_server, axe_source):
    coordinator = UserFactory(regional_coordinator=True)
    coordinator.coordinated_kraje.add(home_kraj())
    service = make_service(name="Domov Žďárek pro seniory", capacity=20, free_places=3)
    brno = Obec.objects.get(pk=582786)
    foreign = make_service(name="Domov Brno", obec=brno, provider=ProviderFactory(obec=brno))
    admin = f"{live_server.url}/cs/admin"

    log_in(page, live_server, coordinator.email, PASSWORD)
    page.goto(f"{admin}/services/service/")
    page.locator("#searchbar").fill("zdarek")
    page.locator("#changelist-search [type=submit]").click()
    page.wait_for_load_state()
    _check_admin_page(page, axe_source)
    assert page.locator("#result_list tbody tr").count() == 1

    page.locator("#result_list tbody a", has_text="Domov Žďárek pro seniory").click()
    page.wait_for_load_state()
    _check_admin_page(page, axe_source)
    page.locator("#id_capacities-0-maximum").fill("35")
    page.locator("input[name=_continue]").click()
    page.wait_for_load_state()
    assert service.capacities.get().maximum == 35

    page.goto(f"{admin}/services/service/{service.pk}/history/")
    _check_admin_page(page, axe_source)
    history = page.locator("#capacity-history").inner_text()
    assert "20 → 35" in history.replace("\xa0", " ") and str(coordinator) in history

    # Export the (filtered) list to XLSX.
    page.goto(f"{admin}/services/service/export/")
    _check_admin_page(page, axe_source)
    page.locator("#id_format").select_option(label="xlsx")
    with page.expect_download() as download_info:
        page.locator("input[type=submit], button[type=submit]").last.click()
    sheet = openpyxl.load_workbook(io.BytesIO(open(download_info.value.path(), "rb").read())).active
    names = [row[1] for row in list(sheet.values)[1:]]
    assert names == ["Domov Žďárek pro seniory"]

    # Another region's service is not there.
    response = page.goto(f"{admin}/services/service/{foreign.pk}/change/")
    assert "Domov Brno" not in page.content()
    assert re.search(r"/cs/admin/$", page.url) or response.status == 404


def test_capacity_report_pages_pass_axe(page, live_server, axe_source):
    coordinator = UserFactory(regional_coordinator=True)
    coordinator.coordinated_kraje.add(home_kraj())
    service = make_service(name="Domov Žďárek", free_places=3)
    report = CapacityReport.objects.get(service=service)
    admin = f"{live_server.url}/cs/admin"
    log_in(page, live_server, coordinator.email, PASSWORD)
    for url in (f"{admin}/services/capacityreport/", f"{admin}/services/capacityreport/{report.pk}/change/",
                f"{admin}/services/capacityreport/import/", f"{admin}/services/capacityreport/{report.pk}/history/",
                f"{admin}/services/service/", f"{admin}/services/service/{service.pk}/change/"):
        page.goto(url)
        _check_admin_page(page, axe_source)


def test_a_coordinator_imports_reports_with_a_preview(page, live_server, axe_source, tmp_path):
    coordinator = UserFactory(regional_coordinator=True)
    coordinator.coordinated_kraje.add(home_kraj())
    service = make_service(name="Domov Žďárek", free_places=3)
    upload = tmp_path / "hlaseni.csv"
    upload.write_text("service,form,unit,free_places,waiting_list,as_of\n"
                      f"{service.registry_id},pob,luzka,6,2,{service.current_report_at.isoformat()}\n")
    log_in(page, live_server, coordinator.email, PASSWORD)
    page.goto(f"{live_server.url}/cs/admin/services/capacityreport/import/")
    page.locator("#id_import_file").set_input_files(str(upload))
    page.locator("#id_format").select_option(label="csv")
    page.locator("input[type=submit], button[type=submit]").last.click()
    page.wait_for_load_state()
    _check_admin_page(page, axe_source)  # the preview
    assert CapacityReport.objects.get(service=service).free_places == 3  # nothing saved yet
    page.locator("form[action$='process_import/'] [type=submit]").click()
    page.wait_for_load_state()
    _check_admin_page(page, axe_source)
    assert CapacityReport.objects.get(service=service).free_places == 6


def test_a_coordinator_verifies_and_suspends_a_person_but_cannot_take_over_accounts(page, live_server, axe_source):
    """The trust issue's account takeover, as a person would try it: the admin's login hands over to the site's;
    the people list holds ordinary accounts (never the superuser); the change form lets the coordinator verify and
    suspend, shows e-mail and roles only as text and offers no password change; the superuser's page is not
    found."""
    coordinator = UserFactory(regional_coordinator=True)
    coordinator.coordinated_kraje.add(home_kraj())
    person = UserFactory(display_name="Jana Nováková")
    root = UserFactory(is_staff=True, is_superuser=True, email="spravce@example.cz")
    admin = f"{live_server.url}/cs/admin"
    page.goto(f"{admin}/")
    assert "/cs/ucet/login/" in page.url  # one login for everyone
    log_in(page, live_server, coordinator.email, PASSWORD)
    page.goto(f"{admin}/accounts/user/")
    _check_admin_page(page, axe_source)
    assert "Jana Nováková" in page.content() and "spravce@example.cz" not in page.content()
    page.goto(f"{admin}/accounts/user/{person.pk}/change/")
    _check_admin_page(page, axe_source)
    assert page.locator("input[name=email]").count() == 0 and page.locator("a[href$='password/']").count() == 0
    page.locator("input[name=is_verified]").check()
    page.locator("input[name=is_active]").uncheck()
    page.locator("input[name=_save]").click()
    page.wait_for_url(re.compile(r"/accounts/user/$"))
    person.refresh_from_db()
    assert person.is_verified and not person.is_active and person.verified_by == coordinator
    response = page.goto(f"{admin}/accounts/user/{root.pk}/change/")
    assert response.status == 404 and "spravce@example.cz" not in page.content()
