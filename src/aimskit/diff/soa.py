"""SoA decisions: controls whose applicability or justification changed, shown in full."""

from __future__ import annotations

import dataclasses
import typing as t

from aimskit.records import kinds
from aimskit.records.model import Record, Repository
from aimskit.rules.soa import entries


@dataclasses.dataclass
class Decision:
    """One control's decision before and after: applicable (True/False/None when not listed)."""

    control: str
    old_applicable: bool | None
    new_applicable: bool | None
    old_justification: str | None
    new_justification: str | None
    warnings: list[str] = dataclasses.field(default_factory=list)

    @property
    def flipped(self) -> bool:
        return self.old_applicable is not None and self.new_applicable is not None \
            and self.old_applicable != self.new_applicable


def soa_decisions(old: Repository, new: Repository) -> list[Decision]:
    """Controls whose applicability or justification changed, with warnings for a flip that kept
    its justification and for an excluded control still implemented or used as a treatment."""
    before, after = _by_control(old.single(kinds.SOA)), _by_control(new.single(kinds.SOA))
    treatments = _treatment_uses(new)
    found = []
    for control in [*after, *(c for c in before if c not in after)]:
        a, b = before.get(control, {}), after.get(control, {})
        decision = Decision(control, a.get("applicable"), b.get("applicable"),
                            _text(a.get("justification")), _text(b.get("justification")))
        if decision.old_applicable == decision.new_applicable \
                and decision.old_justification == decision.new_justification:
            continue
        if decision.flipped and decision.old_justification == decision.new_justification:
            decision.warnings.append("the decision flipped but its justification did not change")
        if decision.new_applicable is False:
            if b.get("implemented_by"):
                decision.warnings.append("excluded, yet still implemented by "
                                         + ", ".join(map(str, b["implemented_by"])))
            if treatments.get(control):
                decision.warnings.append("excluded, yet used as a treatment by " + ", ".join(treatments[control]))
        found.append(decision)
    return found


def _by_control(soa: Record | None) -> dict[str, dict[str, t.Any]]:
    if soa is None:
        return {}
    return {entry["control"]: entry for _, entry in entries(soa) if isinstance(entry.get("control"), str)}


def _treatment_uses(repository: Repository) -> dict[str, list[str]]:
    uses: dict[str, list[str]] = {}
    for risk in repository.of(kinds.RISK):
        treatment = risk.data.get("treatment")
        controls = treatment.get("controls") if isinstance(treatment, dict) else None
        for control in controls if isinstance(controls, list) else []:
            uses.setdefault(str(control), []).append(risk.id or risk.stem)
    return uses


def _text(value: t.Any) -> str | None:
    return None if value is None else " ".join(str(value).split())
