"""The rule findings that can differ between two snapshots that share most of their records.

A comparison shows the findings new at its head and those resolved since its base. The base is
the head with only the files the change touches loaded again (``aimskit.records.model.overlay``):
every other record is the very same object on both sides. A file counts as touched unless both
sides read the same git blob there (``aimskit.git.ranges.not_the_same_blob``), whatever git's
diff lists, and contexts are compared as the rule reads them (``registry.same_plain``). A record rule
(:class:`~aimskit.rules.registry.RecordRule`) finds on a record what the record and the rule's
context decide, so on a shared record, with the same context on both sides, it finds the same at
both: those findings cancel out and are not looked for, except on a record where another finding
stands, since findings at one place meet (a rule's finding replaces a schema finding about the
same value, and findings match by path, code and message). What :func:`check_changed` looks for:

- every rule that is not a record rule, on both sides;
- a record rule whose context differs between the sides, on every record of both;
- a record rule whose context is the same: on the records one side does not share, and on the
  shared records where a finding of the two kinds above stands.

So what one side finds and the other does not is exactly what checking both in full gives, at the
cost of the change, and in the order a full run has it.
"""

from __future__ import annotations

import typing as t

from aimskit.records import kinds
from aimskit.records.findings import Finding
from aimskit.records.kinds import Kind
from aimskit.records.model import Record, Repository
from aimskit.rules.registry import Options, RecordRule, Rule


def check_changed(head: Repository, base: Repository, rules: t.Sequence[Rule],
                  options: Options | None = None) -> tuple[list[Finding], list[Finding]]:
    """The findings of ``rules`` on ``head`` and on ``base`` that can differ (see the module's
    documentation): leaving out findings the same on both sides, never one that is not."""
    options = options or Options()
    if head is base:
        return [], []
    looks = [_Look(function, head, base, options) for function in rules]
    standing = {finding.path for look in looks if look.in_full for finding in (*look.head, *look.base)}
    head_visits, base_visits = _Visits(head, base, standing), _Visits(base, head, standing)
    found_at_head: list[Finding] = []
    found_at_base: list[Finding] = []
    for look in looks:
        if look.in_full:
            found_at_head.extend(look.head)
            found_at_base.extend(look.base)
        elif isinstance(look.function, RecordRule):
            shared: dict[Record, list[Finding]] = {}
            found_at_head.extend(head_visits.check(look.function, look.head, shared, options))
            found_at_base.extend(base_visits.check(look.function, look.base, shared, options))
    return found_at_head, found_at_base


class _Look:
    """A rule's findings on both sides (``in_full``), or for a record rule whose context is the same
    on both, its context on each (``head``, ``base``)."""

    __slots__ = ("function", "in_full", "head", "base")

    def __init__(self, function: Rule, head: Repository, base: Repository, options: Options) -> None:
        self.function = function
        self.head: t.Any
        self.base: t.Any
        if not isinstance(function, RecordRule):
            self.in_full, self.head, self.base = True, list(function(head, options)), list(function(base, options))
            return
        self.head, self.base = function.context(head), function.context(base)
        self.in_full = not function.same_context(self.head, self.base)
        if self.in_full:
            self.head = _everywhere(function, head, self.head, options)
            self.base = _everywhere(function, base, self.base, options)


def _everywhere(function: RecordRule, repository: Repository, context: t.Any, options: Options) -> list[Finding]:
    return [found for record in function.records(repository) for found in function.check(record, context, options)]


class _Visits:
    """The records of one side that a record rule with the same context on both sides checks: the
    records the other side does not share, and the shared ones where a finding stands; by kind, in order."""

    __slots__ = ("by_kind", "fresh")

    def __init__(self, repository: Repository, other: Repository, standing: set[str]) -> None:
        held = {record.path: record for record in other.all_records()}
        self.fresh = {record for record in repository.all_records() if held.get(record.path) is not record}
        self.by_kind = {kind: [record for record in repository.of(kind)
                               if record in self.fresh or record.path in standing] for kind in kinds.ALL}

    def check(self, function: RecordRule, context: t.Any, shared: dict[Record, list[Finding]],
              options: Options) -> t.Iterator[Finding]:
        """``function``'s findings on these records; a shared record's, found once, are kept in ``shared``
        for the other side."""
        for kind in function.kinds:
            for record in self.by_kind[kind]:
                if record in self.fresh:
                    yield from function.check(record, context, options)
                    continue
                if record not in shared:
                    shared[record] = list(function.check(record, context, options))
                yield from shared[record]
