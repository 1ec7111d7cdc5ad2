"""The registry import keeps what it should (issue "trust", parts 3–5): services missing from a partial or broken
file are not ended unless a person confirms it, the admin upload previews before it applies, details of the
file are stored verbatim and reported, and what the import creates has a first history version."""

import copy
import io
import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from services.importers import rpss
from services.importers.rpss import import_rpss
from services.importers.source import ImportFileError
from services.models import Facility, ImportRun, Provider, RegisteredCapacity, Service
from territory.models import home_kraj
from tests.coalitions.factories import english
from tests.i18n import english
from tests.services.test_import import SAMPLE, item, snapshot, write, writes

pytestmark = pytest.mark.django_db
UPLOAD = english(reverse("admin:services_importrun_upload"))


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


@pytest.fixture
def sample():
    return json.loads(SAMPLE.read_text(encoding="utf-8"))


def active_ids() -> set:
    return set(Service.objects.active().values_list("registry_id", flat=True))


def reasons(report) -> list[tuple[str, str]]:
    return [(p["id"], p["reason"]) for p in report.problems]


# --- 4. Services missing from the file ---------------------------------------------------------------------


def test_one_malformed_item_ends_nothing_and_the_report_says_why(tmp_path, sample):
    import_rpss(SAMPLE)
    before = active_ids()
    data = copy.deepcopy(sample)
    data["polozky"] = [entry for entry in data["polozky"] if entry["portalId"] != 9101] + ["not an object"]

    report = import_rpss(write(tmp_path, data))

    assert active_ids() == before  # the service missing from the file is kept
    assert report.counts["services"]["kept"] == 1 and "ended" not in report.counts["services"]
    assert report.missing == 1 and "broken items" in report.missing_kept_reason
    assert "1 service missing from the file was kept" in report.summary()

    # the same file without the broken item is sane (1 of the active services is under 5 %): it ends it
    data["polozky"].pop()
    report = import_rpss(write(tmp_path, data))
    assert active_ids() == before - {item(sample, 9101)["identifikator"]}
    assert report.counts["services"]["ended"] == 1 and not report.missing_kept_reason


def test_an_item_without_identifier_is_a_broken_file_too(tmp_path, sample):
    import_rpss(SAMPLE)
    data = copy.deepcopy(sample)
    entry = item(data, 9101)
    entry["identifikator"] = None  # its service is now "missing", but only because the item is broken

    report = import_rpss(write(tmp_path, data))

    assert Service.objects.active().filter(portal_id=9101).exists()
    assert report.broken_items == 1 and report.counts["services"]["kept"] == 1


def test_a_skipped_item_with_an_identifier_does_not_make_its_service_missing(tmp_path, sample):
    import_rpss(SAMPLE)
    data = copy.deepcopy(sample)
    item(data, 9101)["poskytovatel"]["ico"] = "12345678"  # skipped, but listed: the service is not missing

    report = import_rpss(write(tmp_path, data))

    assert Service.objects.active().filter(portal_id=9101).exists() and report.missing == 0


def test_a_partial_file_ends_nothing_unless_asked(tmp_path, sample):
    import_rpss(SAMPLE)
    before, active = snapshot(), active_ids()
    data = copy.deepcopy(sample)
    data["polozky"] = data["polozky"][:3]
    path = write(tmp_path, data)

    report = import_rpss(path)

    assert snapshot() == before  # nothing ended, nothing changed
    assert report.missing == len(active - {e["identifikator"] for e in data["polozky"]}) > 20
    assert report.counts["services"]["kept"] == report.missing
    assert "more than the 5 %" in report.missing_kept_reason
    assert len(report.changes["missing"]) == report.missing and not report.changes["ended"]

    out = io.StringIO()
    call_command("import_rpss", str(path), "--keep-missing", stdout=out)  # still accepted
    assert snapshot() == before and "switched off" in out.getvalue()

    call_command("import_rpss", str(path), "--end-missing", stdout=io.StringIO())
    assert active_ids() == active & {e["identifikator"] for e in data["polozky"]}
    run = ImportRun.objects.latest("pk")
    assert run.end_missing and run.counts["services"]["ended"] == report.missing
    assert Service.objects.count() == 40  # ended, never deleted


def test_the_share_of_services_ended_is_a_setting(tmp_path, sample, settings):
    import_rpss(SAMPLE)
    data = copy.deepcopy(sample)
    data["polozky"] = [entry for entry in data["polozky"] if entry["portalId"] not in (9101, 9102, 9103)]
    path = write(tmp_path, data)

    assert import_rpss(path, dry_run=True).counts["services"]["kept"] == 3  # 3 of the active ones: over 5 %
    settings.REGISTRY_IMPORT_MAX_ENDED_PERCENT = 20
    assert import_rpss(path).counts["services"]["ended"] == 3


