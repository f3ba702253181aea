"""``aimskit validate`` through the CLI: exit 0 clean (warnings allowed), 1 errors, 2 usage/internal."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from aimskit import cli, rules


def _overdue_policy(root: Path) -> None:
    policy = root / "policies" / "POL-001.md"
    policy.write_text(policy.read_text(encoding="utf-8").replace('next_review: "2099-12-31"',
                                                                  'next_review: "2020-01-01"'), encoding="utf-8")


def test_clean_repository_exits_0(base_repository: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["--repo", str(base_repository), "validate"]) == 0
    assert "0 errors, 0 warnings" in capsys.readouterr().out


def test_warnings_alone_exit_0_and_1_under_strict(base_repository: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _overdue_policy(base_repository)
    assert cli.main(["--repo", str(base_repository), "validate"]) == 0
    out = capsys.readouterr().out
    assert "policies/POL-001.md:9:14: warning AIMS501 next review was due 2020-01-01; " \
           "owner ai-governance-lead (Alex Morgan)" in out
    assert cli.main(["--repo", str(base_repository), "validate", "--strict"]) == 1
    assert "error AIMS501" in capsys.readouterr().out


def test_errors_exit_1(base_repository: Path, capsys: pytest.CaptureFixture[str]) -> None:
    risk = base_repository / "risks" / "RISK-001.yaml"
    risk.write_text(risk.read_text(encoding="utf-8").replace("owner: ml-lead", "owner: ml-leed", 1), encoding="utf-8")
    assert cli.main(["--repo", str(base_repository), "validate", "--format", "json"]) == 1
    report = json.loads(capsys.readouterr().out)
    assert report["ok"] is False and report["errors"] == 1
    assert report["findings"][0]["code"] == "AIMS203" and report["findings"][0]["hint"] == "did you mean 'ml-lead'?"


def test_folder_without_manifest_exits_2_with_a_message(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["--repo", str(tmp_path), "validate"]) == 2
    captured = capsys.readouterr()
    assert "no aims.yml found" in captured.err and "--repo" in captured.err
    assert "Traceback" not in captured.err + captured.out


def test_unknown_format_exits_2(base_repository: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["--repo", str(base_repository), "validate", "--format", "xml"]) == 2
    assert "invalid choice: 'xml'" in capsys.readouterr().err


def test_internal_error_exits_3_without_traceback(base_repository: Path, monkeypatch: pytest.MonkeyPatch,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    def broken_rule(repository, options):
        raise RuntimeError("rule bug")

    monkeypatch.delenv("AIMSKIT_DEBUG", raising=False)
    monkeypatch.setattr(rules, "RULES", (*rules.RULES, broken_rule))
    assert cli.main(["--repo", str(base_repository), "validate"]) == 3
    err = capsys.readouterr().err
    assert "internal error: RuntimeError: rule bug" in err and "Traceback" not in err


def test_github_format_appends_the_job_summary(base_repository: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    _overdue_policy(base_repository)
    summary = tmp_path / "summary.md"
    summary.write_text("previous step\n", encoding="utf-8")
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    assert cli.main(["--repo", str(base_repository), "validate", "--format", "github"]) == 0
    assert capsys.readouterr().out.startswith("::warning file=policies/POL-001.md,line=9,col=14,title=AIMS501::")
    text = summary.read_text(encoding="utf-8")
    assert text.startswith("previous step\n## aimskit validate")
    assert "| warning | AIMS501 | policies/POL-001.md:9:14 |" in text


def test_unwritable_job_summary_exits_2(base_repository: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                        capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(tmp_path / "missing-folder" / "summary.md"))
    assert cli.main(["--repo", str(base_repository), "validate", "--format", "github"]) == 2
    assert "cannot write the job summary" in capsys.readouterr().err
