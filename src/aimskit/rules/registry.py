"""What a rule is: ``@rule`` marks a function as one, ``@record_rule`` a check of one record at a
time; ``run`` runs a sequence of them."""

from __future__ import annotations

import datetime as dt
import functools
import re
import types
import typing as t

from aimskit.records import kinds
from aimskit.records.findings import Finding, Severity
from aimskit.records.kinds import Kind
from aimskit.records.model import Record, Repository


class Options:
    """What the rules need beyond the records: today's date (by default, today) and strictness.

    ``strict_reviews`` makes overdue reviews and actions errors, ``strict_placeholders`` makes
    TODO markers and template placeholder text errors; ``strict`` is both."""

    __slots__ = ("today", "strict_reviews", "strict_placeholders")

    def __init__(self, today: dt.date | None = None, strict: bool = False, strict_reviews: bool = False,
                 strict_placeholders: bool = False) -> None:
        self.today = dt.date.today() if today is None else today
        self.strict_reviews = strict or strict_reviews
        self.strict_placeholders = strict or strict_placeholders

    @property
    def strict(self) -> bool:
        """Both kinds of strictness."""
        return self.strict_reviews and self.strict_placeholders

    def _key(self) -> tuple[dt.date, bool, bool]:
        return self.today, self.strict_reviews, self.strict_placeholders

    def __repr__(self) -> str:
        return (f"Options(today={self.today!r}, strict_reviews={self.strict_reviews!r}, "
                f"strict_placeholders={self.strict_placeholders!r})")

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Options) and self._key() == other._key()

    def __hash__(self) -> int:
        return hash(self._key())

    @property
    def review_severity(self) -> Severity:
        """Overdue reviews are warnings, errors under ``--strict-reviews``."""
        return Severity.ERROR if self.strict_reviews else Severity.WARNING

    @property
    def placeholder_severity(self) -> Severity:
        """TODO markers and placeholder text are warnings, errors under ``--strict-placeholders``."""
        return Severity.ERROR if self.strict_placeholders else Severity.WARNING


Rule = t.Callable[[Repository, Options], t.Iterable[Finding]]
Check = t.Callable[[Record, t.Any, Options], t.Iterable[Finding]]
_MARK = "__aimskit_rule__"


def rule(function: Rule) -> Rule:
    """Mark ``function`` as a rule; :func:`collect` finds it in its module. Nothing is registered."""
    setattr(function, _MARK, True)
    return function


class RecordRule:
    """A rule that checks records one at a time: ``check(record, context, options)`` sees one record
    and a context computed once from the whole repository (known ids, the risk method...), nothing else.

    So a record's findings follow from the record and the context alone: on a snapshot that shares
    a record and has an equal context (by ``same_context``, ``==`` unless given) they are the same,
    which lets a comparison check only the records a change touches. Called like any rule.
    """

    def __init__(self, check: Check, kinds: tuple[Kind, ...], context: t.Callable[[Repository], t.Any] | None,
                 same_context: t.Callable[[t.Any, t.Any], bool] | None) -> None:
        functools.update_wrapper(self, check)
        self.check, self.kinds = check, kinds
        self.context = context or _no_context
        self.same_context = same_context or same_plain
        setattr(self, _MARK, True)

    def records(self, repository: Repository) -> t.Iterator[Record]:
        """The records this rule checks, in order."""
        for kind in self.kinds:
            yield from repository.of(kind)

    def __call__(self, repository: Repository, options: Options) -> t.Iterator[Finding]:
        context = self.context(repository)
        for record in self.records(repository):
            yield from self.check(record, context, options)


def record_rule(*of_kinds: Kind, context: t.Callable[[Repository], t.Any] | None = None,
                same_context: t.Callable[[t.Any, t.Any], bool] | None = None) -> t.Callable[[Check], RecordRule]:
    """Make ``check(record, context, options)`` a :class:`RecordRule` over the records of ``of_kinds``
    (all kinds when none are given), with ``context(repository)`` as its context."""
    def decorate(check: Check) -> RecordRule:
        return RecordRule(check, of_kinds or kinds.ALL, context, same_context)
    return decorate


def plain(value: t.Any) -> t.Any:
    """``value`` as nested tuples of (type name, value): what a rule reads of it. ``1`` and ``True``,
    ``"1"`` and ``1``, a list and a tuple are not the same here, though Python finds them equal;
    an object of another type is itself (the same only as itself)."""
    if value is None or isinstance(value, (str, int, float)):  # bool is an int: its type name tells
        return type(value).__name__, value
    if isinstance(value, dict):
        return "dict", tuple(sorted((plain(key), plain(item)) for key, item in value.items()))
    if isinstance(value, (list, tuple)):
        return type(value).__name__, tuple(plain(item) for item in value)
    if isinstance(value, (set, frozenset)):
        return "set", tuple(sorted(plain(item) for item in value))
    return "object", id(value), value


def same_plain(first: t.Any, second: t.Any) -> bool:
    """Whether two contexts are the same as a rule reads them (see :func:`plain`)."""
    return first is second or plain(first) == plain(second)


def _no_context(repository: Repository) -> None:
    return None


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
