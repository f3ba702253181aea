"""Overdue reviews (aimskit.readiness.reviews): every field of each overdue entry, the schedule of each
kind, and audits and management reviews whose cycle has run out with none held or planned since."""

from __future__ import annotations

import typing as t

import pytest
from aims_builder import FUTURE, MANIFEST, PAST, TODAY, AimsRepo

from aimskit.readiness.facts import Facts
from aimskit.readiness.reviews import OverdueReview, cycles_run_out, overdue_reviews
from aimskit.records.model import load_repository


def _facts(aims: AimsRepo) -> Facts:
    return Facts(load_repository(aims.root), TODAY)


def test_the_fixture_has_nothing_overdue(aims: AimsRepo) -> None:
    assert overdue_reviews(_facts(aims)) == []


@pytest.mark.parametrize(("write", "entry"), [
    (lambda a: a.policy(next_review=PAST), ("policy", "POL-001", "AI policy", "policies/POL-001.md",
                                            "ai-governance-lead", "next_review")),
    (lambda a: a.system("SYS-002", "minimal", next_review=PAST),
     ("system", "SYS-002", "System SYS-002", "systems/SYS-002.yaml", "ml-lead", "next_review")),
    (lambda a: a.risk(next_review=PAST), ("risk", "RISK-001", "Unfair outcomes", "risks/RISK-001.yaml", "ml-lead",
                                          "next_review")),
    (lambda a: a.assessment(next_review=PAST), ("impact-assessment", "AIA-001", "Scoring impact",
                                                "impact-assessments/AIA-001.md", "ml-lead", "next_review")),
    (lambda a: a.write("suppliers/SUP-001.yaml", {"id": "SUP-001", "name": "Model Co", "owner": "ai-governance-lead",
                                                  "next_review": PAST}),
     ("supplier", "SUP-001", "Model Co", "suppliers/SUP-001.yaml", "ai-governance-lead", "next_review")),
    (lambda a: a.write("objectives/OBJ-002.yaml", {"id": "OBJ-002", "title": "Explain", "owner": "top-management",
                                                   "due": PAST, "status": "at-risk"}),
     ("objective", "OBJ-002", "Explain", "objectives/OBJ-002.yaml", "top-management", "due")),
    (lambda a: a.write("records/audits/AUD-002.yaml", {"id": "AUD-002", "title": "Audit", "lead_auditor": "Jo",
                                                       "planned": PAST, "status": "planned"}),
     ("audit", "AUD-002", "Audit", "records/audits/AUD-002.yaml", "Jo", "planned")),
    (lambda a: a.write("records/management-reviews/MR-002.yaml", {"id": "MR-002", "title": "Review",
                                                                  "chair": "top-management", "date": PAST,
                                                                  "status": "planned"}),
     ("management-review", "MR-002", "Review", "records/management-reviews/MR-002.yaml", "top-management", "date")),
])
def test_each_kind_is_overdue_by_its_own_date_and_owner(aims: AimsRepo, write: t.Callable[[AimsRepo], t.Any],
                                                        entry: tuple[str, ...]) -> None:
    write(aims)
    assert overdue_reviews(_facts(aims)) == [OverdueReview(*entry, PAST, 135)]


@pytest.mark.parametrize("write", [
    lambda a: a.policy(next_review=PAST, status="retired"),
    lambda a: a.system("SYS-002", "minimal", next_review=PAST, lifecycle_stage="retired"),
    lambda a: a.risk(next_review=PAST, status="closed"),
    lambda a: a.write("objectives/OBJ-002.yaml", {"id": "OBJ-002", "due": PAST, "status": "achieved"}),
    lambda a: a.write("objectives/OBJ-002.yaml", {"id": "OBJ-002", "due": PAST, "status": "missed"}),
    lambda a: a.policy(next_review="2026-06-15"),
    lambda a: a.policy(next_review="soon"),
])
def test_finished_records_and_dates_not_past_are_not_overdue(aims: AimsRepo, write: t.Callable[[AimsRepo], t.Any]) \
        -> None:
    write(aims)
    assert overdue_reviews(_facts(aims)) == []


def test_overdue_entries_come_by_date_then_kind_then_id(aims: AimsRepo) -> None:
    aims.risk("RISK-002", systems=["SYS-002"], next_review="2026-03-01")
    aims.risk(next_review=PAST)
    aims.policy(next_review="2026-03-01")
    aims.risk("AAA-001", next_review="2026-03-01")
    entries = overdue_reviews(_facts(aims))
    assert [(o.due, o.kind, o.id, o.days_overdue) for o in entries] == [
        (PAST, "risk", "RISK-001", 135), ("2026-03-01", "policy", "POL-001", 106),
        ("2026-03-01", "risk", "AAA-001", 106), ("2026-03-01", "risk", "RISK-002", 106)]


