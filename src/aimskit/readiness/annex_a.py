"""Annex A coverage from the Statement of Applicability."""

from __future__ import annotations

import dataclasses

from aimskit import reference
from aimskit.governance.fields import items, mapping, text
from aimskit.governance.starter import is_example
from aimskit.readiness.documented import control_counted, shown_evidence
from aimskit.readiness.facts import Facts
from aimskit.readiness.outcome import MET
from aimskit.records import kinds

SOA_STATUSES = ("not-started", "planned", "in-progress", "implemented", "excluded")
APPLICABLE, EXCLUDED, UNDECIDED = "applicable", "excluded", "undecided"


@dataclasses.dataclass(frozen=True)
class ControlDecision:
    """One Annex A control: ``decision`` is ``applicable``, ``excluded`` or ``undecided`` (not in
    the SoA, or ``applicable: undecided``); ``status`` is the SoA implementation status (``None``
    when not in the SoA); ``risks`` lists the ids of risks whose treatment relies on the control."""

    control: str
    title: str
    decision: str
    status: str | None
    owner: str | None
    justification: str | None
    implemented_by: tuple[str, ...]
    evidence: tuple[str, ...]
    risks: tuple[str, ...] = ()


@dataclasses.dataclass(frozen=True)
class AnnexA:
    """Counts over the 38 controls, and each control's decision in the standard's order.

    ``by_status`` counts SoA entries per implementation status (every status listed, zeros
    included); ``implemented`` counts applicable controls that are met by
    :func:`aimskit.readiness.documented.control_counted`: ``implemented`` in a SoA of the organisation's own
    whose approval counts, with implementation evidence, and what the control's own definition asks (0 while
    the SoA is a draft or an example).
    ``soa_status`` is the SoA's status (``None`` without a SoA) and ``soa_example`` whether it is
    an example record: the decisions are shown, but then count for nothing.
    """

    total: int
    applicable: int
    excluded: int
    undecided: int
    implemented: int
    by_status: dict[str, int]
    controls: tuple[ControlDecision, ...]
    soa_status: str | None = None
    soa_example: bool = False


def annex_a(f: Facts) -> AnnexA:
    """The SoA's decisions (an example SoA's too, flagged); implemented counts only an approved own SoA."""
    counted = {c for c in reference.controls() if control_counted(f, c).status == MET} \
        if f.soa is not None and f.approved(f.soa) else set()
    f = Facts(f.repository, f.today, with_examples=True)
    linked: dict[str, list[str]] = {}
    for risk in f.of(kinds.RISK):
        for control in map(str, items(mapping(risk.data, "treatment"), "controls")):
            linked.setdefault(control, []).append(risk.id or risk.stem)
    decisions = tuple(dataclasses.replace(_decision(f, control, info), risks=tuple(sorted(linked.get(control, ()))))
                      for control, info in reference.controls().items())
    by_status = {status: sum(1 for d in decisions if d.status == status) for status in SOA_STATUSES}
    return AnnexA(
        total=len(decisions),
        applicable=sum(1 for d in decisions if d.decision == APPLICABLE),
        excluded=sum(1 for d in decisions if d.decision == EXCLUDED),
        undecided=sum(1 for d in decisions if d.decision == UNDECIDED),  # missing or applicable: undecided
        implemented=sum(1 for d in decisions if d.decision == APPLICABLE and d.control in counted),
        by_status=by_status,
        controls=decisions,
        soa_status=text(f.soa.data, "status") or None if f.soa else None,
        soa_example=f.soa is not None and is_example(f.soa),
    )


def _decision(f: Facts, control: str, info: dict) -> ControlDecision:
    entry = f.soa_entries.get(control)
    if entry is None:
        return ControlDecision(control, str(info.get("title", "")), UNDECIDED, None, None, None, (), ())
    applicable = entry.get("applicable")
    decision = EXCLUDED if applicable is False else APPLICABLE if applicable is True else UNDECIDED
    return ControlDecision(control, str(info.get("title", "")), decision, text(entry, "status") or None,
                           text(entry, "owner") or None, text(entry, "justification") or None,
                           tuple(map(str, items(entry, "implemented_by"))),
                           tuple(map(shown_evidence, items(entry, "evidence"))))
