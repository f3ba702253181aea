"""assess(): documented information, Annex A, overdue reviews, risks and systems."""

from __future__ import annotations

import dataclasses
import json

import pytest
from aims_builder import MANIFEST, PAST, TODAY

from aimskit import reference, rules
from aimskit.readiness import Examples, Readiness, assess
from aimskit.readiness.documented import DERIVED, checks_for
from aimskit.records.findings import error, warning
from aimskit.records.model import load_repository
from aimskit.rules.validation import validate


def _assess(aims) -> Readiness:
    return assess(load_repository(aims.root), TODAY)


def _item(readiness: Readiness, clause: str, start: str = ""):
    [found] = [d for d in readiness.documented_information if d.clause == clause and d.item.startswith(start)]
    return found


def test_fixture_is_a_valid_repository(aims):
    assert validate(aims.root, rules.Options(today=TODAY)).findings == []


@pytest.mark.parametrize("entry", reference.documented_information(), ids=lambda e: f"{e['clause']} {e['item'][:30]}")
def test_every_documented_information_item_has_a_check(entry):
    found = checks_for(entry["clause"], entry["item"])
    assert found or entry["clause"].startswith("A."), "clause items need an entry in CHECKS"
    assert found == DERIVED or found is None or all(callable(check) for check in found)


def test_one_entry_per_reference_item_in_order(aims):
    readiness = _assess(aims)
    expected = [(e["clause"], e["item"]) for e in reference.documented_information()]
    assert [(d.clause, d.item) for d in readiness.documented_information] == expected


def test_draft_policy_does_not_meet_the_ai_policy(aims):
    aims.policy(status="draft")
    item = _item(_assess(aims), "5.2")
    assert (item.status, item.evidence) == ("partial", ("policies/POL-001.md",))
    assert _item(_assess(aims), "A.2.2").status == "partial"


def test_approved_policy_meets_the_ai_policy(aims):
    aims.policy(status="draft")
    aims.policy(status="approved")
    assert _item(_assess(aims), "5.2").status == "met"


def test_policy_citing_only_the_control_counts_and_retired_does_not(aims):
    aims.policy(clauses=[], controls=["A.2.2"])
    assert _item(_assess(aims), "5.2").status == "met"
    aims.policy(status="retired")
    assert _item(_assess(aims), "5.2").status == "missing"


def test_draft_soa_is_partial_and_approved_is_met(aims):
    aims.soa(status="draft")
    assert _item(_assess(aims), "6.1.3", "Statement").status == "partial"
    aims.soa(status="approved")
    assert _item(_assess(aims), "6.1.3", "Statement").status == "met"


def test_planned_audit_and_review_are_partial(aims):
    aims.write("records/audits/AUD-001.yaml", {
        "id": "AUD-001", "title": "Audit", "type": "internal", "scope": "All", "lead_auditor": "Jo",
        "planned": "2026-09-01", "status": "planned"})
    aims.write("records/management-reviews/MR-001.yaml", {
        "id": "MR-001", "title": "Review", "date": "2026-09-01", "chair": "top-management",
        "attendees": ["ml-lead"], "inputs": [{"topic": "t", "summary": "s"}], "status": "planned"})
    readiness = _assess(aims)
    assert _item(readiness, "9.2.2").status == "partial"
    assert _item(readiness, "9.3.3").status == "partial"
    (aims.root / "records/audits/AUD-001.yaml").unlink()
    assert _item(_assess(aims), "9.2.2").status == "missing"


def test_scope_placeholder_is_partial(aims):
    manifest = json.loads(json.dumps(MANIFEST))
    manifest["scope"]["statement"] = "TODO: describe the scope"
    aims.write("aims.yml", manifest)
    assert _item(_assess(aims), "4.3").status == "partial"


def test_excluded_control_item_is_not_applicable_and_not_counted(aims):
    before = _assess(aims)
    aims.soa(A_2_2={"status": "implemented", "implemented_by": ["POL-001"]},
             A_10_3={"applicable": False, "status": "excluded", "justification": "No suppliers."})
    after = _assess(aims)
    assert _item(after, "A.10.3").status == "not-applicable"
    assert after.overall.documented_total == before.overall.documented_total - 1


