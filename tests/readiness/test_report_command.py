"""``aimskit report``: formats, exit codes, and the same data as assess()."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from aims_builder import MANIFEST, PAST, TODAY

from aimskit import rules
from aimskit.cli import main
from aimskit.readiness import assess
from aimskit.rules.validation import validate


def test_json_output_matches_assess(aims, capsys):
    assert main(["--repo", str(aims.root), "report", "--format", "json", "--date", TODAY.isoformat()]) == 0
    printed = json.loads(capsys.readouterr().out)
    result = validate(aims.root, rules.Options(today=TODAY))
    assert printed == json.loads(json.dumps(assess(result.repository, TODAY, result.findings).as_dict()))


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
