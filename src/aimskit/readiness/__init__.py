"""Readiness / gap analysis of an AIMS repository: what ISO/IEC 42001 asks for and what is there.

``assess(repository, today)`` is pure: records in, a :class:`Readiness` out. ``aimskit report``
prints it as Markdown or JSON, and the site's dashboard renders it. The field names below are a
contract: ``Readiness.as_dict()`` is the JSON the report prints.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import typing as t

from aimskit.governance.fields import mapping, text
from aimskit.readiness.annex_a import AnnexA, ControlDecision, annex_a
from aimskit.readiness.documented import DocumentedItem, documented_information
from aimskit.readiness.facts import Facts
from aimskit.readiness.outcome import MET, MISSING, NOT_APPLICABLE, PARTIAL
from aimskit.readiness.reviews import OverdueReview, overdue_reviews
from aimskit.readiness.risks import LevelCount, RiskGap, above_appetite_unaccepted, risks_by_level
from aimskit.readiness.systems import SystemGap, systems_by_tier, without_assessment
from aimskit.records.findings import Finding, Severity
from aimskit.records.model import Repository

__all__ = ["assess", "Readiness", "Overall", "DocumentedItem", "AnnexA", "ControlDecision", "OverdueReview",
           "LevelCount", "RiskGap", "SystemGap", "MET", "PARTIAL", "MISSING", "NOT_APPLICABLE"]


@dataclasses.dataclass(frozen=True)
class Overall:
    """The headline figures.

    ``documented_met`` of ``documented_total`` items (not-applicable Annex A items left out) and
    ``controls_implemented`` of ``controls_applicable``; the ``*_share`` values are 0.0-1.0
    (0.0 when there is nothing to count).
    """

    documented_met: int
    documented_partial: int
    documented_total: int
    documented_share: float
    controls_implemented: int
    controls_applicable: int
    controls_share: float


@dataclasses.dataclass(frozen=True)
class Readiness:
    """The readiness of one AIMS repository on one day.

    - ``date``: the day assessed (YYYY-MM-DD); ``organisation``: from aims.yml.
    - ``errors`` / ``warnings``: validation findings passed to :func:`assess` (0 when none given).
    - ``overall``: :class:`Overall`.
    - ``documented_information``: one :class:`DocumentedItem` per item of
      ``aimskit.reference.documented_information()``, in its order.
    - ``annex_a``: :class:`AnnexA` (counts and the per-control SoA decision).
    - ``overdue_reviews``: :class:`OverdueReview` list, oldest due date first.
    - ``risks_above_appetite``: :class:`RiskGap` list (residual above appetite, no acceptance).
    - ``risks_by_level``: :class:`LevelCount` per level of the risk method, in the manifest's order.
    - ``systems_by_tier``: EU AI Act tier → number of live systems (all tiers listed).
    - ``high_risk_without_assessment``: high-tier in-scope systems without a current impact
      assessment (a gap); ``others_without_assessment``: other in-scope systems without one (information).
    """

    date: str
    organisation: str
    errors: int
    warnings: int
    overall: Overall
    documented_information: tuple[DocumentedItem, ...]
    annex_a: AnnexA
    overdue_reviews: tuple[OverdueReview, ...]
    risks_above_appetite: tuple[RiskGap, ...]
    risks_by_level: tuple[LevelCount, ...]
    systems_by_tier: dict[str, int]
    high_risk_without_assessment: tuple[SystemGap, ...]
    others_without_assessment: tuple[SystemGap, ...]

    def as_dict(self) -> dict[str, t.Any]:
        """Plain data (dicts, lists, strings, numbers) ready for ``json.dumps``."""
        return _plain(dataclasses.asdict(self))


def assess(repository: Repository, today: dt.date, findings: t.Iterable[Finding] = ()) -> Readiness:
    """The readiness of ``repository`` as of ``today``; ``findings`` only feed the error counts."""
    facts = Facts(repository, today)
    findings = list(findings)
    documented = tuple(documented_information(facts))
    controls = annex_a(facts)
    gaps = without_assessment(facts)
    return Readiness(
        date=today.isoformat(),
        organisation=text(mapping(repository.manifest, "organisation"), "name"),
        errors=sum(1 for f in findings if f.severity is Severity.ERROR),
        warnings=sum(1 for f in findings if f.severity is Severity.WARNING),
        overall=_overall(documented, controls),
        documented_information=documented,
        annex_a=controls,
        overdue_reviews=tuple(overdue_reviews(facts)),
        risks_above_appetite=tuple(above_appetite_unaccepted(facts)),
        risks_by_level=tuple(risks_by_level(facts)),
        systems_by_tier=systems_by_tier(facts),
        high_risk_without_assessment=tuple(g for g in gaps if g.tier == "high"),
        others_without_assessment=tuple(g for g in gaps if g.tier != "high"),
    )


def _overall(documented: tuple[DocumentedItem, ...], controls: AnnexA) -> Overall:
    counted = [d for d in documented if d.status != NOT_APPLICABLE]
    met = sum(1 for d in counted if d.status == MET)
    return Overall(
        documented_met=met,
        documented_partial=sum(1 for d in counted if d.status == PARTIAL),
        documented_total=len(counted),
        documented_share=_share(met, len(counted)),
        controls_implemented=controls.implemented,
        controls_applicable=controls.applicable,
        controls_share=_share(controls.implemented, controls.applicable),
    )


def _share(part: int, whole: int) -> float:
    return round(part / whole, 4) if whole else 0.0


def _plain(value: t.Any) -> t.Any:
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    return value
