"""A plan's structure in and out of a spreadsheet: one row per activity (or per measure without activities, or per
priority without measures), the columns below. Used by the admin's import (preview, per-row errors, all or
nothing) and the public CSV/XLSX download of a plan.

The headers may be English or Czech (the export writes them in the page's language); cells escaped against
formulas by core.spreadsheets are read back unescaped.
"""

import csv
import dataclasses
import io
from pathlib import PurePath

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core import spreadsheets
from planning.models import Activity, Measure, PlanningError, Priority

MAX_ROWS = 2000
MAX_BYTES = 2 * 1024 * 1024

# key → (header in the export, accepted spellings in an import)
COLUMNS = {
    "priority": (gettext_lazy("Priority"), {"priority", "priorita", "č. priority"}),
    "priority_title": (gettext_lazy("Priority title"), {"priority title", "název priority"}),
    "measure": (gettext_lazy("Measure"), {"measure", "opatření", "č. opatření"}),
    "measure_title": (gettext_lazy("Measure title"), {"measure title", "název opatření"}),
    "responsible": (gettext_lazy("Responsible organisation"), {"responsible organisation", "odpovědná organizace",
                                                               "realizátor"}),
    "activity": (gettext_lazy("Activity"), {"activity", "aktivita"}),
    "year": (gettext_lazy("Year"), {"year", "rok"}),
}


@dataclasses.dataclass
class RowError:
    line: int
    message: str


@dataclasses.dataclass
class ParsedPriority:
    number: int
    title: str
    measures: dict = dataclasses.field(default_factory=dict)  # number → ParsedMeasure


@dataclasses.dataclass
class ParsedMeasure:
    number: int
    title: str
    responsible: str = ""
    activities: list = dataclasses.field(default_factory=list)  # (title, year)


@dataclasses.dataclass
class ParseResult:
    priorities: dict
    errors: list

    @property
    def measure_count(self) -> int:
        return sum(len(p.measures) for p in self.priorities.values())

    @property
    def activity_count(self) -> int:
        return sum(len(m.activities) for p in self.priorities.values() for m in p.measures.values())


def read_file(upload) -> list[list[str]]:
    """The rows of an uploaded CSV (UTF-8, ; or ,) or XLSX file, as text cells; ValidationError if unreadable."""
    if upload.size > MAX_BYTES:
        raise ValidationError(_("The file is too large (at most 2 MB)."))
    data = upload.read()
    suffix = PurePath(upload.name or "").suffix.lower()
    if data[:2] == b"PK" or suffix == ".xlsx":
        try:
            from openpyxl import load_workbook

            sheet = load_workbook(io.BytesIO(data), read_only=True, data_only=True).worksheets[0]
            rows = [["" if cell is None else str(cell) for cell in row]
                    for row in sheet.iter_rows(values_only=True, max_row=MAX_ROWS + 1)]
        except Exception as error:
            raise ValidationError(_("The file is not a readable XLSX workbook.")) from error
    else:
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise ValidationError(_("The CSV file is not in UTF-8; save it again as “CSV UTF-8”.")) from None
        if "\x00" in text:
            raise ValidationError(_("The file is not a CSV file."))
        delimiter = ";" if text.split("\n", 1)[0].count(";") >= text.split("\n", 1)[0].count(",") else ","
        rows = list(csv.reader(io.StringIO(text), delimiter=delimiter))[:MAX_ROWS + 1]
    rows = [[str(spreadsheets.unescape_cell(cell)).strip() for cell in row] for row in rows]
    rows = [row for row in rows if any(row)]
    if not rows:
        raise ValidationError(_("The file is empty."))
    return rows


def _positive(value: str) -> int | None:
    try:
        number = int(float(value.replace(",", ".")))
    except ValueError:
        return None
    return number if 0 < number < 1000 else None


