"""What counts as evidence (Facts.evidence_problem): each reason a reference is refused, in the words a
readiness note shows, and the references that count."""

from __future__ import annotations

import typing as t

import pytest
import yaml
from aims_builder import MANIFEST, TODAY, AimsRepo

from aimskit.readiness.facts import Facts
from aimskit.records import kinds
from aimskit.records.model import load_repository

EXTERNAL = "an external reference needs a url and a description"
UNDATED = "an external reference needs the date it was taken (not after the day assessed)"
LINK = {"url": "https://tests.example/bias/1", "description": "Bias test report"}


@pytest.fixture
def facts(aims: AimsRepo) -> Facts:
    aims.write("records/evidence/minutes.yaml", {"held": "2026-05-01"})
    (aims.root / "README.md").write_text("# Our AIMS\n", encoding="utf-8")
    return Facts(load_repository(aims.root), TODAY)


@pytest.mark.parametrize(("reference", "problem"), [
    (LINK | {"date": "2026-06-15"}, None),
    (LINK | {"date": "2026-01-01"}, None),
    (LINK | {"date": "2026-06-16"}, UNDATED),
    (LINK, UNDATED),
    (LINK | {"date": "last week"}, UNDATED),
    ({"description": "Bias test report", "date": "2026-01-01"}, EXTERNAL),
    ({"url": "https://tests.example/bias/1", "date": "2026-01-01"}, EXTERNAL),
    ({"url": " ", "description": "Bias test report", "date": "2026-01-01"}, EXTERNAL),
    (None, "no evidence given"),
    ("", "no evidence given"),
    ("   ", "no evidence given"),
    (7, "no evidence given"),
    ("https://tests.example/bias/1", "'https://tests.example/bias/1' is only claimed: give a description and a "
                                     "date with the link"),
    ("http://tests.example/x", "'http://tests.example/x' is only claimed: give a description and a date with the link"),
    ("/etc/passwd", "'/etc/passwd' is outside the repository"),
    ("../secrets.txt", "'../secrets.txt' is outside the repository"),
    ("records/../../secrets.txt", "'records/../../secrets.txt' is outside the repository"),
    (".", "'.' is the repository itself, not a record of what was done"),
    ("./", "'./' is the repository itself, not a record of what was done"),
    ("README.md", "'README.md' is the repository itself, not a record of what was done"),
    ("aims.yml", "'aims.yml' is the repository itself, not a record of what was done"),
    ("records/evidence/minutes.yaml", None),
    ("records/evidence", None),
    ("records/evidence/", None),
    ("records/evidence/agenda.yaml", "'records/evidence/agenda.yaml' does not exist in the repository"),
])
def test_evidence_problem_says_why_a_reference_is_not_evidence(facts: Facts, reference: t.Any,
                                                               problem: str | None) -> None:
    assert facts.evidence_problem(reference) == problem
    assert facts.evidence_exists(reference) is (problem is None)


def _policy_problem(aims: AimsRepo, **fields: t.Any) -> str | None:
    aims.policy(**fields)
    facts = Facts(load_repository(aims.root), TODAY)
    [policy] = facts.of(kinds.POLICY)
    assert facts.approved(policy) is (facts.approval_problem(policy) is None)
    return facts.approval_problem(policy)


@pytest.mark.parametrize(("fields", "problem"), [
    ({}, None),
    ({"approved_on": "2026-06-15"}, None),
    ({"status": "draft"}, "status draft"),
    ({"status": None}, "status missing"),
    ({"approved_on": "2026-06-16"}, "no approval date (approved_on) on or before the day assessed"),
    ({"approved_on": None}, "no approval date (approved_on) on or before the day assessed"),
    ({"approval": "yes"}, "no recorded approval (run aimskit approve)"),
    ({"approval": {"version": "1.0", "digest": "sha256:0"}},
     "edited since it was approved (the approval's digest does not match the text)"),
    ({"approval": {"version": "0.9", "digest": None}},
     "edited since it was approved (the approval's digest does not match the text)"),
    ({"approver": "ml-lead"}, "approver 'ml-lead' does not hold approve-policy"),
    ({"approver": "nobody"}, "approver 'nobody' does not hold approve-policy"),
])
def test_approval_problem_says_why_a_policy_s_approval_does_not_count(aims: AimsRepo, fields: dict[str, t.Any],
                                                                    problem: str | None) -> None:
    assert _policy_problem(aims, **fields) == problem


def test_an_approver_role_without_a_named_holder_does_not_count(aims: AimsRepo) -> None:
    aims.role("top-management", holders=[{"name": "TBD"}])
    assert _policy_problem(aims) == "approver role 'top-management' has no holder who names a person"


