"""Process and control files: CODEOWNERS, CI, dependencies, schemas, the site's configuration,
pages, theme, scripts and stylesheets, ``.gitattributes``, the template answers, ``aims.yml``.

These are not records (``aims.yml`` aside), yet a change to them changes what the checks and
approvals mean (a ``|| exit 0`` after validate, a requirement pointing at a fork) or what staff
see (a script rewriting "not approved" cells). They are shown as text diffs with their hunks
numbered by file line. Every other file a change touches that is not a record is listed as such:
the diff leaves no changed path out.
"""

from __future__ import annotations

import dataclasses
import difflib
import re
from pathlib import Path

from aimskit import git
from aimskit.approvals.needs import OtherFile, other_files, process_kind

__all__ = ["OtherFile", "ProcessChange", "ci_weakening", "other_files", "process_changes"]
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
        kind = process_kind(entry.path, entry.prefix) or \
            (process_kind(entry.old_path, entry.prefix) if entry.old_path else None)
        if kind is None:
            continue
        old = git.text_at(root, span.base, entry.old_path or entry.path) if entry.status != "A" else ""
        new = git.text_at(root, span.head, entry.path) if entry.status != "D" else ""
        change = ProcessChange(kind, entry.path, entry.status, entry.old_path, _text_diff(old, new))
        if kind == "CODEOWNERS" and new:
            change.warnings += [f"line {number} after the generated block overrides it: {text}"
                                for number, text in overriding_lines(new)]
        if kind in ("CI workflow", "dependencies", "script or stylesheet") and new:
            change.warnings += ci_weakening(old or "", new)
        found.append(change)
    return found


#: Ways a CI file can make a failure pass: (pattern, what it does), counted in the old and new text.
WEAKENINGS = (
    (re.compile(r"\|\|\s*true\b"), "a command now ends in '|| true': its failure no longer fails the check"),
    (re.compile(r"\|\|\s*exit\s+0\b"), "a command now ends in '|| exit 0': its failure no longer fails the check"),
    (re.compile(r"\|\|\s*:(?=\s|$|;|\)|\"|')", re.MULTILINE),
     "a command now ends in '|| :': its failure no longer fails the check"),
    (re.compile(r"\|\|\s*echo\b"), "a command now ends in '|| echo': its failure no longer fails the check"),
    (re.compile(r"\bset\s+\+e\b|\bset\s+\+o\s+errexit\b"),
     "'set +e' now lets a script carry on past a failing command"),
    (re.compile(r"\bcontinue-on-error\s*:\s*(?:[\"']?true\b|\$\{\{)"),
     "'continue-on-error' now lets a failing step or job pass"),
    (re.compile(r"\ballow_failure\s*:\s*(?:true\b|\{)"), "'allow_failure' now lets a failing GitLab job pass"),
    (re.compile(r"^[\s-]*if\s*:\s*(?:[\"']?false\b|\$\{\{\s*false\s*\}\}|0\s*$)", re.MULTILINE),
     "'if: false' now switches a step or job off"),
)


def ci_weakening(old: str, new: str) -> list[str]:
    """A warning for each way ``new`` lets a failure pass more often than ``old`` does."""
    return [message for pattern, message in WEAKENINGS if len(pattern.findall(new)) > len(pattern.findall(old))]


def _text_diff(old: str | None, new: str | None) -> list[str]:
    if old is None or new is None:
        return ["(binary, a symlink or too large to show)"]
    lines = list(difflib.unified_diff(old.splitlines(), new.splitlines(), "before", "after", n=1, lineterm=""))[2:]
    if len(lines) > MAX_DIFF_LINES:
        lines = [*lines[:MAX_DIFF_LINES], f"… {len(lines) - MAX_DIFF_LINES} more diff lines"]
    return lines

