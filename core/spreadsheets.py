"""Every CSV and XLSX file the portal writes goes through this module, so that no cell of a download can run
as a spreadsheet formula ("CSV injection", OWASP): a provider named ``=HYPERLINK("http://…","…")`` must
arrive in Excel or LibreOffice as that text, never as a live link or a DDE command.

The rule (``safe_cell``), the same for CSV, XLSX, public downloads and admin exports:

* A text cell that starts with ``=``, ``+``, ``-``, ``@``, a tab, a carriage return or a line feed (OWASP
  names the first six; a leading line feed is trimmed by some spreadsheets like the others), or with the
  full-width or small forms of ``= + - @`` (East-Asian input methods turn ``＝`` into a formula), gets a
  leading apostrophe ``'``. So does a text that starts with such a character after leading white space, invisible
  format characters or control characters (spreadsheets that trim spaces on import would otherwise see the
  formula), and a text that starts with an apostrophe which already precedes such a text, so that
  ``unescape_cell`` is its exact inverse.
* Numbers (``int``, ``float``, ``Decimal``), booleans, dates, times and ``None`` are left as they are: a
  number is never a formula, and CSV writes a negative number as ``-5``. Text is always judged as text: the
  *string* ``"-5"`` becomes ``'-5``, the string ``"+420 123 456 789"`` becomes ``'+420 123 456 789`` (which
  Excel would otherwise try to compute). Pass numbers as numbers.
* Anything else (a lazy translation, a model instance) is turned into text first and judged as text.

XLSX files get the same escaped text and, in addition, every text cell is written as a string cell
(``t="inlineStr"``) whatever it holds: openpyxl would otherwise store any string starting with ``=`` as a
formula (``<f>``). Characters XML cannot hold (NUL and other C0 controls) become U+FFFD instead of an error.

Reading files back (the admin imports), ``unescape_cell`` removes the apostrophe that ``safe_cell`` added, so
an exported file imports unchanged (a round trip); other texts are left alone.

import-export's own ``IMPORT_EXPORT_ESCAPE_FORMULAE_ON_EXPORT`` is not used: it only deletes a leading ``=``
(so the text changes and ``+``, ``-``, ``@`` pass through), and tablib still writes the XLSX cell with
openpyxl's type guessing. ``SafeCSV`` and ``SafeXLSX`` below replace import-export's CSV and XLSX formats.

This module imports no app of the project (Django, the standard library, openpyxl, tablib and import-export
only), so any app can use it.
"""

import csv
import datetime as dt
import functools
import io
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from decimal import Decimal

from django.http import HttpResponse, StreamingHttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _

__all__ = [
    "CSV_CONTENT_TYPE", "XLSX_CONTENT_TYPE", "FORMULA_TRIGGERS", "SafeCSV", "SafeXLSX", "csv_lines",
    "csv_response", "is_spreadsheet_content_type", "needs_escaping", "safe_cell", "safe_row",
    "spreadsheet_export", "unescape_cell", "xlsx_bytes", "xlsx_response",
]

CSV_CONTENT_TYPE = "text/csv; charset=utf-8"
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
SPREADSHEET_CONTENT_TYPES = ("text/csv", "text/tab-separated-values", "application/vnd.ms-excel",
                             "application/vnd.openxmlformats-officedocument.spreadsheetml",
                             "application/vnd.oasis.opendocument.spreadsheet")

# A cell starting with one of these is read as a formula (or trimmed until one is met).
FORMULA_TRIGGERS = frozenset("=+-@\t\r\n" "\uff1d\uff0b\uff0d\uff20" "\ufe66\ufe62\ufe63\ufe6b")
# Formula starts looked for after leading white space and invisible characters.
_FORMULA_STARTS = frozenset("=+-@" "\uff1d\uff0b\uff0d\uff20" "\ufe66\ufe62\ufe63\ufe6b")
ESCAPE = "'"
_NATIVE = (bool, int, float, Decimal, dt.date, dt.time, dt.timedelta)


def _is_blank(char: str) -> bool:
    return char.isspace() or unicodedata.category(char) in ("Cc", "Cf", "Zs", "Zl", "Zp")


def needs_escaping(text: str) -> bool:
    """Whether a spreadsheet could take this text for a formula (see the module's rules)."""
    if not text:
        return False
    if text[0] in FORMULA_TRIGGERS:
        return True
    if text[0] == ESCAPE:
        return needs_escaping(text[1:])
    for char in text:
        if not _is_blank(char):
            return char in _FORMULA_STARTS
    return False


def safe_cell(value):
    """The value to write into a CSV or XLSX cell: numbers, booleans, dates and None as they are, any other
    value as text, with a leading apostrophe when a spreadsheet could take it for a formula."""
    if value is None or isinstance(value, _NATIVE):
        return value
    text = str(value)
    return ESCAPE + text if needs_escaping(text) else text


