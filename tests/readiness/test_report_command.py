"""``aimskit report``: formats, exit codes, and the readiness figures worked out by hand."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from aims_builder import MANIFEST, PAST, TODAY

from aimskit.cli import main


def test_json_output_gives_the_readiness_figures(aims, capsys):
    assert main(["--repo", str(aims.root), "report", "--format", "json", "--date", TODAY.isoformat()]) == 0
    printed = json.loads(capsys.readouterr().out)
    # Worked out by hand from the fixture (conftest.py): 38 controls, A.10.4 excluded, only A.2.2
    # implemented; RISK-001 4×4 = 16 (high) → 2×2 = 4, RISK-002 2×2 = 4 → 1×2 = 2 (both low, within
    # the appetite of 9); SYS-001 (high) has the approved AIA-001, SYS-002 (minimal) has none.
    assert (printed["date"], printed["organisation"], printed["errors"]) == ("2026-06-15", "Readiness Test Ltd", 0)
    overall = printed["overall"]
    assert (overall["controls_implemented"], overall["controls_applicable"]) == (1, 37)
    assert (printed["annex_a"]["excluded"], printed["annex_a"]["undecided"]) == (1, 0)
    assert printed["overdue_reviews"] == [] and printed["risks_above_appetite"] == []
    assert [(c["level"], c["inherent"], c["residual"]) for c in printed["risks_by_level"]] == [
        ("low", 1, 2), ("medium", 0, 0), ("high", 1, 0), ("critical", 0, 0)]
    assert printed["systems_by_tier"] == {"prohibited": 0, "high": 1, "limited": 0, "minimal": 1,
                                          "not-applicable": 0, "unclassified": 0}
    assert printed["high_risk_without_assessment"] == []
    assert [(g["id"], g["tier"]) for g in printed["others_without_assessment"]] == [("SYS-002", "minimal")]


def test_markdown_is_the_default(aims, capsys):
    aims.risk(next_review=PAST)
    assert main(["--repo", str(aims.root), "report", "--date", TODAY.isoformat()]) == 0
    out = capsys.readouterr().out
    assert out.startswith("# AIMS readiness report")
    assert "| risk | RISK-001 |" in out


def test_report_on_a_repository_with_errors_exits_0(aims, capsys):
    (aims.root / "risks/RISK-001.yaml").write_text("id: RISK-001\nid: RISK-001\n")
    assert main(["--repo", str(aims.root), "report", "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["errors"] >= 1


def test_no_manifest_is_a_usage_error(tmp_path, capsys):
    assert main(["--repo", str(tmp_path), "report"]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "aims.yml" in captured.err


def test_bad_date_or_format_is_a_usage_error(aims, capsys):
    assert main(["--repo", str(aims.root), "report", "--date", "31/12/2026"]) == 2
    assert main(["--repo", str(aims.root), "report", "--format", "html"]) == 2
    assert capsys.readouterr().out == ""


def test_runs_as_a_program(aims):
    run = subprocess.run([sys.executable, "-m", "aimskit", "report", "--format", "json"], cwd=aims.root,
                         capture_output=True, text=True, check=False)
    assert run.returncode == 0, run.stderr
    assert json.loads(run.stdout)["organisation"] == "Readiness Test Ltd"


@pytest.mark.parametrize("output_format", ["md", "json"])
def test_output_survives_an_ascii_terminal(aims, output_format):
    manifest = json.loads(json.dumps(MANIFEST))
    manifest["organisation"]["name"] = "Zoë’s AI 🚀"
    aims.write("aims.yml", manifest)
    run = subprocess.run([sys.executable, "-m", "aimskit", "report", "--format", output_format], cwd=aims.root,
                         capture_output=True, text=True, check=False, env=os.environ | {"PYTHONIOENCODING": "ascii"})
    assert run.returncode == 0, run.stderr
    if output_format == "json":
        assert json.loads(run.stdout)["organisation"] == "Zoë’s AI 🚀"
    else:
        assert run.stdout.startswith("# AIMS readiness report &#8212; Zo&#235;&#8217;s AI &#128640;\n")
