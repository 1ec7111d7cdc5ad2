"""Import of the national registry file (services/importers/rpss.py, manage.py import_rpss)."""

import copy
import datetime as dt
import io
import json
from collections import Counter
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation

from services.admin import ProviderAdmin, ServiceAdmin
from services.importers import rpss, source
from services.importers.rpss import import_rpss
from services.importers.source import ImportFileError
from services.models import (
    AgeGroup,
    CapacityReport,
    Facility,
    ImportRun,
    Provider,
    RegisteredCapacity,
    Service,
    ServiceForm,
    ServiceType,
    TargetGroup,
)
from territory.models import Kraj

SAMPLE = Path(__file__).resolve().parent / "data" / "rpss_sample.json"  # 40 services, see data/README.md

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english():
    """The import's messages are translated; these tests read them in English."""
    with translation.override("en"):
        yield


@pytest.fixture(scope="module")
def sample():
    return json.loads(SAMPLE.read_text(encoding="utf-8"))


def write(tmp_path, data, name="rpss.json") -> Path:
    path = tmp_path / name
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def item(data, portal_id):
    return next(entry for entry in data["polozky"] if entry["portalId"] == portal_id)


def snapshot() -> dict:
    """Everything an import may touch, to prove that a failed one changed nothing."""
    return {
        "services": sorted(Service.objects.values_list("registry_id", "name", "valid_to", "registry_hash",
                                                       "search_text", "orp_id")),
        "providers": sorted(Provider.objects.values_list("ico", "name", "phone")),
        "facilities": sorted(Facility.objects.values_list("service__registry_id", "name", "address")),
        "capacities": sorted(RegisteredCapacity.objects.values_list("service__registry_id", "form", "unit",
                                                                    "maximum")),
        "forms": ServiceForm.objects.count(),
        "codelists": (TargetGroup.objects.count(), AgeGroup.objects.count(), ServiceType.objects.count()),
    }


def writes(queries) -> list[str]:
    return [q["sql"] for q in queries if q["sql"].split(None, 1)[0].upper() in ("INSERT", "UPDATE", "DELETE")]


def test_it_imports_the_sample_file():
    report = import_rpss(SAMPLE)

    assert report.items == 40
    assert Service.objects.count() == 40
    assert Provider.objects.count() == 16
    assert ServiceForm.objects.count() == 52
    assert RegisteredCapacity.objects.count() == 52
    assert Facility.objects.count() == 54  # 56 listed, one repeated and one differing by a trailing space
    assert report.counts["services"]["created"] == 40
    assert report.counts["providers"]["created"] == 16
    assert report.problems == []
    assert Provider.objects.filter(ico="00874728").exists()  # leading zeros kept
    shelter = Service.objects.get(portal_id=9102)
    facility = shelter.facilities.get()
    assert facility.address_hidden and facility.address == "" and facility.obec_id == 532053  # obec of the contact
    assert shelter.orp_id == facility.obec.orp_id
    assert "azylovy dum" in shelter.search_text
    assert Service.objects.get(portal_id=9108).is_ended
    assert set(Service.objects.get(portal_id=9103).served_kraje.values_list("ruian_code", flat=True)) == {27}
    assert RegisteredCapacity.objects.filter(service__portal_id=9117, unit="hovor").exists()


def test_it_never_imports_personal_data_of_statutory_bodies():
    import_rpss(SAMPLE)

    stored = json.dumps(list(Provider.objects.values()), default=str) + json.dumps(
        list(Service.objects.values()), default=str)
    assert "Vzorová" not in stored


def test_second_run_writes_nothing():
    import_rpss(SAMPLE)
    before = snapshot()

    with CaptureQueriesContext(connection) as queries:
        report = import_rpss(SAMPLE)

    assert writes(queries.captured_queries) == []
    assert report.as_counts()["services"] == {"unchanged": 40}
    assert report.counts["providers"]["unchanged"] == 16
    assert report.writes == 0
    assert snapshot() == before


