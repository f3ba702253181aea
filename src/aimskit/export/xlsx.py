"""The export as one XLSX workbook (openpyxl): a sheet per table, the readiness figures and the
provenance.

Every cell holds a value, never a formula: text is stored as text, and text that a spreadsheet
would run (starting with =, +, -, @, a tab or a carriage return) starts with ' as in the CSV
export. Dates are stored as dates, risk levels are coloured with the level's name beside the
colour, header rows are frozen and filtered.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import typing as t

from openpyxl import Workbook
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from aimskit.export.files import cell as csv_cell
from aimskit.export.tables import COLUMNS, Row
from aimskit.governance import scoring

XLSX_NAME = "aims-export.xlsx"
SHEETS = {"soa": "SoA", "risks": "Risks", "systems": "AI systems", "policies": "Policies",
          "actions": "Treatment actions", "data_sources": "Data sources", "approvals": "Approvals",
          "acceptances": "Risk acceptances",
          "impact_assessments": "Impact assessments", "objectives": "Objectives", "suppliers": "Suppliers",
          "audits": "Audits", "management_reviews": "Management reviews", "nonconformities": "Nonconformities",
          "competence": "Competence", "readiness": "Readiness items"}
READINESS, PROVENANCE = "Readiness", "Provenance"
DATE_COLUMNS = frozenset({"identified", "next_review", "accepted_on", "effective", "approved_on", "due",
                          "treatment_approved_on", "achieved_checked", "achieved_evidence_date", "assessed",
                          "last_measured", "last_assessed", "planned", "performed", "date", "raised", "closed"})
LEVEL_COLUMNS = frozenset({"inherent_level", "residual_level", "achieved_level"})
MAX_WIDTH, MIN_WIDTH = 60, 8
MAX_CELL = 32_767  # the most characters a spreadsheet cell holds; longer text makes Excel repair the file
TRUNCATED = " [… cut at 32,767 characters: the full text is in the record]"
_ISO_DATE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")
_HEADER_FONT = Font(bold=True)
_HEADER_FILL = PatternFill("solid", fgColor="DDDDDD")
_DATE_FORMAT = "yyyy-mm-dd"


def xlsx_files(tables: dict[str, list[Row]], readiness: dict[str, t.Any] | None, info: dict[str, t.Any],
               method: scoring.RiskMethod) -> dict[str, bytes]:
    """The workbook ``aims-export.xlsx``: one sheet per table (the readiness items with clause, status,
    what the examples alone would show, evidence, note and the definition of "met"), the Readiness
    summary and Provenance."""
    book = Workbook()
    for index, (name, title) in enumerate(SHEETS.items()):
        sheet = book.worksheets[0] if index == 0 else book.create_sheet(title)
        sheet.title = title
        _table_sheet(sheet, COLUMNS[name], tables.get(name, []), method)
    if readiness is not None:
        _table_sheet(book.create_sheet(READINESS), ("item", "value", "note"), readiness_rows(readiness), method)
    _table_sheet(book.create_sheet(PROVENANCE), ("field", "value"), provenance_rows(info), method)
    stream = io.BytesIO()
    book.save(stream)
    return {XLSX_NAME: stream.getvalue()}


def readiness_rows(readiness: dict[str, t.Any]) -> list[Row]:
    """The readiness headline figures and gaps as (item, value) rows."""
    overall = readiness.get("overall", {})
    rows: list[Row] = [
        {"item": "assessed on", "value": readiness.get("date")},
        {"item": "validation errors", "value": readiness.get("errors")},
        {"item": "validation warnings", "value": readiness.get("warnings")},
        {"item": "documented information met",
         "value": f"{overall.get('documented_met')} of {overall.get('documented_total')}"},
        {"item": "documented information partial", "value": overall.get("documented_partial")},
        {"item": "applicable controls implemented",
         "value": f"{overall.get('controls_implemented')} of {overall.get('controls_applicable')}"},
    ]
    examples = readiness.get("examples", {})
    if examples.get("records"):
        rows += [{"item": "example records (never counted)", "value": examples.get("records"),
                  "note": "records marked example: true; 'aimskit examples remove' deletes them"},
                 {"item": "documented information met by examples alone", "value": examples.get("documented_met")}]
    for item in readiness.get("documented_information", []):
        rows.append({"item": f"{item.get('clause')} {item.get('item')}", "value": item.get("status"),
                     "note": item.get("note")})
    for level in readiness.get("risks_by_level", []):
        rows.append({"item": f"open risks at residual level {level.get('level')}", "value": level.get("residual"),
                     "note": f"{level.get('inherent')} at this inherent level"})
    for gap in readiness.get("risks_above_appetite", []):
        rows.append({"item": f"above appetite, not accepted: {gap.get('id')}", "value": gap.get("residual"),
                     "note": gap.get("title")})
    for review in readiness.get("overdue_reviews", []):
        rows.append({"item": f"overdue: {review.get('id')} {review.get('field')}", "value": review.get("due"),
                     "note": review.get("title")})
    for tier, count in readiness.get("systems_by_tier", {}).items():
        rows.append({"item": f"AI systems in EU AI Act tier {tier}", "value": count})
    return rows


def provenance_rows(info: dict[str, t.Any]) -> list[Row]:
    """Where the records came from: source, revision, commit, dirty flag, tags, date, version."""
    # a git revision is committed by definition; the working tree may not be
    dirty = False if info.get("source") == "git revision" else info.get("uncommitted_changes")
    return [
        {"field": "source", "value": info.get("source")},
        {"field": "revision", "value": info.get("rev") or "(working tree)"},
        {"field": "commit", "value": info.get("commit") or "(no git history)"},
        {"field": "uncommitted changes", "value": "unknown" if dirty is None else dirty},
        {"field": "tags", "value": info.get("tags") or []},
        {"field": "exported at", "value": info.get("exported_at")},
        {"field": "aimskit version", "value": info.get("aimskit_version")},
    ]


def _table_sheet(sheet: Worksheet, columns: t.Sequence[str], rows: list[Row], method: scoring.RiskMethod) -> None:
    widths = [len(name) for name in columns]
    sheet.append(list(columns))
    for header in sheet[1]:
        header.font, header.fill = _HEADER_FONT, _HEADER_FILL
    for row in rows:
        values = [_value(column, row.get(column)) for column in columns]
        sheet.append(values)
        for index, value in enumerate(values):
            widths[index] = max(widths[index], len(value) if isinstance(value, str) else 10)
        for index, column in enumerate(columns):
            target = sheet.cell(row=sheet.max_row, column=index + 1)
            if isinstance(target.value, str):
                target.data_type = "s"  # text stays text, whatever it starts with
            if isinstance(target.value, dt.date):
                target.number_format = _DATE_FORMAT
            if column in LEVEL_COLUMNS:
                _colour(target, method)
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = max(MIN_WIDTH, min(MAX_WIDTH, width + 2))
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(columns))}{max(1, sheet.max_row)}"


def _value(column: str, value: t.Any) -> t.Any:
    """A cell value: dates as dates, numbers and booleans as such, everything else defused text."""
    if value is None:
        return None
    if isinstance(value, bool) or (isinstance(value, (int, float)) and not isinstance(value, bool)):
        return value
    if column in DATE_COLUMNS and isinstance(value, str) and _ISO_DATE.match(value):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            pass
    text = _clean(csv_cell(value))
    if len(text) > MAX_CELL:
        text = text[:MAX_CELL - len(TRUNCATED)] + TRUNCATED
    return text or None


def _clean(text: str) -> str:
    """Drop the control characters XML 1.0 cannot hold (openpyxl would refuse the cell)."""
    return "".join(ch for ch in text if ch in "\t\n\r" or ord(ch) >= 0x20)


def _colour(target: t.Any, method: scoring.RiskMethod) -> None:
    level = next((level for level in method.levels if level.name == target.value), None)
    colour = (level.colour or "").lstrip("#") if level else ""
    if re.fullmatch(r"[0-9a-fA-F]{6}", colour):
        target.fill = PatternFill("solid", fgColor=colour.upper())
        target.font = Font(bold=True, color="FFFFFF" if _dark(colour) else "000000")


def _dark(colour: str) -> bool:
    red, green, blue = (int(colour[i:i + 2], 16) for i in (0, 2, 4))
    return 0.299 * red + 0.587 * green + 0.114 * blue < 150
