"""What changed in governance terms between two states of an AIMS repository.

Both sides come from ``aimskit.git.load_sides``: the head loaded once, the base derived from it
by re-reading only the files the change touches; their findings from
``aimskit.rules.validation.changed_findings``, which checks only what the change can affect.
Records are compared as data and matched by id (see ``aimskit.diff.records``); process and
control files as text (``aimskit.diff.process``).

By default the base is the merge base of the two revisions, as a pull request shows it; ``A..B``
compares the two tips.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from pathlib import Path

from aimskit import git, rules
from aimskit.approvals.needs import NamedApproval, Need, holders, named_approvals, record_paths, required_approvals
from aimskit.diff.process import OtherFile, ProcessChange, other_files, process_changes
from aimskit.diff.records import FieldChange, RecordChange, record_changes, record_key, title
from aimskit.diff.soa import Decision, soa_decisions
from aimskit.governance import approval, scoring
from aimskit.records import kinds
from aimskit.records.findings import Finding, Severity
from aimskit.records.model import Record, Repository
from aimskit.rules.validation import changed_findings

__all__ = ["AppetiteCrossing", "Comparison", "FieldChange", "RecordChange", "compare"]


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
    resolved_findings: list[Finding] = dataclasses.field(default_factory=list)
    needs: list[Need] = dataclasses.field(default_factory=list)
    holders: dict[str, list[dict[str, str]]] = dataclasses.field(default_factory=dict)
    process: list[ProcessChange] = dataclasses.field(default_factory=list)
    decisions: list[Decision] = dataclasses.field(default_factory=list)
    load_errors: list[Finding] = dataclasses.field(default_factory=list)
    merge_base: str | None = None
    named: list[NamedApproval] = dataclasses.field(default_factory=list)
    others: list[OtherFile] = dataclasses.field(default_factory=list)

    def of_status(self, status: str) -> list[RecordChange]:
        return [change for change in self.changes if change.status == status]

    @property
    def empty(self) -> bool:
        return not (self.changes or self.crossings or self.new_findings or self.resolved_findings
                    or self.process or self.load_errors or self.needs or self.others)


def compare(root: Path, base: str, head: str | None = None, options: rules.Options | None = None) -> Comparison:
    """Compare revision ``base`` with revision ``head`` (or the working tree when None); ``base``
    may be ``A...B`` or ``A..B``."""
    span = git.comparison_range(root, base, head)
    sides = git.load_sides(root, span)
    old, new = sides.base, sides.head
    at_head, at_base = changed_findings(new, old, options)
    changes = record_changes(old, new, sides.renames)
    changes = _without_unloaded(changes, old, new)
    removed = {c.id for c in changes if c.status == "removed"}
    process = process_changes(root, span, sides.changed)
    needs = required_approvals(old, new, [p.path for p in process])
    named = named_approvals(old, new)
    as_of = span.head.committed_datetime.date() if span.head else dt.date.today()
    tip = git.base_tip(root, span)  # holders as of the base branch's tip, as the gate reads them
    people = git.roles_at(root, old, tip) if tip else old
    new_findings = [*_new(at_base, at_head), *_approval_dates(old, new, as_of)]
    return Comparison(
        base=span.base_label, head=span.head_label, changes=changes,
        crossings=_crossings(old, new),
        new_findings=[_removed_hint(f, removed) for f in new_findings if not _load_error(f)],
        resolved_findings=[f for f in _new(at_head, at_base) if not _load_error(f)],
        needs=needs, holders={role: holders(people, role) for role in {n.role for n in needs} | {a.role for a in named}},
        process=process, decisions=soa_decisions(old, new),
        load_errors=[f for f in new.findings if _load_error(f)],
        merge_base=span.base.hexsha[:7] if span.merge_base else None,
        named=named, others=other_files(sides.changed, record_paths(old) | record_paths(new)),
    )


def _load_error(finding: Finding) -> bool:
    return finding.code.startswith("AIMS1") and finding.severity is Severity.ERROR


def _without_unloaded(changes: list[RecordChange], old: Repository, new: Repository) -> list[RecordChange]:
    """A record that fails to load on one side is not 'added' or 'removed': it is a load error."""
    unloaded_new = {path for _, path in new.unloaded}
    unloaded_old = {path for _, path in old.unloaded}
    return [c for c in changes if not (c.status == "removed" and c.path in unloaded_new)
            and not (c.status == "added" and c.path in unloaded_old)]


def _new(old: list[Finding], new: list[Finding]) -> list[Finding]:
    seen = {(f.path, f.code, f.message) for f in old}
    return [f for f in new if (f.path, f.code, f.message) not in seen]


_QUOTED = re.compile(r"'([^']+)'")


def _removed_hint(finding: Finding, removed: set[str]) -> Finding:
    """A reference to a record this change removes says so, instead of guessing another id."""
    gone = [name for name in _QUOTED.findall(finding.message) if name in removed]
    if not gone:
        return finding
    return finding._replace(hint=f"{gone[0]} is removed by this change; remove this reference "
                                             "as well, or keep the record")


def _approval_dates(old: Repository, new: Repository, as_of: dt.date) -> list[Finding]:
    """AIMS707: a document approved in a new version keeps the old approval date, a day before
    the change was made (``as_of``), so the date cannot be that of the new approval."""
    before = {record_key(r): r for kind in approval.APPROVED_KINDS for r in old.of(kind)}
    found = []
    for kind in approval.APPROVED_KINDS:
        for record in new.of(kind):
            previous = before.get(record_key(record))
            if previous is None or previous is record or record.data.get("status") != "approved":
                continue
            if previous.data.get("version") != record.data.get("version") \
                    and previous.data.get("approved_on") == record.data.get("approved_on") \
                    and str(record.data.get("approved_on")) < as_of.isoformat():
                line, column = record.document.position(["version"])
                found.append(Finding(
                    record.path, line, column, Severity.ERROR, "AIMS707",
                    f"{record.id or 'the SoA'} version {previous.data.get('version')} → "
                    f"{record.data.get('version')} keeps the approval date {record.data.get('approved_on')}",
                    f"record the day the new version was approved: 'aimskit approve {record.id or 'soa'}'"))
    return found


def _crossings(old: Repository, new: Repository) -> list[AppetiteCrossing]:
    old_method = scoring.RiskMethod.from_manifest(old.manifest)
    new_method = scoring.RiskMethod.from_manifest(new.manifest)
    before: dict[tuple[str, str], Record] = {record_key(r): r for r in old.of(kinds.RISK)}
    same_method = old.manifest.get("risk_method") == new.manifest.get("risk_method")
    found = []
    for key, record in sorted({record_key(r): r for r in new.of(kinds.RISK)}.items()):
        previous = before.get(key)
        if previous is record and same_method:
            continue
        score = scoring.residual_score(record.data)
        old_score = scoring.residual_score(previous.data) if previous else None
        was_above = previous is not None and old_method.above_appetite(old_score)
        is_above = new_method.above_appetite(score)
        if was_above != is_above and (previous is not None or is_above):
            found.append(AppetiteCrossing(key[1], title(record), record.path, old_score, score,
                                          new_method.appetite, is_above))
    return found

