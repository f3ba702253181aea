"""The checks that look for a citing record (aimskit.readiness.checks): a policy whose approval counts,
an objective that counts, each with its status, its evidence and the note a reader sees."""

from __future__ import annotations

import typing as t

import pytest
from aims_builder import FUTURE, MANIFEST, TODAY, AimsRepo

from aimskit.governance.guidance import soa_guidance
from aimskit.readiness import checks
from aimskit.readiness.facts import Facts
from aimskit.readiness.outcome import Outcome
from aimskit.records import kinds
from aimskit.records.model import load_repository

PARTIAL_POLICY = "no policy citing it has an approval that counts ({})"


def _facts(aims: AimsRepo) -> Facts:
    return Facts(load_repository(aims.root), TODAY)


def _policies(aims: AimsRepo, clauses: tuple[str, ...] = ("5.2",), controls: tuple[str, ...] = ("A.2.2",)) -> Outcome:
    return checks.policies_citing(_facts(aims), clauses=clauses, controls=controls)


def test_an_approved_policy_citing_a_clause_or_a_control_meets_it(aims: AimsRepo) -> None:
    met = Outcome("met", ("policies/POL-001.md",), "approved policy")
    assert _policies(aims) == met
    assert _policies(aims, clauses=("5.2",), controls=()) == met
    assert _policies(aims, clauses=(), controls=("A.2.2",)) == met
    assert checks.policy_citing(clauses=("5.2",))(_facts(aims)) == met
    assert checks.policy_citing(controls=("A.2.2",))(_facts(aims)) == met


def test_no_policy_citing_names_what_is_wanted(aims: AimsRepo) -> None:
    assert _policies(aims, clauses=("7.5",), controls=("A.3.2", "A.3.3")) == \
        Outcome("missing", (), "no policy cites 7.5, A.3.2, A.3.3")
    assert checks.policy_citing(controls=("A.9.2",))(_facts(aims)) == Outcome("missing", (), "no policy cites A.9.2")


def test_a_retired_policy_does_not_cite_anything(aims: AimsRepo) -> None:
    aims.policy(status="retired")
    assert _policies(aims) == Outcome("missing", (), "no policy cites 5.2, A.2.2")


def test_a_draft_policy_is_partial_and_the_note_says_why(aims: AimsRepo) -> None:
    aims.policy(status="draft")
    assert _policies(aims) == Outcome("partial", ("policies/POL-001.md",),
                                      PARTIAL_POLICY.format("POL-001: status draft"))


def test_the_note_gives_the_first_three_reasons_and_an_approved_policy_meets_it_alone(aims: AimsRepo) -> None:
    aims.policy(status="draft")
    aims.policy("POL-002", approved_on=FUTURE)
    aims.policy("POL-003", approver="ml-lead")
    aims.policy("POL-004", status="review")
    outcome = _policies(aims)
    assert outcome == Outcome("partial", tuple(f"policies/POL-00{n}.md" for n in (1, 2, 3, 4)), PARTIAL_POLICY.format(
        "POL-001: status draft; POL-002: no approval date (approved_on) on or before the day assessed; "
        "POL-003: approver 'ml-lead' does not hold approve-policy"))
    aims.policy("POL-005")
    assert _policies(aims) == Outcome("met", ("policies/POL-005.md",), "approved policy")


def _objective(aims: AimsRepo, record_id: str, controls: list[str], **fields: object) -> None:
    aims.write(f"objectives/{record_id}.yaml", {
        "id": record_id, "title": "Fairness tested", "measure": "Share of releases tested", "target": "100%",
        "owner": "ml-lead", "due": FUTURE, "status": "on-track", "controls": controls} | fields)


def test_an_objective_that_counts_citing_the_control_meets_it(aims: AimsRepo) -> None:
    _objective(aims, "OBJ-002", ["A.6.1.2", "A.9.3"])
    _objective(aims, "OBJ-003", ["A.6.1.2"], target="all of them")
    met = Outcome("met", ("objectives/OBJ-002.yaml",), "objectives")
    assert checks.objectives_of_control(_facts(aims), control="A.6.1.2") == met
    assert checks.objectives_of_control(_facts(aims), control="A.9.3") == met
    assert checks.objectives_citing("A.9.3")(_facts(aims)) == met


