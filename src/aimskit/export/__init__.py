"""Auditor exports: the records as tables (``tables``), written as files (``files``): CSV and JSON
there, one XLSX workbook (``xlsx``), OSCAL 1.1 JSON (``oscal``).

:func:`export` is the pipeline: validate the records (from the working tree or a git revision),
then draw up the tables, their approvals and provenance, as the files of one export.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

from aimskit import git, rules
from aimskit.approvals.evidence import Lookup
from aimskit.export import files, tables
from aimskit.governance import scoring
from aimskit.readiness import assess
from aimskit.records.findings import Finding
from aimskit.rules.validation import validate

FORMATS = ("csv", "xlsx", "json", "oscal")


@dataclasses.dataclass
class Export:
    """The outcome of an export: the findings, and the files (name → bytes) when the records are valid."""

    findings: list[Finding]
    checked: int
    files: dict[str, bytes] | None

    @property
    def ok(self) -> bool:
        return self.files is not None


def export(root: Path, format: str, rev: str | None = None, now: dt.datetime | None = None,
           confirm: Lookup | None = None) -> Export:
    """Validate the records at ``rev`` (default: the working tree) and, when valid, their export files;
    ``confirm`` asks the code host about each approval (without it, each is "not checked")."""
    source = git.GitSource(root, rev) if rev else None
    result = validate(root, rules.Options(), source=source)
    if not result.ok:
        return Export(result.findings, result.checked, None)
    repository = result.repository
    approvals = files.collect_approvals(root, repository, rev or "HEAD", confirm)
    acceptances = files.collect_acceptances(root, repository, rev or "HEAD", confirm)
    sheets = tables.tables(repository, approvals, acceptances=acceptances)
    info = files.provenance(root, source, format, now or dt.datetime.now(dt.timezone.utc))
    if format == "csv":
        written = files.csv_files(sheets)
    elif format == "xlsx":
        from aimskit.export import xlsx  # openpyxl loads only for this format

        day = dt.date.fromisoformat(str(info["exported_at"])[:10])
        readiness = assess(repository, day, result.findings).as_dict()
        written = xlsx.xlsx_files(sheets, readiness, info, scoring.RiskMethod.from_manifest(repository.manifest))
    elif format == "oscal":
        from aimskit.export import oscal

        written = oscal.oscal_files(repository, info)
    else:
        written = files.json_files(repository, sheets, approvals, info)
    written[files.README] = files.readme(info, written)
    return Export(result.findings, result.checked, written)
