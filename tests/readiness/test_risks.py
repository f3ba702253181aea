"""Risks by level and risks above the appetite without an acceptance (aimskit.readiness.risks): every
field the report and the dashboard show."""

from __future__ import annotations

from aims_builder import MANIFEST, TODAY, AimsRepo

from aimskit.readiness.facts import Facts
from aimskit.readiness.risks import LevelCount, RiskGap, above_appetite_unaccepted, risks_by_level
from aimskit.records.model import load_repository


def _facts(aims: AimsRepo) -> Facts:
    return Facts(load_repository(aims.root), TODAY)


def test_risks_above_appetite_without_acceptance_give_every_field_highest_first(aims: AimsRepo) -> None:
    assert above_appetite_unaccepted(_facts(aims)) == []
    aims.risk(residual={"likelihood": 3, "impact": 4})
    aims.risk("RISK-002", systems=["SYS-002"], title="Drift", owner="ai-governance-lead", likelihood=5, impact=5,
              residual={"likelihood": 4, "impact": 4})
    aims.risk("RISK-003", title="Leak", likelihood=2, impact=5, residual={"likelihood": 2, "impact": 5})
    aims.write("risks/RISK-000.yaml", {"id": "RISK-007", "title": "Equal", "owner": "ml-lead", "likelihood": 2,
                                       "impact": 5, "residual": {"likelihood": 5, "impact": 2}, "status": "assessed"})
    aims.risk("RISK-004", residual={"likelihood": 5, "impact": 5}, status="closed")
    aims.risk("RISK-005", residual={"likelihood": 5, "impact": 5},
              acceptance={"by": "ai-governance-lead", "date": "2026-05-01", "rationale": "Monitored."})
    aims.risk("RISK-006", residual={"likelihood": 3, "impact": 3})
    assert above_appetite_unaccepted(_facts(aims)) == [
        RiskGap("RISK-002", "risks/RISK-002.yaml", "Drift", "ai-governance-lead", 25, 16, "high", 9),
        RiskGap("RISK-001", "risks/RISK-001.yaml", "Unfair outcomes", "ml-lead", 16, 12, "high", 9),
        RiskGap("RISK-003", "risks/RISK-003.yaml", "Leak", "ml-lead", 10, 10, "high", 9),
        RiskGap("RISK-007", "risks/RISK-000.yaml", "Equal", "ml-lead", 10, 10, "high", 9)]


def test_without_an_appetite_nothing_needs_an_acceptance(aims: AimsRepo) -> None:
    aims.risk(residual={"likelihood": 5, "impact": 5})
    aims.write("aims.yml", MANIFEST | {"risk_method": {k: v for k, v in MANIFEST["risk_method"].items()
                                                       if k != "appetite"}})
    assert above_appetite_unaccepted(_facts(aims)) == []


def test_a_risk_without_an_id_is_named_by_its_file(aims: AimsRepo) -> None:
    aims.write("risks/RISK-009.yaml", {"title": "No id", "owner": "ml-lead", "likelihood": 4, "impact": 4,
                                       "status": "assessed"})
    assert [(g.id, g.inherent, g.residual, g.level) for g in above_appetite_unaccepted(_facts(aims))] == \
        [("RISK-009", 16, 16, "high")]


def test_open_risks_by_level_in_the_manifest_s_order_with_its_colours(aims: AimsRepo) -> None:
    levels = [level | ({"colour": "#cc0000"} if level["name"] == "high" else {})
              for level in MANIFEST["risk_method"]["levels"]]
    aims.write("aims.yml", MANIFEST | {"risk_method": MANIFEST["risk_method"] | {"levels": levels}})
    aims.risk("RISK-003", likelihood=5, impact=5, residual={"likelihood": 3, "impact": 3})
    aims.risk("RISK-004", likelihood=5, impact=5, status="closed")
    assert risks_by_level(_facts(aims)) == [
        LevelCount("low", None, 1, 2), LevelCount("medium", None, 0, 1), LevelCount("high", "#cc0000", 1, 0),
        LevelCount("critical", None, 1, 0)]
