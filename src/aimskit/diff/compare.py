"""What changed in governance terms between two states of an AIMS repository.

Both sides are loaded with ``load_repository`` and compared as data, never as text: reordered
keys, other quoting or new comments in a YAML file are no change. Records are matched by id.
"""

from __future__ import annotations

import dataclasses
import difflib
import typing as t
from pathlib import Path

from aimskit import git, rules
from aimskit.errors import AimskitError
from aimskit.governance import scoring
from aimskit.records import kinds
from aimskit.records.findings import Finding, Severity
from aimskit.records.model import DirectorySource, Record, Repository
from aimskit.rules.validation import Result, validate

BODY_DIFF_LINES = 40
_LIST_KEYS = ("control", "id", "handle", "name", "area", "item")


@dataclasses.dataclass(frozen=True)
class FieldChange:
    """One field that changed: a dotted path (``residual.likelihood``), old and new value."""

    field: str
    old: t.Any
    new: t.Any


@dataclasses.dataclass
class RecordChange:
    """A record added, removed, renamed or changed."""

    kind: str
    id: str
    title: str
    status: str  # added | removed | renamed | changed
    path: str
    old_path: str | None = None
    fields: list[FieldChange] = dataclasses.field(default_factory=list)
    body_diff: list[str] = dataclasses.field(default_factory=list)
    body_stats: tuple[int, int] = (0, 0)


@dataclasses.dataclass(frozen=True)
class AppetiteCrossing:
    """A risk whose residual score moved across the risk appetite."""

    id: str
    title: str
    path: str
    old_score: int | None
    new_score: int | None
    appetite: int
    above: bool


@dataclasses.dataclass
class Comparison:
    base: str
    head: str
    changes: list[RecordChange]
    crossings: list[AppetiteCrossing]
    new_findings: list[Finding]

    def of_status(self, status: str) -> list[RecordChange]:
        return [change for change in self.changes if change.status == status]

    @property
    def empty(self) -> bool:
        return not (self.changes or self.crossings or self.new_findings)


def compare(root: Path, base: str, head: str | None = None, options: rules.Options | None = None) -> Comparison:
    """Compare revision ``base`` with revision ``head`` (or the working tree when None)."""
    base_source = git.GitSource(root, base)
    head_source = git.GitSource(root, head) if head else DirectorySource(root)
    old = _load(root, base_source, base, options)
    new = _load(root, head_source, head or "the working tree", options)
    renames = git.renames(base_source, head)
    changes = _record_changes(old.repository, new.repository, renames)
    return Comparison(
        base=base, head=head or "working tree", changes=changes,
        crossings=_crossings(old.repository, new.repository),
        new_findings=_new_findings(old.findings, new.findings),
    )


class UnloadableRevision(AimskitError):
    """A side of the comparison has records that do not load; ``findings`` says which."""

    def __init__(self, label: str, findings: list[Finding]) -> None:
        super().__init__(f"records at {label} do not load; fix them first:\n"
                         + "\n".join(f"  {finding.format_text()}" for finding in findings))
        self.findings = findings


def _load(root: Path, source: t.Any, label: str, options: rules.Options | None) -> Result:
    result = validate(root, options, source=source)
    broken = [f for f in result.repository.findings if f.code.startswith("AIMS1") and f.severity is Severity.ERROR]
    if broken:
        raise UnloadableRevision(label, broken)
    return result


def _key(record: Record) -> tuple[str, str]:
    if record.kind.singleton:
        return record.kind.name, record.kind.name
    return record.kind.name, record.id or record.stem


def _record_changes(old: Repository, new: Repository, renames: dict[str, str]) -> list[RecordChange]:
    before = {_key(r): r for r in old.all_records()}
    after = {_key(r): r for r in new.all_records()}
    removed = {key: r for key, r in before.items() if key not in after}
    added = {key: r for key, r in after.items() if key not in before}
    paired = _pair_git_renames(removed, added, renames)
    changes = []
    for key, record in after.items():
        previous = before.get(key) or paired.get(key)
        if previous is None:
            if key in added:
                changes.append(_summary(record, "added"))
            continue
        change = _changed(previous, record, old, new)
        if change is not None:
            changes.append(change)
    changes.extend(_summary(record, "removed") for record in removed.values())
    order = {kind.name: index for index, kind in enumerate(kinds.ALL)}
    return sorted(changes, key=lambda c: (order.get(c.kind, 99), c.id))


def _pair_git_renames(removed: dict, added: dict, renames: dict[str, str]) -> dict:
    """Records whose file git saw renamed (and whose id changed too): new key → old record."""
    by_path = {record.path: key for key, record in removed.items()}
    paired = {}
    for key, record in list(added.items()):
        old_path = next((o for o, n in renames.items() if n == record.path), None)
        if old_path in by_path and by_path[old_path][0] == key[0]:
            paired[key] = removed.pop(by_path[old_path])
            added.pop(key)
    return paired


def _summary(record: Record, status: str) -> RecordChange:
    return RecordChange(kind=record.kind.name, id=_key(record)[1], title=_title(record), status=status,
                        path=record.path)


