"""Annex A coverage from the SoA (aimskit.readiness.annex_a): each control's decision with every field
the report shows, the counts, and the SoA's status."""

from __future__ import annotations

from aims_builder import TODAY, AimsRepo

from aimskit import reference
from aimskit.readiness.annex_a import SOA_STATUSES, ControlDecision, annex_a
from aimskit.readiness.facts import Facts
from aimskit.records.model import load_repository

EVIDENCE_LINK = {"url": "https://tests.example/policy", "description": "Intranet page", "date": "2026-02-01"}


def _annex(aims: AimsRepo):
    return annex_a(Facts(load_repository(aims.root), TODAY))


def test_each_control_gives_its_decision_status_owner_justification_links_and_risks(aims: AimsRepo) -> None:
    aims.soa(drop=("A.2.3",),
             A_2_2={"status": "implemented", "implemented_by": ["POL-001"], "owner": "ai-governance-lead",
                    "evidence": ["policies/POL-001.md", EVIDENCE_LINK]},
             A_2_4={"applicable": "undecided", "justification": "  ", "status": ""},
             A_3_2={"applicable": "undecided", "status": "implemented", "evidence": ["systems/SYS-001.yaml"]},
             A_10_4={"applicable": False, "status": "excluded", "justification": "No customers."})
    aims.risk("RISK-003", treatment={"option": "modify", "controls": ["A.2.2", "A.2.4"]})
    aims.risk("RISK-000", treatment={"option": "modify", "controls": ["A.2.4"]}).rename(aims.root / "risks/zz.yaml")
    annex = _annex(aims)
    decisions = {d.control: d for d in annex.controls}
    assert [d.control for d in annex.controls] == list(reference.controls())
    assert decisions["A.2.2"] == ControlDecision(
        "A.2.2", "AI policy", "applicable", "implemented", "ai-governance-lead", "Needed.", ("POL-001",),
        ("policies/POL-001.md", "https://tests.example/policy"), ("RISK-001", "RISK-002", "RISK-003"))
    assert decisions["A.2.3"] == ControlDecision(
        "A.2.3", reference.controls()["A.2.3"]["title"], "undecided", None, None, None, (), ())
    assert decisions["A.2.4"] == ControlDecision(
        "A.2.4", reference.controls()["A.2.4"]["title"], "undecided", None, None, None, (), (),
        ("RISK-000", "RISK-003"))
    assert decisions["A.10.4"] == ControlDecision(
        "A.10.4", reference.controls()["A.10.4"]["title"], "excluded", "excluded", None, "No customers.", (), ())
    assert (annex.total, annex.applicable, annex.excluded, annex.undecided) == (38, 34, 1, 3)
    assert annex.by_status == dict.fromkeys(SOA_STATUSES, 0) | {"planned": 33, "implemented": 2, "excluded": 1}
    assert (annex.implemented, annex.soa_status, annex.soa_example) == (1, "approved", False)


def test_nothing_counts_as_implemented_while_the_soa_s_approval_does_not(aims: AimsRepo) -> None:
    aims.soa(status="draft", A_2_2={"status": "implemented", "implemented_by": ["POL-001"]})
    annex = _annex(aims)
    assert (annex.implemented, annex.soa_status, annex.by_status["implemented"]) == (0, "draft", 1)


def test_an_example_soa_is_shown_and_flagged_and_counts_for_nothing(aims: AimsRepo) -> None:
    soa = (aims.root / "soa.yaml").read_text(encoding="utf-8")
    (aims.root / "soa.yaml").write_text("example: true\n" + soa, encoding="utf-8")
    annex = _annex(aims)
    assert (annex.soa_example, annex.soa_status, annex.implemented, annex.applicable) == (True, "approved", 0, 37)


def test_without_a_soa_every_control_is_undecided(aims: AimsRepo) -> None:
    (aims.root / "soa.yaml").unlink()
    annex = _annex(aims)
    assert (annex.total, annex.applicable, annex.excluded, annex.undecided, annex.implemented) == (38, 0, 0, 38, 0)
    assert (annex.soa_status, annex.soa_example) == (None, False)
    assert annex.by_status == dict.fromkeys(SOA_STATUSES, 0)


def test_a_soa_without_a_status_has_none(aims: AimsRepo) -> None:
    aims.soa(status="")
    assert (_annex(aims).soa_status, _annex(aims).implemented) == (None, 0)
