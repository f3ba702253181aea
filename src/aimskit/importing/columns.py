"""Which column holds which field: the usual header names of risk registers and AI system lists,
aimskit's own export columns, and the user's ``--map COLUMN=FIELD`` and mapping file."""

from __future__ import annotations

import dataclasses
import re
import typing as t
from pathlib import Path

from aimskit import safetext
from aimskit.errors import UsageError
from aimskit.importing.sheets import Sheet, SheetRow
from aimskit.records.findings import Finding, error

IGNORE = "ignore"
HEADER_SEARCH = 20  # the header is one of the first rows
MIN_HEADER_FIELDS = 2  # a header names at least this many fields

REVIEW = ("review date", "next review", "next review date", "review due", "review by", "review before", "due for review",
          "next review due", "reviewed by date", "re review", "review")
# field → the header names that mean it (compared in normal form: lower case, words only)
RISK_FIELDS: dict[str, tuple[str, ...]] = {
    "id": ("id", "ref", "reference", "risk id", "risk ref", "risk reference", "risk no", "no", "risk number",
           "nr", "number", "external id", "key"),
    "title": ("title", "risk", "name", "risk title", "risk name", "risk statement"),
    "description": ("description", "risk description", "details", "detail"),
    "systems": ("systems", "system", "ai system", "ai systems", "system id", "application", "ai tool", "ai tools",
                "tool", "tools", "ai application", "model", "product"),
    "source": ("source", "risk source", "annex c source"),
    "objectives": ("objectives", "annex c objectives"),
    "owner": ("owner", "risk owner", "owned by"),
    "likelihood": ("likelihood", "probability", "inherent likelihood"),
    "impact": ("impact", "severity", "consequence", "inherent impact"),
    "treatment": ("treatment", "response", "treatment option", "risk response", "treatment decision"),
    "controls": ("controls", "control", "annex a controls", "annex a control", "iso 42001 controls"),
    "mitigation": ("mitigation", "mitigations", "mitigation controls", "mitigation and controls", "mitigating controls",
                   "mitigating actions", "mitigation actions", "mitigation measures", "measures", "treatment plan",
                   "treatment description", "existing controls", "planned controls", "current controls",
                   "controls in place", "actions"),
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
    "next_review": REVIEW,
    "example": ("example", "example content"),
}
SYSTEM_FIELDS: dict[str, tuple[str, ...]] = {
    "id": ("id", "ref", "reference", "system id", "no"),
    "name": ("name", "system", "ai system", "system name", "tool", "ai tool", "title", "ai tool name", "application",
             "product", "ai application", "use case name"),
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
    "next_review": REVIEW,
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


class NoHeader(Exception):
    """No row among the first of the sheet names enough fields to be its header."""

    def __init__(self, finding: Finding) -> None:
        super().__init__(finding.message)
        self.finding = finding


def best_sheet(sheets: t.Sequence[Sheet], what: str, maps: dict[str, str]) -> Sheet:
    """The sheet whose header names most fields (the first on a tie): a workbook's register."""
    def score(sheet: Sheet) -> int:
        return max((len(_match(cells, FIELDS[what], maps)) for _, cells in _candidates(sheet, what, maps)),
                   default=0)

    return max(sheets, key=lambda sheet: (score(sheet), -sheets.index(sheet)))


def layout(sheet: Sheet, what: str, maps: dict[str, str]) -> Layout:
    """Find the header among the first rows: the row (or two rows, a heading over merged or split
    column names) that names most fields; title rows and blank rows above it are skipped.

    Raises :class:`NoHeader` when no row names at least two fields."""
    fields = FIELDS[what]
    scored = [(len(_match(cells, fields, maps)), -len(rows), -rows[0].number, rows, cells)
              for rows, cells in _candidates(sheet, what, maps)]
    best = max(scored, key=lambda entry: entry[:3], default=None)
    if best is None or best[0] < MIN_HEADER_FIELDS:
        raise NoHeader(_no_header(sheet, what))
    rows, cells = best[3], best[4]
    matched = _match(cells, fields, maps)
    ignored = tuple((index, str(cell)) for index, cell in enumerate(cells)
                    if cell is not None and index not in matched.values() and normal(cell) not in DERIVED[what]
                    and maps.get(normal(cell)) != IGNORE)
    return Layout(rows[-1], matched, ignored)


def _candidates(sheet: Sheet, what: str, maps: dict[str, str]) -> t.Iterator[tuple[tuple[SheetRow, ...], tuple[t.Any, ...]]]:
    """Each of the first rows alone, and each with the row below it read as one header: a heading
    over split names ("Residual" over "Likelihood" and "Impact") read together where that names a
    field, else the lower row's name, or the upper's above a blank."""
    rows = sheet.rows[:HEADER_SEARCH]
    fields = FIELDS[what]
    for index, row in enumerate(rows):
        yield (row,), row.cells
        if index + 1 < len(rows) and rows[index + 1].number == row.number + 1:
            below = rows[index + 1]
            width = max(len(row.cells), len(below.cells))
            yield (row, below), tuple(_joined(row.get(column), below.get(column), fields, maps)
                                      for column in range(width))


def _joined(upper: t.Any, lower: t.Any, fields: dict[str, tuple[str, ...]], maps: dict[str, str]) -> t.Any:
    if upper is None or lower is None:
        return upper if lower is None else lower
    both = f"{upper} {lower}"
    if normal(upper) != normal(lower) and (maps.get(normal(both)) or _field(normal(both), fields)):
        return both
    return lower


def _no_header(sheet: Sheet, what: str) -> Finding:
    shown = "; ".join(f"row {row.number}: " + " | ".join(safetext.line(str(cell))[:60] for cell in row.cells
                                                         if cell is not None)[:120]
                      for row in sheet.rows[:3]) or "(none: the sheet is empty)"
    examples = "ID, Risk, Owner, Likelihood, Impact, Treatment" if what == "risks" else "ID, AI tool, Purpose, Owner"
    return error(sheet.path, sheet.rows[0].number if sheet.rows else 1, 1, "AIMS980",
                 f"no header found: the first rows were {shown}",
                 f"aimskit looks among the first {HEADER_SEARCH} rows for the row of column names ({examples}); "
                 "name the others with --map COLUMN=FIELD")


def _match(cells: tuple[t.Any, ...], fields: dict[str, tuple[str, ...]], maps: dict[str, str]) -> dict[str, int]:
    """field → column for header ``cells``; the first column naming a field wins."""
    found: dict[str, int] = {}
    for index, cell in enumerate(cells):
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