@pytest.mark.parametrize("problem", [{"target": "all of them"}, {"measure": ""}, {"owner": "nobody"}])
def test_an_objective_that_does_not_count_is_partial(aims: AimsRepo, problem: dict[str, str]) -> None:
    _objective(aims, "OBJ-002", ["A.9.3"], **problem)
    assert checks.objectives_citing("A.9.3")(_facts(aims)) == Outcome(
        "partial", ("objectives/OBJ-002.yaml",), "the objectives citing it are not measurable and owned")


def test_no_objective_citing_the_control_names_it(aims: AimsRepo) -> None:
    _objective(aims, "OBJ-002", ["A.6.1.2"])
    assert checks.objectives_citing("A.9.3")(_facts(aims)) == Outcome("missing", (), "no objective cites A.9.3")


def _check(aims: AimsRepo, name: str) -> Outcome:
    return getattr(checks, name)(_facts(aims))


def _manifest(aims: AimsRepo, **fields: t.Any) -> None:
    aims.write("aims.yml", {key: value for key, value in (MANIFEST | fields).items() if value is not None})


def test_scope_is_met_by_a_statement_of_the_organisation_s_own(aims: AimsRepo) -> None:
    assert _check(aims, "scope") == Outcome("met", ("aims.yml",), "scope.statement")
    _manifest(aims, scope={"statement": "TBD"})
    assert _check(aims, "scope") == Outcome("partial", ("aims.yml",), "scope.statement still holds placeholder text")
    _manifest(aims, scope={"statement": "  "})
    assert _check(aims, "scope") == Outcome("missing", (), "aims.yml has no scope.statement")
    _manifest(aims, scope=None)
    assert _check(aims, "scope") == Outcome("missing", (), "aims.yml has no scope.statement")


CONTEXT_MET = Outcome("met", ("aims.yml",), "context issues and interested parties")
CONTEXT_PARTIAL = Outcome("partial", ("aims.yml",), "context issues or interested parties missing or placeholders")
CONTEXT_MISSING = Outcome("missing", (), "aims.yml lists no context issues or interested parties")


@pytest.mark.parametrize(("context", "parties", "outcome"), [
    ({"internal_issues": ["One team."], "external_issues": ["Customers ask."]}, [{"name": "Customers"}], CONTEXT_MET),
    ({"internal_issues": ["One team."]}, [{"name": "Customers"}], CONTEXT_MET),
    ({"external_issues": ["Customers ask."]}, [{"name": "Customers"}], CONTEXT_MET),
    ({"internal_issues": ["One team."]}, None, CONTEXT_PARTIAL),
    (None, [{"name": "Customers"}], CONTEXT_PARTIAL),
    ({"internal_issues": ["TODO"]}, [{"name": "Customers"}], CONTEXT_PARTIAL),
    ({"internal_issues": ["One team."]}, [{"name": "Customers", "needs": "(replace with their needs)"}],
     CONTEXT_PARTIAL),
    (None, None, CONTEXT_MISSING),
    ({"internal_issues": [], "external_issues": []}, [], CONTEXT_MISSING),
])
def test_context_needs_issues_and_interested_parties_without_placeholders(
        aims: AimsRepo, context: t.Any, parties: t.Any, outcome: Outcome) -> None:
    _manifest(aims, context=context, interested_parties=parties)
    assert _check(aims, "context") == outcome


ROLES = ("roles/ai-governance-lead.yaml", "roles/ml-lead.yaml", "roles/top-management.yaml")
NAMED = "roles with a named holder (not a placeholder)"