def test_a_changed_item_updates_only_what_changed(tmp_path, sample):
    import_rpss(SAMPLE)
    other = Service.objects.get(portal_id=9104)
    data = copy.deepcopy(sample)
    changed = item(data, 9101)
    changed["formy"][0]["kapacity"][0]["pocet"] += 5
    changed["telefony"] = [{"telefon": "312 999 999", "poznamka": None}]
    service = Service.objects.get(portal_id=9101)
    maximum = service.capacities.get(form=changed["formy"][0]["forma"]["id"].split("/")[1]).maximum

    with CaptureQueriesContext(connection) as queries:
        report = import_rpss(write(tmp_path, data))

    assert report.as_counts()["services"] == {"updated": 1, "unchanged": 39}
    assert report.as_counts()["capacities"] == {"updated": 1, "unchanged": 51}
    service.refresh_from_db()
    assert service.phone == "312 999 999"
    assert service.capacities.get(form=changed["formy"][0]["forma"]["id"].split("/")[1]).maximum == maximum + 5
    assert Service.objects.get(pk=other.pk).updated_at == other.updated_at
    assert all(str(service.pk) in sql or "services_registeredcapacity" in sql
               for sql in writes(queries.captured_queries))


def test_new_forms_and_capacity_lines_of_changed_services_go_in_together_with_history(tmp_path, sample):
    import_rpss(SAMPLE)
    data = copy.deepcopy(sample)
    changed = [entry for entry in data["polozky"] if entry["formy"]][:6]
    for entry in changed[:3]:  # a second unit in a form the service has
        entry["formy"][0]["kapacity"].append({"pocet": 11, "typ": {"id": "TypKapacitySocialniSluzby/hovor"}})
    for entry in changed[3:]:  # a form the service did not have, with its capacity
        present = {f["forma"]["id"] for f in entry["formy"]}
        form = next(code for code in ("amb", "ter", "pob") if f"FormaSocialniSluzby/{code}" not in present)
        entry["formy"].append({"forma": {"id": f"FormaSocialniSluzby/{form}"}, "nepretrzitePoskytovani": False,
                               "kapacity": [{"pocet": 4, "typ": {"id": "TypKapacitySocialniSluzby/kontakt"}}]})
    lines_before = list(RegisteredCapacity.objects.values_list("pk", flat=True))
    history_before = RegisteredCapacity.history.count()

    with CaptureQueriesContext(connection) as queries:
        report = import_rpss(write(tmp_path, data))

    assert report.as_counts()["services"] == {"updated": 6, "unchanged": 34}
    assert report.as_counts()["capacities"] == {"created": 6, "unchanged": 52}
    assert report.as_counts()["forms"] == {"created": 3, "unchanged": 52}
    new_lines = RegisteredCapacity.objects.exclude(pk__in=lines_before)
    assert sorted(new_lines.values_list("service__portal_id", "maximum")) == sorted(
        [(entry["portalId"], 11) for entry in changed[:3]] + [(entry["portalId"], 4) for entry in changed[3:]])
    # One "created" version per new line, as save() would have written, by no person (the import).
    history = RegisteredCapacity.history.filter(id__in=new_lines.values("pk"))
    assert RegisteredCapacity.history.count() - history_before == 6
    assert sorted(history.values_list("id", "history_type", "history_user", "maximum", "unit")) == sorted(
        (line.pk, "+", None, line.maximum, line.unit) for line in new_lines)
    # The batch's new rows go in with one INSERT per table, however many services changed.
    inserts = Counter(sql.split('"')[1] for sql in writes(queries.captured_queries) if sql.startswith("INSERT"))
    assert inserts["services_registeredcapacity"] == inserts["services_historicalregisteredcapacity"] == 1
    assert inserts["services_serviceform"] == 1

    again = import_rpss(write(tmp_path, data))
    assert again.writes == 0 and RegisteredCapacity.history.count() - history_before == 6


def test_services_missing_from_a_newer_file_or_past_their_end_are_ended_not_deleted(tmp_path, sample):
    import_rpss(SAMPLE)
    data = copy.deepcopy(sample)
    data["polozky"] = [entry for entry in data["polozky"] if entry["portalId"] != 9101]
    item(data, 9104)["datumPoskytovaniDo"] = "2025-06-30"

    report = import_rpss(write(tmp_path, data))

    assert Service.objects.count() == 40
    missing = Service.objects.get(portal_id=9101)
    assert missing.valid_to == timezone.localdate() - dt.timedelta(days=1) and missing.is_ended
    assert Service.objects.get(portal_id=9104).valid_to == dt.date(2025, 6, 30)
    assert report.counts["services"]["ended"] == 2
    assert not Service.objects.active().filter(portal_id__in=[9101, 9104]).exists()


