"""The readiness report on a real bake of the template."""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil

import pytest

from aimskit import reference
from aimskit.approvals.stamp import approve
from aimskit.cli import main
from aimskit.readiness import assess
from aimskit.records.model import load_repository

pytestmark = pytest.mark.slow


def test_report_on_a_fresh_bake(baked_repo, capsys):
    assert main(["--repo", str(baked_repo), "report", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["errors"] == 0
    assert len(data["documented_information"]) == len(reference.documented_information())
    assert len(data["annex_a"]["controls"]) == 38
    assert data["annex_a"]["undecided"] == 0
    assert data["overdue_reviews"] == []
    assert {item["status"] for item in data["documented_information"]} <= {"met", "partial", "missing",
                                                                          "not-applicable"}


def test_markdown_report_on_a_fresh_bake(baked_repo, capsys):
    assert main(["--repo", str(baked_repo), "report"]) == 0
    text = capsys.readouterr().out
    assert re.search(r"^\| Documented information met \| \d+ of \d+ \(\d+%\) \|$", text, re.MULTILINE)
    assert text.count("\n| A.") >= 38 + 28


def test_unapproving_the_baked_ai_policy_loses_clause_5_2(baked_repo, tmp_path):
    repo = shutil.copytree(baked_repo, tmp_path / "aims")
    policy = repo / "policies" / "POL-001.md"
    text = policy.read_text(encoding="utf-8")
    assert "\nstatus: approved\n" in text and "\nexample: true\n" in text
    own = text.replace("\nexample: true\n", "\n", 1)  # the organisation adopts the example policy
    policy.write_text(own, encoding="utf-8")
    today = dt.date.today()
    # a named executive approves it: the example's approval covered another text and a placeholder holder
    sponsor = repo / "roles" / "executive-sponsor.yaml"
    sponsor.write_text(re.sub(r"  - name: .*\n    handle: .*\n", '  - name: "Dana Whitfield"\n    handle: "@dana-w"\n',
                              sponsor.read_text(encoding="utf-8"), count=1), encoding="utf-8")
    assert next(d.status for d in assess(load_repository(repo), today).documented_information
                if d.clause == "5.2") == "partial"
    approve(repo, "POL-001", today)
    own = policy.read_text(encoding="utf-8")
    adopted = assess(load_repository(repo), today)
    policy.write_text(own.replace("\nstatus: approved\n", "\nstatus: draft\n", 1), encoding="utf-8")
    unapproved = assess(load_repository(repo), today)
    example = assess(load_repository(baked_repo), today)
    ai_policy = [next(d.status for d in r.documented_information if d.clause == "5.2")
                 for r in (example, adopted, unapproved)]
    assert ai_policy == ["missing", "met", "partial"]
    assert unapproved.overall.documented_met < adopted.overall.documented_met
