"""No CSV or XLSX the portal produces can carry a live spreadsheet formula (OWASP "CSV injection").

Every export is found, not listed by hand:

* the public site is crawled as a superuser on a data set whose providers, services, facilities, a service
  type, a coalition, its members and a meeting's participants are named like ``=HYPERLINK("http://x","y")``,
  ``+1``, ``-2+3``, ``@SUM(A1)``, a tab or a carriage return; every link of every page that answers with a
  spreadsheet is downloaded, and so is every crawled page that turns out to be one;
* every model admin of the admin site that has django-import-export's export is exported in every format it
  offers;
* the URL map is walked: every view marked with ``core.spreadsheets.spreadsheet_export`` must have been
  reached by the crawl, and every spreadsheet the crawl met must have been built by core/spreadsheets.py;
* the project's source is searched: only core/spreadsheets.py may write CSV or XLSX (csv.writer, openpyxl,
  tablib, import-export's formats), so a new export cannot bypass the helper.

Each file must hold at least one neutralised hostile cell (so the check saw the data), no text cell a
spreadsheet could run, and an XLSX no ``<f>`` element and only string cells for text.
"""

import csv
import io
import re
import zipfile
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import openpyxl
import pytest
from django.contrib import admin
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import RequestFactory
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from coalitions.models import Registration
from core.spreadsheets import is_spreadsheet_content_type, needs_escaping, safe_cell, unescape_cell
from services.models import Service, ServiceType
from tests.accounts.factories import UserFactory
from tests.coalitions.factories import CoalitionFactory, MeetingFactory, MembershipFactory
from tests.services.factories import ProviderFactory, make_service
from tests.test_crawler import crawl, url_name

pytestmark = pytest.mark.django_db

HOSTILE = ['=HYPERLINK("http://x","y")', "+1", "-2+3", "@SUM(A1)", "\tx", "\rx"]
ROOT = Path(__file__).resolve().parents[1]
PROJECT_PACKAGES = ("core", "accounts", "services", "coalitions", "discussions", "territory", "portal", "families")
# What writes a CSV or XLSX file (reading one with csv.reader / csv.DictReader is fine).
WRITERS = re.compile(r"\bcsv\.(writer|DictWriter)\b|\bopenpyxl\b|\bxlsxwriter\b|\btablib\b|text/csv|"
                     r"\bbase_formats\b|import_export\.formats|\bexport_set\b|"
                     r"\.export\(\s*[\"'](csv|tsv|xls|xlsx|ods)[\"']")
# Files that may match WRITERS, and why.
ALLOWED_WRITERS = {
    "core/spreadsheets.py": "the helper itself",
}
# Exports a test must find; the discovery below may find more (and then checks them too).
KNOWN_VIEWS = {"services:export-csv", "services:capacity-export"}
KNOWN_ADMINS = {"services.Service", "services.Provider", "services.CapacityReport", "coalitions.Membership",
                "coalitions.Registration"}
NUMBER = re.compile(r"-?\d+([.,]\d+)?")


@pytest.fixture
def hostile_data(db):
    """Every name an export shows starts with a formula character, one of each kind."""
    hostile_type = ServiceType.objects.create(code="Test/vzorec", name_cs=HOSTILE[0], name_en=HOSTILE[3],
                                              group="", forms="pob ter")
    home_type = ServiceType.objects.get(code="DruhSocialniSluzby/13")
    for index, name in enumerate(HOSTILE):
        provider = ProviderFactory(name=f"{name} poskytovatel")
        make_service(name=f"{name} služba", provider=provider, free_places=index,
                     service_type=hostile_type if index % 2 else home_type)
    coalition = CoalitionFactory(name=HOSTILE[0])
    for name in HOSTILE:
        MembershipFactory(coalition=coalition, organisation_name=f"{name} spolek", person__display_name=name)
    meeting = MeetingFactory(coalition=coalition, title=HOSTILE[3])
    for name in HOSTILE:
        meeting.register(UserFactory(verified=True, display_name=name, organisation=name))
    assert Registration.objects.exists()
    _hostile_plan()
    _hostile_network()
    _hostile_families()