def parse_rows(rows: list[list[str]], plan) -> ParseResult:
    """The structure a file describes, and every row's problem (a broken file stores nothing)."""
    errors = []
    if not rows or not isinstance(rows, list):
        return ParseResult({}, [RowError(1, _("The file is empty."))])
    header = [str(cell).strip().lower() for cell in rows[0]]
    positions = {}
    for key, (_label, spellings) in COLUMNS.items():
        names = {spelling.lower() for spelling in spellings} | {str(COLUMNS[key][0]).lower()}
        for index, name in enumerate(header):
            if name in names:
                positions[key] = index
    missing = [str(COLUMNS[key][0]) for key in ("priority", "priority_title") if key not in positions]
    if missing:
        return ParseResult({}, [RowError(1, _("Missing columns: %(columns)s.") % {"columns": ", ".join(missing)})])
    if len(rows) > MAX_ROWS + 1:
        errors.append(RowError(MAX_ROWS + 2, _("At most %(count)d rows.") % {"count": MAX_ROWS}))
    priorities: dict[int, ParsedPriority] = {}
    for line, row in enumerate(rows[1:], start=2):
        if not isinstance(row, list):
            errors.append(RowError(line, _("The row cannot be read.")))
            continue
        cell = {key: (str(row[index]).strip()[:300] if index < len(row) else "") for key, index in positions.items()}
        number = _positive(cell["priority"])
        if number is None:
            errors.append(RowError(line, _("The priority needs a number (1, 2, …).")))
            continue
        priority = priorities.get(number)
        if priority is None:
            if not cell["priority_title"]:
                errors.append(RowError(line, _("The priority needs a title.")))
                continue
            priority = priorities[number] = ParsedPriority(number, cell["priority_title"])
        elif cell["priority_title"] and cell["priority_title"] != priority.title:
            errors.append(RowError(line, _("Priority %(number)d has another title on an earlier row.") % {
                "number": number}))
            continue
        if not cell.get("measure") and not cell.get("measure_title"):
            if cell.get("activity"):
                errors.append(RowError(line, _("An activity needs its measure.")))
            continue
        measure_number = _positive(cell.get("measure", "").rsplit(".", 1)[-1])
        if measure_number is None:
            errors.append(RowError(line, _("The measure needs a number (1, 2, … or 1.2).")))
            continue
        measure = priority.measures.get(measure_number)
        if measure is None:
            if not cell.get("measure_title"):
                errors.append(RowError(line, _("The measure needs a title.")))
                continue
            measure = priority.measures[measure_number] = ParsedMeasure(measure_number, cell["measure_title"],
                                                                         cell.get("responsible", ""))
        elif cell.get("measure_title") and cell["measure_title"] != measure.title:
            errors.append(RowError(line, _("Measure %(priority)d.%(number)d has another title on an earlier row.")
                                   % {"priority": number, "number": measure_number}))
            continue
        if cell.get("activity"):
            year = None
            if cell.get("year"):
                try:
                    year = int(float(cell["year"]))
                except ValueError:
                    year = None
                if year is None or not plan.period_start - 1 <= year <= plan.period_end + 1:
                    errors.append(RowError(line, _("The year must lie within the plan's period (%(period)s).")
                                           % {"period": plan.period}))
                    continue
            measure.activities.append((cell["activity"], year))
    if not priorities and not errors:
        errors.append(RowError(2, _("The file has no priorities.")))
    return ParseResult(priorities, errors)


@transaction.atomic
def apply(result: ParseResult, plan) -> dict:
    """Store a parsed structure into a draft plan (added to what it has; a priority or measure of the same
    number is updated). Nothing is stored from a result with errors."""
    if result.errors:
        raise PlanningError(_("The file has errors; nothing was imported."))
    if plan.state not in (plan.State.DRAFT, plan.State.CONSULTATION):
        raise PlanningError(_("Only a plan in preparation can get its structure from a file."))
    counts = {"priorities": 0, "measures": 0, "activities": 0}
    for parsed in result.priorities.values():
        priority, _created = Priority.objects.update_or_create(plan=plan, number=parsed.number,
                                                                defaults={"title": parsed.title})
        counts["priorities"] += 1
        for parsed_measure in parsed.measures.values():
            measure, _created = Measure.objects.update_or_create(
                priority=priority, number=parsed_measure.number,
                defaults={"title": parsed_measure.title, "responsible_organisation": parsed_measure.responsible})
            counts["measures"] += 1
            existing = set(measure.activities.values_list("title", flat=True))
            for order, (title, year) in enumerate(parsed_measure.activities, start=1):
                if title in existing:
                    continue
                Activity.objects.create(measure=measure, order=order, title=title, year=year)
                counts["activities"] += 1
    return counts


def structure_rows(plan):
    """The header and one row per activity (or measure, or priority) of a plan."""
    yield [str(label) for label, _spellings in COLUMNS.values()]
    for priority in plan.priorities.prefetch_related("measures__activities"):
        measures = list(priority.measures.all())
        if not measures:
            yield [priority.number, priority.title, "", "", "", "", ""]
        for measure in measures:
            activities = list(measure.activities.all())
            base = [priority.number, priority.title, f"{priority.number}.{measure.number}", measure.title,
                    measure.responsible_organisation]
            if not activities:
                yield [*base, "", ""]
            for activity in activities:
                yield [*base, activity.title, activity.year]


def export_response(plan, file_format: str):
    name = slugify(plan.slug) or "plan"
    if file_format == "xlsx":
        return spreadsheets.xlsx_response(list(structure_rows(plan)), f"{name}.xlsx", sheet_title=_("Structure"))
    return spreadsheets.csv_response(structure_rows(plan), f"{name}.csv", streaming=False)
