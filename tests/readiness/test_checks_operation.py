"""The checks for clauses 7 to 10 (aimskit.readiness.checks_operation): each status with its evidence
and the exact note a reader of the readiness report sees."""

from __future__ import annotations

import copy
import typing as t

import pytest
from aims_builder import EVIDENCE, FUTURE, MANIFEST, TODAY, AimsRepo

from aimskit.readiness import checks_operation as checks
from aimskit.readiness.facts import Facts
from aimskit.readiness.outcome import Outcome
from aimskit.records import kinds
from aimskit.records.model import load_repository

UNOWNED = "owned by a role with a holder who names a person"
HINT = " (a role's 'evidence' line says what to look for; record it per holder in competence_evidence)"


def _check(aims: AimsRepo, name: str) -> Outcome:
    return getattr(checks, name)(Facts(load_repository(aims.root), TODAY))


def _holder(name: str, *evidence: dict[str, t.Any]) -> dict[str, t.Any]:
    return {"name": name, "competence_evidence": copy.deepcopy(list(evidence))}  # no YAML aliases


def test_with_reasons_adds_the_first_two_distinct_reasons() -> None:
    assert checks.with_reasons("note", []) == "note"
    assert checks.with_reasons("note", ["a", "a", "b"]) == "note (a)"
    assert checks.with_reasons("note", ["a", "b", "c"]) == "note (a; b)"


def test_competence_is_met_when_every_holder_has_dated_evidence(aims: AimsRepo) -> None:
    assert _check(aims, "competence") == Outcome(
        "met", ("roles/ml-lead.yaml",), "holders with competence evidence: 1 of 1")
    aims.role("ml-lead", competence=[{"requirement": "ML"}],
              holders=[_holder("Sam Rivera", EVIDENCE),
                       _holder("Ana Silva", EVIDENCE | {"location": "https://x.example"}),
                       _holder("Bo Chen", EVIDENCE | {"date": FUTURE}), _holder("Di Park", EVIDENCE | {"record": ""}),
                       _holder("TBD", EVIDENCE), "Eve"])
    assert _check(aims, "competence") == Outcome(
        "partial", ("roles/ml-lead.yaml",),
        "holders with competence evidence: 1 of 5 ('https://x.example' is only claimed: give a description and a "
        "date with the link)" + HINT)


def test_competence_without_evidence_points_to_the_roles_that_state_it(aims: AimsRepo) -> None:
    aims.role("ml-lead", competence=[{"requirement": "ML"}], holders=[
        _holder("Sam Rivera", EVIDENCE | {"location": "missing.pdf"}, EVIDENCE | {"location": "gone.pdf"},
                EVIDENCE | {"location": "lost.pdf"})])
    assert _check(aims, "competence") == Outcome(
        "partial", ("roles/ml-lead.yaml",),
        "holders with competence evidence: 0 of 1 ('missing.pdf' does not exist in the repository; "
        "'gone.pdf' does not exist in the repository)" + HINT)
    aims.role("ml-lead", competence=[{"requirement": "ML"}], holders=[])
    assert _check(aims, "competence") == Outcome(
        "partial", ("roles/ml-lead.yaml",), "holders with competence evidence: 0 of 0" + HINT)
    aims.role("ml-lead", competence=[])
    assert _check(aims, "competence") == Outcome("missing", (), "no role states competence requirements")


def _documents(aims: AimsRepo, *changes: dict[str, t.Any]) -> None:
    [document] = MANIFEST["external_documents"]
    aims.write("aims.yml", MANIFEST | {"external_documents": [copy.deepcopy(document | change) for change in changes]})


def test_external_documents_need_a_source_an_owner_and_a_review_date(aims: AimsRepo) -> None:
    note = "external documents identified and controlled"
    assert _check(aims, "external_documents") == Outcome("met", ("aims.yml",), f"{note}: 1 of 1")
    _documents(aims, {}, {"owner": "nobody"}, {"reviewed": FUTURE}, {"source": "https://eur-lex.europa.eu"},
               {"source": "laws/act.pdf"})
    assert _check(aims, "external_documents") == Outcome(
        "partial", ("aims.yml",), f"{note}: 1 of 5 ('https://eur-lex.europa.eu' is only claimed: give a description "
        "and a date with the link; 'laws/act.pdf' does not exist in the repository)")
    _documents(aims)
    assert _check(aims, "external_documents") == Outcome("missing", (), "aims.yml lists no external_documents")