def test_keep_missing_leaves_services_missing_from_the_file_alone(tmp_path, sample):
    import_rpss(SAMPLE)
    before = snapshot()
    data = copy.deepcopy(sample)
    data["polozky"] = data["polozky"][:5]

    report = import_rpss(write(tmp_path, data), keep_missing=True)

    assert snapshot() == before and report.writes == 0


def test_unknown_codes_are_kept_and_reported(tmp_path, sample):
    data = copy.deepcopy(sample)
    entry = item(data, 9101)
    entry["ciloveSkupiny"].append({"cilovaSkupina": {"id": "CilovaSkupinaOsoby/99"}, "doplnujiciInformace": None})
    entry["druhSocialniSluzby"] = {"id": "DruhSocialniSluzby/77"}
    entry["formy"].append({"forma": {"id": "FormaSocialniSluzby/xyz"}, "kapacity": []})

    report = import_rpss(write(tmp_path, data))

    service = Service.objects.get(portal_id=9101)
    unknown = TargetGroup.objects.get(code="CilovaSkupinaOsoby/99")
    assert not unknown.known and unknown in service.target_groups.all()
    assert service.service_type.code == "DruhSocialniSluzby/77" and not service.service_type.known
    reasons = [p["reason"] for p in report.problems if p["id"] == entry["identifikator"]]
    assert any("CilovaSkupinaOsoby/99" in reason for reason in reasons)
    assert any("DruhSocialniSluzby/77" in reason for reason in reasons)
    assert any("FormaSocialniSluzby/xyz" in reason for reason in reasons)
    assert report.counts["codelists"]["created"] == 2

    again = import_rpss(write(tmp_path, data))  # still reported, nothing created twice
    assert any("CilovaSkupinaOsoby/99" in p["reason"] for p in again.problems)
    assert again.writes == 0


def test_portal_edits_and_free_places_survive_an_import(tmp_path, sample, rf, admin_user):
    import_rpss(SAMPLE)
    service = Service.objects.get(portal_id=9101)
    line = service.capacities.first()
    CapacityReport.record(service=service, form=line.form, unit=line.unit, free_places=3, waiting_list=7)
    service.name = "Název upravený na portálu"
    service.description = "Popis z portálu."

    class EditForm:
        changed_data = ["name", "description"]

    request = rf.post("/")
    request.user = admin_user
    ServiceAdmin(Service, None).save_model(request, service, EditForm(), change=True)
    assert service.locally_edited == ["name"]  # description is not registry data
    provider = service.provider
    provider.phone = "+420 777 000 000"
    EditForm.changed_data = ["phone"]
    ProviderAdmin(Provider, None).save_model(request, provider, EditForm(), change=True)

    data = copy.deepcopy(sample)
    entry = item(data, 9101)
    entry["zarizeni"][0]["nazev"] = "Nový název v registru"
    for form in entry["formy"]:
        for capacity in form["kapacity"]:
            capacity["pocet"] += 1
    entry["poskytovatel"]["telefony"] = [{"telefon": "111 111 111", "poznamka": None}]
    import_rpss(write(tmp_path, data))

    service.refresh_from_db()
    line.refresh_from_db()
    assert service.name == "Název upravený na portálu"
    assert service.description == "Popis z portálu."
    assert (line.free_places, line.waiting_list) == (3, 7)
    assert (service.current_free_places, service.current_waiting_list) == (3, 7)
    assert CapacityReport.objects.filter(service=service).count() == 1
    assert service.facilities.filter(name="Nový název v registru").exists()  # not edited: follows the registry
    assert Provider.objects.get(pk=provider.pk).phone == "+420 777 000 000"


