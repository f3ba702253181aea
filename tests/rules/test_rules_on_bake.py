"""The rules on a real bake of the template: clean today, and engaged (not silently skipped)."""

from __future__ import annotations

import collections
import datetime as dt
from pathlib import Path

import pytest

from aimskit import rules
from aimskit.governance.reviews import SCHEDULES, is_finished
from aimskit.records import kinds
from aimskit.records.model import load_repository
from aimskit.rules.validation import validate

pytestmark = pytest.mark.slow


def test_a_fresh_bake_is_clean_but_for_its_placeholders(baked_repo: Path) -> None:
    # The template's placeholders (AIMS504) and the default governance lead accepted at the prompt (AIMS970)
    starter = ("AIMS504", "AIMS970")
    assert [finding.format_text() for finding in validate(baked_repo).findings
            if finding.code not in starter] == []
    strict = validate(baked_repo, rules.Options(strict=True)).findings
    assert [finding.format_text() for finding in strict if finding.code not in starter] == []
    # Under --strict the template's own placeholders (role holders, the scope) are errors until replaced.
    assert {(finding.path.split("/")[0], finding.severity.value) for finding in strict} == {
        ("aims.yml", "error"), ("roles", "error")}


def test_rules_reach_the_baked_records(baked_repo: Path) -> None:
    repository = load_repository(baked_repo)
    later = rules.Options(today=dt.date.today() + dt.timedelta(days=3 * 366))
    codes = collections.Counter(finding.code for finding in rules.check(repository, later))
    counted = (kinds.POLICY, kinds.SYSTEM, kinds.SOA, kinds.SUPPLIER)
    reviewed = sum(1 for schedule in SCHEDULES if schedule.kind in counted
                   for record in repository.of(schedule.kind) if not is_finished(record, schedule))
    assert codes["AIMS501"] >= reviewed > 0