def safe_row(values: Iterable) -> list:
    return [safe_cell(value) for value in values]


def unescape_cell(value):
    """The inverse of `safe_cell` for a cell read from a file: the apostrophe `safe_cell` put before a text
    that looks like a formula is removed; every other value is returned unchanged."""
    if isinstance(value, str) and value.startswith(ESCAPE) and needs_escaping(value[1:]):
        return value[1:]
    return value


def is_spreadsheet_content_type(content_type: str) -> bool:
    return (content_type or "").split(";")[0].strip().lower().startswith(SPREADSHEET_CONTENT_TYPES)


def spreadsheet_export(view):
    """Marks a view that answers with a CSV or XLSX download built by this module (tests/
    test_spreadsheet_safety.py checks every marked view's files, and that no unmarked view writes one)."""

    @functools.wraps(view)
    def wrapper(*args, **kwargs):
        return view(*args, **kwargs)

    wrapper.spreadsheet_export = True
    return wrapper


def _mark(response):
    response.spreadsheet_safe = True  # built here: the tests tell this module's files from any other
    return response


def _attachment(response, filename: str):
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


# --- CSV ---------------------------------------------------------------------------------------------------


class _Echo:
    """A file-like object whose write() returns the line, so csv.writer can feed a streaming response."""

    def write(self, value):
        return value


def csv_lines(rows: Iterable[Iterable], *, delimiter: str = ";", bom: bool = True,
              format_number: Callable | None = None) -> Iterator[str]:
    """The rows (the header first) as CSV lines, one at a time, every cell through `safe_cell`. UTF-8 with a
    BOM and semicolons by default, as Czech Excel opens it. `format_number` formats floats and Decimals
    (e.g. with decimal commas); numbers are never escaped."""
    writer = csv.writer(_Echo(), delimiter=delimiter)
    first = True
    for row in rows:
        cells = []
        for value in row:
            value = safe_cell(value)
            if format_number is not None and isinstance(value, (float, Decimal)):
                value = format_number(value)
            cells.append(value)
        line = writer.writerow(cells)
        if first and bom:
            line = "\ufeff" + line
        first = False
        yield line


def csv_response(rows: Iterable[Iterable], filename: str, *, delimiter: str = ";", bom: bool = True,
                 format_number: Callable | None = None, streaming: bool = True):
    """A CSV download of `rows` (the header first); streamed, so a generator of rows keeps memory flat."""
    lines = csv_lines(rows, delimiter=delimiter, bom=bom, format_number=format_number)
    if streaming:
        response = StreamingHttpResponse(lines, content_type=CSV_CONTENT_TYPE)
    else:
        response = HttpResponse("".join(lines), content_type=CSV_CONTENT_TYPE)
    return _mark(_attachment(response, filename))


# --- XLSX --------------------------------------------------------------------------------------------------


def _xlsx_value(value):
    """A value openpyxl can store: aware datetimes in local time without the zone (Excel has none), text
    escaped and without the characters XML cannot hold."""
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    if isinstance(value, dt.datetime) and timezone.is_aware(value):
        return timezone.localtime(value).replace(tzinfo=None)
    if isinstance(value, dt.time) and value.tzinfo is not None:
        return value.replace(tzinfo=None)
    if value is None or isinstance(value, _NATIVE):
        return value
    return safe_cell(ILLEGAL_CHARACTERS_RE.sub("\ufffd", str(value)))


def _xlsx_cell(sheet, value, font=None):
    from openpyxl.cell import WriteOnlyCell

    value = _xlsx_value(value)
    if value is None:
        value = ""  # an empty cell that is written, so every row reads back as wide as the header
    cell = WriteOnlyCell(sheet, value=value)
    if isinstance(value, str):
        cell.data_type = "s"  # a string, whatever it starts with: never a formula
    if font is not None:
        cell.font = font
    return cell


