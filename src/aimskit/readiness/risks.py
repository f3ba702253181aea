"""Risks by level and risks above the appetite without an acceptance."""

from __future__ import annotations

import dataclasses

from aimskit.governance.fields import text
from aimskit.governance.scoring import inherent_score, residual_score
from aimskit.readiness.facts import Facts
from aimskit.records import kinds


@dataclasses.dataclass(frozen=True)
class LevelCount:
    """How many open risks fall in one level of the manifest's risk method."""

    level: str
    colour: str | None
    inherent: int
    residual: int


@dataclasses.dataclass(frozen=True)
class RiskGap:
    """An open risk whose residual score is above the appetite and that nobody has accepted."""

    id: str
    path: str
    title: str
    owner: str
    inherent: int | None
    residual: int | None
    level: str | None
    appetite: int


def risks_by_level(f: Facts) -> list[LevelCount]:
    """Open (not closed) risks counted per level, inherent and residual, in the manifest's order."""
    method = f.method
    inherent = [method.level_name(inherent_score(r.data)) for r in f.open_risks]
    residual = [method.level_name(residual_score(r.data)) for r in f.open_risks]
    return [LevelCount(level.name, level.colour, inherent.count(level.name), residual.count(level.name))
            for level in method.levels]


def above_appetite_unaccepted(f: Facts) -> list[RiskGap]:
    """Open risks with a residual score above the appetite and no ``acceptance``."""
    method = f.method  # without an appetite nothing needs acceptance: the 6.1.2 item reports that gap
    gaps = []
    for record in f.of(kinds.RISK):
        if method.needs_acceptance(record.data):
            residual = residual_score(record.data)
            gaps.append(RiskGap(record.id or record.stem, record.path, text(record.data, "title"),
                                text(record.data, "owner"), inherent_score(record.data), residual,
                                method.level_name(residual), method.appetite))
    return sorted(gaps, key=lambda g: (-(g.residual or 0), g.id))