def _supplier(aims: AimsRepo, record_id: str = "SUP-001", **fields: t.Any) -> None:
    aims.write(f"suppliers/{record_id}.yaml", {
        "id": record_id, "name": "Model Co", "relationship": "provider", "services": "Hosted model.",
        "owner": "ai-governance-lead", "due_diligence": {"last_assessed": "2026-02-01", "outcome": "Acceptable."}}
        | fields)


def test_suppliers_need_due_diligence_with_an_outcome_within_the_cycle(aims: AimsRepo) -> None:
    note = "suppliers with due diligence assessed within the review cycle"
    assert _check(aims, "suppliers") == Outcome("missing", (), "no supplier recorded")
    _supplier(aims)
    assert _check(aims, "suppliers") == Outcome("met", ("suppliers/SUP-001.yaml",), f"{note}: 1 of 1")
    _supplier(aims, "SUP-002", due_diligence={"last_assessed": "2025-06-01", "outcome": "Acceptable."})
    _supplier(aims, "SUP-003", due_diligence={"last_assessed": "2026-02-01", "outcome": "TBD"})
    _supplier(aims, "SUP-004", due_diligence={"last_assessed": "2026-02-01"})
    _supplier(aims, "SUP-005", due_diligence={"last_assessed": "2025-06-01", "outcome": "Fine."},
              next_review=FUTURE)
    assert _check(aims, "suppliers") == Outcome(
        "partial", ("suppliers/SUP-001.yaml", "suppliers/SUP-005.yaml"), f"{note}: 2 of 5")


def test_data_sources_of_each_in_scope_system(aims: AimsRepo) -> None:
    note = "in-scope systems with data sources and provenance"
    assert _check(aims, "data_sources") == Outcome(
        "met", ("systems/SYS-001.yaml", "systems/SYS-002.yaml"), f"{note}: 2 of 2")
    aims.system("SYS-002", "minimal", data_sources=[])
    assert _check(aims, "data_sources") == Outcome("partial", ("systems/SYS-001.yaml",), f"{note}: 1 of 2")
    aims.system("SYS-001", "high", in_scope=False)
    aims.system("SYS-002", "minimal", in_scope=False)
    assert _check(aims, "data_sources") == Outcome("missing", (), "no in-scope AI system in systems/")


OPERATIONAL_PARTIAL = Outcome(
    "partial", ("records/management-reviews/MR-002.yaml",),
    f"no completed action on a risk or nonconformity {UNOWNED} or a review held within its cycle")


def test_operational_records_need_a_completed_action(aims: AimsRepo) -> None:
    for path in ("risks/RISK-001.yaml", "risks/RISK-002.yaml", "records/nonconformities/NC-001.yaml"):
        (aims.root / path).unlink()
    assert _check(aims, "operational_records") == Outcome(
        "missing", (), "no action recorded on risks, reviews or nonconformities")
    review = {"id": "MR-002", "title": "Review", "date": "2026-05-01", "status": "held",
              "actions": [{"description": "Hire", "status": "done"}]}
    aims.write("records/management-reviews/MR-002.yaml", review)
    assert _check(aims, "operational_records") == Outcome(
        "met", ("records/management-reviews/MR-002.yaml",), "completed actions")
    aims.write("records/management-reviews/MR-002.yaml", review | {"date": "2025-01-01"})
    assert _check(aims, "operational_records") == OPERATIONAL_PARTIAL
    aims.write("records/management-reviews/MR-002.yaml", review | {"actions": [{"status": "open"}]})
    assert _check(aims, "operational_records") == OPERATIONAL_PARTIAL


def test_operational_records_count_owned_risks_and_nonconformities(aims: AimsRepo) -> None:
    (aims.root / "records/nonconformities/NC-001.yaml").unlink()
    aims.risk(owner="nobody")
    aims.risk("RISK-002", systems=["SYS-002"], treatment={"option": "modify", "actions": [{"status": "open"}]},
              actions=[{"status": "done"}])
    assert _check(aims, "operational_records") == Outcome("met", ("risks/RISK-002.yaml",), "completed actions")


