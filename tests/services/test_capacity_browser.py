"""Capacity overview in a real browser: drill down from kraje to ORPs to an ORP profile, download CSV."""

import re

import pytest

from services.models import NetworkTarget, ServiceType
from tests.services.factories import make_service
from tests.browser import check_page
from territory.models import Obec

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_drill_down_and_download(page, live_server, axe_source):
    home_type = ServiceType.objects.get(code="DruhSocialniSluzby/13")
    make_service(name="Domov Alfa", obec=Obec.objects.get(pk=532053), capacity=30, free_places=2)
    make_service(name="Domov Beroun", obec=Obec.objects.get(name="Beroun"), capacity=40, free_places=0)
    NetworkTarget.objects.create(orp_id=2109, service_type=home_type, unit="luzka", target=100)

    # The overview opens on the portal's kraj; the whole country is one click away, and back down again.
    page.goto(f"{live_server.url}/cs/kapacity/")
    check_page(page, axe_source, h1="Kapacity sociálních služeb: Středočeský kraj")
    page.get_by_role("link", name="Celá Česká republika po krajích").click()
    page.wait_for_url(re.compile(r"kraj=$"))
    check_page(page, axe_source, h1="Kapacity sociálních služeb$")
    page.get_by_role("link", name="Středočeský kraj", exact=True).click()
    page.wait_for_url(re.compile(r"kraj=3026"))
    check_page(page, axe_source, h1="Středočeský kraj")
    assert page.get_by_role("link", name="Kladno", exact=True).count() == 1

    # Filter by type with the keyboard-operable form, then download what is shown.
    page.get_by_label("Druh služby").select_option(str(home_type.pk))
    page.get_by_role("button", name="Zobrazit").click()
    page.wait_for_url(re.compile(rf"type={home_type.pk}"))
    assert "pod cílem" in page.locator("table").first.inner_text()
    with page.expect_download() as download_info:
        page.get_by_role("link", name="CSV").click()
    download = download_info.value
    assert download.suggested_filename.startswith("kapacity-") and download.suggested_filename.endswith(".csv")
    content = open(download.path(), encoding="utf-8-sig").read()
    assert "Kladno" in content and "Beroun" in content

    page.get_by_role("link", name="Kladno", exact=True).click()
    page.wait_for_url(re.compile(r"/kapacity/orp/2109-kladno/$"))
    check_page(page, axe_source, h1="Kladno")
    assert "Domov Alfa" in page.content()
