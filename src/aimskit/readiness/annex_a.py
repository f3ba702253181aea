"""Annex A coverage from the Statement of Applicability."""

from __future__ import annotations

import dataclasses

from aimskit import reference
from aimskit.governance.fields import items, text
from aimskit.readiness.facts import Facts

SOA_STATUSES = ("not-started", "planned", "in-progress", "implemented", "excluded")
APPLICABLE, EXCLUDED, UNDECIDED = "applicable", "excluded", "undecided"


@dataclasses.dataclass(frozen=True)
class ControlDecision:
    """One Annex A control: ``decision`` is ``applicable``, ``excluded`` or ``undecided`` (not in
    the SoA); ``status`` is the SoA implementation status (``None`` when undecided)."""

    control: str
    title: str
    decision: str
    status: str | None
    owner: str | None
    justification: str | None
    implemented_by: tuple[str, ...]
    evidence: tuple[str, ...]


@dataclasses.dataclass(frozen=True)
class AnnexA:
    """Counts over the 38 controls, and each control's decision in the standard's order.

    ``by_status`` counts SoA entries per implementation status (every status listed, zeros
    included); ``implemented`` counts applicable controls whose status is ``implemented``.
    """

    total: int
    applicable: int
    excluded: int
    undecided: int
    implemented: int
    by_status: dict[str, int]
    controls: tuple[ControlDecision, ...]


def annex_a(f: Facts) -> AnnexA:
    decisions = tuple(_decision(f, control, info) for control, info in reference.controls().items())
    by_status = {status: sum(1 for d in decisions if d.status == status) for status in SOA_STATUSES}
    return AnnexA(
        total=len(decisions),
        applicable=sum(1 for d in decisions if d.decision == APPLICABLE),
        excluded=sum(1 for d in decisions if d.decision == EXCLUDED),
        undecided=sum(1 for d in decisions if d.decision == UNDECIDED),
        implemented=sum(1 for d in decisions if d.decision == APPLICABLE and d.status == "implemented"),
        by_status=by_status,
        controls=decisions,
    )


def _decision(f: Facts, control: str, info: dict) -> ControlDecision:
    entry = f.soa_entries.get(control)
    if entry is None:
        return ControlDecision(control, str(info.get("title", "")), UNDECIDED, None, None, None, (), ())
    decision = EXCLUDED if entry.get("applicable") is False else APPLICABLE
    return ControlDecision(control, str(info.get("title", "")), decision, text(entry, "status") or None,
                           text(entry, "owner") or None, text(entry, "justification") or None,
                           tuple(map(str, items(entry, "implemented_by"))), tuple(map(str, items(entry, "evidence"))))
