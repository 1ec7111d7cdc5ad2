"""CSV/XLSX export of the registry and import of free-place reports in the admin (django-import-export)."""

import datetime as dt
import io

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from services.models import CapacityReport
from services.resources import CapacityReportResource, ProviderResource, ServiceResource
from territory.models import Obec
from tests.services.factories import ProviderFactory, make_service

pytestmark = pytest.mark.django_db

CSV, XLSX = 0, 1  # indexes of ImportExportPermissions.get_export_formats()


@pytest.fixture
def home_service(db):
    return make_service(name="Domov Žďárek", capacity=20, free_places=2)


@pytest.fixture
def foreign_service(db):
    brno = Obec.objects.get(pk=582786)
    return make_service(name="Domov Brno", obec=brno, provider=ProviderFactory(obec=brno), free_places=1)


def _export(client, model, resource, file_format):
    fields = {f"{resource.__name__.lower()}_{name}": "on" for name in resource().get_export_order()}
    return client.post(reverse(f"admin:services_{model}_export"), {"format": file_format, "resource": 0, **fields})


@pytest.mark.parametrize("model, resource", [("service", ServiceResource), ("provider", ProviderResource),
                                             ("capacityreport", CapacityReportResource)])
def test_csv_export_holds_only_the_coordinators_region(client, coordinator, home_service, foreign_service, model,
                                                       resource):
    client.force_login(coordinator)
    response = _export(client, model, resource, CSV)
    assert response.status_code == 200 and "text/csv" in response["Content-Type"]
    text = response.content.decode("utf-8-sig")
    assert ("Žďárek" in text or home_service.provider.name in text)
    assert "Brno" not in text and foreign_service.registry_id not in text


def test_xlsx_export_of_services_joins_capacities(client, coordinator, home_service):
    client.force_login(coordinator)
    response = _export(client, "service", ServiceResource, XLSX)
    assert response.status_code == 200
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.values)
    header, row = rows[0], rows[1]
    # Headers a person reads, in the page's language (the admin here is Czech), not field names.
    assert header[:3] == ("Identifikátor služby", "Název služby", "IČO poskytovatele")
    assert row[header.index("Identifikátor služby")] == home_service.registry_id
    assert row[header.index("Registrované kapacity")].startswith("pob luzka 20 (volno 2,")


def _upload(client, content, name="reports.csv", file_format=CSV):
    return client.post(reverse("admin:services_capacityreport_import"), {
        "format": file_format, "resource": 0, "import_file": SimpleUploadedFile(name, content)})


def test_import_previews_then_saves_reports(client, coordinator, home_service):
    client.force_login(coordinator)
    today = timezone.localdate()  # the fixture's report is of today: the row corrects it
    yesterday = today - dt.timedelta(days=1)  # a new report, older than today's: history only
    csv = (f"service,form,unit,free_places,waiting_list,as_of\n"
           f"{home_service.registry_id},pob,luzka,7,3,{today}\n"
           f"{home_service.registry_id},residential (pobytová),luzka,9,0,{yesterday}\n").encode()
    preview = _upload(client, csv)
    assert preview.status_code == 200
    assert not CapacityReport.objects.filter(free_places=7).exists()  # the preview saves nothing
    confirm = preview.context["confirm_form"]
    response = client.post(reverse("admin:services_capacityreport_process_import"), confirm.initial)
    assert response.status_code == 302
    report = CapacityReport.objects.get(free_places=7)
    assert report.reported_by == coordinator and report.waiting_list == 3 and report.as_of == today
    older = CapacityReport.objects.get(free_places=9)
    assert older.reported_by == coordinator and older.as_of == yesterday
    assert CapacityReport.objects.filter(service=home_service).count() == 2
    home_service.refresh_from_db()
    assert home_service.current_free_places == 7


def test_a_bad_file_changes_nothing_and_reports_each_row(client, coordinator, home_service, foreign_service):
    client.force_login(coordinator)
    before = CapacityReport.objects.count()
    csv = (f"service,form,unit,free_places,waiting_list,as_of\n"
           f"{home_service.registry_id},pob,luzka,5,0,2026-11-20\n"
           f"{foreign_service.registry_id},pob,luzka,4,0,2026-11-20\n"
           f"{home_service.registry_id},ter,luzka,4,0,2026-11-20\n"
           f"{home_service.registry_id},pob,luzka,-1,0,2026-11-20\n").encode()
    response = _upload(client, csv)
    assert response.status_code == 200
    result = response.context["result"]
    assert result.has_validation_errors()
    failing = {row.number for row in result.invalid_rows}
    assert failing == {2, 3, 4}
    assert "confirm_form" not in response.context or response.context["confirm_form"] is None
    assert CapacityReport.objects.count() == before


def test_a_file_that_is_not_csv_is_refused_with_a_message(client, coordinator):
    client.force_login(coordinator)
    response = _upload(client, b"\x00\x01\x02 not a table", name="reports.xlsx", file_format=XLSX)
    assert response.status_code == 400
    assert response.context["form"].errors or b"errorlist" in response.content


def test_other_region_coordinator_exports_nothing_of_the_home_kraj(client, other_region_coordinator, home_service):
    client.force_login(other_region_coordinator)
    text = _export(client, "service", ServiceResource, CSV).content.decode("utf-8-sig")
    assert home_service.registry_id not in text


def test_people_without_the_role_cannot_export(client, verified_user):
    client.force_login(verified_user)
    response = client.get(reverse("admin:services_service_export"))
    assert response.status_code == 403  # signed in without staff status: no admin


def test_xlsx_import_with_numbers_as_identifiers(client, coordinator, home_service):
    client.force_login(coordinator)
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["service", "form", "unit", "free_places", "waiting_list", "as_of"])
    yesterday = timezone.localdate() - dt.timedelta(days=1)
    sheet.append([int(home_service.registry_id), "pob", "luzka", 4, 1, yesterday])  # Excel keeps ids as numbers
    buffer = io.BytesIO()
    workbook.save(buffer)
    preview = _upload(client, buffer.getvalue(), name="hlaseni.xlsx", file_format=XLSX)
    assert preview.status_code == 200 and not preview.context["result"].has_validation_errors()
    response = client.post(reverse("admin:services_capacityreport_process_import"),
                           preview.context["confirm_form"].initial)
    assert response.status_code == 302
    assert CapacityReport.objects.get(service=home_service, as_of=yesterday).free_places == 4


def test_a_report_of_today_is_not_in_the_future_in_the_first_hour_after_midnight(coordinator, home_service):
    """At 00:30 in Prague the UTC date is still yesterday: today's report (local date) is not "in the future"."""
    import zoneinfo

    from django.core.exceptions import ValidationError

    from services.models import CapacityReport
    from services.resources import CapacityReportResource

    after_midnight = dt.datetime(2026, 12, 8, 0, 30, tzinfo=zoneinfo.ZoneInfo("Europe/Prague"))
    capacity = home_service.capacities.first()
    resource = CapacityReportResource(user=coordinator)

    def problems(as_of):
        report = CapacityReport(service=home_service, form=capacity.form, unit=capacity.unit, free_places=3,
                                waiting_list=0, as_of=as_of, created_at=after_midnight)
        try:
            resource.validate_instance(report)
        except ValidationError as error:
            return error.message_dict
        return {}

    assert "as_of" not in problems(dt.date(2026, 12, 8))
    assert "as_of" in problems(dt.date(2026, 12, 9))
