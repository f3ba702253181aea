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
from aimskit.governance.starter import is_example
from aimskit.readiness.annex_a import AnnexA, ControlDecision, annex_a
from aimskit.readiness.documented import DocumentedItem, documented_information
from aimskit.readiness.facts import Facts
from aimskit.readiness.inventory import InventoryScan, inventory_against_code
from aimskit.readiness.outcome import MET, MISSING, NOT_APPLICABLE, PARTIAL
from aimskit.readiness.reviews import OverdueReview, overdue_reviews
from aimskit.readiness.risks import LevelCount, RiskGap, above_appetite_unaccepted, risks_by_level
from aimskit.readiness.systems import SystemGap, systems_by_tier, without_assessment
from aimskit.records.findings import Finding, Severity
from aimskit.records.model import Repository

__all__ = ["assess", "Readiness", "Overall", "Examples", "NOT_CHECKED", "InventoryScan", "DocumentedItem", "AnnexA", "ControlDecision", "OverdueReview",
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


#: What the report cannot tell: it reads records, it does not watch the organisation work.
NOT_CHECKED: tuple[str, ...] = (
    "aimskit checks records, not practice: that people do what the records say, that a control "
    "operates and is effective, is for the auditor to sample.",
    "It cannot tell whether a record is true, complete or written by the person it names; approvals "
    "and dates are taken as recorded (and from the code host's reviews where CI reads them).",
    "Evidence kept elsewhere counts when it is recorded with a url, a description and a date; its content is "
    "not fetched or read. A bare link is only claimed and counts for nothing.",
    "Whether the scope, the risk method, the SoA decisions and the justifications are adequate for "
    "the organisation is a judgement this report does not make.",
    "Example records (example: true) never count; placeholder text, the template's default governance lead and "
    "its guidance left as an SoA justification never count.",
)


@dataclasses.dataclass(frozen=True)
class Examples:
    """Example records shipped with the template: how many, where, and what they alone would show.

    ``documented_met`` is the number of items met when the examples are counted too; the
    readiness figures themselves never count them.
    """

    records: int
    paths: tuple[str, ...]
    documented_met: int
    controls_implemented: int


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
    - ``examples``: :class:`Examples` (records marked ``example: true``, never counted above).
    - ``not_checked``: what the report does not check (:data:`NOT_CHECKED`).
    - ``inventory_scan``: :class:`InventoryScan`, the inventory against the last scan of the code.
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
    examples: Examples = Examples(0, (), 0, 0)
    not_checked: tuple[str, ...] = NOT_CHECKED
    inventory_scan: InventoryScan = InventoryScan("missing", "not assessed")

    @property
    def rests_on_examples(self) -> bool:
        """Example records are present and the organisation's own records meet no item."""
        return self.examples.records > 0 and self.overall.documented_met == 0

    def as_dict(self) -> dict[str, t.Any]:
        """Plain data (dicts, lists, strings, numbers) ready for ``json.dumps``."""
        return _plain(dataclasses.asdict(self))


def assess(repository: Repository, today: dt.date, findings: t.Iterable[Finding] = ()) -> Readiness:
    """The readiness of ``repository`` as of ``today``; ``findings`` only feed the error counts."""
    facts = Facts(repository, today)
    findings = list(findings)
    documented = tuple(documented_information(facts))
    controls = annex_a(facts)
    examples = [r for r in repository.all_records() if is_example(r)]
    if examples:
        shown = Facts(repository, today, with_examples=True)
        documented_shown = tuple(documented_information(shown))
        documented = tuple(dataclasses.replace(item, with_examples=other.status)
                           for item, other in zip(documented, documented_shown))
        example_overall = _overall(documented_shown, annex_a(shown))
    else:
        example_overall = None
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
        examples=Examples(len(examples), tuple(sorted(r.path for r in examples)),
                          example_overall.documented_met if example_overall else 0,
                          example_overall.controls_implemented if example_overall else 0),
        inventory_scan=inventory_against_code(repository),
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
