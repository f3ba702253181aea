"""Documented information of ISO/IEC 42001, mapped to the records that provide it.

:data:`CHECKS` is the mapping as data: for each item of
:func:`aimskit.reference.documented_information` (matched by clause and the start of its item
title), the checks that must all hold. Annex A items apply only when the SoA does not exclude
their control; those without an entry fall back to :func:`control_implemented`.
"""

from __future__ import annotations

import dataclasses
import typing as t

from aimskit import reference
from aimskit.governance.currency import is_effective
from aimskit.governance.fields import items, text
from aimskit.readiness import checks as c
from aimskit.readiness import checks_operation as o
from aimskit.readiness.facts import Facts
from aimskit.readiness.outcome import MET, MISSING, NOT_APPLICABLE, PARTIAL, Outcome, paths, worst
from aimskit.records import kinds

DERIVED = "derived"  # the item summarises the other clause items (7.5.1)
Checks = t.Union[t.Tuple[c.Check, ...], str]

CHECKS: tuple[tuple[str, str, Checks], ...] = (
    ("4.3", "Scope", (c.scope,)),
    ("4.4", "The AI management system", (c.context, c.roles, c.policy_citing(("4", "4.4")))),
    ("5.2", "AI policy", (c.policy_citing(("5.2",), ("A.2.2",)),)),
    ("6.1.1", "Actions taken", (c.risks_treated,)),
    ("6.1.2", "AI risk assessment process", (c.risk_method, c.risks_assessed)),
    ("6.1.3", "AI risk treatment process", (c.risk_method, c.risks_treated)),
    ("6.1.3", "Statement of Applicability", (c.soa_approved, c.controls_decided)),
    ("6.1.3", "AI risk treatment plan", (c.risks_treated, c.acceptances)),
    ("6.1.3", "Necessary controls", (c.controls_decided,)),
    ("6.1.4", "Results of AI system impact assessments", (c.impact_assessments,)),
    ("6.2", "AI objectives", (c.objectives,)),
    ("7.2", "Evidence of competence", (o.competence,)),
    ("7.5.1", "Documented information required", DERIVED),
    ("7.5.3", "Documented information of external origin", (o.suppliers,)),
    ("8.1", "Operational records", (o.operational_records,)),
    ("8.2", "Results of all AI risk assessments", (c.risks_assessed, o.risks_per_system)),
    ("8.3", "Results of all AI risk treatments", (o.treatment_results,)),
    ("8.4", "Results of all AI system impact assessments", (c.impact_assessments,)),
    ("9.1", "Evidence of monitoring", (o.monitoring,)),
    ("9.2.2", "Evidence of implementation of the audit", (o.audits,)),
    ("9.3.3", "Evidence of the results of management reviews", (o.reviews,)),
    ("10.2", "Nature of nonconformities", (o.nonconformities,)),
    ("A.2.2", "", (c.policy_citing(("5.2",), ("A.2.2",)),)),
    ("A.4.3", "", (o.data_sources,)),
    ("A.4.6", "", (o.competence,)),
    ("A.5.2", "", (c.policy_citing(("6.1.4",), ("A.5.2",)),)),
    ("A.5.3", "", (c.impact_assessments,)),
    ("A.6.1.2", "", (c.objectives_citing("A.6.1.2"),)),
    ("A.7.5", "", (o.data_sources,)),
    ("A.9.3", "", (c.objectives_citing("A.9.3"),)),
    ("A.10.3", "", (o.suppliers,)),
)


@dataclasses.dataclass(frozen=True)
class DocumentedItem:
    """One item of documented information and how far the repository provides it.

    ``status`` is ``met``, ``partial``, ``missing`` or ``not-applicable`` (an Annex A item whose
    control the SoA excludes); ``evidence`` lists the repository paths that provide it;
    ``note`` says briefly why.
    """

    clause: str
    item: str
    kind: str
    annex_a: bool
    status: str
    evidence: tuple[str, ...]
    note: str


def checks_for(clause: str, item: str) -> Checks | None:
    """The checks :data:`CHECKS` lists for an item, or None."""
    for entry_clause, start, found in CHECKS:
        if entry_clause == clause and item.startswith(start):
            return found
    return None


def documented_information(f: Facts) -> list[DocumentedItem]:
    """Every item of the reference list, in its order, with status and evidence."""
    result: list[DocumentedItem] = []
    derived: list[int] = []
    for entry in reference.documented_information():
        clause, item = str(entry["clause"]), str(entry["item"])
        found = checks_for(clause, item)
        if isinstance(found, str):  # DERIVED: summarised from the other items below
            derived.append(len(result))
            outcome = Outcome(MISSING)
        else:
            outcome = _outcome(f, clause, found)
        result.append(DocumentedItem(clause, item, str(entry.get("kind", "")), clause.startswith("A."),
                                     outcome.status, outcome.evidence, outcome.note))
    for index in derived:
        result[index] = _summarise(result[index], [r for r in result if not r.annex_a and r is not result[index]])
    return result


def _outcome(f: Facts, clause: str, found: tuple[c.Check, ...] | None) -> Outcome:
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
    return dataclasses.replace(item, status=status, note=f"{met} of {len(others)} clause items met")


def control_implemented(f: Facts, control: str) -> Outcome:
    """The SoA says implemented, and an approved record or an evidence path backs it."""
    entry = f.soa_entries.get(control, {})
    index = f.repository.index
    implementing = [index[ref] for ref in map(str, items(entry, "implemented_by")) if ref in index]
    citing = [r for kind in (kinds.POLICY, kinds.IMPACT_ASSESSMENT, kinds.OBJECTIVE) for r in f.of(kind)
              if control in items(r.data, "controls")]
    backing = [r for r in implementing + citing if is_effective(r)]
    evidence = tuple(sorted(set(paths(backing)) | {str(p) for p in items(entry, "evidence")}))
    status = text(entry, "status")
    if status == "implemented" and evidence:
        return Outcome(MET, evidence, "implemented")
    if status == "implemented":
        return Outcome(PARTIAL, paths(implementing + citing), "implemented in the SoA without approved records")
    if implementing or citing or status in ("planned", "in-progress"):
        return Outcome(PARTIAL, paths(implementing + citing), f"SoA status {status or 'undecided'}")
    return Outcome(MISSING, (), "not in the SoA" if not entry else f"SoA status {status or 'unset'}, no record")
