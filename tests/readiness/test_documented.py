"""Documented information (aimskit.readiness.documented): whether the SoA's "implemented" is backed by
evidence, open nonconformities capping an item, excluded controls and the summary item, each with the
exact note a reader sees."""

from __future__ import annotations

import typing as t

import pytest
from aims_builder import TODAY, AimsRepo

from aimskit.readiness.documented import (
    control_implemented,
    documented_information,
    implementation_evidence,
    open_nonconformities,
)
from aimskit.readiness.facts import Facts
from aimskit.readiness.outcome import Outcome
from aimskit.records.model import load_repository

LINK = {"url": "https://tools.example/register", "description": "Tool register", "date": "2026-02-01"}
NO_EVIDENCE = "implemented in the SoA without implementation evidence"


def _facts(aims: AimsRepo) -> Facts:
    return Facts(load_repository(aims.root), TODAY)


def _evidence_file(aims: AimsRepo, path: str = "evidence/tools.csv") -> str:
    (aims.root / path).parent.mkdir(parents=True, exist_ok=True)
    (aims.root / path).write_text("tool,owner\n", encoding="utf-8")
    return path


def _control(aims: AimsRepo, **entry: t.Any) -> Outcome:
    aims.soa(A_4_4=entry, **({"status": "draft"} if entry.pop("draft", False) else {}))
    return control_implemented(_facts(aims), "A.4.4")


def test_implemented_with_evidence_in_an_approved_soa_is_met(aims: AimsRepo) -> None:
    path = _evidence_file(aims)
    assert _control(aims, status="implemented", evidence=[path, LINK, "missing.csv"]) == Outcome(
        "met", ("evidence/tools.csv", "https://tools.example/register"), "implemented")


def test_implemented_in_a_soa_whose_approval_does_not_count_is_partial(aims: AimsRepo) -> None:
    path = _evidence_file(aims)
    assert _control(aims, status="implemented", evidence=[path], draft=True) == Outcome(
        "partial", ("evidence/tools.csv",), "implemented in a SoA whose approval does not count: status draft")
    assert _control(aims, status="implemented", implemented_by=["POL-001"], draft=True) == Outcome(
        "partial", ("policies/POL-001.md",), "implemented in a SoA whose approval does not count: status draft")


def test_implemented_without_evidence_says_why_the_first_two_claims_fail(aims: AimsRepo) -> None:
    assert _control(aims, status="implemented", implemented_by=["POL-001"],
                    evidence=["policies/POL-001.md", "missing.csv", "https://x.example"]) == Outcome(
        "partial", ("policies/POL-001.md",), f"{NO_EVIDENCE} ('policies/POL-001.md' is the text of a rule, not a "
                                             "record of its operation; 'missing.csv' does not exist in the repository)")
    assert _control(aims, status="implemented", evidence=["soa.yaml"]) == Outcome(
        "partial", (), f"{NO_EVIDENCE} ('soa.yaml' is the text of a rule, not a record of its operation)")


def test_implemented_by_a_policy_alone_is_not_evidence(aims: AimsRepo) -> None:
    assert _control(aims, status="implemented", implemented_by=["POL-001"]) == Outcome(
        "partial", ("policies/POL-001.md",),
        f"{NO_EVIDENCE} (an approved policy says the rule exists, not that it is followed)")
    aims.policy(status="draft")
    assert _control(aims, status="implemented", implemented_by=["POL-001", "POL-404"]) == Outcome(
        "partial", ("policies/POL-001.md",), f"{NO_EVIDENCE} (nothing shows it operating)")


@pytest.mark.parametrize(("entry", "outcome"), [
    ({"status": "planned"}, Outcome("partial", (), "SoA status planned")),
    ({"status": "in-progress"}, Outcome("partial", (), "SoA status in-progress")),
    ({"status": "", "implemented_by": ["POL-001"]}, Outcome("partial", ("policies/POL-001.md",),
                                                            "SoA status undecided")),
    ({"status": "not-started"}, Outcome("missing", (), "SoA status not-started, no record")),
    ({"status": ""}, Outcome("missing", (), "SoA status unset, no record")),
])
def test_a_control_not_implemented_gives_its_soa_status(aims: AimsRepo, entry: dict[str, t.Any],
                                                        outcome: Outcome) -> None:
    assert _control(aims, **entry) == outcome