def test_has_holder_and_holds_read_the_roles(aims: AimsRepo) -> None:
    aims.role("auditor", holders=[])
    facts = Facts(load_repository(aims.root), TODAY)
    assert facts.has_holder("ml-lead") and not facts.has_holder("auditor") and not facts.has_holder("nobody")
    assert not facts.has_holder(None)
    assert facts.holds("top-management", "approve-policy")
    assert not facts.holds("ml-lead", "approve-policy", "approve-soa")
    assert facts.holds("top-management", "nothing", "approve-soa") and not facts.holds(None, "approve-policy")
    assert facts.holds_role("auditor") and not facts.holds_role("nobody") and not facts.holds_role(3)


def test_examples_do_not_count_unless_asked_for(aims: AimsRepo) -> None:
    aims.policy("POL-009", example=True)
    repository = load_repository(aims.root)
    facts, with_examples = Facts(repository, TODAY), Facts(repository, TODAY, with_examples=True)
    assert [r.id for r in facts.of(kinds.POLICY)] == ["POL-001"]
    assert [r.id for r in with_examples.of(kinds.POLICY)] == ["POL-001", "POL-009"]
    assert facts.record("POL-009") is None and with_examples.record("POL-009") is not None
    assert facts.record("POL-001") is not None and facts.record("POL-404") is None


def test_held_in_cycle_and_why_out_of_cycle_read_the_date_field_of_each_kind(aims: AimsRepo) -> None:
    aims.write("aims.yml", MANIFEST | {"review": {"cycle_months": 2}})
    aims.assessment(assessed="2026-04-15", next_review=None)
    aims.write("records/audits/AUD-002.yaml", {"id": "AUD-002", "title": "Audit", "performed": "2026-03-01",
                                              "status": "completed"})
    aims.write("records/management-reviews/MR-002.yaml", {"id": "MR-002", "title": "Review", "date": "2026-07-01",
                                                         "status": "held"})
    aims.write("records/audits/AUD-003.yaml", {"id": "AUD-003", "title": "Audit", "performed": "2026-06-01",
                                              "status": "planned"})
    facts = Facts(load_repository(aims.root), TODAY)
    assert facts.cycle == 2
    held = {r.id: facts.held_in_cycle(r) for r in facts.repository.index.values() if r.id in
            ("AIA-001", "AUD-002", "MR-002", "AUD-003")}
    assert held == {"AIA-001": True, "AUD-002": False, "MR-002": False, "AUD-003": False}
    why = {r.id: facts.why_out_of_cycle(r) for r in facts.repository.index.values() if r.id in
           ("AUD-002", "MR-002", "AUD-003")}
    assert why == {"AUD-002": "held 2026-03-01, more than the 2-month review cycle ago",
                   "MR-002": "dated 2026-07-01, after the day assessed", "AUD-003": "status planned"}


def test_systems_in_scope_needing_assessment_and_open_risks(aims: AimsRepo) -> None:
    aims.system("SYS-003", "high", in_scope=False)
    aims.system("SYS-004", "minimal", lifecycle_stage="retired")
    aims.system("SYS-005", "minimal", in_scope=False)
    aims.risk("RISK-002", systems=["SYS-002"], status="closed")
    facts = Facts(load_repository(aims.root), TODAY)
    assert [r.id for r in facts.systems] == ["SYS-001", "SYS-002", "SYS-003", "SYS-005"]
    assert [r.id for r in facts.in_scope_systems] == ["SYS-001", "SYS-002"]
    assert [r.id for r in facts.systems_needing_assessment] == ["SYS-001", "SYS-002", "SYS-003"]
    assert [r.id for r in facts.risks] == ["RISK-001", "RISK-002"]
    assert [r.id for r in facts.open_risks] == ["RISK-001"]


def test_soa_entries_by_control_first_entry_wins(aims: AimsRepo) -> None:
    soa = yaml.safe_load((aims.root / "soa.yaml").read_text(encoding="utf-8"))
    soa["controls"] += [{"control": "A.2.2", "applicable": False, "justification": "Later."}, {"applicable": True}]
    aims.write("soa.yaml", soa)
    facts = Facts(load_repository(aims.root), TODAY)
    assert facts.soa is not None and facts.soa.path == "soa.yaml"
    assert facts.soa_entries["A.2.2"]["implemented_by"] == ["POL-001"]
    assert facts.excluded("A.10.4") and not facts.excluded("A.2.2") and not facts.excluded("A.99")
    assert facts.on_or_before_today("2026-06-15") and not facts.on_or_before_today("2026-06-16")
    assert not facts.on_or_before_today(None)
