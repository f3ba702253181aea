"""Bad input and odd repositories: the previous site stays, history is marked unavailable, engines explained."""

from __future__ import annotations

import importlib.util
import shutil
import subprocess
from pathlib import Path

import pytest
from sitekit import build, copy_repository

from aimskit.cli import main


@pytest.fixture(scope="module")
def built_repo(baked_repo: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    repo = copy_repository(baked_repo, tmp_path_factory.mktemp("failures") / "aims")
    assert build(repo, "--strict") == 0
    return repo


def snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_invalid_records_print_findings_and_keep_the_previous_site(built_repo: Path, capsys) -> None:
    before = snapshot(built_repo / "site")
    risk = sorted((built_repo / "risks").glob("RISK-*.yaml"))[0]
    original = risk.read_text(encoding="utf-8")
    risk.write_text(original.replace("owner:", "owner: no-such-role\nold_owner:", 1), encoding="utf-8")
    try:
        assert build(built_repo, "--strict") == 1
    finally:
        risk.write_text(original, encoding="utf-8")
    output = capsys.readouterr()
    assert f"risks/{risk.name}:" in output.out and "error AIMS" in output.out
    assert "previous site is unchanged" in output.err
    assert snapshot(built_repo / "site") == before


def test_a_failing_engine_keeps_the_previous_site(built_repo: Path, capsys) -> None:
    before = snapshot(built_repo / "site")
    config = built_repo / "mkdocs.yml"
    original = config.read_text(encoding="utf-8")
    # accepted by aimskit, refused by the engine under --strict: the page is missing
    config.write_text(original.replace("\n  - Policies:", "\n  - Missing: no-such-page.md\n  - Policies:", 1), encoding="utf-8")
    try:
        assert build(built_repo, "--strict") == 1
    finally:
        config.write_text(original, encoding="utf-8")
    assert "previous site is unchanged" in capsys.readouterr().err
    assert snapshot(built_repo / "site") == before
    assert not list(built_repo.glob(".aimskit-build-*"))


def test_not_a_git_repository_builds_without_history(baked_repo: Path, tmp_path: Path) -> None:
    repo = copy_repository(baked_repo, tmp_path / "aims")
    shutil.rmtree(repo / ".git")
    assert build(repo, "--strict") == 0
    page = (repo / "site" / "generated" / "policies" / "POL-001" / "index.html").read_text(encoding="utf-8")
    assert "Revision history unavailable" in page


def test_shallow_clone_builds_without_history(baked_repo: Path, tmp_path: Path) -> None:
    clone = tmp_path / "shallow"
    subprocess.run(["git", "clone", "--quiet", "--depth", "1", f"file://{baked_repo}", str(clone)], check=True)
    assert (clone / ".git" / "shallow").exists()
    assert build(clone, "--strict") == 0
    page = (clone / "site" / "generated" / "policies" / "POL-001" / "index.html").read_text(encoding="utf-8")
    assert "Revision history unavailable" in page


def test_missing_engine_names_the_package(built_repo: Path, monkeypatch, capsys) -> None:
    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec", lambda name, *a: None if name == "zensical" else real(name, *a))
    assert main(["--repo", str(built_repo), "build", "--engine", "zensical"]) == 1
    assert "pip install zensical" in capsys.readouterr().err


def test_render_writes_pages_and_refuses_foreign_folders(built_repo: Path, tmp_path: Path, capsys) -> None:
    out = tmp_path / "pages"
    assert main(["--repo", str(built_repo), "render", str(out)]) == 0
    assert (out / "dashboard.md").is_file() and (out / "policies" / "POL-001.md").is_file()
    assert main(["--repo", str(built_repo), "render", str(out)]) == 0
    foreign = tmp_path / "notes"
    foreign.mkdir()
    (foreign / "mine.txt").write_text("keep me", encoding="utf-8")
    assert main(["--repo", str(built_repo), "render", str(foreign)]) == 1
    assert (foreign / "mine.txt").read_text(encoding="utf-8") == "keep me"