def test_control_implemented_needs_implementation_evidence_not_only_an_approved_policy(aims):
    aims.soa(A_3_3={"status": "implemented", "implemented_by": ["POL-002"]})
    aims.policy("POL-002", title="Concerns", clauses=[], controls=["A.3.3"], status="draft")
    assert _item(_assess(aims), "A.3.3").status == "partial"
    aims.policy("POL-002", title="Concerns", clauses=[], controls=["A.3.3"], status="approved")
    item = _item(_assess(aims), "A.3.3")
    assert item.status == "partial"
    assert "an approved policy says the rule exists, not that it is followed" in item.note
    (aims.root / "evidence").mkdir()
    (aims.root / "evidence" / "concerns-log.csv").write_text("date,concern\n2026-05-01,handled\n", encoding="utf-8")
    aims.soa(A_3_3={"status": "implemented", "implemented_by": ["POL-002"], "evidence": ["evidence/concerns-log.csv"]})
    item = _item(_assess(aims), "A.3.3")
    assert (item.status, item.evidence) == ("met", ("evidence/concerns-log.csv",))


def test_overdue_review_is_listed_with_its_owner(aims):
    aims.risk(next_review=PAST, owner="ml-lead")
    [overdue] = _assess(aims).overdue_reviews
    assert (overdue.kind, overdue.id, overdue.path, overdue.owner, overdue.due) == \
        ("risk", "RISK-001", "risks/RISK-001.yaml", "ml-lead", PAST)
    assert overdue.days_overdue == 135  # 2026-01-31 → 2026-06-15: 28 + 31 + 30 + 31 + 15 days


def test_objective_past_due_is_overdue_until_achieved(aims):
    objective = {"id": "OBJ-002", "title": "Explain", "measure": "m", "target": "t", "owner": "top-management",
                 "due": PAST, "status": "at-risk"}
    aims.write("objectives/OBJ-002.yaml", objective)
    assert [(o.id, o.field, o.owner) for o in _assess(aims).overdue_reviews] == [("OBJ-002", "due", "top-management")]
    aims.write("objectives/OBJ-002.yaml", objective | {"status": "achieved"})
    assert _assess(aims).overdue_reviews == ()


def test_retired_policy_and_closed_risk_are_not_overdue(aims):
    aims.policy("POL-009", status="retired", next_review=PAST)
    aims.risk("RISK-009", status="closed", next_review=PAST)
    assert _assess(aims).overdue_reviews == ()


def test_residual_risk_above_appetite_needs_an_acceptance(aims):
    aims.risk(residual={"likelihood": 3, "impact": 4})
    [gap] = _assess(aims).risks_above_appetite
    assert (gap.id, gap.owner, gap.inherent, gap.residual, gap.level, gap.appetite) == \
        ("RISK-001", "ml-lead", 16, 12, "high", 9)
    assert _item(_assess(aims), "6.1.3", "AI risk treatment plan").status == "partial"
    aims.risk(residual={"likelihood": 3, "impact": 4},
              acceptance={"by": "ai-governance-lead", "date": "2026-05-01", "rationale": "Monitored weekly."})
    assert _assess(aims).risks_above_appetite == ()
    assert _item(_assess(aims), "6.1.3", "AI risk treatment plan").status == "met"


def test_risk_without_residual_is_judged_on_its_inherent_score(aims):
    aims.risk("RISK-003", likelihood=5, impact=2, residual=None)
    text = (aims.root / "risks/RISK-003.yaml").read_text().replace("residual: null\n", "")
    (aims.root / "risks/RISK-003.yaml").write_text(text)
    assert [g.id for g in _assess(aims).risks_above_appetite] == ["RISK-003"]


def test_risks_by_level_follow_the_manifest_order(aims):
    aims.risk("RISK-003", likelihood=5, impact=5, residual={"likelihood": 3, "impact": 3})
    aims.risk("RISK-004", status="closed")
    counts = [(lv.level, lv.inherent, lv.residual) for lv in _assess(aims).risks_by_level]
    assert counts == [("low", 1, 2), ("medium", 0, 1), ("high", 1, 0), ("critical", 1, 0)]


def test_soa_counts(aims):
    aims.soa(drop=("A.9.4",), A_2_2={"status": "implemented", "implemented_by": ["POL-001"]},
             A_4_2={"status": "implemented", "evidence": ["systems/SYS-001.yaml"]},
             A_4_3={"status": "implemented", "evidence": ["README.md"]},
             A_10_4={"applicable": False, "status": "excluded", "justification": "No customers."},
             A_8_3={"status": "in-progress"})
    annex = _assess(aims).annex_a
    # A.2.2 rests on the audit that names it, A.4.2 on a file; README.md at A.4.3 shows nothing operating
    assert (annex.total, annex.applicable, annex.excluded, annex.undecided, annex.implemented) == (38, 36, 1, 1, 2)
    assert annex.by_status == {"not-started": 0, "planned": 32, "in-progress": 1, "implemented": 3, "excluded": 1}
    decisions = {c.control: c for c in annex.controls}
    assert (decisions["A.9.4"].decision, decisions["A.9.4"].status) == ("undecided", None)
    assert decisions["A.2.2"].implemented_by == ("POL-001",)
    assert [c.control for c in annex.controls] == list(reference.controls())
    overall = _assess(aims).overall
    assert (overall.controls_implemented, overall.controls_applicable, overall.controls_share) == (2, 36, 0.0556)


