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


def _weekly_command(repo: Path) -> list[str]:
    """The aimskit command line of the generated weekly job (without the aimskit word)."""
    import shlex

    import yaml

    workflow = yaml.safe_load((repo / ".github" / "workflows" / "review-dates.yml").read_text(encoding="utf-8"))
    [run] = [step["run"] for job in workflow["jobs"].values() for step in job["steps"]
             if step.get("run", "").startswith("aimskit validate")]
    return shlex.split(run)[1:]


def test_the_weekly_job_passes_on_a_fresh_bake_and_fails_on_an_overdue_review(baked_repo: Path, tmp_path: Path,
                                                                            capsys: pytest.CaptureFixture[str]) -> None:
    import shutil

    from aimskit import cli

    command = _weekly_command(baked_repo)
    assert cli.main(["--repo", str(baked_repo), *command]) == 0, capsys.readouterr().out
    repo = Path(shutil.copytree(baked_repo, tmp_path / "aims", symlinks=True))
    risk = repo / "risks" / "RISK-001.yaml"
    text = risk.read_text(encoding="utf-8")
    due = next(line for line in text.splitlines() if line.startswith("next_review:"))
    risk.write_text(text.replace(due, 'next_review: "2020-01-31"'), encoding="utf-8")
    capsys.readouterr()
    assert cli.main(["--repo", str(repo), *command]) == 1
    out = capsys.readouterr().out
    errors = [line for line in out.splitlines() if line.startswith("::error")]
    assert len(errors) == 1 and errors[0].startswith("::error file=risks/RISK-001.yaml") and "AIMS501" in errors[0]


def test_placeholders_are_errors_only_when_asked(baked_repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from aimskit import cli

    assert cli.main(["--repo", str(baked_repo), "validate", "--strict-reviews"]) == 0
    assert cli.main(["--repo", str(baked_repo), "validate", "--strict-placeholders"]) == 1
    assert "error AIMS504" in capsys.readouterr().out
