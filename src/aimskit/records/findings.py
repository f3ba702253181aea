"""The finding: the one currency between loading, schemas, rules and reporting."""

from __future__ import annotations

import collections
import enum
import typing as t

from aimskit import safetext


class Severity(str, enum.Enum):
    ERROR = "error"
    WARNING = "warning"


class Finding(t.NamedTuple):
    """One problem in one file: where it is, how bad, a stable code, what and how to fix it.

    Immutable and ordered by its fields, in this order (a named tuple: dataclasses cost a small
    run a tenth of its time at start-up)."""

    path: str
    line: int
    column: int
    severity: Severity
    code: str
    message: str
    hint: str | None = None

    def as_dict(self) -> dict[str, t.Any]:
        data = self._asdict()
        data["severity"] = self.severity.value
        return data

    def format_text(self) -> str:
        """``path:line:col: severity CODE message (hint)`` on one line, safe for a terminal or a CI log."""
        text = f"{self.path}:{self.line}:{self.column}: {self.severity.value} {self.code} {self.message}"
        if self.hint:
            text += f" ({self.hint})"
        return safetext.line(text)


def error(path: str, line: int, column: int, code: str, message: str, hint: str | None = None) -> Finding:
    return Finding(path, line, column, Severity.ERROR, code, message, hint)


def warning(path: str, line: int, column: int, code: str, message: str, hint: str | None = None) -> Finding:
    return Finding(path, line, column, Severity.WARNING, code, message, hint)


def has_errors(findings: t.Iterable[Finding]) -> bool:
    return any(f.severity is Severity.ERROR for f in findings)


def sort_findings(findings: t.Iterable[Finding]) -> list[Finding]:
    return sorted(findings, key=lambda f: (f.path, f.line, f.column, f.code, f.message))


def without(findings: t.Iterable[Finding], removed: t.Iterable[Finding]) -> list[Finding]:
    """``findings`` less one occurrence of each of ``removed``."""
    left = collections.Counter(removed)
    kept = []
    for finding in findings:
        if left[finding] > 0:
            left[finding] -= 1
        else:
            kept.append(finding)
    return kept