def test_roles_are_met_when_every_role_has_a_named_holder(aims: AimsRepo) -> None:
    assert _check(aims, "roles") == Outcome("met", ROLES, f"{NAMED}: 3 of 3")
    aims.role("auditor", holders=[{"name": "(replace with a name)"}])
    assert _check(aims, "roles") == Outcome("partial", ROLES, f"{NAMED}: 3 of 4")
    for role in ROLES:
        aims.write(role, {"id": role.split("/")[1].split(".")[0], "title": "Role", "holders": []})
    assert _check(aims, "roles") == Outcome("missing", (), f"no {NAMED} yet (4 needed)")
    for path in (aims.root / "roles").iterdir():
        path.unlink()
    assert _check(aims, "roles") == Outcome("missing", (), "no role in roles/")


def test_the_risk_method_needs_scales_levels_and_an_appetite(aims: AimsRepo) -> None:
    assert _check(aims, "risk_method") == Outcome("met", ("aims.yml",), "risk_method with levels and appetite")
    incomplete = Outcome("partial", ("aims.yml",), "risk_method incomplete (scales, levels or appetite)")
    for drop in ("levels", "likelihood", "impact", "appetite"):
        _manifest(aims, risk_method={k: v for k, v in MANIFEST["risk_method"].items() if k != drop})
        assert _check(aims, "risk_method") == incomplete, drop
    _manifest(aims, risk_method=MANIFEST["risk_method"] | {"appetite": 0})
    assert _check(aims, "risk_method") == incomplete
    _manifest(aims, risk_method=MANIFEST["risk_method"] | {"appetite": 1})
    assert _check(aims, "risk_method").status == "met"
    _manifest(aims, risk_method=None)
    assert _check(aims, "risk_method") == Outcome("missing", (), "aims.yml has no risk_method")


RISKS = ("risks/RISK-001.yaml", "risks/RISK-002.yaml")
UNOWNED = "owned by a role with a holder who names a person"


@pytest.mark.parametrize("status", ["assessed", "treating", "accepted", "closed"])
def test_a_risk_is_assessed_from_status_assessed_on(aims: AimsRepo, status: str) -> None:
    aims.risk(status=status)
    aims.risk("RISK-002", systems=["SYS-002"], status="identified")
    assert _check(aims, "risks_assessed") == Outcome("met", ("risks/RISK-001.yaml",), "assessed risks")


def test_risks_identified_or_unowned_are_not_assessed(aims: AimsRepo) -> None:
    aims.risk(status="identified")
    aims.risk("RISK-002", systems=["SYS-002"], owner="nobody")
    assert _check(aims, "risks_assessed") == Outcome(
        "partial", RISKS, f"risks identified but none assessed and {UNOWNED}")
    for path in (aims.root / "risks").iterdir():
        path.unlink()
    assert _check(aims, "risks_assessed") == Outcome("missing", (), "no risk recorded in risks/")
    assert _check(aims, "risks_treated") == Outcome("missing", (), "no risk recorded in risks/")
    assert _check(aims, "acceptances") == Outcome("missing", (), "no risk recorded in risks/")


def test_a_risk_is_treated_by_owned_controls_or_actions(aims: AimsRepo) -> None:
    assert _check(aims, "risks_treated") == Outcome("met", RISKS, "risks with treatment controls or actions")
    aims.risk(treatment={"option": "modify", "controls": ["A.2.2"]})
    aims.risk("RISK-002", systems=["SYS-002"], treatment={"option": "modify", "actions": [{"description": "Tests"}]})
    assert _check(aims, "risks_treated") == Outcome("met", RISKS, "risks with treatment controls or actions")
    aims.risk(treatment={"option": "modify"})
    aims.risk("RISK-002", systems=["SYS-002"], owner="nobody")
    assert _check(aims, "risks_treated") == Outcome(
        "partial", RISKS, f"no risk {UNOWNED} names treatment controls or actions")


PLANS = f"treatment plans approved (treatment.approved_by and approved_on) of risks {UNOWNED}"
TREATMENT = {"option": "modify", "controls": ["A.2.2"], "approved_by": "ai-governance-lead",
             "approved_on": "2026-01-20"}


