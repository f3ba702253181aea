"""One sheet row being read into a record: its cells by field, and the findings about them (at
the row and the field's column)."""

from __future__ import annotations

import re
import typing as t

from aimskit.importing import values as v
from aimskit.importing.sheets import Sheet, SheetRow
from aimskit.records.findings import Finding, error, warning

CONTROL_ID = re.compile(r"\b(?:A\.)?[0-9]{1,2}\.[0-9]{1,2}(?:\.[0-9]{1,2})?\b", re.IGNORECASE)
ANNEX_A_ID = re.compile(r"\bA\.[0-9]{1,2}\.[0-9]{1,2}(?:\.[0-9]{1,2})?\b", re.IGNORECASE)  # in words: only A.x.y


class Row:
    """One sheet row being read: its cells by field, and the findings about them."""

    def __init__(self, sheet: Sheet, row: SheetRow, fields: dict[str, int], defaults: dict[str, str],
                 findings: list[Finding], notes: list[tuple[str, str | None]]) -> None:
        self.sheet, self.row, self.fields, self.defaults, self.findings = sheet, row, fields, defaults, findings
        self.notes = notes
        self.ok = True
        self.order: str | None = None  # how the sheet writes numeric dates (v.date_order)

    def date(self, raw: t.Any) -> str:
        return v.date(raw, self.order)

    def raw(self, field: str) -> t.Any:
        value = self.row.get(self.fields[field]) if field in self.fields else None
        return self.defaults.get(field) if value is None or v.text(value) is None else value

    def text(self, field: str) -> str | None:
        return v.text(self.raw(field))

    def refuse(self, field: str, code: str, problem: v.Refused) -> None:
        self.ok = False
        self.findings.append(error(self.sheet.path, self.row.number, self.fields.get(field, -1) + 1, code,
                                   f"row {self.row.number}: {problem.message}", problem.hint))

    def convert(self, field: str, code: str, convert: t.Callable[[t.Any], t.Any]) -> t.Any:
        """``convert`` applied to the field's cell (None when blank); a refusal becomes a finding."""
        raw = self.raw(field)
        if raw is None or v.text(raw) is None:
            return None
        try:
            return convert(raw)
        except v.Refused as problem:
            self.refuse(field, code, problem)
            return None
        finally:
            self._said(field)

    def _said(self, field: str) -> None:
        """The resolver's notes on this field's names, as warnings at its cell."""
        while self.notes:
            message, hint = self.notes.pop(0)
            self.findings.append(warning(self.sheet.path, self.row.number, self.fields.get(field, -1) + 1, "AIMS982",
                                         f"row {self.row.number}: {message}", hint))

    def required(self, field: str, value: t.Any, what: str) -> t.Any:
        if value is None and self.ok_to_report(field):
            self.refuse(field, "AIMS801", v.Refused(f"no {what}", f"fill in the {what}, map a column to "
                                                    f"{field} with --map, or pass --default {field}=VALUE"))
        return value

    def ok_to_report(self, field: str) -> bool:
        """A missing value is reported unless converting it already failed."""
        raw = self.raw(field)
        return raw is None or v.text(raw) is None


def controls_and_plan(row: Row) -> tuple[list[str], str | None]:
    """The Annex A controls of the controls and mitigation columns, and the mitigation in words.

    A controls cell of ids (A.6.2.4, 8.2) gives controls; one that also says something in words,
    and a mitigation column, give the treatment plan as written (the ids in it also as controls)."""
    controls: list[str] = []
    plan: list[str] = []
    for field in ("controls", "mitigation"):
        cell = row.text(field)
        if cell is None:
            continue
        pattern = CONTROL_ID if field == "controls" else ANNEX_A_ID
        ids = [match.group(0) for match in pattern.finditer(cell)]
        words_left = pattern.sub(" ", cell)
        in_words = field == "mitigation" or bool(re.search(r"[A-Za-z]{3,}", words_left))
        known = row.convert(field, "AIMS808", lambda raw: [v.control(item) for item in ids]) or []
        controls.extend(known)
        if in_words:
            plan.append(cell)
    return list(dict.fromkeys(controls)), "\n\n".join(plan) or None