def _hostile_families():
    """A contract of the formula-named providers, numbered like a formula (tests/families/gates.py)."""
    from tests.families.gates import hostile_families

    hostile_families(HOSTILE)


def _hostile_network():
    """The kraj's network lists services by name: the hostile ones."""
    from tests.network.factories import make_membership

    for service in Service.objects.filter(name__endswith=" služba"):
        make_membership(service, note=service.name)


def _hostile_plan():
    """A plan in consultation (public, linked from the plans list) whose structure is named with formulas."""
    from planning.models import Activity, Measure, Plan, Priority
    from tests.planning.factories import open_consultation

    coordinator = UserFactory(is_superuser=True, is_staff=True)
    plan = Plan.objects.create(kraj=CoalitionFactory._meta.model.objects.first().kraj, title=HOSTILE[0],
                               slug="vzorec", period_start=2026, period_end=2028)
    for number, name in enumerate(HOSTILE, start=1):
        priority = Priority.objects.create(plan=plan, number=number, title=name)
        measure = Measure.objects.create(priority=priority, number=1, title=name, responsible_organisation=name)
        Activity.objects.create(measure=measure, title=name, year=2026)
    open_consultation(plan, coordinator)


@pytest.fixture
def superuser(db):
    return UserFactory(is_superuser=True, is_staff=True, verified=True)


# --- What a safe file is ------------------------------------------------------------------------------------


def _is_safe_text(text: str) -> bool:
    """A text cell is safe when it is what safe_cell writes (its escape removed and put back gives itself)."""
    return safe_cell(unescape_cell(text)) == text


def _neutralised(text) -> bool:
    return isinstance(text, str) and text.startswith("'") and needs_escaping(text[1:])


def check_csv(content: bytes, where: str) -> int:
    text = content.decode("utf-8-sig")
    header = text.split("\n", 1)[0]
    delimiter = ";" if header.count(";") > header.count(",") else ","
    rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    unsafe = [cell for row in rows for cell in row if not NUMBER.fullmatch(cell) and not _is_safe_text(cell)]
    assert unsafe == [], f"{where}: cells a spreadsheet would run: {unsafe[:10]}"
    return sum(_neutralised(cell) for row in rows for cell in row)


def check_xlsx(content: bytes, where: str) -> int:
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        sheets = [archive.read(name).decode() for name in archive.namelist()
                  if name.startswith("xl/worksheets/") and name.endswith(".xml")]
    assert sheets, f"{where}: no worksheet"
    for xml in sheets:
        assert not re.search(r"<(\w+:)?f[\s>/]", xml), f"{where}: a formula (<f>) in the sheet"
        kinds = set(re.findall(r"<c\b[^>]*\bt=\"(\w+)\"", xml))
        assert kinds <= {"s", "inlineStr", "n", "b", "d"}, f"{where}: cell types {kinds}"
    workbook = openpyxl.load_workbook(io.BytesIO(content))  # formulas would come back as "=…" texts
    count = 0
    for sheet in workbook.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", f"{where}: formula in {cell.coordinate}"
                if isinstance(cell.value, str):
                    assert cell.data_type in ("s", "inlineStr"), (
                        f"{where}: {cell.coordinate} is {cell.data_type}")
                    assert _is_safe_text(cell.value), f"{where}: {cell.coordinate} = {cell.value!r}"
                    count += _neutralised(cell.value)
    return count


def check_spreadsheet(response, where: str) -> int:
    """Checks one download; the number of neutralised hostile cells it holds."""
    assert response.status_code == 200, f"{where}: {response.status_code}"
    content = b"".join(response.streaming_content) if response.streaming else response.content
    content_type = response["Content-Type"].split(";")[0]
    if content_type == "text/csv":
        return check_csv(content, where)
    if content_type.startswith("application/vnd.openxmlformats-officedocument.spreadsheetml"):
        return check_xlsx(content, where)
    raise AssertionError(f"{where}: {content_type} is a spreadsheet this test cannot read yet")


