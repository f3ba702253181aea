"""What counts as evidence (Facts.evidence_problem): each reason a reference is refused, in the words a
readiness note shows, and the references that count."""

from __future__ import annotations

import typing as t

import pytest
from aims_builder import TODAY, AimsRepo

from aimskit.readiness.facts import Facts
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