def test_treatment_plans_need_an_approver_who_may_and_a_date(aims: AimsRepo) -> None:
    assert _check(aims, "treatment_plans_approved") == Outcome("met", RISKS, f"{PLANS}: 2 of 2")
    for change in ({"approved_by": "ml-lead"}, {"approved_by": "nobody"}, {"approved_on": FUTURE},
                   {"approved_on": None}):
        aims.risk("RISK-002", systems=["SYS-002"], treatment=TREATMENT | change)
        assert _check(aims, "treatment_plans_approved") == \
            Outcome("partial", ("risks/RISK-001.yaml",), f"{PLANS}: 1 of 2"), change
    aims.risk(owner="nobody")
    assert _check(aims, "treatment_plans_approved") == Outcome("missing", (), f"no {PLANS} yet (2 needed)")


def test_only_assessed_open_risks_need_an_approved_plan(aims: AimsRepo) -> None:
    aims.risk("RISK-002", systems=["SYS-002"], status="closed", treatment=TREATMENT | {"approved_by": "ml-lead"})
    assert _check(aims, "treatment_plans_approved") == Outcome("met", ("risks/RISK-001.yaml",), f"{PLANS}: 1 of 1")
    aims.risk(status="identified")
    assert _check(aims, "treatment_plans_approved") == Outcome("missing", (), "no assessed open risk in risks/")


def test_residual_risks_above_appetite_need_an_acceptance(aims: AimsRepo) -> None:
    met = "no residual risk above appetite without acceptance"
    assert _check(aims, "acceptances") == Outcome("met", (), met)
    aims.risk(residual={"likelihood": 4, "impact": 3})
    aims.risk("RISK-002", systems=["SYS-002"], residual={"likelihood": 5, "impact": 2})
    assert _check(aims, "acceptances") == Outcome("partial", RISKS, "2 risk(s) above appetite without acceptance")
    aims.risk(residual={"likelihood": 4, "impact": 3},
              acceptance={"by": "ai-governance-lead", "date": "2026-05-01", "rationale": "Monitored weekly."})
    assert _check(aims, "acceptances") == Outcome(
        "partial", ("risks/RISK-002.yaml",), "1 risk(s) above appetite without acceptance")
    aims.risk("RISK-002", systems=["SYS-002"], residual={"likelihood": 5, "impact": 2}, status="closed")
    assert _check(aims, "acceptances") == Outcome("met", ("risks/RISK-001.yaml",), met)


NO_SOA = Outcome("missing", (), "no soa.yaml of the organisation's own")


def test_the_soa_is_met_by_its_approval(aims: AimsRepo) -> None:
    assert _check(aims, "soa_approved") == Outcome("met", ("soa.yaml",), "approved SoA")
    aims.soa(status="draft")
    assert _check(aims, "soa_approved") == Outcome(
        "partial", ("soa.yaml",), "soa.yaml's approval does not count: status draft")
    (aims.root / "soa.yaml").unlink()
    assert _check(aims, "soa_approved") == NO_SOA
    assert _check(aims, "controls_decided") == NO_SOA


def test_every_control_of_the_soa_is_decided_and_justified(aims: AimsRepo) -> None:
    assert _check(aims, "controls_decided") == Outcome(
        "met", ("soa.yaml",), "every Annex A control decided and justified")
    guidance = sorted(soa_guidance())[0]
    aims.soa(drop=("A.2.3",), A_2_2={"applicable": "yes"}, A_2_4={"justification": "TBD"},
             A_3_2={"justification": guidance}, A_3_3={"applicable": False, "justification": "Not used here."})
    assert _check(aims, "controls_decided") == Outcome(
        "partial", ("soa.yaml",), "4 control(s) undecided or justified by placeholder or the template's guidance text")


IMPACT = "in-scope systems have a current approved impact assessment"


def test_each_in_scope_system_needs_a_current_approved_impact_assessment(aims: AimsRepo) -> None:
    assert _check(aims, "impact_assessments") == Outcome(
        "partial", ("impact-assessments/AIA-001.md",), f"1 of 2 {IMPACT}")
    aims.assessment("AIA-002", systems=["SYS-002"])
    both = ("impact-assessments/AIA-001.md", "impact-assessments/AIA-002.md")
    assert _check(aims, "impact_assessments") == Outcome("met", both, f"2 of 2 {IMPACT}")
    aims.assessment("AIA-003", systems=["SYS-002"], status="draft")
    assert _check(aims, "impact_assessments") == Outcome("met", both, f"2 of 2 {IMPACT} (AIA-003: status draft)")


