"""Documented information of ISO/IEC 42001, mapped to the records that provide it.

:mod:`aimskit.readiness.definitions` holds the mapping as data: for each item of
:func:`aimskit.reference.documented_information` (matched by clause and the start of its item
title), the checks that must all hold and what "met" means in words. Annex A items apply only
when the SoA does not exclude their control; those without an entry fall back to
:func:`control_implemented`. An open nonconformity against an item's clause or control makes it
partial at most.
"""

from __future__ import annotations

import dataclasses
import typing as t

from aimskit import reference
from aimskit.governance.fields import items, text
from aimskit.readiness.definitions import CONTROL_MET, DERIVED, Checks, definition_for
from aimskit.readiness.facts import Facts
from aimskit.readiness.outcome import MET, MISSING, NOT_APPLICABLE, PARTIAL, Outcome, paths, worst
from aimskit.records import kinds

__all__ = ["DocumentedItem", "documented_information", "checks_for", "control_implemented", "open_nonconformities",
           "DERIVED"]
CLOSED_NONCONFORMITY = ("closed",)


@dataclasses.dataclass(frozen=True)
class DocumentedItem:
    """One item of documented information and how far the repository provides it.

    ``status`` is ``met``, ``partial``, ``missing`` or ``not-applicable`` (an Annex A item whose
    control the SoA excludes) counting the organisation's own records only; ``evidence`` lists
    the repository paths that provide it; ``note`` says briefly why; ``met_when`` is the
    definition of "met"; ``with_examples`` is the status the example records would give (equal
    to ``status`` when there are none).
    """

    clause: str
    item: str
    kind: str
    annex_a: bool
    status: str
    evidence: tuple[str, ...]
    note: str
    met_when: str = ""
    with_examples: str = ""


def checks_for(clause: str, item: str) -> Checks | None:
    """The checks the definitions list for an item, or None."""
    found = definition_for(clause, item)
    return found.checks if found else None


def documented_information(f: Facts) -> list[DocumentedItem]:
    """Every item of the reference list, in its order, with status and evidence."""
    result: list[DocumentedItem] = []
    derived: list[int] = []
    for entry in reference.documented_information():
        clause, item = str(entry["clause"]), str(entry["item"])
        definition = definition_for(clause, item)
        found = definition.checks if definition else None
        if isinstance(found, str):  # DERIVED: summarised from the other items below
            derived.append(len(result))
            outcome = Outcome(MISSING)
        else:
            outcome = _capped(f, clause, _outcome(f, clause, found))
        met_when = definition.met_when if definition else CONTROL_MET
        result.append(DocumentedItem(clause, item, str(entry.get("kind", "")), clause.startswith("A."),
                                     outcome.status, outcome.evidence, outcome.note, met_when, outcome.status))
    for index in derived:
        result[index] = _summarise(result[index], [r for r in result if not r.annex_a and r is not result[index]])
    return result


def open_nonconformities(f: Facts, clause: str) -> list[str]:
    """Ids of open nonconformities raised against ``clause`` (or a control id), or a subclause of it."""
    found = []
    for record in f.of(kinds.NONCONFORMITY):
        if text(record.data, "status") in CLOSED_NONCONFORMITY:
            continue
        against = set(map(str, items(record.data, "clauses"))) | set(map(str, items(record.data, "controls")))
        if any(clause == cited or clause.startswith(cited + ".") for cited in against):
            found.append(record.id or record.stem)
    return sorted(found)


def _capped(f: Facts, clause: str, outcome: Outcome) -> Outcome:
    if outcome.status != MET:
        return outcome
    open_ones = open_nonconformities(f, clause)
    if not open_ones:
        return outcome
    return Outcome(PARTIAL, outcome.evidence, f"open nonconformity {', '.join(open_ones)}; " + outcome.note)


def _outcome(f: Facts, clause: str, found: tuple[t.Callable[[Facts], Outcome], ...] | None) -> Outcome:
    if clause.startswith("A."):
        if f.excluded(clause):
            return Outcome(NOT_APPLICABLE, (f.soa.path,) if f.soa else (), "control excluded in the SoA")
        return worst(*(check(f) for check in found)) if found else control_implemented(f, clause)
    if not found:
        return Outcome(MISSING, (), "no check defined for this item")
    return worst(*(check(f) for check in found))


def _summarise(item: DocumentedItem, others: list[DocumentedItem]) -> DocumentedItem:
    met = sum(1 for other in others if other.status == MET)
    started = any(other.status != MISSING for other in others)
    status = MET if met == len(others) else PARTIAL if started else MISSING
    return dataclasses.replace(item, status=status, with_examples=status, note=f"{met} of {len(others)} clause items met")


def control_implemented(f: Facts, control: str) -> Outcome:
    """The approved SoA says implemented, and an approved record or existing evidence backs it."""
    entry = f.soa_entries.get(control, {})
    implementing = [r for r in (f.record(ref) for ref in map(str, items(entry, "implemented_by"))) if r is not None]
    citing = [r for kind in (kinds.POLICY, kinds.IMPACT_ASSESSMENT, kinds.OBJECTIVE) for r in f.of(kind)
              if control in items(r.data, "controls")]
    backing = [r for r in implementing + citing if f.dated(r) or r.kind.name == kinds.OBJECTIVE.name]
    existing = {str(p) for p in items(entry, "evidence") if f.evidence_exists(p)}
    evidence = tuple(sorted(set(paths(backing)) | existing))
    status = text(entry, "status")
    approved = f.soa is not None and f.dated(f.soa)
    if status == "implemented" and evidence and approved:
        return Outcome(MET, evidence, "implemented")
    if status == "implemented" and evidence:
        return Outcome(PARTIAL, evidence, "implemented in a SoA that is not approved")
    if status == "implemented":
        return Outcome(PARTIAL, paths(implementing + citing), "implemented in the SoA without approved records")
    if implementing or citing or status in ("planned", "in-progress"):
        return Outcome(PARTIAL, paths(implementing + citing), f"SoA status {status or 'undecided'}")
    return Outcome(MISSING, (), "not in the SoA" if not entry else f"SoA status {status or 'unset'}, no record")
