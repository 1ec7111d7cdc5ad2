"""In a real browser (no JavaScript needed, axe 0): a coordinator finds the largest § 49 gap in one click from the
gap table, sees it on the tile map, and opens the ORP."""

import re

import pytest

from network.models import OrpPopulation
from territory.models import Obec
from tests.browser import check_page, log_in
from tests.network.factories import make_membership, make_norm, service_type
from tests.services.factories import make_service

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_a_coordinator_finds_the_largest_section_49_gap_and_opens_the_orp(page, live_server, axe_source,
                                                                         coordinator):
    make_norm(number=13, unit="luzka", basis="per1000", rate=20, age_band="65+")
    make_norm(number=4, unit="klient", basis="per1000", rate=1)
    OrpPopulation.objects.create(orp_id=2109, age_band="65+", population=32_000, as_of="2024-01-01")
    OrpPopulation.objects.create(orp_id=2102, age_band="65+", population=12_000, as_of="2024-01-01")
    kladno = make_service(name="Domov Alfa", capacity=300)
    beroun = make_service(name="Domov Beroun", obec=Obec.objects.get(name="Beroun"), capacity=200)
    make_membership(kladno, capacity=280)
    make_membership(beroun, capacity=200)
    coordinator.set_password("heslo-koordinatora")
    coordinator.save()

    log_in(page, live_server, coordinator.email, "heslo-koordinatora")

    page.goto(f"{live_server.url}/cs/sit/mezery/?kraj=3026")
    check_page(page, axe_source, h1="Minimální síť a její nedostatky")
    # One click: "where is § 49 most missing?"
    page.get_by_role("navigation", name="Kde nejvíc chybí?").get_by_role("link", name=re.compile("§ 49")).click()
    page.wait_for_url(re.compile(r"type=\d+.*sort=gap"))
    check_page(page, axe_source, h1="Minimální síť a její nedostatky")
    first = page.locator("table.gap-table tbody tr").first
    assert "Kladno" in first.inner_text() and "360" in first.inner_text()  # 640 required − 280 in the network
    assert page.locator("svg.tile-grid a").count() == 26  # every ORP of the kraj on the map
    page.locator("svg.tile-grid a[aria-label^='Kladno']").click()
    page.wait_for_url(re.compile(r"/sit/mezery/orp/2109/"))
    check_page(page, axe_source, h1=re.compile("Kladno"))
    assert "Domov Alfa" in page.content()



def test_the_network_pages_pass_axe_and_work_without_javascript(page, browser, live_server, axe_source):
    """The network list, the capacity overview's network section, the gap table with its map and the ORP page."""
    make_norm(number=13, unit="luzka", basis="per1000", rate=5)
    make_membership(make_service(name="Domov Alfa", capacity=300), capacity=280, entrustment_number="KÚ/1/2026")
    for path in ("/cs/sit/", "/cs/kapacity/?kraj=3026", f"/en/network/gaps/?type={service_type(13).pk}",
                 "/cs/sit/mezery/orp/2109/"):
        page.goto(f"{live_server.url}{path}")
        check_page(page, axe_source)
    assert page.locator("h1").inner_text().startswith("Minimální síť v ORP Kladno")
    context = browser.new_context(java_script_enabled=False)
    try:
        plain = context.new_page()
        plain.goto(f"{live_server.url}/cs/kapacity/?kraj=3026")
        assert plain.locator("#network-capacity-heading").count() == 1
        plain.goto(f"{live_server.url}/cs/sit/mezery/?kraj=3026")
        plain.get_by_role("navigation", name="Kde nejvíc chybí?").get_by_role("link", name=re.compile("§ 49")).click()
        assert plain.locator("svg.tile-grid a").count() == 26
    finally:
        context.close()
