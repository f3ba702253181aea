"""Validation and the readiness report (and so the site's dashboard) judge a crafted repository alike.

Each case builds the clean mini repository plus one system on which two predicates once parted
ways, then asks both sides the same question about that system: they must give one answer, and
it must be the one governance/scope.py defines: ``in_scope: false`` takes a system out of
scope even when aims.yml lists it, and a retired system needs no current impact assessment.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import yaml
from mini_repos import build_repository

from aimskit import readiness, rules
from aimskit.rules.validation import validate
from aimskit.site.render import RenderContext, links, render

TODAY = dt.date(2026, 6, 1)

SYSTEM_003 = {
    "id": "SYS-003", "name": "Document classifier", "purpose": "Sorts incoming letters.",
    "intended_use": "Routing support for the post room.", "owner": "ml-lead", "lifecycle_stage": "operation",
    "provider": "in-house", "affected_parties": ["Customers"], "human_oversight": "Staff check the routing.",
    "eu_ai_act": {"tier": "minimal", "rationale": "No Annex III use."}, "next_review": "2099-12-31",
}


def write_yaml(path: Path, data: dict) -> None:
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")


def codes_on(findings, path: str) -> set[str]:
    return {f.code for f in findings if f.path == path}


def test_listed_in_scope_but_marked_out_of_scope_is_judged_alike(tmp_path: Path) -> None:
    root = build_repository(tmp_path / "aims")
    write_yaml(root / "systems" / "SYS-003.yaml", dict(SYSTEM_003, in_scope=False))
    manifest = yaml.safe_load((root / "aims.yml").read_text(encoding="utf-8"))
    manifest["scope"]["in_scope_systems"] = ["SYS-001", "SYS-002", "SYS-003"]
    write_yaml(root / "aims.yml", manifest)

    result = validate(root, rules.Options(today=TODAY))
    # SYS-003 has no risk and no impact assessment: in scope, rules say AIMS410 and readiness lists
    # it among the in-scope systems without an assessment; out of scope, neither says anything.
    assert codes_on(result.findings, "systems/SYS-003.yaml") <= {"AIMS410"}
    in_scope_for_rules = "AIMS410" in codes_on(result.findings, "systems/SYS-003.yaml")
    assessed = readiness.assess(result.repository, TODAY, result.findings)
    in_scope_for_readiness = "SYS-003" in {gap.id for gap in assessed.others_without_assessment}
    assert in_scope_for_rules == in_scope_for_readiness
    assert not in_scope_for_rules  # in_scope: false wins over the manifest's list


def test_retired_high_risk_system_without_assessment_is_judged_alike(tmp_path: Path) -> None:
    root = build_repository(tmp_path / "aims")
    write_yaml(root / "systems" / "SYS-003.yaml",
               dict(SYSTEM_003, lifecycle_stage="retired",
                    eu_ai_act={"tier": "high", "rationale": "Annex III employment use."}))
    risk = yaml.safe_load((root / "risks" / "RISK-002.yaml").read_text(encoding="utf-8"))
    write_yaml(root / "risks" / "RISK-003.yaml", dict(risk, id="RISK-003", systems=["SYS-003"]))

    result = validate(root, rules.Options(today=TODAY))
    assert codes_on(result.findings, "systems/SYS-003.yaml") <= {"AIMS409"}
    gap_for_rules = "AIMS409" in codes_on(result.findings, "systems/SYS-003.yaml")
    assessed = readiness.assess(result.repository, TODAY, result.findings)
    gap_for_readiness = "SYS-003" in {gap.id for gap in assessed.high_risk_without_assessment}
    dashboard = render(RenderContext(result.repository, TODAY, readiness=assessed))[links.DASHBOARD]
    gap_on_dashboard = "SYS-003" in dashboard
    assert gap_for_rules == gap_for_readiness == gap_on_dashboard
    assert not gap_for_rules  # a retired system needs no current assessment