def test_the_command_speaks_one_language(tmp_path, sample):
    import_rpss(SAMPLE)
    data = copy.deepcopy(sample)
    data["polozky"] = data["polozky"][:3]
    out = io.StringIO()
    with translation.override("cs"):
        call_command("import_rpss", str(write(tmp_path, data)), "--dry-run", stdout=out)
    text = out.getvalue()
    assert "Services: unchanged 3" in text and "missing from the file, kept" in text
    assert "vytvořeno" not in text and "beze změny" not in text


# --- 4. The admin upload: preview, confirm, progress -------------------------------------------------------


def upload(client, data: dict, django_capture_on_commit_callbacks, name="rpss.json") -> ImportRun:
    content = json.dumps(data, ensure_ascii=False).encode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(UPLOAD, {"file": SimpleUploadedFile(name, content, content_type="application/json"),
                                        "kraje": [home_kraj().pk]})
    assert response.status_code == 302
    return ImportRun.objects.latest("pk")


def page(client, run) -> str:
    response = client.get(english(reverse("admin:services_importrun_change", args=[run.pk])))
    assert response.status_code == 200
    return response.content.decode()


def confirm(client, run, django_capture_on_commit_callbacks, **data):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = client.post(english(reverse("admin:services_importrun_confirm", args=[run.pk])), data)
    assert response.status_code == 302
    return callbacks


def test_a_partial_upload_previews_and_ends_only_what_the_coordinator_confirms(
        client, coordinator, sample, django_capture_on_commit_callbacks):
    import_rpss(SAMPLE)
    kraj_services = set(Service.objects.in_kraje([home_kraj()]).active().values_list("registry_id", flat=True))
    data = copy.deepcopy(sample)
    data["polozky"] = [item(data, 9101), item(data, 9102), item(data, 9103)]
    client.force_login(coordinator)

    run = upload(client, data, django_capture_on_commit_callbacks)
    html = page(client, run)
    missing = run.counts["missing"]
    assert missing == len(kraj_services) - 3 and missing > 10
    assert "Preview: nothing has been changed yet" in html and f"Services missing from the file: {missing}" in html
    assert f"Also end the {missing} services missing from the file" in html and "Confirm and apply" in html
    assert "more than the 5 %" in html
    first_missing = Service.objects.get(registry_id=run.changes["missing"][0][0])
    assert first_missing.name in html

    # confirmed without the checkbox: applied, nothing ended; a second post (double click) does nothing
    assert len(confirm(client, run, django_capture_on_commit_callbacks)) == 1
    assert len(confirm(client, run, django_capture_on_commit_callbacks)) == 0
    run.refresh_from_db()
    assert run.status == ImportRun.Status.DONE and not run.dry_run and not run.end_missing
    assert ImportRun.objects.count() == 1
    assert set(Service.objects.in_kraje([home_kraj()]).active().values_list("registry_id", flat=True)) == \
        kraj_services
    assert "Confirm and apply" not in page(client, run)

    # a new upload, confirmed with "also end the missing services"
    run = upload(client, data, django_capture_on_commit_callbacks)
    confirm(client, run, django_capture_on_commit_callbacks, end_missing="1")
    run.refresh_from_db()
    assert run.end_missing and run.counts["services"]["ended"] == missing
    assert set(Service.objects.in_kraje([home_kraj()]).active().values_list("registry_id", flat=True)) == \
        {e["identifikator"] for e in data["polozky"]} & kraj_services
    assert Service.objects.count() == 40


def test_a_sane_upload_lists_what_will_be_ended_without_a_checkbox(client, coordinator, sample, settings,
                                                                   django_capture_on_commit_callbacks):
    settings.REGISTRY_IMPORT_MAX_ENDED_PERCENT = 10  # 1 of the kraj's 18 active services
    import_rpss(SAMPLE)
    data = copy.deepcopy(sample)
    data["polozky"] = [entry for entry in data["polozky"] if entry["portalId"] != 9101]
    client.force_login(coordinator)
    run = upload(client, data, django_capture_on_commit_callbacks)
    html = page(client, run)
    assert "Services to be ended: 1" in html and "Also end" not in html
    assert Service.objects.active().filter(portal_id=9101).exists()  # not yet
    confirm(client, run, django_capture_on_commit_callbacks)
    assert not Service.objects.active().filter(portal_id=9101).exists()


def test_only_a_finished_preview_can_be_confirmed(client, coordinator, django_capture_on_commit_callbacks):
    command_run = ImportRun.objects.create(file_name="rpss.json", status=ImportRun.Status.DONE, dry_run=True)
    client.force_login(coordinator)
    assert not confirm(client, command_run, django_capture_on_commit_callbacks)
    command_run.refresh_from_db()
    assert command_run.dry_run and command_run.confirmed_at is None
    response = client.get(english(reverse("admin:services_importrun_confirm", args=[command_run.pk])))
    assert response.status_code == 405


