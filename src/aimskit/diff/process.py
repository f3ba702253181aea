"""Process and control files: CODEOWNERS, CI, dependencies, schemas, the site configuration.

These are not records, yet a change to them changes what the checks and approvals mean (a
``|| true`` after validate, a requirement pointing at a fork). They are shown as text diffs with
their hunks numbered by file line.
"""

from __future__ import annotations

import dataclasses
import difflib
from pathlib import Path

from aimskit import git
from aimskit.approvals.needs import process_kind
from aimskit.governance.codeowners import overriding_lines

MAX_DIFF_LINES = 80


@dataclasses.dataclass
class ProcessChange:
    """One process or control file added, removed, renamed or changed."""

    kind: str
    path: str
    status: str  # A M D R
    old_path: str | None = None
    diff: list[str] = dataclasses.field(default_factory=list)
    warnings: list[str] = dataclasses.field(default_factory=list)


def process_changes(root: Path, span: git.Range,
                    changed: list[git.ChangedPath]) -> list[ProcessChange]:
    """The process and control files among ``changed``, with their text diffs."""
    found = []
    for entry in changed:
        kind = process_kind(entry.path) or (process_kind(entry.old_path) if entry.old_path else None)
        if kind is None:
            continue
        old = git.text_at(root, span.base, entry.old_path or entry.path) if entry.status != "A" else ""
        new = git.text_at(root, span.head, entry.path) if entry.status != "D" else ""
        change = ProcessChange(kind, entry.path, entry.status, entry.old_path, _text_diff(old, new))
        if kind == "CODEOWNERS" and new:
            change.warnings += [f"line {number} after the generated block overrides it: {text}"
                                for number, text in overriding_lines(new)]
        if kind == "CI workflow" and new and "|| true" in new and "|| true" not in (old or ""):
            change.warnings.append("a command now ends in '|| true': its failure no longer fails the check")
        found.append(change)
    return found


def _text_diff(old: str | None, new: str | None) -> list[str]:
    if old is None or new is None:
        return ["(binary, a symlink or too large to show)"]
    lines = list(difflib.unified_diff(old.splitlines(), new.splitlines(), "before", "after", n=1, lineterm=""))[2:]
    if len(lines) > MAX_DIFF_LINES:
        lines = [*lines[:MAX_DIFF_LINES], f"… {len(lines) - MAX_DIFF_LINES} more diff lines"]
    return lines
