"""Helpers for the site tests (import sitekit): building, private copies of bakes, commits, search."""

from __future__ import annotations

import shutil
import time
import typing as t
from pathlib import Path

import git

from aimskit.cli import main

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"]
REVISED_WORD = "zephyrology"
REVISION_SUBJECT = "Clarify who may approve exceptions to the AI policy"


def build(repo: Path, *extra: str) -> int:
    """Run ``aimskit build`` on ``repo`` in-process and return its exit code."""
    return main(["--repo", str(repo), "build", *extra])


def copy_repository(source: Path, target: Path) -> Path:
    """A private copy of a shared bake (git history included) that a test may change."""
    shutil.copytree(source, target, symlinks=True)
    return target


def commit_change(repo: Path, path: str, change: t.Callable[[str], str], subject: str,
                  author: str = "Robin Reviewer") -> None:
    """Edit one file and commit it as ``author``."""
    file = repo / path
    file.write_text(change(file.read_text(encoding="utf-8")), encoding="utf-8")
    repository = git.Repo(repo)
    repository.index.add([path])
    actor = git.Actor(author, "robin@example.org")
    repository.index.commit(subject, author=actor, committer=actor)


def search(page: t.Any, query: str, timeout: float = 20.0) -> t.Any:
    """Type ``query`` into Material's search and return the result items (retrying until the index loads)."""
    page.locator(".md-search__input").first.click()
    deadline = time.monotonic() + timeout
    while True:
        page.locator(".md-search__input").fill("")
        page.locator(".md-search__input").type(query, delay=30)
        try:
            page.wait_for_selector(".md-search-result__item", timeout=2000)
            return page.locator(".md-search-result__item")
        except Exception:
            if time.monotonic() > deadline:
                raise
