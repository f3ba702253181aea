"""``aimskit upgrade`` in a repository whose requirements.txt is pinned by digest: the merged
requirements.in is locked again, and what stops that is said, not swallowed."""

from __future__ import annotations

import re
from pathlib import Path

import git
import pytest
from bakes import TEMPLATE_ROOT, bake_template, environment

from aimskit import cli
from aimskit.upgrade.migrations import MIGRATIONS
from aimskit.upgrade.template import Outcome, relock, upgrade

pytestmark = pytest.mark.slow


@pytest.fixture
def locked_repository(tmp_path: Path) -> Path:
    """Generated with require_hashes and aimskit==0.1.0 (not locked: on no index), then the organisation
    adds a requirement of its own to requirements.in."""
    with environment(HOME=str(tmp_path / "home"), AIMSKIT_NO_LOCK="1"):
        root = bake_template(tmp_path / "out", commit=True, project_slug="acme-aims", require_hashes=True,
                             aimskit_requirement="aimskit==0.1.0", example_content=False, ci_provider="none")
    repo = git.Repo(root)
    with repo.config_writer() as config:
        config.set_value("user", "name", "Acme Governance")
        config.set_value("user", "email", "governance@acme.example")
    with (root / "requirements.in").open("a", encoding="utf-8") as stream:
        stream.write("pyyaml>=6\n")
    repo.git.add("--all")
    repo.git.commit("-q", "-m", "We need PyYAML ourselves")
    return root


def test_the_upgrade_merges_requirements_in_and_locks_it_again(locked_repository: Path):
    root = locked_repository
    outcome = upgrade(root, TEMPLATE_ROOT, known_migrations=MIGRATIONS)
    assert outcome.clean, (outcome.conflicts, outcome.lock)
    assert outcome.lock and outcome.lock.startswith("requirements.txt locked again: ")
    wanted = [line for line in (root / "requirements.in").read_text(encoding="utf-8").splitlines()
              if line and not line.startswith("#")]
    assert wanted == [outcome.requirement, "pyyaml>=6"]  # the new aimskit line, and the organisation's own
    lock = (root / "requirements.txt").read_text(encoding="utf-8")
    assert f"{outcome.requirement} \\\n    --hash=sha256:" in lock
    assert re.search(r"^pyyaml==\S+ \\\n    --hash=sha256:[0-9a-f]{64}", lock, re.MULTILINE)
    repo = git.Repo(root)
    assert repo.git.diff("--name-only").strip() == ""  # the new lock is staged with the merge
    assert "requirements.txt" in repo.git.diff("--cached", "--name-only").splitlines()


def test_conflicts_in_requirements_in_or_a_failed_lock_are_said(tmp_path: Path):
    outcome = Outcome([], ["requirements.in", "requirements.txt"], [], "1")
    conflicted = relock(tmp_path, outcome, lambda paths: None)
    assert conflicted.lock == "requirements.in has conflicts: resolve them, then run 'aimskit lock'"
    assert conflicted.lock_failed and not conflicted.clean
    failed = relock(tmp_path, Outcome([], [], [], "1"), lambda paths: pytest.fail("nothing to stage"))
    assert failed.lock.startswith("requirements.txt was not locked again (there is no requirements.in")
    assert failed.lock.endswith("; run 'aimskit lock'") and not failed.clean