def test_risks_per_system_need_an_assessed_owned_risk(aims: AimsRepo) -> None:
    note = f"in-scope systems with an assessed risk {UNOWNED}"
    assert _check(aims, "risks_per_system") == Outcome(
        "met", ("systems/SYS-001.yaml", "systems/SYS-002.yaml"), f"{note}: 2 of 2")
    aims.risk("RISK-002", systems=["SYS-002"], status="identified")
    aims.risk("RISK-003", systems=["SYS-002"], owner="nobody")
    assert _check(aims, "risks_per_system") == Outcome("partial", ("systems/SYS-001.yaml",), f"{note}: 1 of 2")
    aims.risk(systems=["SYS-001", "SYS-002"])
    assert _check(aims, "risks_per_system").status == "met"
    aims.risk(status="identified")
    assert _check(aims, "risks_per_system") == Outcome("missing", (), f"no {note} yet (2 needed)")
    for system in ("SYS-001", "SYS-002"):
        aims.system(system, "minimal", in_scope=False)
    assert _check(aims, "risks_per_system") == Outcome("missing", (), "no in-scope AI system in systems/")


RESULTS = f"assessed risks {UNOWNED} with an achieved residual (a target residual is a plan, not a result)"
ACHIEVED = {"likelihood": 2, "impact": 2, "checked": "2026-03-10",
            "evidence": {"url": "https://tests.example/bias/1", "description": "Bias test report",
                         "date": "2026-03-10"}}


def test_treatment_results_need_an_achieved_residual_or_a_retained_acceptance(aims: AimsRepo) -> None:
    assert _check(aims, "treatment_results") == Outcome("partial", ("risks/RISK-001.yaml",), f"{RESULTS}: 1 of 2")
    aims.risk("RISK-002", systems=["SYS-002"], treatment={"option": "retain"}, residual={"likelihood": 1, "impact": 2},
              acceptance={"by": "ai-governance-lead", "date": "2026-05-01", "rationale": "Low."})
    assert _check(aims, "treatment_results") == Outcome(
        "met", ("risks/RISK-001.yaml", "risks/RISK-002.yaml"), f"{RESULTS}: 2 of 2")
    aims.risk("RISK-002", systems=["SYS-002"], treatment={"option": "modify"}, residual={"likelihood": 1, "impact": 2},
              acceptance={"by": "ai-governance-lead", "date": "2026-05-01", "rationale": "Low."})
    assert _check(aims, "treatment_results").status == "partial"


@pytest.mark.parametrize("change", [
    {"checked": FUTURE}, {"checked": None}, {"likelihood": None},
])
def test_an_achieved_residual_needs_a_score_and_a_dated_check(aims: AimsRepo, change: dict[str, t.Any]) -> None:
    aims.risk(residual={"likelihood": 2, "impact": 2, "achieved": ACHIEVED | change})
    assert _check(aims, "treatment_results") == Outcome("missing", (), f"no {RESULTS} yet (2 needed)")


def test_an_achieved_residual_needs_its_actions_done_and_its_evidence(aims: AimsRepo) -> None:
    aims.risk(treatment={"option": "modify", "actions": [{"description": "A", "status": "done"},
                                                         {"description": "B", "status": "cancelled"}]})
    assert _check(aims, "treatment_results").status == "partial"
    aims.risk(treatment={"option": "modify", "actions": [{"description": "A", "status": "in-progress"}]})
    assert _check(aims, "treatment_results") == Outcome("missing", (), f"no {RESULTS} yet (2 needed)")
    aims.risk(residual={"likelihood": 2, "impact": 2, "achieved": ACHIEVED | {"evidence": "reports/bias.pdf"}})
    aims.risk("RISK-002", systems=["SYS-002"], residual={"likelihood": 1, "impact": 2,
                                                        "achieved": ACHIEVED | {"evidence": "https://x.example"}})
    aims.risk("RISK-003", systems=["SYS-002"], owner="nobody", residual={
        "likelihood": 1, "impact": 2, "achieved": ACHIEVED | {"evidence": "other.pdf"}})
    assert _check(aims, "treatment_results") == Outcome(
        "missing", (), f"no {RESULTS} yet (3 needed) (RISK-001: 'reports/bias.pdf' does not exist in the repository; "
        "RISK-002: 'https://x.example' is only claimed: give a description and a date with the link)")
    for path in (aims.root / "risks").iterdir():
        path.unlink()
    assert _check(aims, "treatment_results") == Outcome("missing", (), "no risk recorded in risks/")