def test_the_note_says_why_an_assessment_does_not_count_three_at_most(aims: AimsRepo) -> None:
    aims.assessment(next_review="2026-01-31")
    aims.assessment("AIA-002", systems=["SYS-002"], assessed="2025-01-10", next_review=None)
    aims.assessment("AIA-003", systems=["SYS-002"], approver="ml-lead")
    aims.assessment("AIA-004", systems=["SYS-002"], status="draft")
    assert _check(aims, "impact_assessments") == Outcome(
        "partial", tuple(f"impact-assessments/AIA-00{n}.md" for n in (1, 2, 3, 4)),
        f"0 of 2 {IMPACT} (AIA-001: its next review was due 2026-01-31; "
        "AIA-002: held 2025-01-10, more than the 12-month review cycle ago; "
        "AIA-003: approver 'ml-lead' does not hold approve-impact-assessment)")


def test_impact_assessments_are_missing_without_any_or_without_in_scope_systems(aims: AimsRepo) -> None:
    (aims.root / "impact-assessments" / "AIA-001.md").unlink()
    assert _check(aims, "impact_assessments") == Outcome("missing", (), f"0 of 2 {IMPACT}")
    aims.system("SYS-001", "high", lifecycle_stage="retired")
    aims.system("SYS-002", "minimal", in_scope=False)
    assert _check(aims, "impact_assessments") == Outcome("missing", (), "no in-scope AI system in systems/")


@pytest.mark.parametrize(("fields", "problem"), [
    ({}, None),
    ({"target": "by 2026-12-31"}, None),
    ({"target": "0 complaints"}, None),
    ({"measure": ""}, "measure or target missing or placeholder text"),
    ({"target": None}, "measure or target missing or placeholder text"),
    ({"measure": "TBD"}, "measure or target missing or placeholder text"),
    ({"target": "(replace with a number)"}, "measure or target missing or placeholder text"),
    ({"target": "all of them"}, "target 'all of them' is not measurable (give a number or a date)"),
    ({"owner": "nobody"}, "owner 'nobody' is not a role with a holder who names a person"),
    ({"owner": None}, "owner '' is not a role with a holder who names a person"),
])
def test_objective_problem_says_why_an_objective_does_not_count(aims: AimsRepo, fields: dict[str, t.Any],
                                                                problem: str | None) -> None:
    _objective(aims, "OBJ-001", [], **fields)
    [record] = _facts(aims).of(kinds.OBJECTIVE)
    assert checks.objective_problem(_facts(aims), record) == problem


def test_objectives_are_met_by_one_that_counts_and_the_note_gives_three_reasons(aims: AimsRepo) -> None:
    assert _check(aims, "objectives") == Outcome("met", ("objectives/OBJ-001.yaml",), "AI objectives")
    _objective(aims, "OBJ-001", [], target="all")
    _objective(aims, "OBJ-002", [], owner="nobody")
    _objective(aims, "OBJ-003", [], measure="TBD")
    _objective(aims, "OBJ-004", [], target="most")
    assert _check(aims, "objectives") == Outcome(
        "partial", tuple(f"objectives/OBJ-00{n}.yaml" for n in (1, 2, 3, 4)),
        "no objective is measurable and owned (OBJ-001: target 'all' is not measurable (give a number or a date); "
        "OBJ-002: owner 'nobody' is not a role with a holder who names a person; "
        "OBJ-003: measure or target missing or placeholder text)")
    _objective(aims, "OBJ-005", [])
    assert _check(aims, "objectives") == Outcome("met", ("objectives/OBJ-005.yaml",), "AI objectives")
    for path in (aims.root / "objectives").iterdir():
        path.unlink()
    assert _check(aims, "objectives") == Outcome("missing", (), "no AI objective in objectives/")
