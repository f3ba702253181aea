"""The rule registry: ``@rule`` registers a function, ``check`` runs them all."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
import typing as t

from aimskit.records.findings import Finding, Severity
from aimskit.records.model import Repository


@dataclasses.dataclass(frozen=True)
class Options:
    """What the rules need beyond the records: today's date and strictness."""

    today: dt.date = dataclasses.field(default_factory=dt.date.today)
    strict: bool = False

    @property
    def review_severity(self) -> Severity:
        """Overdue reviews are warnings, errors under ``--strict``."""
        return Severity.ERROR if self.strict else Severity.WARNING


Rule = t.Callable[[Repository, Options], t.Iterable[Finding]]
RULES: list[Rule] = []


def rule(function: Rule) -> Rule:
    """Register a rule."""
    RULES.append(function)
    return function


def check(repository: Repository, options: Options | None = None) -> list[Finding]:
    """Every rule's findings for ``repository``."""
    options = options or Options()
    return [finding for function in RULES for finding in function(repository, options)]


_DOC_CODE = re.compile(r"(AIMS[0-9]{3}):\s*(.+?)(?=;\s*AIMS[0-9]{3}:|$)", re.DOTALL)


def descriptions() -> dict[str, str]:
    """What each rule code checks, from the rules' docstrings (``AIMSnnn: what it checks``)."""
    found: dict[str, str] = {}
    for function in RULES:
        summary = (function.__doc__ or "").strip().split("\n\n")[0]
        for code, text in _DOC_CODE.findall(summary):
            found[code] = " ".join(text.split()).rstrip(".")
    return found