def test_monitoring_needs_a_dated_measurement_of_an_objective_that_counts(aims: AimsRepo) -> None:
    note = "measurable, owned objectives with a dated measurement"
    assert _check(aims, "monitoring") == Outcome("met", ("objectives/OBJ-001.yaml",), f"{note}: 1 of 1")
    objective = {"id": "OBJ-002", "title": "T", "measure": "Share tested", "target": "100%", "owner": "ml-lead",
                 "due": FUTURE, "status": "on-track"}
    for change in ({"progress": [{"date": FUTURE, "value": "1%"}, "2026-01-01"]}, {"progress": []},
                   {"target": "all", "progress": [{"date": "2026-03-01", "value": "80%"}]}):
        aims.write("objectives/OBJ-002.yaml", objective | change)
        assert _check(aims, "monitoring") == Outcome("partial", ("objectives/OBJ-001.yaml",), f"{note}: 1 of 2")
    for path in (aims.root / "objectives").iterdir():
        path.unlink()
    assert _check(aims, "monitoring") == Outcome("missing", (), "no AI objective to measure")


AUDIT = {"id": "AUD-001", "title": "Internal audit 2026", "type": "internal", "scope": "Whole AIMS",
         "lead_auditor": "Jo Auditor", "planned": "2026-04-01", "performed": "2026-04-02", "status": "completed",
         "findings": [{"type": "observation", "description": "Known."}]}


def _audit(aims: AimsRepo, record_id: str = "AUD-001", **fields: t.Any) -> None:
    aims.write(f"records/audits/{record_id}.yaml", {k: v for k, v in (AUDIT | {"id": record_id} | fields).items()
                                                    if v is not None})


@pytest.mark.parametrize(("fields", "problem"), [
    ({}, None),
    ({"findings": None, "report": "records/audits"}, None),
    ({"status": "planned"}, "status planned"),
    ({"performed": "2025-04-01"}, "held 2025-04-01, more than the 12-month review cycle ago"),
    ({"performed": FUTURE}, f"dated {FUTURE}, after the day assessed"),
    ({"findings": None}, "no findings recorded and no report: no evidence given"),
    ({"findings": [], "report": "audit.pdf"}, "no findings recorded and no report: 'audit.pdf' does not exist in the "
                                              "repository"),
])
def test_audit_problem_says_why_an_audit_does_not_count(aims: AimsRepo, fields: dict[str, t.Any],
                                                        problem: str | None) -> None:
    _audit(aims, **fields)
    facts = Facts(load_repository(aims.root), TODAY)
    [audit] = facts.of(kinds.AUDIT)
    assert checks.audit_problem(facts, audit) == problem


def test_audits_are_met_by_one_that_counts_and_the_note_gives_three_reasons(aims: AimsRepo) -> None:
    _audit(aims, status="planned")
    _audit(aims, "AUD-002", performed="2025-04-01")
    _audit(aims, "AUD-003", findings=None)
    _audit(aims, "AUD-004", status="cancelled")
    assert _check(aims, "audits") == Outcome(
        "partial", tuple(f"records/audits/AUD-00{n}.yaml" for n in (1, 2, 3, 4)),
        "no audit completed within the review cycle with its results (AUD-001: status planned; "
        "AUD-002: held 2025-04-01, more than the 12-month review cycle ago; "
        "AUD-003: no findings recorded and no report: no evidence given)")
    _audit(aims, "AUD-005")
    assert _check(aims, "audits") == Outcome("met", ("records/audits/AUD-005.yaml",), "completed audit")
    for path in (aims.root / "records/audits").iterdir():
        path.unlink()
    assert _check(aims, "audits") == Outcome("missing", (), "no audit in records/audits/")


REVIEW = {"id": "MR-001", "title": "Review 2026", "date": "2026-05-01", "chair": "top-management",
          "decisions": ["Fund a second reviewer."], "status": "held"}


def _review(aims: AimsRepo, record_id: str = "MR-001", **fields: t.Any) -> None:
    aims.write(f"records/management-reviews/{record_id}.yaml", REVIEW | {"id": record_id} | fields)


