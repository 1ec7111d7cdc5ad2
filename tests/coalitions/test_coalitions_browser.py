"""Coalitions in a real browser: a coordinator uploads an output through the form, the public finds it in
the outputs library filtered by kind and downloads it. Every page passes tests.test_browser.check_page
(axe, one h1, visible focus, no CSP errors)."""

import re

import pytest
from django.urls import reverse
from django.utils import translation

from coalitions.models import Document
from tests.coalitions.factories import (
    CoalitionFactory,
    DocumentFactory,
    MeetingFactory,
    MembershipFactory,
    TaskFactory,
    minimal_pdf,
)
from tests.accounts.factories import PASSWORD
from tests.browser import check_page, log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.fixture(autouse=True)
def _czech_urls():
    with translation.override("cs"):  # the URLs reverse()d below are the Czech ones
        yield


def test_coordinator_uploads_an_output_and_the_public_finds_it(page, live_server, axe_source):
    coalition = CoalitionFactory(name="Partnerská koalice Kladensko", slug="kladensko")
    coordinator = MembershipFactory(coalition=coalition, role="coordinator",
                                    organisation_name="Charita Kladno").person
    MembershipFactory(coalition=coalition, triad_side="commissioner", organisation_name="Město Kladno")
    MeetingFactory(coalition=coalition, title="Jarní setkání koalice")
    TaskFactory(coalition=coalition, text="Připravit analýzu kapacit", owner=coordinator)
    DocumentFactory(coalition=coalition, title="Metodika sdíleného případu", kind="methodology")
    CoalitionFactory(name="Pracovní skupina Slánsko")

    # The list and the coalition's page, as the public sees them.
    page.goto(f"{live_server.url}{reverse('coalitions:index')}")
    check_page(page, axe_source)
    page.locator(f"main a[href='{coalition.get_absolute_url()}']").click()
    page.wait_for_url(re.compile(r"/cs/koalice/kladensko/$"))
    check_page(page, axe_source, h1="Partnerská koalice Kladensko")
    upload_url = reverse("coalitions:document-upload", args=[coalition.slug])
    assert page.locator(f"a[href='{upload_url}']").count() == 0

    # The coordinator logs in and uploads a capacity analysis through the form.
    log_in(page, live_server, coordinator.email, PASSWORD)
    page.goto(f"{live_server.url}{coalition.get_absolute_url()}")
    page.locator(f"a[href='{upload_url}']").click()
    page.wait_for_url(re.compile(re.escape(upload_url) + "$"))
    check_page(page, axe_source)

    page.locator("main form button[type=submit]").click()  # empty: the error summary must pass too
    page.wait_for_load_state()
    assert page.locator(".error-summary").is_visible()
    check_page(page, axe_source)

    page.locator("#id_kind").select_option("capacity_analysis")
    page.locator("#id_title").fill("Analýza kapacit pobytových služeb 2025")
    page.locator("#id_description").fill("Kapacity domovů pro seniory v ORP Kladno.")
    page.locator("#id_version").fill("1.0")
    page.locator("#id_file").set_input_files(
        files=[{"name": "analyza.pdf", "mimeType": "application/pdf", "buffer": minimal_pdf("Analýza")}])
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(re.compile(r"/cs/koalice/kladensko/$"))
    assert page.locator(".message--success").count() == 1
    assert "Analýza kapacit pobytových služeb 2025" in page.locator("#outputs-heading + ul").inner_text()
    check_page(page, axe_source)
    document = Document.objects.get(title="Analýza kapacit pobytových služeb 2025")
    assert (document.uploaded_by, document.file_type, document.public) == (coordinator, "pdf", True)

    # The public filters the library by kind and downloads the analysis.
    page.context.clear_cookies()
    page.goto(f"{live_server.url}{reverse('coalitions:outputs')}")
    check_page(page, axe_source)
    assert page.locator("main").get_by_text("Metodika sdíleného případu").count() == 1
    page.locator("#id_kind").select_option("capacity_analysis")
    page.locator("form.coalition-filters button[type=submit]").click()
    page.wait_for_url(re.compile(r"kind=capacity_analysis"))
    check_page(page, axe_source)
    results = page.locator(".document-results")
    assert results.get_by_text("Metodika sdíleného případu").count() == 0
    link = results.get_by_role("link", name="Analýza kapacit pobytových služeb 2025")
    with page.expect_download() as download_info:
        link.click()
    download = download_info.value
    assert download.suggested_filename.endswith(".pdf")
    with open(download.path(), "rb") as downloaded:
        assert downloaded.read().startswith(b"%PDF-")
