"""Merging the regenerated template (``aimskit upgrade``) on real git repositories."""

from __future__ import annotations

import git
import pytest

from aimskit.errors import AimskitError
from aimskit.git import template

IDENTITY = {"GIT_AUTHOR_NAME": "A", "GIT_AUTHOR_EMAIL": "a@example.com",
            "GIT_COMMITTER_NAME": "A", "GIT_COMMITTER_EMAIL": "a@example.com"}


def _diverged(tmp_path, monkeypatch) -> tuple[git.Repo, git.Commit]:
    for name, value in IDENTITY.items():
        monkeypatch.setenv(name, value)
    repo = git.Repo.init(tmp_path / "repo", initial_branch="main")
    root = tmp_path / "repo"
    (root / "a.txt").write_text("a\n")
    repo.index.add(["a.txt"])
    base = repo.index.commit("base")
    other = repo.create_head("other", base)
    (root / "b.txt").write_text("b\n")
    repo.index.add(["b.txt"])
    repo.index.commit("main moves on")
    other.checkout()
    (root / "c.txt").write_text("c\n")
    repo.index.add(["c.txt"])
    theirs = repo.index.commit("template change")
    repo.heads.main.checkout()
    return repo, theirs


def test_a_clean_merge_lists_no_conflicts(tmp_path, monkeypatch):
    repo, theirs = _diverged(tmp_path, monkeypatch)
    assert template.merge(repo, theirs) == []
    assert (tmp_path / "repo" / "c.txt").exists()


def test_a_merge_git_refuses_is_an_error_not_a_clean_upgrade(tmp_path, monkeypatch):
    repo, theirs = _diverged(tmp_path, monkeypatch)
    for name in IDENTITY:
        monkeypatch.delenv(name)
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", "/dev/null")
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    monkeypatch.setenv("EMAIL", "")
    with pytest.raises(AimskitError, match="git could not merge the template changes: .*identity"):
        template.merge(repo, theirs)
