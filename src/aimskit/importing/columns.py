"""Which column holds which field: the usual header names of risk registers and AI system lists,
aimskit's own export columns, and the user's ``--map COLUMN=FIELD`` and mapping file."""

from __future__ import annotations

import dataclasses
import re
import typing as t
from pathlib import Path

from aimskit.errors import UsageError
from aimskit.importing.sheets import Sheet, SheetRow

IGNORE = "ignore"
HEADER_SEARCH = 20  # the header is one of the first rows

# field → the header names that mean it (compared in normal form: lower case, words only)
RISK_FIELDS: dict[str, tuple[str, ...]] = {
    "id": ("id", "ref", "reference", "risk id", "risk ref", "risk reference", "risk no", "no"),
    "title": ("title", "risk", "name", "risk title", "risk name", "risk statement"),
    "description": ("description", "risk description", "details", "detail"),
    "systems": ("systems", "system", "ai system", "ai systems", "system id", "application"),
    "source": ("source", "risk source", "annex c source"),
    "objectives": ("objectives", "annex c objectives"),
    "owner": ("owner", "risk owner", "owned by"),
    "likelihood": ("likelihood", "probability", "inherent likelihood"),
    "impact": ("impact", "severity", "consequence", "inherent impact"),
    "treatment": ("treatment", "response", "treatment option", "risk response", "treatment decision"),
    "controls": ("controls", "control", "annex a controls", "mitigating controls"),
    "treatment_approved_by": ("treatment approved by",),
    "treatment_approved_on": ("treatment approved on",),
    "residual_likelihood": ("residual likelihood", "residual probability"),
    "residual_impact": ("residual impact", "residual severity", "residual consequence"),
    "achieved_likelihood": ("achieved likelihood", "achieved residual likelihood"),
    "achieved_impact": ("achieved impact", "achieved residual impact"),
    "achieved_checked": ("achieved checked", "effectiveness checked", "effectiveness checked on"),
    "achieved_evidence": ("achieved evidence", "effectiveness evidence"),
    "achieved_evidence_description": ("achieved evidence description",),
    "achieved_evidence_date": ("achieved evidence date",),
    "accepted_by": ("accepted by",),
    "accepted_on": ("accepted on", "acceptance date", "date accepted"),
    "acceptance_rationale": ("acceptance rationale",),
    "status": ("status", "risk status"),
    "identified": ("identified", "date identified", "identified on", "date raised", "raised on"),
    "next_review": ("review date", "next review", "next review date", "review due"),
    "example": ("example", "example content"),
}
SYSTEM_FIELDS: dict[str, tuple[str, ...]] = {
    "id": ("id", "ref", "reference", "system id", "no"),
    "name": ("name", "system", "ai system", "system name", "tool", "ai tool", "title"),
    "description": ("description", "details"),
    "purpose": ("purpose", "what it is for"),
    "intended_use": ("intended use", "use", "use case"),
    "foreseeable_misuse": ("foreseeable misuse", "misuse"),
    "owner": ("owner", "system owner", "business owner", "owned by"),
    "lifecycle_stage": ("lifecycle stage", "stage", "life cycle stage", "lifecycle", "life cycle"),
    "provider": ("provider", "vendor", "supplier"),
    "ai_role": ("ai role", "our role"),
    "in_scope": ("in scope", "scope"),
    "eu_ai_act_tier": ("eu ai act tier", "risk tier", "ai act tier", "eu ai act", "ai act risk class"),
    "eu_ai_act_rationale": ("eu ai act rationale", "tier rationale", "ai act rationale"),
    "affected_parties": ("affected parties", "affected", "stakeholders"),
    "human_oversight": ("human oversight", "oversight"),
    "models": ("models", "model"),
    "next_review": ("review date", "next review", "next review date", "review due"),
    "example": ("example", "example content"),
}
FIELDS = {"risks": RISK_FIELDS, "systems": SYSTEM_FIELDS}
# aimskit's own export columns that are worked out from others: read, and ignored.
DERIVED = {"risks": ("inherent score", "inherent level", "residual score", "residual level", "above appetite",
                     "achieved score", "achieved level"),
           "systems": ("risks", "impact assessments", "data sources")}