def test_a_control_missing_from_the_soa(aims: AimsRepo) -> None:
    aims.soa(drop=("A.4.4",))
    assert control_implemented(_facts(aims), "A.4.4") == Outcome("missing", (), "not in the SoA")


def test_audits_and_assessments_that_count_show_a_control_operating(aims: AimsRepo) -> None:
    aims.assessment(controls=["A.4.4"])
    aims.assessment("AIA-002", controls=["A.4.4"], approval={"version": "1.0", "digest": "sha256:0"})
    aims.write("records/audits/AUD-002.yaml", {"id": "AUD-002", "title": "Old", "performed": "2024-01-01",
                                              "status": "completed", "controls": ["A.4.4"]})
    aims.soa(A_4_4={"status": "implemented", "implemented_by": ["AIA-002", "AUD-001", "POL-001"]})
    facts = _facts(aims)
    assert implementation_evidence(facts, "A.4.4") == ("impact-assessments/AIA-001.md", "records/audits/AUD-001.yaml")
    assert control_implemented(facts, "A.4.4") == Outcome(
        "met", ("impact-assessments/AIA-001.md", "records/audits/AUD-001.yaml"), "implemented")


def _nonconformity(aims: AimsRepo, record_id: str, status: str = "open", file: str = "", **against: list[str]) \
        -> None:
    aims.write(f"records/nonconformities/{file or record_id}.yaml", {"id": record_id, "title": "Gap", "status": status,
                                                             "owner": "ai-governance-lead"} | against)


def test_open_nonconformities_against_a_clause_its_subclauses_or_a_control(aims: AimsRepo) -> None:
    _nonconformity(aims, "NC-003", clauses=["6.1"], file="NC-001")
    _nonconformity(aims, "NC-002", clauses=["6.1.3"], controls=["A.2.2"])
    _nonconformity(aims, "NC-004", status="closed", clauses=["6.1.3"])
    _nonconformity(aims, "NC-005", clauses=["6.1.30"])
    facts = _facts(aims)
    assert open_nonconformities(facts, "6.1.3") == ["NC-002", "NC-003"]
    assert open_nonconformities(facts, "A.2.2") == ["NC-002"]
    assert open_nonconformities(facts, "6.2") == []
    assert open_nonconformities(facts, "6.1.30") == ["NC-003", "NC-005"]


def _items(aims: AimsRepo) -> dict[tuple[str, str], t.Any]:
    return {(d.clause, d.item[:20]): d for d in documented_information(_facts(aims))}


def test_an_open_nonconformity_makes_a_met_item_partial_and_says_so(aims: AimsRepo) -> None:
    _nonconformity(aims, "NC-002", clauses=["5.2"])
    _nonconformity(aims, "NC-003", controls=["5.2"])
    item = _items(aims)[("5.2", "AI policy")]
    assert (item.status, item.evidence, item.note) == (
        "partial", ("policies/POL-001.md",), "open nonconformity NC-002, NC-003; approved policy")
    assert item.with_examples == "partial"


def test_an_excluded_control_is_not_applicable(aims: AimsRepo) -> None:
    aims.soa(A_4_4={"applicable": False, "status": "excluded", "justification": "No tools."})
    item = _items(aims)[("A.4.4", "Information about to")]
    assert (item.status, item.evidence, item.note, item.annex_a) == (
        "not-applicable", ("soa.yaml",), "control excluded in the SoA", True)


def test_the_documented_information_item_summarises_the_clause_items(aims: AimsRepo) -> None:
    items = documented_information(_facts(aims))
    clause_items = [d for d in items if not d.annex_a and d.clause != "7.5.1"]
    met = sum(1 for d in clause_items if d.status == "met")
    [summary] = [d for d in items if d.clause == "7.5.1" and d.item.startswith("Documented information required")]
    assert 0 < met < len(clause_items)
    assert (summary.status, summary.note, summary.with_examples, summary.evidence) == (
        "partial", f"{met} of {len(clause_items)} clause items met", "partial", ())
    assert summary.met_when == "Every other clause item is met."
