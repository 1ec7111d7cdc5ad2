"""The kraj's network imported from its spreadsheet in the admin: a preview, each bad row reported, and nothing
changed by a file with a bad row."""

import io

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from network.models import NetworkChange, NetworkMembership
from territory.models import Obec
from tests.network.factories import make_membership, this_year
from tests.services.factories import ProviderFactory, make_service

pytestmark = pytest.mark.django_db

CSV, XLSX = 0, 1
HEADER = ("kraj,year,service,form,unit,capacity,entrustment_number,entrusted_from,entrusted_to,"
          "financing_category,excluded_on,note\n")


@pytest.fixture
def home_service(db):
    return make_service(name="Domov Žďárek", capacity=60)


@pytest.fixture
def foreign_service(db):
    brno = Obec.objects.get(pk=582786)
    return make_service(name="Domov Brno", obec=brno, provider=ProviderFactory(obec=brno))


def _upload(client, content, name="sit.csv", file_format=CSV):
    return client.post(reverse("admin:network_networkmembership_import"), {
        "format": file_format, "resource": 0, "import_file": SimpleUploadedFile(name, content)})


def _confirm(client, preview):
    return client.post(reverse("admin:network_networkmembership_process_import"),
                       preview.context["confirm_form"].initial)


def test_a_good_file_is_previewed_then_saved(client, coordinator, home_service):
    client.force_login(coordinator)
    year = this_year()
    csv = (HEADER + f"CZ020,{year},{home_service.registry_id},pob,luzka,50,KÚ/123/2025,2025-01-01,2030-12-31,"
                    f"core,,\n").encode()
    preview = _upload(client, csv)
    assert preview.status_code == 200 and not NetworkMembership.objects.exists()  # the preview saves nothing
    assert _confirm(client, preview).status_code == 302
    line = NetworkMembership.objects.get()
    assert (line.service, line.year, line.capacity, line.unit, line.form) == (home_service, year, 50, "luzka", "pob")
    assert line.entrustment_number == "KÚ/123/2025" and str(line.entrusted_to) == "2030-12-31"


def test_a_changed_capacity_is_recorded_as_a_change(client, coordinator, home_service):
    line = make_membership(home_service, capacity=50, form="pob")
    client.force_login(coordinator)
    csv = (HEADER + f"CZ020,{line.year},{home_service.registry_id},pob,luzka,45,,,,core,,\n").encode()
    _confirm(client, _upload(client, csv))
    line.refresh_from_db()
    change = NetworkChange.objects.get()
    assert line.capacity == 45 and (change.capacity_before, change.capacity_after) == (50, 45)
    assert change.recorded_by == coordinator


def test_a_file_with_bad_rows_reports_each_and_changes_nothing(client, coordinator, home_service, foreign_service):
    existing = make_membership(home_service, capacity=50, form="pob")
    client.force_login(coordinator)
    year = this_year()
    csv = (HEADER
           + f"CZ020,{year},{home_service.registry_id},pob,luzka,40,,,,core,,\n"  # good (a change)
           + f"CZ020,{year},{foreign_service.registry_id},pob,luzka,10,,,,core,,\n"  # another region's service
           + f"CZ064,{year},{home_service.registry_id},ter,klient,10,,,,core,,\n"  # a kraj not coordinated
           + f"CZ020,{year},{home_service.registry_id},amb,luzka,-3,,,,core,,\n"  # negative capacity
           + f"CZ020,1999,{home_service.registry_id},amb,luzka,3,,,,core,,\n"  # year out of range
           + f"CZ020,{year},{home_service.registry_id},amb,luzka,3,,2026-05-01,2025-01-01,core,,\n"  # bad range
           + f"CZ020,{year},{home_service.registry_id},amb,metry,3,,,,nonsense,,\n").encode()  # bad codes
    response = _upload(client, csv)
    assert response.status_code == 200
    result = response.context["result"]
    assert result.has_validation_errors()
    assert {row.number for row in result.invalid_rows} == {2, 3, 4, 5, 6, 7}
    assert response.context.get("confirm_form") is None
    existing.refresh_from_db()
    assert existing.capacity == 50
    assert NetworkMembership.objects.count() == 1 and not NetworkChange.objects.exists()


def test_a_file_that_is_not_a_spreadsheet_is_refused(client, coordinator):
    client.force_login(coordinator)
    response = _upload(client, b"\x00\x01 not a table", name="sit.xlsx", file_format=XLSX)
    assert response.status_code == 400
    assert not NetworkMembership.objects.exists()


def test_xlsx_export_holds_only_the_coordinators_region(client, coordinator, home_service, foreign_service):
    from territory.models import Kraj

    make_membership(home_service, capacity=50)
    make_membership(foreign_service, capacity=10, kraj=Kraj.objects.get(nuts3="CZ064"))
    client.force_login(coordinator)
    from network.resources import NetworkMembershipResource

    fields = {f"networkmembershipresource_{name}": "on" for name in NetworkMembershipResource().get_export_order()}
    response = client.post(reverse("admin:network_networkmembership_export"),
                           {"format": XLSX, "resource": 0, **fields})
    assert response.status_code == 200
    rows = list(openpyxl.load_workbook(io.BytesIO(response.content)).active.values)
    header = rows[0]
    # Headed for people in the page's language (core.spreadsheets.HumanHeadersMixin); imports take either.
    assert [row[header.index("Identifikátor služby")] for row in rows[1:]] == [home_service.registry_id]
    assert rows[1][header.index("Kraj")] == "CZ020"


def test_an_exported_file_imports_back_unchanged(client, coordinator, home_service):
    make_membership(home_service, capacity=50, entrustment_number="=HYPERLINK(1)")
    client.force_login(coordinator)
    from network.resources import NetworkMembershipResource

    fields = {f"networkmembershipresource_{name}": "on" for name in NetworkMembershipResource().get_export_order()}
    exported = client.post(reverse("admin:network_networkmembership_export"), {"format": CSV, "resource": 0, **fields})
    preview = _upload(client, exported.content)
    assert not preview.context["result"].has_validation_errors()
    _confirm(client, preview)
    assert NetworkMembership.objects.get().entrustment_number == "=HYPERLINK(1)"
    assert not NetworkChange.objects.exists()
