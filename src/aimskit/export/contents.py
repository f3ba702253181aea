"""What an export holds, read back from the files as written: the README lists each file, each
table's columns and rows, and how many rows come from example records, so that it can never
describe a column or sheet that is not there."""

from __future__ import annotations

import csv
import io
import json
import typing as t

EXAMPLE_COLUMN = "example"


def describe(written: t.Mapping[str, bytes]) -> list[str]:
    """Lines describing every file of ``written`` (name → content), in name order."""
    lines: list[str] = []
    for name in sorted(written):
        content = written[name]
        if name.endswith(".csv"):
            lines += _table(name, *_csv(content))
        elif name.endswith(".xlsx"):
            lines.append(f"{name}: a workbook with these sheets")
            for title, header, rows in sheets(content):
                lines += _table(f"  sheet '{title}'", header, rows, indent="    ")
        elif name.endswith(".json"):
            lines += _json(name, content)
    return lines


def _csv(content: bytes) -> tuple[list[str], list[list[str]]]:
    rows = list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))
    return (rows[0], rows[1:]) if rows else ([], [])


def sheets(content: bytes) -> list[tuple[str, list[str], list[list[t.Any]]]]:
    """(title, header, rows) of each sheet of an XLSX workbook."""
    from openpyxl import load_workbook  # only for a workbook

    book = load_workbook(io.BytesIO(content), read_only=True)
    found = []
    for sheet in book.worksheets:
        values = [list(row) for row in sheet.iter_rows(values_only=True)]
        header = [str(cell) for cell in values[0]] if values else []
        found.append((sheet.title, header, values[1:]))
    book.close()
    return found


def _table(label: str, header: list[str], rows: list[list[t.Any]], indent: str = "  ") -> list[str]:
    examples = ""
    if EXAMPLE_COLUMN in header:
        column = header.index(EXAMPLE_COLUMN)
        count = sum(1 for row in rows if column < len(row) and row[column] in (True, "yes", "true", "TRUE"))
        examples = f", {count} from example records (column '{EXAMPLE_COLUMN}')"
    lines = [f"{label}: {len(rows)} row(s){examples}"]
    return lines + [f"{indent}columns: {', '.join(header)}"]


def _json(name: str, content: bytes) -> list[str]:
    try:
        document = json.loads(content)
    except ValueError:
        return [f"{name}: JSON"]
    if not isinstance(document, dict):
        return [f"{name}: JSON"]
    if "tables" in document:
        tables = document["tables"]
        return [f"{name}: the export as one JSON document ({', '.join(document)})",
                "  tables: " + ", ".join(f"{key} ({len(rows)} rows)" for key, rows in tables.items())]
    model = next(iter(document), "")
    body = document.get(model, {}) if isinstance(document.get(model), dict) else {}
    version = body.get("metadata", {}).get("oscal-version", "")
    requirements = sum(len(c.get("implemented-requirements", [])) for comp in body.get("components", [])
                       for c in comp.get("control-implementations", []))
    what = f", {requirements} implemented requirement(s)" if model == "component-definition" else ""
    return [f"{name}: an OSCAL {version} {model}{what}"]