def test_systems_by_tier_and_missing_assessments(aims):
    readiness = _assess(aims)
    assert readiness.systems_by_tier == {"prohibited": 0, "high": 1, "limited": 0, "minimal": 1,
                                         "not-applicable": 0, "unclassified": 0}
    assert readiness.high_risk_without_assessment == ()
    assert [g.id for g in readiness.others_without_assessment] == ["SYS-002"]


def test_draft_or_overdue_assessment_leaves_a_high_risk_gap(aims):
    aims.assessment(status="draft")
    readiness = _assess(aims)
    [gap] = readiness.high_risk_without_assessment
    assert (gap.id, gap.tier, gap.assessments) == ("SYS-001", "high", ("AIA-001",))
    assert [g.id for g in readiness.others_without_assessment] == ["SYS-002"]
    aims.assessment(next_review=PAST)
    assert [g.id for g in _assess(aims).high_risk_without_assessment] == ["SYS-001"]
    assert _item(_assess(aims), "6.1.4").status == "partial"


def test_out_of_scope_system_needs_no_assessment(aims):
    aims.system("SYS-002", "minimal", in_scope=False)
    readiness = _assess(aims)
    assert readiness.others_without_assessment == ()
    assert _item(readiness, "6.1.4").status == "met"


def test_overall_share_counts_met_items(aims):
    overall = _assess(aims).overall
    met = [d for d in _assess(aims).documented_information if d.status == "met"]
    assert overall.documented_met == len(met)
    assert overall.documented_share == round(len(met) / overall.documented_total, 4)


def test_as_dict_is_json(aims):
    readiness = _assess(aims)
    data = json.loads(json.dumps(readiness.as_dict()))
    assert data["date"] == TODAY.isoformat()
    assert data["organisation"] == "Readiness Test Ltd"
    assert len(data["documented_information"]) == len(reference.documented_information())
    assert data["annex_a"]["controls"][0]["control"] == "A.2.2"


def test_broken_records_do_not_stop_the_assessment(aims):
    aims.risk(likelihood="high", residual="low", treatment=["modify"], acceptance="yes")
    aims.write("soa.yaml", {"controls": "all of them", "status": 3})
    (aims.root / "systems/SYS-003.yaml").write_text("id: [unclosed\n")
    result = validate(aims.root, rules.Options(today=TODAY))
    readiness = assess(result.repository, TODAY, result.findings)
    assert readiness.errors > 0
    assert readiness.annex_a.undecided == 38


def test_management_system_needs_context_roles_and_a_policy_on_it(aims):
    assert _item(_assess(aims), "4.4").status == "partial"
    aims.policy("POL-002", title="AIMS manual", clauses=["4.4"], controls=[])
    item = _item(_assess(aims), "4.4")
    assert item.status == "met"
    assert {"aims.yml", "policies/POL-002.md", "roles/ml-lead.yaml"} <= set(item.evidence)


def test_overdue_soa_audit_and_review_are_listed(aims):
    soa = (aims.root / "soa.yaml").read_text().replace("next_review: '2027-06-30'", f"next_review: '{PAST}'")
    (aims.root / "soa.yaml").write_text(soa)
    aims.write("records/audits/AUD-002.yaml", {
        "id": "AUD-002", "title": "Audit", "type": "internal", "scope": "All", "lead_auditor": "Jo Auditor",
        "planned": PAST, "status": "planned"})
    overdue = {(o.kind, o.id, o.field, o.owner) for o in _assess(aims).overdue_reviews}
    assert overdue == {("soa", "soa", "next_review", "ai-governance-lead"),
                       ("audit", "AUD-002", "planned", "Jo Auditor")}


def test_system_without_a_known_tier_is_unclassified(aims):
    aims.system("SYS-003", "very-high")
    assert _assess(aims).systems_by_tier["unclassified"] == 1


def test_an_audit_or_review_held_more_than_a_cycle_ago_is_overdue_until_the_next_is_planned(aims):
    assert [o.id for o in _assess(aims).overdue_reviews] == []
    old = {"id": "AUD-001", "title": "Internal audit 2024", "type": "internal", "scope": "Whole AIMS",
           "lead_auditor": "Jo Auditor", "planned": "2024-04-01", "performed": "2024-04-02", "status": "completed",
           "findings": [{"type": "observation", "description": "Fine."}]}
    aims.write("records/audits/AUD-001.yaml", old)
    [overdue] = _assess(aims).overdue_reviews
    assert (overdue.kind, overdue.id, overdue.owner, overdue.field, overdue.due, overdue.days_overdue) == \
        ("audit", "AUD-001", "Jo Auditor", "next audit", "2025-04-02", 439)
    planned = {k: v for k, v in old.items() if k not in ("performed", "findings")}
    aims.write("records/audits/AUD-002.yaml", {**planned, "id": "AUD-002", "title": "Internal audit 2026",
                                               "planned": "2026-09-01", "status": "planned"})
    assert _assess(aims).overdue_reviews == ()