def xlsx_bytes(rows: Iterable[Iterable], *, sheet_title: str = "", header: bool = True,
               column_widths: Iterable[float] | None = None) -> bytes:
    """An XLSX workbook of one sheet with `rows` (the header first, in bold and frozen when `header`): every
    text cell escaped by `safe_cell` and stored as a string cell, never as a formula."""
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    workbook = Workbook(write_only=True)
    title = "".join("-" if char in "\\*?:/[]" else char for char in str(sheet_title or _("Sheet")))[:31]
    sheet = workbook.create_sheet(title)
    for index, width in enumerate(column_widths or (), start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    bold = Font(bold=True)
    for number, row in enumerate(rows):
        if number == 0 and header:
            sheet.freeze_panes = "A2"
            sheet.append([_xlsx_cell(sheet, value, bold) for value in row])
        else:
            sheet.append([_xlsx_cell(sheet, value) for value in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def xlsx_response(rows: Iterable[Iterable], filename: str, *, sheet_title: str = "", header: bool = True):
    response = HttpResponse(xlsx_bytes(rows, sheet_title=sheet_title, header=header),
                            content_type=XLSX_CONTENT_TYPE)
    return _mark(_attachment(response, filename))


# --- django-import-export formats (the admin's exports and imports) -----------------------------------------


def _dataset_rows(dataset) -> Iterator[list]:
    if dataset.headers:
        yield list(dataset.headers)
    for row in dataset:
        yield list(row)


def _unescaped(dataset):
    """The dataset read from a file, with the apostrophes `safe_cell` added removed (a round trip)."""
    import tablib

    result = tablib.Dataset(title=dataset.title)
    for row in dataset:
        result.append([unescape_cell(value) for value in row])
    if dataset.headers:
        result.headers = [unescape_cell(value) for value in dataset.headers]
    return result


def _header_key(text) -> str:
    return " ".join(str(text).split()).casefold()


class HumanHeadersMixin:
    """For django-import-export resources: exported files are headed as people read them ("IČO poskytovatele" /
    "Provider's IČO"), not by field names ("provider_ico"), in the language of the export; an imported file
    may be headed either way, in any of the portal's languages (a file exported in English imports on a Czech
    page and vice versa, and the old field-name files still work).

    `header_labels` maps a column name to its (lazy) label; columns without one take the model field's
    verbose name. Labels must differ from each other: they are matched back to columns on import.
    """

    header_labels: dict = {}

    def header_label(self, field) -> str:
        from django.utils.text import capfirst

        label = self.header_labels.get(field.column_name)
        if label is None:
            label = self._model_field_label(field)
        return capfirst(str(label)) if label else field.column_name

    def _model_field_label(self, field):
        from django.core.exceptions import FieldDoesNotExist

        model, path = self._meta.model, (field.attribute or field.column_name or "").split("__")
        try:
            for name in path[:-1]:
                model = model._meta.get_field(name).related_model
            return model._meta.get_field(path[-1]).verbose_name
        except (FieldDoesNotExist, AttributeError):
            return None

    def get_export_headers(self, selected_fields=None):
        return [self.header_label(field) for field in self.get_export_fields(selected_fields) if field]

    def before_import(self, dataset, **kwargs):
        from django.conf import settings
        from django.utils import translation

        if dataset.headers:
            columns = {}
            for field in self.get_import_fields():
                columns[_header_key(field.column_name)] = field.column_name
                for language, _name in settings.LANGUAGES:
                    with translation.override(language):
                        columns.setdefault(_header_key(self.header_label(field)), field.column_name)
            dataset.headers = [columns.get(_header_key(header), header) for header in dataset.headers]
        return super().before_import(dataset, **kwargs)


def _format_classes():
    from import_export.formats import base_formats

    class SafeCSV(base_formats.CSV):
        """import-export's CSV, every exported cell through `safe_cell`; a file read back loses the escape."""

        spreadsheet_safe = True

        def export_data(self, dataset, **kwargs):
            import tablib

            safe = tablib.Dataset(title=dataset.title)
            for row in dataset:
                safe.append(safe_row(row))
            if dataset.headers:
                safe.headers = safe_row(dataset.headers)
            return safe.export(self.get_title(), **kwargs)

        def create_dataset(self, in_stream, **kwargs):
            return _unescaped(super().create_dataset(in_stream, **kwargs))

    class SafeXLSX(base_formats.XLSX):
        """import-export's XLSX written by `xlsx_bytes`: escaped text in string cells, native numbers and
        dates, the header bold and frozen; a file read back loses the escape."""

        spreadsheet_safe = True

        def export_data(self, dataset, **kwargs):
            rows = list(_dataset_rows(dataset))
            widths = [min(max(len(str(value if value is not None else "")) for value in column) + 2, 60)
                      for column in zip(*rows, strict=False)] if rows else None
            return xlsx_bytes(rows, sheet_title=dataset.title or "", header=bool(dataset.headers),
                              column_widths=widths)

        def create_dataset(self, in_stream, **kwargs):
            return _unescaped(super().create_dataset(in_stream))

    # import-export asks for native numbers and dates only of the formats in BINARY_FORMATS (by exact type).
    if SafeXLSX not in base_formats.BINARY_FORMATS:
        base_formats.BINARY_FORMATS.append(SafeXLSX)
    return SafeCSV, SafeXLSX


SafeCSV, SafeXLSX = _format_classes()
