"""The outcome of one readiness check: a status, the files that carry it, and a short note."""

from __future__ import annotations

import dataclasses
import typing as t

from aimskit.records.model import Record

MET = "met"
PARTIAL = "partial"
MISSING = "missing"
NOT_APPLICABLE = "not-applicable"
STATUSES = (MET, PARTIAL, MISSING, NOT_APPLICABLE)


@dataclasses.dataclass(frozen=True)
class Outcome:
    status: str
    evidence: tuple[str, ...] = ()
    note: str = ""


def paths(records: t.Iterable[Record]) -> tuple[str, ...]:
    """The records' paths, each once, sorted."""
    return tuple(sorted({record.path for record in records}))


def graded(met: t.Sequence[Record], partial: t.Sequence[Record], missing_note: str,
           partial_note: str = "", met_note: str = "") -> Outcome:
    """Met when any record meets the requirement, partial when any comes close, else missing."""
    if met:
        return Outcome(MET, paths(met), met_note)
    if partial:
        return Outcome(PARTIAL, paths(partial), partial_note)
    return Outcome(MISSING, (), missing_note)


def coverage(covered: t.Sequence[Record], required: t.Sequence[Record], missing_note: str,
             what: str) -> Outcome:
    """Met when every required record is covered, partial when some are."""
    if not required:
        return Outcome(MISSING, (), missing_note)
    if not covered:
        return Outcome(MISSING, (), f"no {what} yet ({len(required)} needed)")
    if len(covered) < len(required):
        return Outcome(PARTIAL, paths(covered), f"{what}: {len(covered)} of {len(required)}")
    return Outcome(MET, paths(covered), f"{what}: {len(covered)} of {len(required)}")


def worst(*outcomes: Outcome) -> Outcome:
    """Combine checks that must all hold: the weakest status, every file, the notes that explain it."""
    order = {MISSING: 0, PARTIAL: 1, MET: 2, NOT_APPLICABLE: 3}
    status = min((o.status for o in outcomes), key=order.__getitem__)
    if status == MISSING and any(o.status != MISSING for o in outcomes):
        status = PARTIAL
    evidence = tuple(sorted({p for o in outcomes for p in o.evidence}))
    shown = [o.note for o in outcomes if o.note and o.status != MET] or [o.note for o in outcomes if o.note]
    notes = "; ".join(dict.fromkeys(shown))
    return Outcome(status, evidence, notes)