def test_a_control_counts_as_implemented_only_with_what_its_own_definition_asks(aims):
    def evidence() -> dict:  # a list of its own each: the same list twice would dump as a YAML alias
        return {"status": "implemented", "evidence": ["roles/ai-governance-lead.yaml"]}

    aims.soa(A_3_2=evidence(), A_5_3=evidence())
    aims.assessment("AIA-002", systems=["SYS-002"])
    implemented = {c.control for c in _assess(aims).annex_a.controls if c.status == "implemented"}
    assert {"A.3.2", "A.5.3"} <= implemented
    assert _assess(aims).annex_a.implemented == 2  # both, on a roles file, every role held and every system assessed
    aims.role("ml-lead", authorities=[], holders=[{"name": "ML team (replace with the lead)"}])
    assert _assess(aims).annex_a.implemented == 1  # A.3.2: a role whose only holder is a placeholder
    (aims.root / "impact-assessments" / "AIA-002.md").unlink()
    assert _assess(aims).annex_a.implemented == 0  # A.5.3: SYS-002 has no impact assessment


def test_findings_are_counted_by_severity(aims):
    findings = [error("a.yaml", 1, 1, "AIMS101", "x"), error("b.yaml", 1, 1, "AIMS101", "x"),
                warning("c.yaml", 1, 1, "AIMS501", "y")]
    readiness = assess(load_repository(aims.root), TODAY, findings)
    assert (readiness.errors, readiness.warnings) == (2, 1)
    assert (_assess(aims).errors, _assess(aims).warnings) == (0, 0)


def test_overall_leaves_not_applicable_items_out_and_counts_partial_ones(aims):
    aims.soa(A_2_2={"status": "implemented", "implemented_by": ["POL-001"]},
             A_4_4={"applicable": False, "status": "excluded", "justification": "No tools."})
    readiness = _assess(aims)
    counted = [d for d in readiness.documented_information if d.status != "not-applicable"]
    assert len(counted) < len(readiness.documented_information)
    overall = readiness.overall
    assert overall.documented_total == len(counted)
    assert overall.documented_met == sum(1 for d in counted if d.status == "met")
    assert overall.documented_partial == sum(1 for d in counted if d.status == "partial") > 0
    assert (overall.controls_implemented, overall.controls_applicable) == \
        (readiness.annex_a.implemented, readiness.annex_a.applicable)


def test_shares_are_zero_with_nothing_to_count(aims):
    (aims.root / "soa.yaml").unlink()
    overall = _assess(aims).overall
    assert (overall.controls_implemented, overall.controls_applicable, overall.controls_share) == (0, 0, 0.0)


def test_examples_are_listed_and_their_figures_kept_apart(aims):
    aims.policy("POL-009", example=True, title="Example policy", clauses=["5.2"], controls=[])
    aims.policy(status="draft")
    readiness = _assess(aims)
    assert (readiness.examples.records, readiness.examples.paths) == (1, ("policies/POL-009.md",))
    item = _item(readiness, "5.2")
    assert (item.status, item.with_examples) == ("partial", "met")
    assert readiness.examples.documented_met > readiness.overall.documented_met
    assert (readiness.examples.controls_implemented, readiness.overall.controls_implemented) == (1, 0)
    assert not readiness.rests_on_examples
    (aims.root / "policies/POL-009.md").unlink()
    plain = _assess(aims)
    assert all(d.with_examples == d.status for d in plain.documented_information)
    assert plain.examples == Examples(0, (), 0, 0)


def test_the_report_rests_on_examples_only_when_nothing_of_its_own_is_met(aims):
    readiness = _assess(aims)
    assert readiness.examples.records == 0 and not readiness.rests_on_examples
    empty = dataclasses.replace(readiness, overall=dataclasses.replace(readiness.overall, documented_met=0))
    assert not empty.rests_on_examples
    assert dataclasses.replace(empty, examples=dataclasses.replace(empty.examples, records=1)).rests_on_examples


def test_each_item_keeps_the_kind_of_documented_information_the_reference_gives(aims):
    kinds_of = {(d.clause, d.item): d.kind for d in _assess(aims).documented_information}
    assert kinds_of[("4.3", "Scope of the AI management system")] == "document"
    assert {entry["kind"] for entry in reference.documented_information()} == set(kinds_of.values())
