"""What a rule is: ``@rule`` marks a function as one; ``run`` runs a sequence of them."""

from __future__ import annotations

import datetime as dt
import re
import types
import typing as t

from aimskit.records.findings import Finding, Severity
from aimskit.records.model import Repository


class Options:
    """What the rules need beyond the records: today's date (by default, today) and strictness."""

    __slots__ = ("today", "strict")

    def __init__(self, today: dt.date | None = None, strict: bool = False) -> None:
        self.today = dt.date.today() if today is None else today
        self.strict = strict

    def __repr__(self) -> str:
        return f"Options(today={self.today!r}, strict={self.strict!r})"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Options) and (self.today, self.strict) == (other.today, other.strict)

    def __hash__(self) -> int:
        return hash((self.today, self.strict))

    @property
    def review_severity(self) -> Severity:
        """Overdue reviews are warnings, errors under ``--strict``."""
        return Severity.ERROR if self.strict else Severity.WARNING


Rule = t.Callable[[Repository, Options], t.Iterable[Finding]]
_MARK = "__aimskit_rule__"


def rule(function: Rule) -> Rule:
    """Mark ``function`` as a rule; :func:`collect` finds it in its module. Nothing is registered."""
    setattr(function, _MARK, True)
    return function


def collect(modules: t.Iterable[types.ModuleType]) -> tuple[Rule, ...]:
    """The rules marked with ``@rule`` in ``modules``, in module order and then definition order."""
    return tuple(value for module in modules for value in vars(module).values()
                 if callable(value) and getattr(value, _MARK, False) and value.__module__ == module.__name__)


def run(rules: t.Iterable[Rule], repository: Repository, options: Options | None = None) -> list[Finding]:
    """Every finding of ``rules`` on ``repository``."""
    options = options or Options()
    return [finding for function in rules for finding in function(repository, options)]


_DOC_CODE = re.compile(r"(AIMS[0-9]{3}):\s*(.+?)(?=;\s*AIMS[0-9]{3}:|$)", re.DOTALL)


def describe(rules: t.Iterable[Rule]) -> dict[str, str]:
    """What each rule code checks, from the rules' docstrings (``AIMSnnn: what it checks``)."""
    found: dict[str, str] = {}
    for function in rules:
        summary = (function.__doc__ or "").strip().split("\n\n")[0]
        for code, text in _DOC_CODE.findall(summary):
            found[code] = " ".join(text.split()).rstrip(".")
    return found
