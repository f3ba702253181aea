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
from aimskit.readiness.checks import roles as roles_named
from aimskit.readiness.definitions import CONTROL_MET, DERIVED, Checks, definition_for
from aimskit.readiness.facts import Facts
from aimskit.readiness.outcome import MET, MISSING, NOT_APPLICABLE, PARTIAL, Outcome, paths, worst
from aimskit.records import kinds
from aimskit.records.model import Record

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


#: Records that show a control operating (not only that a rule exists): kind → whether one counts.
OPERATION_KINDS = (kinds.IMPACT_ASSESSMENT, kinds.AUDIT)


def operating(f: Facts, record: Record) -> bool:
    """An approved impact assessment or a completed audit, either held within its cycle."""
    if record.kind is kinds.IMPACT_ASSESSMENT:
        return f.approved(record) and f.held_in_cycle(record)
    return record.kind is kinds.AUDIT and f.held_in_cycle(record)


def implementation_evidence(f: Facts, control: str) -> tuple[str, ...]:
    """What shows ``control`` operating: the SoA entry's evidence that counts (a file in the repository, or
    an external reference with description and date), and impact assessments or audits that name the
    control (in ``implemented_by`` or their ``controls``) and count. A policy alone is not evidence."""
    entry = f.soa_entries.get(control, {})
    named = [r for r in (f.record(ref) for ref in map(str, items(entry, "implemented_by"))) if r is not None]
    citing = [r for kind in OPERATION_KINDS for r in f.of(kind) if control in items(r.data, "controls")]
    records = paths(r for r in named + citing if r.kind in OPERATION_KINDS and operating(f, r))
    evidence = {shown_evidence(e) for e in items(entry, "evidence") if f.evidence_exists(e) and not _policy_text(f, e)}
    return tuple(sorted(set(records) | evidence))


def _policy_text(f: Facts, reference: t.Any) -> bool:
    """Evidence that is the text of a policy or of the SoA: it says what should happen, not that it did."""
    if not isinstance(reference, str):
        return False
    normal = reference.strip().strip("/")
    return any(r.path == normal for kind in (kinds.POLICY, kinds.SOA) for r in f.repository.of(kind))


def shown_evidence(reference: t.Any) -> str:
    """An evidence entry as text: a path, or an external reference's url."""
    return str(reference.get("url")) if isinstance(reference, dict) else str(reference)


#: What a control needs beyond the SoA and implementation evidence before it counts as implemented.
CONTROL_CONDITIONS: dict[str, t.Callable[[Facts], Outcome]] = {
    "A.3.2": roles_named,  # roles and responsibilities: every role has a holder who names a person
}


def control_counted(f: Facts, control: str) -> Outcome:
    """Whether Annex A counts ``control`` as implemented: :func:`control_implemented`, and where the control
    has a definition of its own (A.5.3: current impact assessments) or a condition (A.3.2: every role
    held by a named person), that too."""
    definition = definition_for(control, "")
    extra = [check(f) for check in definition.checks] if definition and not isinstance(definition.checks, str) else []
    if control in CONTROL_CONDITIONS:
        extra.append(CONTROL_CONDITIONS[control](f))
    return worst(control_implemented(f, control), *extra)


def control_implemented(f: Facts, control: str) -> Outcome:
    """The SoA, whose approval counts, says implemented, and implementation evidence backs it."""
    entry = f.soa_entries.get(control, {})
    implementing = [r for r in (f.record(ref) for ref in map(str, items(entry, "implemented_by"))) if r is not None]
    policies = [r for r in implementing if r.kind is kinds.POLICY and f.approved(r)]
    evidence = implementation_evidence(f, control)
    claimed = [f.evidence_problem(e) or f"'{e}' is the text of a rule, not a record of its operation"
               for e in items(entry, "evidence") if not f.evidence_exists(e) or _policy_text(f, e)]
    status = text(entry, "status")
    problem = f.approval_problem(f.soa) if f.soa is not None else "no SoA"
    if status == "implemented" and evidence and problem is None:
        return Outcome(MET, evidence, "implemented")
    if status == "implemented" and problem is not None:
        return Outcome(PARTIAL, evidence or paths(implementing), f"implemented in a SoA whose approval does not count: "
                       f"{problem}")
    if status == "implemented":
        why = "; ".join(str(c) for c in claimed[:2]) or ("an approved policy says the rule exists, not that it is "
                                                           "followed" if policies else "nothing shows it operating")
        return Outcome(PARTIAL, paths(implementing), f"implemented in the SoA without implementation evidence ({why})")
    if implementing or status in ("planned", "in-progress"):
        return Outcome(PARTIAL, paths(implementing), f"SoA status {status or 'undecided'}")
    return Outcome(MISSING, (), "not in the SoA" if not entry else f"SoA status {status or 'unset'}, no record")
