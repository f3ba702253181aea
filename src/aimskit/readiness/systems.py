"""AI systems by EU AI Act tier, and in-scope systems without a current impact assessment."""

from __future__ import annotations

import dataclasses

from aimskit.governance.fields import mapping, text
from aimskit.readiness.facts import Facts

TIERS = ("prohibited", "high", "limited", "minimal", "not-applicable")


@dataclasses.dataclass(frozen=True)
class SystemGap:
    """A live system, in scope or high-risk, without a current (approved, not overdue) impact assessment.

    ``assessments`` lists the ids of assessments that cover it but are draft or overdue.
    """

    id: str
    path: str
    name: str
    owner: str
    tier: str
    assessments: tuple[str, ...]


def systems_by_tier(f: Facts) -> dict[str, int]:
    """Live (not retired) systems counted per EU AI Act tier, every tier listed; ``unclassified``
    counts systems without a known tier."""
    tiers = [text(mapping(s.data, "eu_ai_act"), "tier") for s in f.systems]
    counts = {tier: tiers.count(tier) for tier in TIERS}
    counts["unclassified"] = sum(1 for tier in tiers if tier not in TIERS)
    return counts


def without_assessment(f: Facts) -> list[SystemGap]:
    """Live systems, in scope or high-risk, that no current impact assessment covers."""
    gaps = []
    for system in f.systems_needing_assessment:
        assessments = f.assessments_of(system.id)
        if not any(f.is_current(a) for a in assessments):
            gaps.append(SystemGap(system.id or system.stem, system.path, text(system.data, "name"),
                                  text(system.data, "owner"), text(mapping(system.data, "eu_ai_act"), "tier"),
                                  tuple(a.id or a.stem for a in assessments)))
    return sorted(gaps, key=lambda g: g.id)