def normal(name: t.Any) -> str:
    """A header in normal form: lower case, words and digits separated by single spaces."""
    return " ".join(re.findall(r"[a-z0-9]+", str(name).lower())) if name is not None else ""


@dataclasses.dataclass(frozen=True)
class Layout:
    """The header row, and for each field the column (0-based) that holds it."""

    header: SheetRow
    fields: dict[str, int]
    ignored: tuple[tuple[int, str], ...]  # (column, header name) of the columns that map to no field


def parse_maps(what: str, pairs: t.Sequence[str], mapping_file: Path | None) -> dict[str, str]:
    """``COLUMN=FIELD`` pairs (and a mapping file's ``columns:``) as normal header → field."""
    fields = FIELDS[what]
    found: dict[str, str] = {}
    if mapping_file is not None:
        for column, field in _mapping_file(mapping_file).items():
            found[normal(column)] = str(field)
    for pair in pairs:
        column, equals, field = pair.partition("=")
        if not equals or not column.strip() or not field.strip():
            raise UsageError(f"--map {pair!r}: write COLUMN=FIELD, e.g. --map 'Risk lead=owner'")
        found[normal(column)] = field.strip()
    for column, field in found.items():
        if field != IGNORE and field not in fields:
            raise UsageError(f"cannot map column {column!r} to {field!r}: {what} fields are "
                             f"{', '.join(fields)} (or {IGNORE})")
    return found


def _mapping_file(path: Path) -> dict[str, t.Any]:
    from aimskit.records.loading import LoadError, load_yaml_file

    try:
        document = load_yaml_file(str(path), path.read_bytes())
    except OSError as exc:
        raise UsageError(f"cannot read the mapping file {path}: {exc.strerror}") from None
    except LoadError as exc:
        raise UsageError(f"the mapping file {exc.finding.format_text()}") from None
    data = document.data if isinstance(document.data, dict) else {}
    columns = data.get("columns")
    if not isinstance(columns, dict) or not columns:
        raise UsageError(f"the mapping file {path} needs a 'columns:' mapping of COLUMN: FIELD")
    return columns


def best_sheet(sheets: t.Sequence[Sheet], what: str, maps: dict[str, str]) -> Sheet:
    """The sheet whose header names most fields (the first on a tie): a workbook's register."""
    def score(sheet: Sheet) -> int:
        return max((len(_match(row, FIELDS[what], maps)) for row in sheet.rows[:HEADER_SEARCH]), default=0)

    return max(sheets, key=lambda sheet: (score(sheet), -sheets.index(sheet)))


def layout(sheet: Sheet, what: str, maps: dict[str, str]) -> Layout:
    """Find the header row (the one among the first rows that names most fields) and its columns."""
    fields = FIELDS[what]
    candidates = sheet.rows[:HEADER_SEARCH]
    if not candidates:
        raise UsageError(f"{sheet.path} has no rows")
    best = max(candidates, key=lambda row: (len(_match(row, fields, maps)), -row.number))
    matched = _match(best, fields, maps)
    ignored = tuple((index, str(cell)) for index, cell in enumerate(best.cells)
                    if cell is not None and index not in matched.values() and normal(cell) not in DERIVED[what]
                    and maps.get(normal(cell)) != IGNORE)
    return Layout(best, matched, ignored)


def _match(row: SheetRow, fields: dict[str, tuple[str, ...]], maps: dict[str, str]) -> dict[str, int]:
    """field → column for the cells of ``row``; the first column naming a field wins."""
    found: dict[str, int] = {}
    for index, cell in enumerate(row.cells):
        name = normal(cell)
        if not name:
            continue
        field = maps.get(name) or _field(name, fields)
        if field and field != IGNORE and field not in found:
            found[field] = index
    return found


def _field(name: str, fields: dict[str, tuple[str, ...]]) -> str | None:
    for field, names in fields.items():
        if name == normal(field) or name in names:
            return field
    return None
