"""When a document is in force and current, and why not, in the words readiness and the site show."""

from __future__ import annotations

import datetime as dt
import typing as t
from pathlib import Path

import pytest

from aimskit.governance import currency
from aimskit.records import kinds
from aimskit.records.document import Document
from aimskit.records.kinds import Kind
from aimskit.records.model import Record, Repository

TODAY = dt.date(2026, 6, 15)


def _record(kind: Kind, **data: t.Any) -> Record:
    return Record(kind, Document(f"{kind.name}/{data.get('id', 'X')}.yaml", data, None))


@pytest.mark.parametrize(("kind", "status", "effective"), [
    (kinds.POLICY, "approved", True), (kinds.POLICY, "draft", False), (kinds.POLICY, None, False),
    (kinds.SOA, "approved", True), (kinds.IMPACT_ASSESSMENT, "approved", True),
    (kinds.IMPACT_ASSESSMENT, "review", False), (kinds.AUDIT, "completed", True), (kinds.AUDIT, "planned", False),
    (kinds.MANAGEMENT_REVIEW, "held", True), (kinds.MANAGEMENT_REVIEW, "planned", False),
    (kinds.SYSTEM, None, True), (kinds.SYSTEM, "anything", True), (kinds.SYSTEM, "retired", False),
])
def test_a_record_is_in_force_by_the_status_of_its_kind(kind: Kind, status: str | None, effective: bool) -> None:
    assert currency.is_effective(_record(kind, status=status)) is effective


def test_a_current_record_is_in_force_and_not_past_its_review() -> None:
    assert currency.is_current(_record(kinds.POLICY, status="approved", next_review="2026-06-15"), TODAY)
    assert currency.is_current(_record(kinds.POLICY, status="approved"), TODAY)
    assert not currency.is_current(_record(kinds.POLICY, status="approved", next_review="2026-06-14"), TODAY)
    assert not currency.is_current(_record(kinds.POLICY, status="draft", next_review="2027-01-01"), TODAY)


def test_why_not_current_names_the_status_or_the_review_date() -> None:
    assert currency.why_not_current(_record(kinds.POLICY, status="draft", next_review="2027-01-01"), TODAY) \
        == "status draft"
    assert currency.why_not_current(_record(kinds.POLICY, next_review="2027-01-01"), TODAY) == "status missing"
    assert currency.why_not_current(_record(kinds.POLICY, status="approved", next_review="2026-01-31"), TODAY) \
        == "review was due 2026-01-31"


def test_assessments_of_a_system_leave_out_retired_ones_and_those_of_other_systems() -> None:
    listed = _record(kinds.IMPACT_ASSESSMENT, id="AIA-001", systems=["SYS-001", "SYS-002"], status="approved")
    draft = _record(kinds.IMPACT_ASSESSMENT, id="AIA-002", systems=["SYS-001"], status="draft")
    retired = _record(kinds.IMPACT_ASSESSMENT, id="AIA-003", systems=["SYS-001"], status="retired")
    other = _record(kinds.IMPACT_ASSESSMENT, id="AIA-004", systems=["SYS-003"], status="approved")
    repository = Repository(Path("."),
                            {kinds.IMPACT_ASSESSMENT.name: [listed, draft, retired, other]})
    assert currency.assessments_of(repository, "SYS-001") == [listed, draft]
    assert currency.assessments_of(repository, "SYS-002") == [listed]
    assert currency.assessments_of(repository, None) == []


@pytest.mark.parametrize(("manifest", "months"), [
    ({"review": {"cycle_months": 6}}, 6), ({"review": {"cycle_months": 1}}, 1), ({"review": {"cycle_months": 36}}, 36),
    ({"review": {"cycle_months": 0}}, 12), ({"review": {"cycle_months": 37}}, 12),
    ({"review": {"cycle_months": True}}, 12), ({"review": {"cycle_months": "6"}}, 12),
    ({"review": {}}, 12), ({"review": "yearly"}, 12), ({}, 12), (None, 12),
])
def test_the_review_cycle_is_aims_yml_s_when_valid_else_twelve_months(manifest: t.Any, months: int) -> None:
    assert currency.cycle_months(manifest) == months


@pytest.mark.parametrize(("day", "months", "expected"), [
    ("2026-01-31", 1, "2026-02-28"), ("2024-01-31", 1, "2024-02-29"), ("2026-06-15", 12, "2027-06-15"),
    ("2026-11-30", 3, "2027-02-28"), ("2026-12-01", 1, "2027-01-01"), ("2026-03-31", 0, "2026-03-31"),
])
def test_add_months_clamps_to_the_last_day_of_the_month(day: str, months: int, expected: str) -> None:
    assert currency.add_months(dt.date.fromisoformat(day), months) == dt.date.fromisoformat(expected)


# (next_review of the record, the day it was held, within its cycle?, why not, in words)
CYCLE_CASES = [
    (None, None, False, "no date it was held"),
    (None, "not a date", False, "no date it was held"),
    (None, "2026-06-16", False, "dated 2026-06-16, after the day assessed"),
    ("2027-01-01", "2026-06-16", False, "dated 2026-06-16, after the day assessed"),
    (None, "2026-06-15", True, None),
    (None, "2025-06-15", True, None),
    (None, "2025-06-14", False, "held 2025-06-14, more than the 12-month review cycle ago"),
    ("2026-06-15", "2020-01-01", True, None),
    ("2026-06-14", "2026-06-01", False, "its next review was due 2026-06-14"),
    ("2026-06-14", "2026-06-15", False, "its next review was due 2026-06-14"),
]


@pytest.mark.parametrize(("next_review", "held", "within", "why"), CYCLE_CASES)
def test_within_cycle_and_why_out_of_cycle_agree(next_review: str | None, held: str | None, within: bool,
                                                 why: str | None) -> None:
    record = _record(kinds.AUDIT, status="completed", next_review=next_review)
    assert currency.within_cycle(record, held, TODAY, 12) is within
    if why is not None:
        assert currency.why_out_of_cycle(record, held, TODAY, 12) == why


def test_why_out_of_cycle_names_the_cycle_of_aims_yml() -> None:
    record = _record(kinds.MANAGEMENT_REVIEW, status="held")
    assert currency.within_cycle(record, "2025-12-14", TODAY, 6) is False
    assert currency.why_out_of_cycle(record, "2025-12-14", TODAY, 6) \
        == "held 2025-12-14, more than the 6-month review cycle ago"