# --- Public downloads: found by crawling --------------------------------------------------------------------


def _patterns(resolver=None, namespace=""):
    """(view name, callback) of every URL pattern, with the namespaces of its includes."""
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from _patterns(entry, inner)
        elif isinstance(entry, URLPattern):
            yield (f"{namespace}{entry.name}" if entry.name else None), entry.callback


def marked_views() -> set:
    return {name for name, callback in _patterns()
            if getattr(callback, "spreadsheet_export", False) and not (name or "").startswith("admin:")}


def test_every_public_download_is_safe(client, hostile_data, superuser):
    client.force_login(superuser)
    results, _broken = crawl(client, ["/cs/", "/en/"], per_pattern=1, keep_html=False)
    assert len(results) > 30, f"the crawl found only {len(results)} pages"
    errors = [path for path, (status, _page, _type) in results.items() if status >= 500]
    assert errors == [], f"pages failing with the hostile names: {errors}"

    # Every link of every crawled page that looks like a download, and every crawled page that is one.
    candidates = {path for path, (_status, _page, content_type) in results.items()
                  if is_spreadsheet_content_type(content_type)}
    for path, (_status, page, _type) in results.items():
        for href in (page.links if page is not None else []):
            target = urlsplit(urljoin(path, href.split("#")[0]))
            if target.netloc not in ("", "testserver"):
                continue
            full = target.path + (f"?{target.query}" if target.query else "")
            if (url_name(target.path) in KNOWN_VIEWS | marked_views()
                    or re.search(r"\.(csv|xlsx|xls|ods|tsv)$", target.path)
                    or re.search(r"(^|&)(format|fmt)=(csv|xlsx|xls|ods|tsv)\b", target.query)):
                candidates.add(full)

    found, checked = set(), {}
    for path in sorted(candidates):
        response = client.get(path)
        if not is_spreadsheet_content_type(response.get("Content-Type", "")):
            continue
        name = url_name(urlsplit(path).path)
        assert getattr(response, "spreadsheet_safe", False), (
            f"{path} ({name}) is a spreadsheet not built by core/spreadsheets.py "
            "(csv_response, xlsx_response)")
        checked[path] = check_spreadsheet(response, path)
        found.add(name)
    marked = marked_views()
    assert found <= marked, f"downloads whose views lack @spreadsheet_export: {found - marked}"
    assert marked <= found, (
        f"marked exports no crawled page links to (link them, or test them): {marked - found}")
    assert KNOWN_VIEWS <= found
    # Each export (view and file type) held hostile names in at least one of its files (a filtered variant
    # may hold none), so the checks above saw them neutralised.
    hits = {}
    for path, count in checked.items():
        kind = (url_name(urlsplit(path).path), urlsplit(path).path.rsplit(".", 1)[-1])
        hits[kind] = hits.get(kind, 0) + count
    assert {("services:capacity-export", "csv"), ("services:capacity-export", "xlsx"),
            ("services:export-csv", "csv")} <= set(hits)
    assert all(hits.values()), f"exports without a hostile name in any file: {hits}"
    print(f"{len(results)} pages crawled; downloads checked: {checked}")


def test_filtered_public_downloads_are_safe_too(client, hostile_data):
    """Anonymous downloads with a filter on the hostile type (the crawl above may pick other variants)."""
    hostile_type = ServiceType.objects.get(code="Test/vzorec")
    for path, query in [("/cs/sluzby/export.csv", {"type": hostile_type.pk}), ("/en/services/export.csv", {}),
                        ("/cs/kapacity/export.csv", {"type": hostile_type.pk}),
                        ("/en/capacities/export.xlsx", {}),
                        ("/cs/kapacity/export.xlsx", {"kraj": 3026})]:
        response = client.get(path, query)
        assert check_spreadsheet(response, path) > 0, path


# --- Admin exports: every admin with django-import-export's export ------------------------------------------


def export_admins():
    return {f"{model._meta.app_label}.{model.__name__}": model_admin
            for model, model_admin in admin.site._registry.items()
            if hasattr(model_admin, "get_export_formats") and hasattr(model_admin, "export_action")}