def _title(record: Record) -> str:
    data = record.data if isinstance(record.data, dict) else {}
    return str(data.get("title") or data.get("name") or record.kind.title)


def _changed(old: Record, new: Record, old_repo: Repository, new_repo: Repository) -> RecordChange | None:
    fields = list(field_changes(old.data, new.data))
    if new.kind is kinds.RISK:
        fields.extend(_risk_score_changes(old.data, new.data, old_repo, new_repo))
    body_diff, stats = _body_diff(old, new)
    renamed = old.path != new.path
    if not (fields or body_diff or renamed):
        return None
    change = _summary(new, "renamed" if renamed else "changed")
    change.old_path = old.path if renamed else None
    change.fields, change.body_diff, change.body_stats = fields, body_diff, stats
    return change


def field_changes(old: t.Any, new: t.Any, path: str = "") -> t.Iterator[FieldChange]:
    """Changes between two data trees, with dotted paths; lists of mappings matched by key."""
    if isinstance(old, dict) and isinstance(new, dict):
        for key in [*new, *(k for k in old if k not in new)]:
            yield from field_changes(old.get(key), new.get(key), f"{path}.{key}" if path else str(key))
    elif isinstance(old, list) and isinstance(new, list) and (key := _list_key(old, new)):
        yield from _keyed_list_changes(old, new, path, key)
    elif isinstance(old, list) and isinstance(new, list) and all(map(_scalar, old + new)):
        if sorted(map(repr, old)) != sorted(map(repr, new)):
            yield FieldChange(path, old, new)
    elif isinstance(old, list) and isinstance(new, list) and len(old) == len(new):
        for index, (a, b) in enumerate(zip(old, new)):
            yield from field_changes(a, b, f"{path}[{index + 1}]")
    elif old != new or type(old) is not type(new):
        yield FieldChange(path, old, new)


def _scalar(value: t.Any) -> bool:
    return not isinstance(value, (dict, list))


def _list_key(old: list, new: list) -> str | None:
    items = old + new
    if not items or not all(isinstance(item, dict) for item in items):
        return None
    for key in _LIST_KEYS:
        if all(_scalar(item.get(key)) and item.get(key) is not None for item in items) \
                and len({str(i[key]) for i in old}) == len(old) and len({str(i[key]) for i in new}) == len(new):
            return key
    return None


def _keyed_list_changes(old: list, new: list, path: str, key: str) -> t.Iterator[FieldChange]:
    before = {str(item[key]): item for item in old}
    after = {str(item[key]): item for item in new}
    for name in [*after, *(n for n in before if n not in after)]:
        yield from field_changes(before.get(name), after.get(name), f"{path}[{name}]")


def _risk_score_changes(old: dict, new: dict, old_repo: Repository, new_repo: Repository) -> t.Iterator[FieldChange]:
    old_method = scoring.RiskMethod.from_manifest(old_repo.manifest)
    new_method = scoring.RiskMethod.from_manifest(new_repo.manifest)
    for label, score_of in (("inherent", scoring.inherent_score), ("residual", scoring.residual_score)):
        before, after = score_of(old), score_of(new)
        if before != after:
            yield FieldChange(f"{label} score", before, after)
        old_level, new_level = old_method.level_name(before), new_method.level_name(after)
        if old_level != new_level:
            yield FieldChange(f"{label} level", old_level, new_level)


def _body_diff(old: Record, new: Record) -> tuple[list[str], tuple[int, int]]:
    before, after = _body_lines(old), _body_lines(new)
    if before == after:
        return [], (0, 0)
    lines = list(difflib.unified_diff(before, after, "before", "after", n=1, lineterm=""))[2:]
    added = sum(1 for line in lines if line.startswith("+"))
    removed = sum(1 for line in lines if line.startswith("-"))
    if len(lines) > BODY_DIFF_LINES:
        lines = [*lines[:BODY_DIFF_LINES], f"… {len(lines) - BODY_DIFF_LINES} more diff lines"]
    return lines, (added, removed)


def _body_lines(record: Record) -> list[str]:
    body = record.document.body or ""
    return [line.rstrip() for line in body.strip().splitlines()]


def _crossings(old: Repository, new: Repository) -> list[AppetiteCrossing]:
    old_method = scoring.RiskMethod.from_manifest(old.manifest)
    new_method = scoring.RiskMethod.from_manifest(new.manifest)
    before = {_key(r): r for r in old.of(kinds.RISK)}
    found = []
    for key, record in sorted({_key(r): r for r in new.of(kinds.RISK)}.items()):
        score = scoring.residual_score(record.data)
        previous = before.get(key)
        old_score = scoring.residual_score(previous.data) if previous else None
        was_above = previous is not None and old_method.above_appetite(old_score)
        is_above = new_method.above_appetite(score)
        if was_above != is_above and (previous is not None or is_above):
            found.append(AppetiteCrossing(key[1], _title(record), record.path, old_score, score,
                                          new_method.appetite, is_above))
    return found


def _new_findings(old: list[Finding], new: list[Finding]) -> list[Finding]:
    seen = {(f.path, f.code, f.message) for f in old}
    return [f for f in new if (f.path, f.code, f.message) not in seen]
