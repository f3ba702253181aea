"""Cross-file rules: small functions over a loaded repository, each yielding findings with codes."""

from __future__ import annotations

import dataclasses
import datetime as dt
import typing as t

from aimskit.findings import Finding
from aimskit.model import Repository


@dataclasses.dataclass(frozen=True)
class Options:
    """What the rules need beyond the records: today's date and strictness."""

    today: dt.date = dataclasses.field(default_factory=dt.date.today)
    strict: bool = False


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