def _broken_variants(sample_bytes: bytes) -> dict:
    text = sample_bytes.decode("utf-8")
    return {
        "invalid JSON": text.replace('"polozky": [', '"polozky": [,', 1).encode(),
        "wrong root": json.dumps(json.loads(text)["polozky"]).encode(),
        "root without polozky": json.dumps({"items": json.loads(text)["polozky"]}).encode(),
        "polozky not a list": b'{"polozky": {"a": 1}}',
        "not an object": b'"polozky"',
        "wrong encoding": text.encode("cp1250", errors="replace"),
        "UTF-16": text.encode("utf-16"),
        "truncated midway": sample_bytes[: len(sample_bytes) * 2 // 3],
        "trailing garbage": sample_bytes + b"\n{}",
        "empty": b"",
    }


@pytest.mark.parametrize("variant", list(_broken_variants(b'{"polozky": []}')))
def test_a_broken_file_changes_nothing(tmp_path, sample, monkeypatch, variant):
    import_rpss(SAMPLE)
    before = snapshot()
    renamed = copy.deepcopy(sample)
    for entry in renamed["polozky"]:  # every item changed, so a partial import would show
        entry["poskytovatel"]["nazev"] += " (nový)"
        for facility in entry["zarizeni"]:
            facility["nazev"] += " (nový)"
    broken = _broken_variants(json.dumps(renamed, ensure_ascii=False, indent=1).encode())[variant]
    path = tmp_path / "broken.json"
    path.write_bytes(broken)
    monkeypatch.setattr(rpss, "BATCH_SIZE", 5)  # write batches before the file breaks

    with pytest.raises(ImportFileError) as error:
        import_rpss(path)

    assert snapshot() == before
    assert str(error.value)


def test_broken_file_messages_say_what_and_where(tmp_path, sample):
    data = json.dumps(sample, ensure_ascii=False).encode()
    cases = {"cut.json": (data[: len(data) // 2], "ends too early"),
             "cp1250.json": (data.decode().encode("cp1250", errors="replace"), "UTF-8"),
             "list.json": (b"[]", "root")}
    for name, (content, expected) in cases.items():
        (tmp_path / name).write_bytes(content)
        with pytest.raises(ImportFileError, match=expected) as error:
            import_rpss(tmp_path / name)
        if name != "list.json":
            assert "byte" in str(error.value) and "item" in str(error.value)


def test_the_command_reports_a_broken_file_and_records_the_failed_run(tmp_path):
    path = tmp_path / "cut.json"
    path.write_bytes(SAMPLE.read_bytes()[:5000])

    with pytest.raises(CommandError, match="ends too early"):
        call_command("import_rpss", str(path), stdout=io.StringIO())

    run = ImportRun.objects.get()
    assert run.status == ImportRun.Status.FAILED and "ends too early" in run.error
    assert Service.objects.count() == 0


def test_bad_items_are_skipped_with_their_reasons(tmp_path, sample):
    data = copy.deepcopy(sample)
    item(data, 9101)["poskytovatel"]["ico"] = "12345678"
    item(data, 9102)["identifikator"] = None
    item(data, 9103)["druhSocialniSluzby"] = None
    item(data, 9104)["poskytovatel"] = None
    duplicate = copy.deepcopy(item(data, 9105))
    duplicate["portalId"] = 99999
    data["polozky"] += [duplicate, "not an object"]

    report = import_rpss(write(tmp_path, data))

    assert Service.objects.count() == 36
    reasons = {(p["id"], p["reason"]) for p in report.problems}
    assert (item(data, 9101)["identifikator"], "Invalid IČO '12345678' of the provider.") in reasons
    assert any("no service identifier" in reason for _id, reason in reasons)
    assert (item(data, 9103)["identifikator"], "The item has no service type (druhSocialniSluzby).") in reasons
    assert (item(data, 9104)["identifikator"], "The item has no provider (poskytovatel).") in reasons
    assert any(i == duplicate["identifikator"] and "Duplicate" in reason for i, reason in reasons)
    assert any("not an object" in reason for _id, reason in reasons)
    assert report.counts["services"]["skipped"] == 5  # the duplicate is not skipped: the later item wins
    assert Service.objects.get(registry_id=duplicate["identifikator"]).portal_id == 99999


def test_kraj_filter_imports_only_that_kraj_and_ends_only_there(tmp_path, sample):
    stredocesky = Kraj.objects.get(nuts3="CZ020")
    call_command("import_rpss", str(SAMPLE), "--kraj", "CZ020", stdout=io.StringIO())

    assert Service.objects.count() == 21
    assert Service.objects.in_area(kraj=stredocesky).count() == 21
    run = ImportRun.objects.get()
    assert list(run.kraje.all()) == [stredocesky] and run.counts["services"]["outside"] == 19

    import_rpss(SAMPLE)  # everything
    data = copy.deepcopy(sample)
    data["polozky"] = [entry for entry in data["polozky"] if entry["portalId"] not in (9101, 9118)]  # Kladno, Brno
    # 1 of the kraj's 18 active services is more than 5 %: ended only when asked for
    call_command("import_rpss", str(write(tmp_path, data)), "--kraj", "CZ020", stdout=io.StringIO())
    assert not Service.objects.get(portal_id=9101).is_ended
    call_command("import_rpss", str(write(tmp_path, data)), "--kraj", "CZ020", "--end-missing", stdout=io.StringIO())

    assert Service.objects.get(portal_id=9101).is_ended
    assert not Service.objects.get(portal_id=9118).is_ended  # another kraj: not this import's business


def test_unknown_kraj_code_is_refused():
    with pytest.raises(CommandError, match="CZ999"):
        call_command("import_rpss", str(SAMPLE), "--kraj", "CZ999", stdout=io.StringIO())


def test_dry_run_writes_nothing_but_reports(tmp_path):
    out = io.StringIO()
    call_command("import_rpss", str(SAMPLE), "--dry-run", stdout=out)

    assert Service.objects.count() == 0 and Provider.objects.count() == 0
    run = ImportRun.objects.get()
    assert run.dry_run and run.status == ImportRun.Status.DONE
    assert run.counts["services"]["created"] == 40
    assert "Dry run" in out.getvalue()


def test_the_command_prints_a_summary_and_records_the_run():
    out = io.StringIO()
    call_command("import_rpss", str(SAMPLE), stdout=out)

    run = ImportRun.objects.get()
    assert run.status == ImportRun.Status.DONE and run.source == ImportRun.Source.COMMAND
    assert run.started_at and run.finished_at and run.counts["items"] == 40
    assert run.counts["services"] == {"created": 40}
    assert "40" in out.getvalue()


def test_a_url_is_downloaded_with_a_size_cap(monkeypatch, settings):
    body = SAMPLE.read_bytes()

    class Response(io.BytesIO):
        headers = {"Content-Length": str(len(body))}

    monkeypatch.setattr(source.urllib.request, "urlopen", lambda request, timeout: Response(body))
    report = import_rpss("https://data.mpsv.cz/od/soubory/rpss/rpss.json")
    assert report.counts["services"]["created"] == 40

    settings.REGISTRY_IMPORT_MAX_BYTES = 1000
    with pytest.raises(ImportFileError, match="MB"):
        import_rpss("https://data.mpsv.cz/od/soubory/rpss/rpss.json")


def test_facilities_follow_the_registry_and_keep_orp_and_search_text_consistent(tmp_path, sample):
    import_rpss(SAMPLE)
    data = copy.deepcopy(sample)
    entry = item(data, 9101)
    moved = copy.deepcopy(item(data, 9118)["zarizeni"][0])  # a facility in Brno
    moved["nazev"] = "Pracoviště Brno – Židenice"
    entry["zarizeni"] = [moved]

    report = import_rpss(write(tmp_path, data))

    service = Service.objects.get(portal_id=9101)
    facility = service.facilities.get()
    assert facility.name == "Pracoviště Brno – Židenice" and facility.obec_id == 582786  # Brno
    assert service.orp_id == facility.obec.orp_id
    assert service.name == "Pracoviště Brno – Židenice"
    assert "pracoviste brno – zidenice" in service.search_text
    assert report.counts["facilities"]["created"] == 1 and report.counts["facilities"]["deleted"] >= 1


def test_a_utf8_byte_order_mark_is_accepted(tmp_path):
    path = tmp_path / "bom.json"
    path.write_bytes(b"\xef\xbb\xbf" + SAMPLE.read_bytes())
    assert import_rpss(path).counts["services"]["created"] == 40
