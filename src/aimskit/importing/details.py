"""The lists inside a record that a flat register cannot hold — a risk's treatment actions, a
system's data sources — read from their own table, as ``aimskit export`` writes them: a
worksheet of the same workbook, or a CSV file beside the register."""

from __future__ import annotations

import dataclasses
import typing as t
import zipfile
from pathlib import Path

from aimskit.importing import values as v
from aimskit.importing.columns import normal
from aimskit.importing.resolve import NewRecord, Resolver
from aimskit.importing.sheets import Sheet, SheetRow, read_sheet
from aimskit.records.findings import Finding, error

ACTION_STATUSES = {
    "planned": ("planned", "open", "not started", "to do", "todo", "new"),
    "in-progress": ("in progress", "ongoing", "started", "wip", "doing"),
    "done": ("done", "complete", "completed", "closed", "finished"),
    "cancelled": ("cancelled", "canceled", "dropped", "withdrawn"),
}


@dataclasses.dataclass(frozen=True)
class Table:
    """One details table: its worksheet title, CSV name, key column and columns."""

    sheet: str
    csv: str
    key: str
    columns: tuple[str, ...]


TABLES = {"risks": Table("Treatment actions", "actions.csv", "risk", ("description", "owner", "due", "status")),
          "systems": Table("Data sources", "data_sources.csv", "system",
                           ("name", "provenance", "personal_data", "quality_checks"))}


def find(path: Path, what: str, main: Sheet) -> Sheet | None:
    """The details table for ``what`` beside the register at ``path``, if there is one."""
    table = TABLES[what]
    if zipfile.is_zipfile(path):
        import openpyxl

        names = openpyxl.load_workbook(path, read_only=True).sheetnames
        return read_sheet(path, table.sheet) if table.sheet in names and main.name != table.sheet else None
    sibling = path.with_name(table.csv)
    return read_sheet(sibling) if sibling.is_file() and sibling.resolve() != path.resolve() else None


def attach(sheet: Sheet, what: str, records: list[NewRecord], resolver: Resolver) -> tuple[int, list[Finding]]:
    """Add each details row to the record whose sheet id (or id) it names; the count and findings."""
    table = TABLES[what]
    if not sheet.rows:
        return 0, []
    header = {normal(cell): index for index, cell in enumerate(sheet.rows[0].cells) if cell is not None}
    if table.key not in header:
        return 0, [error(sheet.path, sheet.rows[0].number, 1, "AIMS709",
                         f"the {table.sheet.lower()} table has no '{table.key}' column",
                         f"name its columns {table.key}, {', '.join(table.columns)}")]
    by_key = {key: record for record in records for key in (record.sheet_id, record.id) if key}
    findings: list[Finding] = []
    added = 0
    for row in sheet.rows[1:]:
        key = v.text(row.get(header[table.key])) or ""
        record = by_key.get(key) or by_key.get(key.upper())
        if record is None:
            findings.append(error(sheet.path, row.number, header[table.key] + 1, "AIMS709",
                                  f"row {row.number}: {key!r} is not a row of the register",
                                  f"name the {table.key} by the id it has in the register"))
            continue
        cells = {name: row.get(header[normal(name)]) if normal(name) in header else None for name in table.columns}
        item = _item(what, cells, header, row, resolver, sheet.path, findings)
        if item is not None:
            _add(record, what, item)
            added += 1
    return added, findings


def _item(what: str, cells: dict[str, t.Any], header: dict[str, int], row: SheetRow, resolver: Resolver,
          path: str, findings: list[Finding]) -> dict[str, t.Any] | None:
    item: dict[str, t.Any] = {}
    for name, raw in cells.items():
        column = header.get(normal(name), -1) + 1
        if v.text(raw) is None:
            if name in ("description", "owner", "due", "status", "name", "provenance"):
                findings.append(error(path, row.number, column, "AIMS701", f"row {row.number}: no {name}",
                                      f"fill in the {name}"))
                return None
            continue
        try:
            item[name] = _value(what, name, raw, resolver, row.number)
        except v.Refused as problem:
            findings.append(error(path, row.number, column, "AIMS702", f"row {row.number}: {problem.message}",
                                  problem.hint))
            return None
    return item


def _value(what: str, name: str, raw: t.Any, resolver: Resolver, number: int) -> t.Any:
    if name == "owner":
        return resolver.role(v.text(raw) or "", number)
    if name == "due":
        return v.date(raw)
    if name == "status":
        return v.choice(raw, ACTION_STATUSES, "action status")
    if name == "personal_data":
        return v.boolean(raw, "personal data")
    return v.text(raw)


def _add(record: NewRecord, what: str, item: dict[str, t.Any]) -> None:
    if what == "risks":
        record.data["treatment"].setdefault("actions", []).append(item)
        return
    if "data_sources" not in record.data:
        ordered: dict[str, t.Any] = {}
        for key, value in record.data.items():
            if key == "affected_parties":
                ordered["data_sources"] = []
            ordered[key] = value
        record.data.clear()
        record.data.update(ordered)
    record.data["data_sources"].append(item)