AUDIT = {"id": "AUD-001", "title": "Internal audit 2024", "lead_auditor": "Jo Auditor", "planned": "2024-04-01",
         "performed": "2024-04-02", "status": "completed"}
REVIEW = {"id": "MR-001", "title": "Review 2024", "chair": "top-management", "date": "2024-05-01", "status": "held"}


def test_an_audit_and_a_review_held_more_than_a_cycle_ago_are_overdue(aims: AimsRepo) -> None:
    aims.write("records/audits/AUD-001.yaml", AUDIT)
    aims.write("records/management-reviews/MR-001.yaml", REVIEW)
    assert cycles_run_out(_facts(aims)) == [
        OverdueReview("audit", "AUD-001", "Internal audit 2024", "records/audits/AUD-001.yaml", "Jo Auditor",
                      "next audit", "2025-04-02", 439),
        OverdueReview("management-review", "MR-001", "Review 2024", "records/management-reviews/MR-001.yaml",
                      "top-management", "next review", "2025-05-01", 410)]
    assert [o.id for o in overdue_reviews(_facts(aims))] == ["AUD-001", "MR-001"]


def test_the_latest_held_counts_and_the_cycle_is_aims_yml_s(aims: AimsRepo) -> None:
    aims.write("records/audits/AUD-001.yaml", AUDIT)
    aims.write("records/audits/AUD-002.yaml", AUDIT | {"id": "AUD-002", "title": "Audit 2025",
                                                      "performed": "2025-12-10"})
    (aims.root / "records/management-reviews/MR-001.yaml").unlink()
    assert cycles_run_out(_facts(aims)) == []
    aims.write("aims.yml", MANIFEST | {"review": {"cycle_months": 6}})
    assert cycles_run_out(_facts(aims)) == [OverdueReview(
        "audit", "AUD-002", "Audit 2025", "records/audits/AUD-002.yaml", "Jo Auditor", "next audit", "2026-06-10", 5)]


def test_a_cycle_ending_today_is_not_overdue(aims: AimsRepo) -> None:
    aims.write("records/audits/AUD-001.yaml", AUDIT | {"performed": "2025-06-15"})
    assert cycles_run_out(_facts(aims)) == []
    aims.write("records/audits/AUD-001.yaml", AUDIT | {"performed": "2025-06-14"})
    assert [(o.due, o.days_overdue) for o in cycles_run_out(_facts(aims))] == [("2026-06-14", 1)]


@pytest.mark.parametrize(("planned", "overdue"), [(FUTURE, False), ("2026-06-15", False), ("2026-06-14", True),
                                                  (None, True)])
def test_an_audit_planned_from_today_on_stops_the_old_one_being_overdue(aims: AimsRepo, planned: str | None,
                                                                       overdue: bool) -> None:
    aims.write("records/audits/AUD-001.yaml", AUDIT)
    aims.write("records/audits/AUD-002.yaml", {"id": "AUD-002", "title": "Audit 2026", "lead_auditor": "Jo",
                                              "status": "planned"} | ({"planned": planned} if planned else {}))
    assert ("AUD-001" in [o.id for o in cycles_run_out(_facts(aims))]) is overdue


def test_a_review_planned_from_today_on_stops_the_old_one_being_overdue(aims: AimsRepo) -> None:
    aims.write("records/management-reviews/MR-001.yaml", REVIEW)
    aims.write("records/management-reviews/MR-002.yaml", REVIEW | {"id": "MR-002", "date": FUTURE,
                                                                  "status": "planned"})
    assert cycles_run_out(_facts(aims)) == []


def test_with_none_held_nothing_has_run_out(aims: AimsRepo) -> None:
    aims.write("records/audits/AUD-001.yaml", AUDIT | {"status": "planned", "performed": None})
    aims.write("records/management-reviews/MR-001.yaml", REVIEW | {"status": "planned", "date": "2020-01-01"})
    assert cycles_run_out(_facts(aims)) == []


def test_a_completed_audit_is_not_one_planned_ahead(aims: AimsRepo) -> None:
    aims.write("records/audits/AUD-001.yaml", AUDIT)
    aims.write("records/audits/AUD-002.yaml", AUDIT | {"id": "AUD-002", "performed": "2024-03-01", "planned": FUTURE})
    assert [(o.id, o.due) for o in cycles_run_out(_facts(aims))] == [("AUD-001", "2025-04-02")]
