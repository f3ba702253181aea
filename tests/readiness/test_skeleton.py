"""A bake without example content claims no approval that nobody gave."""

from __future__ import annotations

import datetime as dt

from aimskit.readiness import assess
from aimskit.records import kinds
from aimskit.rules.validation import validate


def test_skeleton_ships_drafts_and_counts_nothing_as_implemented(bake):
    result = validate(bake(example_content="no"))
    assert result.ok, [f.format_text() for f in result.findings]
    repository = result.repository
    assert {record.data["status"] for record in repository.of(kinds.POLICY)} == {"draft"}
    assert repository.single(kinds.SOA).data["status"] == "draft"
    assert repository.manifest["site"]["show_drafts"] is True

    readiness = assess(repository, dt.date.today())
    ai_policy = next(item for item in readiness.documented_information if item.clause == "5.2")
    assert ai_policy.status != "met"
    assert readiness.overall.controls_implemented == 0


def test_example_content_shows_an_approved_organisation_but_counts_for_nothing(baked_repo):
    result = validate(baked_repo)
    readiness = assess(result.repository, dt.date.today())
    ai_policy = next(item for item in readiness.documented_information if item.clause == "5.2")
    # the example approvals name placeholder holders ("(replace with the accountable executive)"): even
    # counted, the examples would make the AI policy only partial and implement no control
    assert (ai_policy.status, ai_policy.with_examples) == ("missing", "partial")
    assert readiness.overall.documented_met == 0
    assert readiness.overall.controls_implemented == 0
    assert readiness.examples.controls_implemented == 0
    assert readiness.rests_on_examples
