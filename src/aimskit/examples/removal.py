"""Remove the example records (``example: true``) and leave a valid repository.

Records the rest of the repository builds on (policies and the Statement of Applicability) are
kept as the organisation's drafts: the ``example`` and ``approved_on`` lines go and the status
becomes ``draft``, since nobody in the organisation has approved them. Every other example
record is deleted. The change is planned in memory and validated as a whole before anything is
written; when it would leave errors, nothing is written and :class:`RemovalRefused` says why.
"""

from __future__ import annotations

import dataclasses
import os
import tempfile
from pathlib import Path

from aimskit.errors import AimskitError
from aimskit.governance import codeowners
from aimskit.governance.starter import EXAMPLE_FIELD, is_example
from aimskit.records import kinds
from aimskit.records.findings import Finding, Severity
from aimskit.records.loading import LoadError, load_markdown_file, load_yaml_file
from aimskit.records.model import DirectorySource, Record, load_repository
from aimskit.rules.validation import validate

__all__ = ["Removal", "RemovalRefused", "plan", "apply", "as_draft"]

#: Kinds whose example records are kept as drafts instead of deleted.
KEPT_AS_DRAFT = (kinds.POLICY, kinds.SOA)
DROPPED_FIELDS = (EXAMPLE_FIELD, "approved_on")


class RemovalRefused(AimskitError):
    """Removing the examples would leave errors; ``findings`` lists them."""

    def __init__(self, message: str, findings: list[Finding]) -> None:
        super().__init__(message)
        self.findings = findings


@dataclasses.dataclass(frozen=True)
class Removal:
    """What removing the examples does: files deleted, and files rewritten (path → new text)."""

    delete: tuple[str, ...]
    rewrite: dict[str, str]

    @property
    def empty(self) -> bool:
        return not self.delete and not self.rewrite


class _Overlay:
    """The repository's files as they would be after the removal (a FileSource)."""

    def __init__(self, root: Path, removal: Removal) -> None:
        self.disk = DirectorySource(root)
        self.removal = removal

    def list(self, pattern: str) -> list[str]:
        return [path for path in self.disk.list(pattern) if path not in self.removal.delete]

    def read(self, path: str) -> bytes:
        if path in self.removal.delete:
            raise FileNotFoundError(path)
        if path in self.removal.rewrite:
            return self.removal.rewrite[path].encode("utf-8")
        return self.disk.read(path)


def plan(root: Path) -> Removal:
    """The removal for the repository at ``root``; raises RemovalRefused when it would leave errors."""
    repository = load_repository(root)
    examples = [r for r in repository.all_records() if is_example(r)]
    delete = tuple(sorted(r.path for r in examples if r.kind not in KEPT_AS_DRAFT))
    rewrite = {r.path: as_draft(root, r) for r in examples if r.kind in KEPT_AS_DRAFT}
    removal = Removal(delete, rewrite)
    if removal.empty:
        return removal
    after = load_repository(root, _Overlay(root, removal))
    owners_path = codeowners.location(after)
    current = codeowners.current(repository)
    if current is not None and (wanted := codeowners.expected(after)) != current:
        removal = Removal(delete, {**rewrite, owners_path: wanted})
    before = {_key(f) for f in validate(root).findings if f.severity is Severity.ERROR}
    left = [f for f in validate(root, source=_Overlay(root, removal)).findings
            if f.severity is Severity.ERROR and _key(f) not in before]
    if left:
        raise RemovalRefused("removing the examples would leave errors; nothing was changed", left)
    return removal


def as_draft(root: Path, record: Record) -> str:
    """The record's file with the example and approval lines removed and its status set to draft."""
    text = (root / record.path).read_text(encoding="utf-8")
    lines = text.splitlines(keepends=True)
    drop = set()
    for key in DROPPED_FIELDS:
        if key in record.data:
            drop.add(record.document.key_position([], key)[0] - 1)
    if record.data.get("status") not in (None, "draft"):
        index = record.document.key_position([], "status")[0] - 1
        ending = "\n" if lines[index].endswith("\n") else ""
        lines[index] = "status: draft" + ending
    result = "".join(line for index, line in enumerate(lines) if index not in drop)
    _check_rewrite(record, result)
    return result


def _check_rewrite(record: Record, result: str) -> None:
    """The rewritten file loads to the same data, minus the dropped fields, with status draft."""
    loader = load_markdown_file if record.kind.markdown else load_yaml_file
    try:
        data = loader(record.path, result.encode("utf-8")).data
    except LoadError:
        data = None
    wanted = {k: v for k, v in record.data.items() if k not in DROPPED_FIELDS}
    if "status" in wanted:
        wanted["status"] = "draft"
    if data != wanted:
        raise RemovalRefused(f"{record.path}: could not turn the example into a draft line by line; remove "
                             "'example: true' and 'approved_on' and set 'status: draft' by hand", [])


def apply(root: Path, removal: Removal) -> None:
    """Write the rewritten files (each replaced whole), then delete the example files."""
    for path, text in removal.rewrite.items():
        _write_atomically(root / path, text)
    for path in removal.delete:
        (root / path).unlink(missing_ok=True)


def _key(finding: Finding) -> tuple[str, str, str]:
    return finding.path, finding.code, finding.message


def _write_atomically(target: Path, text: str) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.")
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as stream:
            stream.write(text)
        os.replace(temporary, target)
    except BaseException:
        os.unlink(temporary)
        raise

