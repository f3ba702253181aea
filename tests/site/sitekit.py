"""Helpers for the site tests (import sitekit): building, private copies of bakes, commits, search."""

from __future__ import annotations

import datetime as dt
import re
import shutil
import time
import typing as t
from pathlib import Path

import git

from aimskit.approvals.stamp import approve
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
                  author: str = "Robin Reviewer", approve_as: tuple[str, str] | None = None) -> None:
    """Edit one file and commit it as ``author``; ``approve_as=(id, version)`` records the
    approval of the new version first, as ``aimskit approve ID --version V`` does."""
    file = repo / path
    file.write_text(change(file.read_text(encoding="utf-8")), encoding="utf-8")
    if approve_as is not None:
        approve(repo, approve_as[0], dt.date.today(), version=approve_as[1])
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



def zensical_search(page: t.Any, query: str, timeout: float = 20.0) -> t.Any:
    """Type ``query`` into Zensical's search dialog (its own component, in a shadow root Playwright
    reaches into) and return the result options, best first (retrying until the index loads)."""
    if not page.get_by_role("combobox", name="Search").is_visible():
        page.locator(".md-search__button").click()
    box = page.get_by_role("combobox", name="Search")
    options = page.get_by_role("listbox", name="Search results").get_by_role("option")
    deadline = time.monotonic() + timeout
    while True:
        box.fill("")
        box.type(query, delay=30)
        try:
            options.first.wait_for(timeout=2000)
            return options
        except Exception:
            if time.monotonic() > deadline:
                raise

POLICY_NOTES = {"1.1": "Exceptions are now approved by the executive sponsor.",
                "1.2": "Text written with an AI assistant and sent to a customer must say so."}
REMOVED_WORDS, ADDED_WORDS = "sets out", "explains"


def commit_policy_versions(repo: Path, today: dt.date) -> None:
    """Commit versions 1.1 and 1.2 of POL-001 (each approved, with its change note and effective date)
    on top of the bake's 1.0: 1.1 rewords a sentence, 1.2 adds a section."""
    edits = {"1.1": lambda text: text.replace(REMOVED_WORDS, ADDED_WORDS, 1),
             "1.2": lambda text: text.rstrip() + "\n\n## Labelling\n\nText written with an AI assistant and sent "
                                                 "to a customer says so.\n"}
    for version, days in (("1.1", 120), ("1.2", 20)):
        def change(text: str, version: str = version, days: int = days) -> str:
            effective = (today - dt.timedelta(days=days)).isoformat()
            text = re.sub(r"(?m)^effective: .*$", f'effective: "{effective}"', text, count=1)
            entry = f'  - version: "{version}"\n    note: "{POLICY_NOTES[version]}"\n'
            text = text.replace("changes:\n", "changes:\n" + entry, 1) if "\nchanges:\n" in text else \
                re.sub(r"(?m)^(title: .*)$", lambda m: m.group(1) + "\nchanges:\n" + entry.rstrip("\n"), text, count=1)
            return edits[version](text)
        commit_change(repo, "policies/POL-001.md", change, f"Version {version} of the AI policy",
                      approve_as=("POL-001", version))