def test_the_run_page_shows_progress_while_it_runs(client, coordinator):
    run = ImportRun.objects.create(file_name="rpss.json", status=ImportRun.Status.RUNNING, dry_run=False,
                                   preview=True, counts={"items": 6700})
    run.kraje.set([home_kraj()])
    run.record_progress(1200, 10 * 2**20, 100 * 2**20)
    client.force_login(coordinator)
    html = page(client, run)
    assert "1200 of 6700 items done." in html and 'role="status"' in html
    assert "<noscript><meta http-equiv=\"refresh\"" in html and "import_progress" in html
    state = client.get(english(reverse("admin:services_importrun_progress", args=[run.pk]))).json()
    assert state == {"status": "running", "in_progress": True, "items": 1200, "total": 6700, "percent": 10,
                     "text": "1200 of 6700 items done."}


@pytest.mark.parametrize("content", [
    "{\"polozky\": [{\"identifikator\": \"1\", \"nazev\": \"Žluťoučký kůň\"}]}".encode("cp1250"),
    b'{"polozky": [{"identifikator": "1"},, ]}',
    b'{"polozky": [1, 2, "x", null, {}]}',
])
def test_bad_uploads_never_give_a_500_nor_change_anything(client, coordinator, content,
                                                          django_capture_on_commit_callbacks):
    import_rpss(SAMPLE)
    before = snapshot()
    client.force_login(coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(UPLOAD, {"file": SimpleUploadedFile("bad.json", content), "kraje": [home_kraj().pk]})
    run = ImportRun.objects.latest("pk")
    page(client, run)
    if run.awaits_confirmation:
        confirm(client, run, django_capture_on_commit_callbacks)
        page(client, run)
    assert snapshot() == before


# --- 5. Import details --------------------------------------------------------------------------------------


def test_a_duplicate_identifier_the_later_item_wins_and_is_reported(tmp_path, sample, monkeypatch):
    data = copy.deepcopy(sample)
    later = copy.deepcopy(item(data, 9105))
    later["zarizeni"][0]["nazev"] = "Pozdější název"
    later["poskytovatel"]["telefony"] = [{"telefon": "+420 111 222 333"}]
    later["telefony"] = [{"telefon": "+420 111 222 333"}]
    data["polozky"].append(later)
    identifier = later["identifikator"]

    for batch_size in (500, 5):  # the duplicate in the same batch, and in a later one
        monkeypatch.setattr(rpss, "BATCH_SIZE", batch_size)
        Service.objects.all().delete()
        report = import_rpss(write(tmp_path, data))

        service = Service.objects.get(registry_id=identifier)
        assert service.name == "Pozdější název" and service.phone == "+420 111 222 333"
        assert report.duplicates == 1 and report.counts["services"]["created"] == 40
        assert any(i == identifier and f"Duplicate service identifier {identifier}" in reason
                   for i, reason in reasons(report))


@pytest.mark.parametrize("formy", ["empty", "missing", "null"])
def test_a_service_without_forms_is_imported_with_a_warning(tmp_path, sample, formy):
    data = copy.deepcopy(sample)
    entry = item(data, 9101)
    if formy == "missing":
        del entry["formy"]
    else:
        entry["formy"] = [] if formy == "empty" else None

    report = import_rpss(write(tmp_path, data))

    service = Service.objects.get(portal_id=9101)
    assert not service.forms.exists() and not service.capacities.exists()
    assert any(i == entry["identifikator"] and "no forms of provision" in reason for i, reason in reasons(report))


def test_text_is_stored_verbatim(client, tmp_path, sample):
    data = copy.deepcopy(sample)
    entry = item(data, 9101)
    long_name = "Azylový  dům " + "a" * 590  # 603 characters, with a double space
    entry["zarizeni"] = [entry["zarizeni"][0]]
    entry["zarizeni"][0]["nazev"] = long_name
    entry["poskytovatel"]["nazev"] = "Charita   " + "b" * 600

    import_rpss(write(tmp_path, data))

    service = Service.objects.get(portal_id=9101)
    assert service.name == long_name and service.facilities.get().name == long_name
    assert service.provider.name == "Charita   " + "b" * 600
    html = client.get(english(service.get_absolute_url())).content.decode()
    assert long_name in html
    assert import_rpss(write(tmp_path, data)).writes == 0  # stored as in the file: nothing differs next time


def test_an_unknown_municipality_is_kept_as_its_code_and_reported(tmp_path, sample):
    data = copy.deepcopy(sample)
    entry = item(data, 9101)
    entry["zarizeni"] = [entry["zarizeni"][0]]
    entry["zarizeni"][0]["adresa"]["obec"] = {"id": "Obec/999999"}  # the contact address has a known obec

    report = import_rpss(write(tmp_path, data))

    facility = Facility.objects.get(service__portal_id=9101)
    assert facility.obec_id is None and facility.registry_obec_code == "Obec/999999"
    assert any(i == entry["identifikator"] and "Unknown municipality Obec/999999" in reason
               for i, reason in reasons(report))


def test_a_service_without_facilities_is_found_where_it_is_counted(client, tmp_path, sample):
    data = copy.deepcopy(sample)
    entry = item(data, 9101)
    entry["zarizeni"] = []
    entry["rozsirenePusobnostiVKraji"] = []
    import_rpss(write(tmp_path, data))
    service = Service.objects.get(portal_id=9101)
    seat = service.provider.obec
    assert not service.facilities.exists() and service.orp_id == seat.orp_id  # the capacity overview's place

    for level, code in [("kraj", seat.orp.kraj_id), ("okres", seat.okres_id), ("orp", seat.orp_id),
                        ("obec", seat.code)]:
        unit = {"kraj": seat.orp.kraj, "okres": seat.okres, "orp": seat.orp, "obec": seat}[level]
        assert Service.objects.in_area(**{level: unit}).filter(pk=service.pk).exists(), level
        response = client.get(english(reverse("services:index")), {level: code})
        assert response.status_code == 200
        assert english(service.get_absolute_url()) in response.content.decode() or \
            service.name in response.content.decode(), level


def test_only_http_web_addresses_become_links(client, tmp_path, sample):
    data = copy.deepcopy(sample)
    entry = item(data, 9101)
    entry["weby"] = [{"web": "javascript:alert(1)", "poznamka": None}]

    report = import_rpss(write(tmp_path, data))

    service = Service.objects.get(portal_id=9101)
    assert service.web == "javascript:alert(1)"
    assert any("javascript:alert(1)" in reason and "not an http(s) address" in reason
               for _i, reason in reasons(report))
    html = client.get(english(service.get_absolute_url())).content.decode()
    assert "javascript:alert(1)" in html and 'href="javascript' not in html and "https://javascript" not in html
    assert Service.objects.get(portal_id=9102).web.startswith("https://")  # "www.…" still completed


def test_what_is_stored_does_not_depend_on_the_language(tmp_path, sample):
    data = copy.deepcopy(sample)
    for entry in data["polozky"][:5]:  # addresses without a street: "č. p. 12"
        for facility in entry["zarizeni"]:
            if isinstance(facility.get("adresa"), dict):
                facility["adresa"]["ulice"] = None
    path = write(tmp_path, data)
    with translation.override("en"):
        import_rpss(path)
    assert Facility.objects.filter(address__startswith="č. p. ").exists()

    with translation.override("cs"), CaptureQueriesContext(connection) as queries:
        report = import_rpss(path)
    assert report.writes == 0 and writes(queries) == []


def test_file_errors_name_the_file_the_byte_and_the_line(tmp_path, sample):
    text = json.dumps(sample, ensure_ascii=False, indent=1)
    content = text.encode("cp1250", errors="replace")
    bad = next(index for index, byte in enumerate(content) if byte >= 0x80)
    path = tmp_path / "cp1250.json"
    path.write_bytes(content)
    with pytest.raises(ImportFileError) as error:
        import_rpss(path)
    message = str(error.value)
    assert message.startswith("cp1250.json: ") and "UTF-8" in message
    assert f"byte {bad} (line {content[:bad].count(b'\n') + 1})" in message

    broken = b'{"polozky": [\n {"identifikator": "1"},\n ,\n]}'
    (tmp_path / "broken.json").write_bytes(broken)
    with pytest.raises(ImportFileError) as error:
        import_rpss(tmp_path / "broken.json")
    assert f"broken.json: The file is not valid JSON (at byte {broken.index(b'\n ,') + 2}, line 3" in str(error.value)


# --- 3. History: records the import creates have a first version -----------------------------------------


def test_records_created_by_the_import_have_a_first_history_version(tmp_path, sample):
    import_rpss(SAMPLE)

    assert Service.history.filter(history_type="+").count() == Service.objects.count() == 40
    assert Provider.history.filter(history_type="+").count() == Provider.objects.count()
    assert RegisteredCapacity.history.filter(history_type="+").count() == RegisteredCapacity.objects.count()
    service = Service.objects.get(portal_id=9101)
    first = service.history.get()
    assert first.name == service.name and first.history_change_reason == "registry import"

    data = copy.deepcopy(sample)  # a change by the registry is a version too: a later edit reverts to it
    item(data, 9101)["zarizeni"][0]["nazev"] = "Nový název"
    import_rpss(write(tmp_path, data))
    assert [h.name for h in service.history.all()] == ["Nový název", first.name]
