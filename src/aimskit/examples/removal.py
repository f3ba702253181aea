"""Remove the example records (``example: true``) and leave a valid repository.

Records the rest of the repository builds on (policies and the Statement of Applicability) are
kept, reset to the undecided drafts a skeleton (a bake without examples) starts with: the
``example``, ``approved_on``, ``approval`` and ``effective`` fields go, the status becomes
``draft`` and ``next_review`` one review cycle from today, since nobody in the organisation has
approved them; every SoA entry goes back to ``applicable: undecided``, ``status: not-started``,
no evidence, with its justification turned back into guidance ("To be decided: ... Guidance:
..."). Every other example record is deleted. The change is planned in memory and validated as a
whole before anything is written; when it would leave errors, nothing is written and :class:`RemovalRefused` says why.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import os
import tempfile
import typing as t
from pathlib import Path

from yaml.nodes import MappingNode, Node, SequenceNode

from aimskit.errors import AimskitError
from aimskit.governance import codeowners, currency
from aimskit.governance.fields import items
from aimskit.governance.starter import EXAMPLE_FIELD, is_example
from aimskit.records import kinds
from aimskit.records.findings import Finding, Severity
from aimskit.records.loading import LoadError, load_markdown_file, load_yaml_file
from aimskit.records.model import DirectorySource, Record, load_repository
from aimskit.rules.validation import validate

__all__ = ["Removal", "RemovalRefused", "plan", "apply", "as_draft"]

#: Kinds whose example records are kept as drafts instead of deleted.
KEPT_AS_DRAFT = (kinds.POLICY, kinds.SOA)
DROPPED_FIELDS = (EXAMPLE_FIELD, "approved_on", "approval", "effective")
#: What the skeleton's SoA puts before each control's guidance (the template's soa.yaml says the same).
UNDECIDED = "To be decided: does this control apply, and why? Guidance: "


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
    today = dt.date.today()
    cycle = currency.cycle_months(repository.manifest)
    next_review = currency.add_months(today, cycle)
    rewrite = {r.path: as_draft(root, r, next_review) for r in examples if r.kind in KEPT_AS_DRAFT}
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


def as_draft(root: Path, record: Record, next_review: dt.date) -> str:
    """The record's file as an undecided draft (see the module's docstring), changed line by line."""
    text = (root / record.path).read_text(encoding="utf-8")
    lines = text.splitlines(keepends=True)
    edits: list[tuple[int, int, list[str]]] = []  # (first line, past-last line, replacement)
    for key in DROPPED_FIELDS:
        if key in record.data:
            edits.append((*_span(record, [], key), []))
    for key, value in (("status", "draft"), ("next_review", json.dumps(next_review.isoformat()))):
        if key in record.data:
            first, last = _span(record, [], key)
            edits.append((first, last, [f"{key}: {value}{_ending(lines[last - 1])}"]))
    if record.kind is kinds.SOA:
        edits += _undecided_entries(record, lines)
    for first, last, replacement in sorted(edits, reverse=True):
        lines[first:last] = replacement
    result = "".join(lines)
    _check_rewrite(record, result, next_review)
    return result


def _undecided_entries(record: Record, lines: list[str]) -> list[tuple[int, int, list[str]]]:
    """Each SoA entry back to undecided: applicable, justification (as guidance), status, no evidence."""
    edits = []
    for index, entry in enumerate(items(record.data, "controls")):
        if not isinstance(entry, dict):
            continue
        for key, value in _undecided(entry).items():
            if key in entry:
                first, last = _span(record, ["controls", index], key)
                indent = lines[first][: len(lines[first]) - len(lines[first].lstrip())]
                line = f"{indent}{key}: {value}{_ending(lines[last - 1])}"
                edits.append((first, last, [] if value is None else [line]))
    return edits


def _undecided(entry: dict[str, t.Any]) -> dict[str, str | None]:
    """The new YAML value of each field of an undecided SoA entry (None: the field goes)."""
    justification = entry.get("justification")
    guidance = justification if isinstance(justification, str) and justification.startswith(UNDECIDED) \
        else UNDECIDED + str(justification or "").strip()
    return {"applicable": "undecided", "justification": json.dumps(guidance, ensure_ascii=False),
            "status": "not-started", "evidence": None}


def _undecided_data(entry: dict[str, t.Any]) -> dict[str, t.Any]:
    """The data an entry loads to once undecided."""
    result = {key: value for key, value in entry.items() if key != "evidence"}
    for key, value in _undecided(entry).items():
        if key in entry and value is not None:
            result[key] = value if key != "justification" else json.loads(value)
    return result


def _span(record: Record, path: list[t.Any], key: str) -> tuple[int, int]:
    """(first, past-last) 0-based lines of the file that hold ``key`` and its value in the mapping at ``path``."""
    node = record.document.node
    for part in path:
        node = _child(node, part)
    offset = record.document.line_offset
    for key_node, value_node in node.value if isinstance(node, MappingNode) else []:
        if key_node.value == key:
            end = value_node.end_mark
            return key_node.start_mark.line + offset, end.line + offset + (0 if end.column == 0 else 1)
    raise RemovalRefused(f"{record.path}: '{key}' was not found where expected; edit the file by hand", [])


def _child(node: Node | None, part: t.Any) -> Node | None:
    if isinstance(node, MappingNode):
        return next((value for key, value in node.value if key.value == part), None)
    if isinstance(node, SequenceNode) and isinstance(part, int) and 0 <= part < len(node.value):
        return node.value[part]
    return None


def _ending(line: str) -> str:
    return "\n" if line.endswith("\n") else ""


def _check_rewrite(record: Record, result: str, next_review: dt.date) -> None:
    """The rewritten file loads to the same data, minus the dropped fields, as an undecided draft."""
    loader = load_markdown_file if record.kind.markdown else load_yaml_file
    try:
        document = loader(record.path, result.encode("utf-8"))
        data, body = document.data, document.body
    except LoadError:
        data, body = None, None
    wanted = {k: v for k, v in record.data.items() if k not in DROPPED_FIELDS}
    for key, value in (("status", "draft"), ("next_review", next_review.isoformat())):
        if key in wanted:
            wanted[key] = value
    if record.kind is kinds.SOA and isinstance(wanted.get("controls"), list):
        wanted["controls"] = [_undecided_data(entry) if isinstance(entry, dict) else entry
                              for entry in wanted["controls"]]
    if data != wanted or body != record.document.body:
        raise RemovalRefused(f"{record.path}: could not turn the example into an undecided draft line by line; "
                             "remove 'example: true', 'approved_on', 'approval' and 'effective' and set "
                             "'status: draft' by hand", [])


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

