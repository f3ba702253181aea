"""Record by record: what changed between two loaded repositories, matched by id.

Records are compared as data, never as text: reordered keys, other quoting or new comments in a
YAML file are no change. A record whose id is kept but whose file moved is renamed; a file git
sees renamed (at its default 50% similarity) whose id changed too is renamed as well, whatever its
title, with every field that changed in its table.
"""

from __future__ import annotations

import dataclasses
import difflib
import re
import typing as t

from aimskit.governance import scoring
from aimskit.records import kinds
from aimskit.records.model import Record, Repository

BODY_DIFF_LINES = 60
_LIST_KEYS = ("control", "id", "handle", "name", "area", "item")
_HUNK = re.compile(r"^@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@")


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


def record_key(record: Record) -> tuple[str, str]:
    if record.kind.singleton:
        return record.kind.name, record.kind.name
    return record.kind.name, record.id or record.stem


def record_changes(old: Repository, new: Repository, renames: dict[str, str]) -> list[RecordChange]:
    """Records added, removed, renamed and changed from ``old`` to ``new``; ``renames`` maps old to new
    paths that git saw renamed."""
    before = {record_key(r): r for r in old.all_records()}
    after = {record_key(r): r for r in new.all_records()}
    removed = {key: r for key, r in before.items() if key not in after}
    added = {key: r for key, r in after.items() if key not in before}
    paired = _pair_git_renames(removed, added, renames)
    changes = []
    for key, record in after.items():
        previous = before.get(key) or paired.get(key)
        if previous is record:  # shared by both sides: the file did not change
            continue
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
    """Records whose file git saw renamed (at its 50% similarity) and whose id changed too: new
    key → old record, whatever else changed (the title too); the field table shows every change."""
    by_path = {record.path: key for key, record in removed.items()}
    new_paths = {new: old for old, new in renames.items()}
    paired = {}
    for key, record in list(added.items()):
        old_path = new_paths.get(record.path)
        if old_path in by_path and by_path[old_path][0] == key[0]:
            paired[key] = removed.pop(by_path[old_path])
            added.pop(key)
    return paired


def _summary(record: Record, status: str) -> RecordChange:
    return RecordChange(kind=record.kind.name, id=record_key(record)[1], title=title(record), status=status,
                        path=record.path)


def title(record: Record) -> str:
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
    elif isinstance(old, list) and isinstance(new, list) and _people(old + new):
        if sorted(map(repr, old)) != sorted(map(repr, new)):
            yield FieldChange(path, old, new)
    elif isinstance(old, list) and isinstance(new, list) and (key := _list_key(old, new)):
        yield from _keyed_list_changes(old, new, path, key)
    elif isinstance(old, list) and isinstance(new, list) and all(map(_scalar, old + new)):
        if sorted(map(repr, old)) != sorted(map(repr, new)):
            yield FieldChange(path, old, new)
    elif isinstance(old, list) and isinstance(new, list):
        yield from _aligned_list_changes(old, new, path)
    elif old != new or type(old) is not type(new):
        yield FieldChange(path, old, new)


def _aligned_list_changes(old: list, new: list, path: str) -> t.Iterator[FieldChange]:
    """Items of two lists without a key (treatment actions), aligned as a text diff aligns lines:
    an item added or removed is one change, numbered as in its own list; items in its place that
    changed are compared field by field."""
    matcher = difflib.SequenceMatcher(None, [repr(item) for item in old], [repr(item) for item in new], autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        paired = min(i2 - i1, j2 - j1)
        for offset in range(paired):
            yield from field_changes(old[i1 + offset], new[j1 + offset], f"{path}[{j1 + offset + 1}]")
        for index in range(i1 + paired, i2):
            yield FieldChange(f"{path}[{index + 1}]", old[index], None)
        for index in range(j1 + paired, j2):
            yield FieldChange(f"{path}[{index + 1}]", None, new[index])


def _people(items: list) -> bool:
    """A list of holders (name and handle): compared and shown whole, as names."""
    return bool(items) and all(isinstance(i, dict) and "name" in i and "handle" in i for i in items)


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
        old_level, new_level = _level_name(old_method, before), _level_name(new_method, after)
        if old_level != new_level:
            yield FieldChange(f"{label} level", old_level, new_level)


def _level_name(method: scoring.RiskMethod, score: int | None) -> str | None:
    level = method.level(score)
    return level.name if level else None


def _body_diff(old: Record, new: Record) -> tuple[list[str], tuple[int, int]]:
    """A unified diff of the Markdown body, its hunks numbered by the lines of each file."""
    before, after = _body_lines(old), _body_lines(new)
    if before == after:
        return [], (0, 0)
    lines = list(difflib.unified_diff(before, after, "before", "after", n=1, lineterm=""))[2:]
    added = sum(1 for line in lines if line.startswith("+"))
    removed = sum(1 for line in lines if line.startswith("-"))
    old_start, new_start = _first_body_line(old), _first_body_line(new)
    lines = [_renumber(line, old_start, new_start) for line in lines]
    if len(lines) > BODY_DIFF_LINES:
        lines = [*lines[:BODY_DIFF_LINES], f"… {len(lines) - BODY_DIFF_LINES} more diff lines"]
    return lines, (added, removed)


def _first_body_line(record: Record) -> int:
    """The file line of the first line ``_body_lines`` returns."""
    body = record.document.body or ""
    leading = len(body) - len(body.lstrip("\n"))
    return max(record.document.body_line, 1) + body[:leading].count("\n")


def _renumber(line: str, old_start: int, new_start: int) -> str:
    match = _HUNK.match(line)
    if not match:
        return line
    a, b, c, d = match.groups()
    a = int(a) + old_start - 1 if int(a) or b != "0" else old_start - 1
    c = int(c) + new_start - 1 if int(c) or d != "0" else new_start - 1
    old_span = f"{a},{b}" if b is not None else str(a)
    new_span = f"{c},{d}" if d is not None else str(c)
    return f"@@ -{old_span} +{new_span} @@"


def _body_lines(record: Record) -> list[str]:
    body = record.document.body or ""
    return [line.rstrip() for line in body.strip().splitlines()]
