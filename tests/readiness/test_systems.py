"""AI systems by EU AI Act tier and live systems without a current impact assessment
(aimskit.readiness.systems): every field the report and the dashboard show."""

from __future__ import annotations

from aims_builder import PAST, TODAY, AimsRepo

from aimskit.readiness.facts import Facts
from aimskit.readiness.systems import SystemGap, systems_by_tier, without_assessment
from aimskit.records.model import load_repository


def _facts(aims: AimsRepo) -> Facts:
    return Facts(load_repository(aims.root), TODAY)


def test_live_systems_are_counted_per_tier_every_tier_listed(aims: AimsRepo) -> None:
    aims.system("SYS-003", "high")
    aims.system("SYS-004", "prohibited")
    aims.system("SYS-005", "limited")
    aims.system("SYS-006", "not-applicable")
    aims.system("SYS-007", "very-high")
    aims.system("SYS-008", "high", lifecycle_stage="retired")
    aims.system("SYS-009", "", eu_ai_act=None)
    assert systems_by_tier(_facts(aims)) == {"prohibited": 1, "high": 2, "limited": 1, "minimal": 1,
                                             "not-applicable": 1, "unclassified": 2}


def test_systems_without_a_current_assessment_give_every_field_by_id(aims: AimsRepo) -> None:
    assert without_assessment(_facts(aims)) == [
        SystemGap("SYS-002", "systems/SYS-002.yaml", "System SYS-002", "ml-lead", "minimal", ())]
    aims.assessment(next_review=PAST)
    aims.assessment("AIA-002", systems=["SYS-001", "SYS-002"], status="draft")
    aims.system("SYS-000", "high", in_scope=False, name="Chatbot", owner="ai-governance-lead").rename(
        aims.root / "systems" / "ZZZ.yaml")
    aims.system("SYS-003", "minimal", in_scope=False)
    aims.system("SYS-004", "high", lifecycle_stage="retired")
    assert without_assessment(_facts(aims)) == [
        SystemGap("SYS-000", "systems/ZZZ.yaml", "Chatbot", "ai-governance-lead", "high", ()),
        SystemGap("SYS-001", "systems/SYS-001.yaml", "System SYS-001", "ml-lead", "high", ("AIA-001", "AIA-002")),
        SystemGap("SYS-002", "systems/SYS-002.yaml", "System SYS-002", "ml-lead", "minimal", ("AIA-002",))]
    aims.assessment("AIA-003", systems=["SYS-001", "SYS-002", "SYS-000"])
    assert without_assessment(_facts(aims)) == []
