"""The checks that look for a citing record (aimskit.readiness.checks): a policy whose approval counts,
an objective that counts, each with its status, its evidence and the note a reader sees."""

from __future__ import annotations

import pytest
from aims_builder import FUTURE, TODAY, AimsRepo

from aimskit.readiness import checks
from aimskit.readiness.facts import Facts
from aimskit.readiness.outcome import Outcome
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
    assert _policies(aims) == Outcome("partial", ("policies/POL-001.md",), PARTIAL_POLICY.format("POL-001: status draft"))


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