def test_reviews_need_decisions_and_the_note_gives_three_reasons(aims: AimsRepo) -> None:
    assert _check(aims, "reviews") == Outcome(
        "met", ("records/management-reviews/MR-001.yaml",), "held management review")
    _review(aims, decisions=["TBD", 3])
    _review(aims, "MR-002", status="planned")
    _review(aims, "MR-003", date="2025-04-30")
    _review(aims, "MR-004", decisions=[])
    assert _check(aims, "reviews") == Outcome(
        "partial", tuple(f"records/management-reviews/MR-00{n}.yaml" for n in (1, 2, 3, 4)),
        "no management review held within the review cycle with decisions (MR-001: no decisions recorded (9.3.3 "
        "asks for the results); MR-002: status planned; MR-003: held 2025-04-30, more than the 12-month review "
        "cycle ago)")
    _review(aims, "MR-005", decisions=["TBD", "Hire an auditor."])
    assert _check(aims, "reviews") == Outcome(
        "met", ("records/management-reviews/MR-005.yaml",), "held management review")
    for path in (aims.root / "records/management-reviews").iterdir():
        path.unlink()
    assert _check(aims, "reviews") == Outcome("missing", (), "no management review in records/management-reviews/")


def test_nonconformities_need_corrective_actions_and_an_owner_who_names_a_person(aims: AimsRepo) -> None:
    note = "nonconformities with corrective actions and an owner who names a person"
    nc = ("records/nonconformities/NC-001.yaml",)
    assert _check(aims, "nonconformities") == Outcome("met", nc, f"{note}: 1 of 1")
    aims.write("records/nonconformities/NC-002.yaml", {"id": "NC-002", "title": "Gap", "owner": "ai-governance-lead",
                                                       "status": "open", "corrective_actions": []})
    aims.write("records/nonconformities/NC-003.yaml", {"id": "NC-003", "title": "Gap", "owner": "nobody",
                                                       "status": "open", "corrective_actions": [{"status": "open"}]})
    assert _check(aims, "nonconformities") == Outcome("partial", nc, f"{note}: 1 of 3")
    for path in (aims.root / "records/nonconformities").iterdir():
        path.unlink()
    assert _check(aims, "nonconformities") == Outcome(
        "missing", (), "no nonconformity recorded in records/nonconformities/")


@pytest.mark.parametrize(("path", "kept"), [
    ("risks/RISK-001.yaml", "treatment actions of a risk"),
    ("risks/RISK-002.yaml", "actions of a risk"),
    ("records/nonconformities/NC-001.yaml", "corrective actions of a nonconformity"),
])
def test_operational_records_read_each_kind_of_action(aims: AimsRepo, path: str, kept: str) -> None:
    aims.risk(treatment={"option": "modify", "controls": ["A.2.2"]})
    aims.risk("RISK-002", systems=["SYS-002"], treatment={"option": "modify", "controls": ["A.2.2"]},
              actions=[{"description": "Retrain", "status": "done"}])
    if path == "risks/RISK-001.yaml":
        aims.risk(treatment={"option": "modify", "actions": [{"description": "Tests", "status": "done"}]})
    for other in ("risks/RISK-001.yaml", "risks/RISK-002.yaml", "records/nonconformities/NC-001.yaml"):
        if other != path:
            (aims.root / other).unlink()
    assert _check(aims, "operational_records") == Outcome("met", (path,), "completed actions"), kept


def test_an_achieved_residual_needs_every_action_done_or_cancelled(aims: AimsRepo) -> None:
    aims.risk(treatment={"option": "modify", "actions": [{"description": "A", "status": "done"},
                                                         {"description": "B", "status": "in-progress"}]})
    assert _check(aims, "treatment_results") == Outcome("missing", (), f"no {RESULTS} yet (2 needed)")


def test_an_unowned_risk_has_no_treatment_result_and_a_counted_one_gives_no_reason(aims: AimsRepo) -> None:
    aims.risk(owner="nobody")
    assert _check(aims, "treatment_results") == Outcome("missing", (), f"no {RESULTS} yet (2 needed)")
    aims.risk()
    aims.risk("RISK-002", systems=["SYS-002"], treatment={"option": "retain"},
              residual={"likelihood": 1, "impact": 2, "achieved": ACHIEVED | {"evidence": "reports/bias.pdf"}},
              acceptance={"by": "ai-governance-lead", "date": "2026-05-01", "rationale": "Low."})
    assert _check(aims, "treatment_results") == Outcome(
        "met", ("risks/RISK-001.yaml", "risks/RISK-002.yaml"), f"{RESULTS}: 2 of 2")
