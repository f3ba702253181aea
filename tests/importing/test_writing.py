"""Writing imported records: checked with the repository first, then all files or none."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from aimskit import rules
from aimskit.cli import main
from aimskit.errors import AimskitError
from aimskit.importing import writing
from aimskit.importing.resolve import NewRecord
from aimskit.records import kinds
from aimskit.records.loading import load_yaml_file


@pytest.fixture()
def repo(baked_repo: Path, tmp_path: Path) -> Path:
    return Path(shutil.copytree(baked_repo, tmp_path / "aims", symlinks=True))


def test_yaml_keeps_strings_strings():
    record = NewRecord(kinds.SYSTEM, "SYS-009", {"id": "SYS-009", "name": "NO", "models": ["1.10", "2026-04-03"],
                                                 "purpose": "a: b # c\nsecond line", "in_scope": False}, 2)
    text = writing.yaml_text(record)
    assert text.startswith("# yaml-language-server: $schema=../schemas/system.schema.json\n")
    assert load_yaml_file("s.yaml", text.encode()).data == record.data


def test_a_broken_result_is_a_problem_and_a_gap_is_reported_apart(repo):
    planned = {"risks/RISK-011.yaml": b"id: RISK-011\ntitle: Half a risk\n"}
    problems, gaps = writing.check(repo, planned, rules.Options())
    errors = [f for f in problems if f.severity.value == "error"]
    assert {f.path for f in errors} == {"risks/RISK-011.yaml"} and all(f.code.startswith("AIMS3") or f.code == "AIMS981" for f in errors)
    assert gaps == []


def test_all_or_nothing(repo):
    (repo / "risks" / "RISK-012.yaml").write_text("taken\n", encoding="utf-8")
    planned = {"risks/RISK-011.yaml": b"first\n", "risks/RISK-012.yaml": b"second\n"}
    with pytest.raises(AimskitError, match="risks/RISK-012.yaml already exists; nothing was written"):
        writing.write(repo, planned)
    assert not (repo / "risks" / "RISK-011.yaml").exists()
    assert (repo / "risks" / "RISK-012.yaml").read_text(encoding="utf-8") == "taken\n"
    assert not [p for p in (repo / "risks").iterdir() if p.name.startswith(".")]


def test_a_failure_while_writing_leaves_nothing(repo):
    planned = {"risks/RISK-011.yaml": b"first\n", "soa.yaml/SYS-009.yaml": b"second\n"}  # soa.yaml is a file
    with pytest.raises(AimskitError, match="nothing was written"):
        writing.write(repo, planned)
    assert not (repo / "risks" / "RISK-011.yaml").exists()
    assert not [p for p in (repo / "risks").iterdir() if p.name.startswith(".")]


def test_a_symlinked_folder_out_of_the_repository_is_refused(repo, tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    shutil.rmtree(repo / "suppliers")
    (repo / "suppliers").symlink_to(outside)
    with pytest.raises(AimskitError, match="leads outside the repository"):
        writing.write(repo, {"risks/RISK-011.yaml": b"x\n", "suppliers/SUP-009.yaml": b"y\n"})
    assert list(outside.iterdir()) == [] and not (repo / "risks" / "RISK-011.yaml").exists()


def test_the_dry_run_table_shows_control_characters_as_escapes(repo, tmp_path, capsys):
    sheet = tmp_path / "register.csv"
    sheet.write_text("Title,Likelihood,Impact,Owner,Treatment,System\n"
                     "\"Evil \x1b[31mred\x1b[0m title\",1,1,product-owner,Accept,SYS-001\n", encoding="utf-8")
    assert main(["--repo", str(repo), "import", "risks", str(sheet)]) == 0
    out = capsys.readouterr().out
    assert "\x1b" not in out and "Evil \\x1b[31mred" in out
    assert not (repo / "risks" / "RISK-011.yaml").exists()