def test_every_admin_export_format_is_the_safe_one():
    admins = export_admins()
    assert KNOWN_ADMINS <= set(admins)
    for label, model_admin in admins.items():
        for file_format in model_admin.get_export_formats():
            assert getattr(file_format, "spreadsheet_safe", False), (
                f"{label} exports {file_format.__name__}: use core.spreadsheets.SafeCSV / SafeXLSX")
        if hasattr(model_admin, "get_import_formats"):
            for file_format in model_admin.get_import_formats():
                assert getattr(file_format, "spreadsheet_safe", False), (
                    f"{label} imports {file_format.__name__}: the escape would not be removed")


def test_every_admin_export_is_safe(client, hostile_data, superuser):
    client.force_login(superuser)
    request = RequestFactory().get("/")
    request.user = superuser
    for label, model_admin in sorted(export_admins().items()):
        opts = model_admin.model._meta
        url = reverse(f"admin:{opts.app_label}_{opts.model_name}_export")
        for resource_index, resource in enumerate(model_admin.get_export_resource_classes(request)):
            instance = resource(**model_admin.get_export_resource_kwargs(request))
            fields = {f"{resource.__name__.lower()}_{name}": "on" for name in instance.get_export_order()}
            for format_index, file_format in enumerate(model_admin.get_export_formats()):
                where = f"{label} as {file_format.__name__}"
                response = client.post(url, {"format": format_index, "resource": resource_index, **fields})
                assert response.status_code == 200, where
                assert is_spreadsheet_content_type(response["Content-Type"]), (
                    f"{where}: {response['Content-Type']} (the export form answered instead of a file)")
                assert check_spreadsheet(response, where) > 0, f"{where}: no hostile name in the file"


# --- Nothing but the helper writes spreadsheets -------------------------------------------------------------


def test_only_the_helper_writes_csv_or_xlsx():
    offenders = []
    for package in PROJECT_PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            relative = path.relative_to(ROOT).as_posix()
            if "/migrations/" in relative or relative in ALLOWED_WRITERS:
                continue
            for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
                if WRITERS.search(line) and not line.lstrip().startswith("#"):
                    offenders.append(f"{relative}:{number}: {line.strip()}")
    assert offenders == [], ("CSV/XLSX written outside core/spreadsheets.py (use csv_response, "
                             "xlsx_response, SafeCSV, SafeXLSX):\n" + "\n".join(offenders))


# --- Import: an exported file imports back unchanged --------------------------------------------------------


def test_an_exported_members_file_imports_back_unchanged(client, hostile_data, superuser):
    """The apostrophe of the export is removed on import: the names come back as they were stored. (A
    carriage return inside a cell comes back as a line feed, as CSV and XML readers normalise line ends.)"""
    from coalitions.models import Membership
    from coalitions.resources import MembershipResource

    def names():
        return sorted(name.replace("\r", "\n") for name in
                      Membership.objects.values_list("organisation_name", flat=True))

    client.force_login(superuser)
    before = names()
    assert any(name.startswith("=HYPERLINK") for name in before)
    fields = {f"membershipresource_{name}": "on" for name in MembershipResource().get_export_order()}
    for format_index, name in ((0, "clenove.csv"), (1, "clenove.xlsx")):
        exported = client.post(reverse("admin:coalitions_membership_export"),
                               {"format": format_index, "resource": 0, **fields})
        assert check_spreadsheet(exported, name) > 0
        preview = client.post(reverse("admin:coalitions_membership_import"), {
            "format": format_index, "resource": 0, "import_file": SimpleUploadedFile(name, exported.content)})
        assert preview.status_code == 200
        result = preview.context["result"]
        assert not result.has_errors() and not result.has_validation_errors(), name
        assert {row.import_type for row in result.rows} <= {"skip", "update"}, name
        form = preview.context["confirm_form"]
        response = client.post(reverse("admin:coalitions_membership_process_import"),
                               {field: form.initial.get(field, "") for field in form.fields})
        assert response.status_code == 302, name
        assert names() == before, name
