"""core/spreadsheets.py: the one rule that keeps spreadsheet formulas out of every CSV and XLSX the portal
writes (OWASP "CSV injection"), and its inverse for imports."""

import ast
import csv
import datetime as dt
import io
import zipfile
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
import tablib
from django.utils import timezone

from core.spreadsheets import (
    SafeCSV,
    SafeXLSX,
    csv_lines,
    csv_response,
    needs_escaping,
    safe_cell,
    unescape_cell,
    xlsx_bytes,
    xlsx_response,
)

HOSTILE = ['=HYPERLINK("http://x","y")', "+1", "-2+3", "@SUM(A1)", "\tx", "\rx", "\nx", " =1+1", "\u200b=1",
           "\ufeff=1", "\u00a0@x", "＝1+1", "＋1", "－1", "＠x", "-5", "+420 312 000 000", "=", "'=1", "''+x"]
HARMLESS = ["Domov Žďárek", "", "5", "1-2", "a=b", "'quoted'", "'", "e-mail@x.cz", " ", "Ústí nad Labem"]


@pytest.mark.parametrize("text", HOSTILE)
def test_formula_like_text_gets_an_apostrophe(text):
    assert safe_cell(text) == "'" + text
    assert needs_escaping(text)


@pytest.mark.parametrize("text", HARMLESS)
def test_other_text_is_left_alone(text):
    assert safe_cell(text) == text


@pytest.mark.parametrize("value", [5, -5, 2.5, -2.5, Decimal("-1.20"), True, False, None, dt.date(2026, 1, 2),
                                   dt.datetime(2026, 1, 2, 3, 4), dt.time(10, 30)])
def test_numbers_dates_and_none_stay_what_they_are(value):
    assert safe_cell(value) is value


def test_other_objects_are_judged_as_their_text():
    class Named:
        def __str__(self):
            return "=1+1"

    assert safe_cell(Named()) == "'=1+1"


@pytest.mark.parametrize("text", HOSTILE + HARMLESS)
def test_unescape_is_the_exact_inverse(text):
    assert unescape_cell(safe_cell(text)) == text


def test_unescape_leaves_values_it_did_not_make_alone():
    assert unescape_cell("'abc") == "'abc"
    assert unescape_cell(5) == 5 and unescape_cell(None) is None


def test_csv_lines_bom_semicolons_escapes_and_numbers():
    lines = list(csv_lines([["Name", "Free"], ["=1+1", -3], ["+420 1", 2.5]],
                           format_number=lambda value: str(value).replace(".", ",")))
    assert lines[0].startswith("\ufeffName;Free")
    rows = list(csv.reader(io.StringIO("".join(lines).lstrip("\ufeff")), delimiter=";"))
    assert rows == [["Name", "Free"], ["'=1+1", "-3"], ["'+420 1", "2,5"]]


def test_csv_response_streams_and_is_marked():
    response = csv_response(iter([["a"], ["@x"]]), "x.csv")
    assert response.streaming and response.spreadsheet_safe
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="x.csv"'
    assert b"".join(response.streaming_content).decode("utf-8-sig") == "a\r\n'@x\r\n"


def _sheet_xml(content: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        return "".join(archive.read(name).decode() for name in archive.namelist()
                       if name.startswith("xl/worksheets/"))


def test_xlsx_cells_are_strings_never_formulas():
    now = timezone.now()
    content = xlsx_bytes([["Name", "Count", "When"], ['=HYPERLINK("http://x","y")', 3, now],
                          ["bad \x00 char", -2.5, dt.date(2026, 1, 2)], ["=1+1", None, "@x"]],
                         sheet_title="Kapacity: [1/2]")
    xml = _sheet_xml(content)
    assert "<f>" not in xml and "<f " not in xml
    sheet = openpyxl.load_workbook(io.BytesIO(content)).active
    assert sheet.title == "Kapacity- -1-2-"
    rows = [[cell for cell in row] for row in sheet.iter_rows()]
    assert rows[1][0].value == '\'=HYPERLINK("http://x","y")' and rows[1][0].data_type == "s"
    assert rows[1][1].value == 3 and rows[1][1].data_type == "n"
    assert abs(rows[1][2].value - timezone.localtime(now).replace(tzinfo=None)) < dt.timedelta(seconds=1)
    assert rows[2][0].value == "bad \ufffd char" and rows[2][1].value == -2.5
    assert rows[3][0].value == "'=1+1" and rows[3][2].value == "'@x"
    assert rows[0][0].font.bold and sheet.freeze_panes == "A2"


def test_xlsx_response_is_marked():
    response = xlsx_response([["a"], ["=1"]], "x.xlsx", sheet_title="x")
    assert response.spreadsheet_safe and response["Content-Type"].startswith(
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")


def _dataset():
    data = tablib.Dataset(headers=["name", "count", "day"])
    data.append(['=HYPERLINK("http://x","y")', 2, dt.date(2026, 1, 2)])
    data.append(["-2+3", -1, None])
    data.append(["Domov", 0, None])
    return data


def test_import_export_csv_format_round_trips():
    exported = SafeCSV().export_data(_dataset())
    assert "'=HYPERLINK" in exported and "'-2+3" in exported
    back = SafeCSV().create_dataset(exported)
    assert back.headers == ["name", "count", "day"]
    assert [row[0] for row in back] == ['=HYPERLINK("http://x","y")', "-2+3", "Domov"]


def test_import_export_xlsx_format_writes_no_formula_and_round_trips():
    exported = SafeXLSX().export_data(_dataset())
    assert "<f>" not in _sheet_xml(exported)
    sheet = openpyxl.load_workbook(io.BytesIO(exported)).active
    assert [cell.value for cell in sheet[2]][:2] == ['\'=HYPERLINK("http://x","y")', 2]
    back = SafeXLSX().create_dataset(exported)
    assert [row[0] for row in back] == ['=HYPERLINK("http://x","y")', "-2+3", "Domov"]


def test_safe_xlsx_gets_native_numbers_and_dates_from_import_export():
    from import_export.formats.base_formats import BINARY_FORMATS

    assert SafeXLSX in BINARY_FORMATS


def test_the_module_imports_no_app_of_the_project():
    allowed = ("django", "openpyxl", "tablib", "import_export")
    tree = ast.parse((Path(__file__).parents[2] / "core" / "spreadsheets.py").read_text())
    imported = {alias.name for node in ast.walk(tree) if isinstance(node, ast.Import) for alias in node.names}
    imported |= {node.module for node in ast.walk(tree) if isinstance(node, ast.ImportFrom) and node.module}
    import sys

    third_party = {name for name in imported if name.split(".")[0] not in sys.stdlib_module_names}
    assert all(name.split(".")[0] in allowed for name in third_party), third_party
