"""The planned records as YAML files: checked together with the repository before anything is
written, then written all at once or not at all."""

from __future__ import annotations

import dataclasses
import fnmatch
import os
import typing as t
from pathlib import Path

import yaml

from aimskit import rules
from aimskit.errors import AimskitError
from aimskit.importing.columns import Layout
from aimskit.importing.resolve import NewRecord
from aimskit.records import kinds
from aimskit.records.loading import load_yaml_file
from aimskit.records.findings import Finding, Severity
from aimskit.records.model import DirectorySource
from aimskit.rules.validation import validate

# Errors about records of another kind still to be written, which the import brings to light but
# cannot write: an AI system without a risk yet (AIMS410), a high-risk system without an impact
# assessment (AIMS409). Every other error keeps the result from being written.
GAP_CODES = frozenset(("AIMS409", "AIMS410"))


class _Dumper(yaml.SafeDumper):
    def ignore_aliases(self, data: t.Any) -> bool:  # the strict loader refuses anchors and aliases
        return True


def yaml_text(record: NewRecord) -> str:
    """The record as YAML: a schema comment first, then its fields in order; strings that YAML
    would read as something else (NO, 1.10, 2026-04-03) quoted."""
    lines = [f"# yaml-language-server: $schema=../schemas/{record.kind.schema}"]
    for key, value in record.data.items():
        lines.append(yaml.dump({key: value}, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100,
                               default_flow_style=False).rstrip("\n"))
    return "\n".join(lines) + "\n"


class OverlaySource(DirectorySource):
    """The working tree with the planned files added, as validation sees the result."""

    def __init__(self, root: Path, files: dict[str, bytes]) -> None:
        super().__init__(root)
        self.files = files

    def list(self, pattern: str) -> list[str]:
        found = set(super().list(pattern))
        folder = pattern.rpartition("/")[0]
        found.update(path for path in self.files
                     if fnmatch.fnmatchcase(path, pattern) and path.rpartition("/")[0] == folder)
        return sorted(found)

    def read(self, path: str) -> bytes:
        return self.files[path] if path in self.files else super().read(path)


def files(records: t.Iterable[NewRecord]) -> dict[str, bytes]:
    """Relative path → content of every planned record."""
    return {record.path: yaml_text(record).encode("utf-8") for record in records}


def check(root: Path, planned: dict[str, bytes], options: rules.Options) -> tuple[list[Finding], list[Finding]]:
    """Findings the result would have that the repository does not have now (and any in the new
    files), split in two: problems, and gaps (:data:`GAP_CODES` errors).

    A gap (an AI system without a risk yet, a high-risk system without an impact assessment) is
    the organisation's real state, which the imported register brings to light and a later import
    or record closes; the records themselves are complete. Problems block the import; gaps are
    reported.
    """
    before = {_key(f) for f in validate(root, options).findings}
    after = validate(root, options, source=OverlaySource(root, planned)).findings
    new = [f for f in after if f.path in planned or _key(f) not in before]
    gaps = [f for f in new if f.severity is Severity.ERROR and f.code in GAP_CODES]
    return [f for f in new if f not in gaps], gaps


# a record's top-level field → the sheet field (column) it was read from, where the names differ
_FROM_COLUMN = {"external_id": "id", "organisation_wide": "systems", "residual": "residual_likelihood",
                "acceptance": "accepted_by", "eu_ai_act": "eu_ai_act_tier"}
# a record made for a name in a row → the field of the row that named it
_NAMED_BY = {kinds.ROLE: "owner", kinds.SYSTEM: "systems", kinds.SUPPLIER: "provider"}


def on_the_sheet(findings: t.Iterable[Finding], records: t.Sequence[NewRecord], created: t.Sequence[NewRecord],
                 planned: dict[str, bytes], layout: Layout, sheet_path: str) -> list[Finding]:
    """The findings of the planned files placed on the sheet: the row a record comes from and the
    column of the field at fault (0 when no column holds it), with the record named in the message.
    Findings in the repository's own files stay where they are."""
    from_rows = {record.path: record for record in records}
    named = {record.path: record for record in created}
    placed = []
    for finding in findings:
        record = from_rows.get(finding.path) or named.get(finding.path)
        if record is None:
            placed.append(finding)
            continue
        if finding.path in from_rows:
            field = _field_at(finding, planned[finding.path])
            column_field = _FROM_COLUMN.get(field, field)
        else:
            column_field = _NAMED_BY.get(record.kind, "")
        column = layout.fields.get(column_field, -1) + 1
        placed.append(finding._replace(path=sheet_path, line=record.row, column=column,
                                       message=f"row {record.row}: {record.path}: {finding.message}"))
    return placed


def _field_at(finding: Finding, content: bytes) -> str:
    """The top-level field of a planned file that ``finding``'s line falls in ('' before the first)."""
    document = load_yaml_file("planned.yaml", content)
    data = document.data if isinstance(document.data, dict) else {}
    found = ""
    for key in data:
        line, _ = document.key_position([], key)
        if line <= finding.line:
            found = key
    return found


def mark_drafts(records: t.Sequence[NewRecord], findings: t.Iterable[Finding]) -> list[NewRecord]:
    """The risks and AI systems with a TODO first in their description naming the errors that keep
    each from validating (a created role or supplier is already marked TODO)."""
    errors: dict[str, list[str]] = {}
    for finding in findings:
        if finding.severity is Severity.ERROR:
            errors.setdefault(finding.path, []).append(f"{finding.code} {finding.message}")
    marked = []
    for record in records:
        problems = errors.get(record.path) if record.kind in (kinds.RISK, kinds.SYSTEM) else None
        if problems:
            note = f"TODO: draft from aimskit import that does not validate yet: {'; '.join(problems)}."
            description = record.data.get("description") or ""
            data = {key: value for key, value in record.data.items() if key != "description"}
            ordered = {}
            for key, value in data.items():
                ordered[key] = value
                if key in ("title", "name"):
                    ordered["description"] = f"{note}\n\n{description}".strip()
            record = dataclasses.replace(record, data=ordered)
        marked.append(record)
    return marked


def _key(finding: Finding) -> tuple[str, str, str, Severity]:
    return finding.path, finding.code, finding.message, finding.severity


def write(root: Path, planned: dict[str, bytes]) -> None:
    """Write every planned file, or none: each goes to a temporary file first, then all are renamed
    into place; any failure removes what was placed. Existing files are never overwritten."""
    staged: list[tuple[Path, Path]] = []
    placed: list[Path] = []
    try:
        for relative, content in planned.items():
            target = root / relative
            if target.exists() or target.is_symlink():
                raise AimskitError(f"{relative} already exists; nothing was written")
            folder = target.parent
            if folder.is_symlink() or not folder.resolve().is_relative_to(root.resolve()):
                raise AimskitError(f"{folder.relative_to(root)} leads outside the repository; nothing was written")
            folder.mkdir(parents=True, exist_ok=True)
            temporary = folder / f".{target.name}.importing"
            temporary.write_bytes(content)
            staged.append((temporary, target))
        for temporary, target in staged:
            os.link(temporary, target)  # fails if the target appeared meanwhile: never overwrites
            placed.append(target)
    except OSError as exc:
        for target in placed:
            target.unlink(missing_ok=True)
        raise AimskitError(f"cannot write the imported records ({exc.strerror}); nothing was written") from None
    except AimskitError:
        for target in placed:
            target.unlink(missing_ok=True)
        raise
    finally:
        for temporary, _ in staged:
            temporary.unlink(missing_ok=True)
