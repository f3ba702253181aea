"""pre-commit in a baked repository: the offline local hook passes, then catches a broken record."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import git
import pytest

BIN = Path(sys.executable).parent


@pytest.fixture
def committed_copy(baked_repo, tmp_path) -> Path:
    copy = tmp_path / "aims"
    shutil.copytree(baked_repo, copy)
    assert not git.Repo(copy).is_dirty(untracked_files=True)
    return copy


def pre_commit(repo: Path, home: Path, *args: str) -> subprocess.CompletedProcess:
    environment = {**os.environ, "PRE_COMMIT_HOME": str(home), "PATH": f"{BIN}{os.pathsep}{os.environ['PATH']}",
                   "PIP_NO_INDEX": "1", "no_proxy": "*"}
    return subprocess.run([str(BIN / "pre-commit"), *args], cwd=repo, env=environment, capture_output=True,
                          text=True, timeout=300)


def test_hook_passes_then_fails_on_a_broken_record(committed_copy, tmp_path):
    home = tmp_path / "pre-commit-home"
    passed = pre_commit(committed_copy, home, "run", "--all-files")
    assert passed.returncode == 0, passed.stdout + passed.stderr
    assert "aimskit validate" in passed.stdout and "Passed" in passed.stdout

    risk = sorted((committed_copy / "risks").glob("*.yaml"))[0]
    risk.write_text(risk.read_text(encoding="utf-8").replace("\nowner: ", "\nowner: no-such-role\nx_owner: ", 1),
                    encoding="utf-8")
    failed = pre_commit(committed_copy, home, "run", "--all-files")
    assert failed.returncode == 1
    assert f"risks/{risk.name}:" in failed.stdout and "error AIMS" in failed.stdout


def test_published_manifest_is_valid():
    root = Path(__file__).resolve().parents[2]
    done = subprocess.run([str(BIN / "pre-commit"), "validate-manifest", str(root / ".pre-commit-hooks.yaml")],
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr


@pytest.mark.slow
def test_this_repository_is_a_hook_repository_by_url(committed_copy, tmp_path):
    """pre-commit clones this repository by URL, installs aimskit from it and runs the published hook."""
    root = Path(__file__).resolve().parents[2]
    environment = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-home"),
                   "PATH": f"{BIN}{os.pathsep}{os.environ['PATH']}"}
    done = subprocess.run([str(BIN / "pre-commit"), "try-repo", root.as_uri(), "aimskit-validate", "--all-files"],
                          cwd=committed_copy, env=environment, capture_output=True, text=True, timeout=900)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "aimskit validate" in done.stdout and "Passed" in done.stdout
