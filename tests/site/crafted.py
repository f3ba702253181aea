"""A small AIMS repository whose every value is written here, with real git history (import crafted).

It is the rule tests' clean mini repository plus a third risk, a planned and an excluded SoA
control, and four changes to the AI policy committed with GitPython at fixed dates: the first
commit, a pull request merged with a merge commit, a direct fix on the main line and a squashed
pull request. The site tests render it and compare each table with values written by hand.
"""

from __future__ import annotations

import datetime as dt
import re
import typing as t
from pathlib import Path

import git
from mini_repos import build_repository, expand_soa

from aimskit.approvals.stamp import approve, approve_all

TODAY = dt.date(2026, 6, 1)
POLICY = "policies/POL-001.md"

ALEX = git.Actor("Alex Morgan", "alex@example.org")
KIM = git.Actor("Kim Park", "kim@example.org")
SAM = git.Actor("Sam Lee", "sam@example.org")

RISK_003 = """\
id: RISK-003
title: Chatbot logs keep personal data
description: Conversation logs may keep customers' personal data longer than needed.
systems:
  - SYS-002
source: C.3.1
owner: ml-lead
likelihood: 1
impact: 2
treatment:
  option: modify
  controls:
    - A.7.2
residual:
  likelihood: 1
  impact: 1
status: treating
identified: "2025-02-10"
next_review: "2099-12-31"
"""

SOA_ENTRIES = """\
  - control: A.10.4
    applicable: false
    justification: We serve no customers with our AI systems' outputs.
    status: excluded
  - control: A.9.4
    applicable: true
    justification: Intended use is written for each system.
    status: planned
    owner: ml-lead
  - control: A.6.2.4
    applicable: true
    justification: Applies to every AI system we run.
    status: implemented
    implemented_by: [POL-001]
    evidence: [evidence/fairness-tests.md]
  # base controls
"""


class Commit(t.NamedTuple):
    """What the test made: the commit and the values the site should show for it."""

    commit: git.Commit
    date: str

    @property
    def short(self) -> str:
        return self.commit.hexsha[:7]


class History(t.NamedTuple):
    first: Commit
    branch_change: Commit
    merge: Commit
    direct_fix: Commit
    squashed: Commit


def _when(day: str) -> str:
    """A fixed time on ``day`` in git's internal format (seconds since the epoch, UTC)."""
    moment = dt.datetime.fromisoformat(f"{day}T10:00:00+00:00")
    return f"{int(moment.timestamp())} +0000"


def _commit(repo: git.Repo, message: str, actor: git.Actor, day: str, **options: t.Any) -> Commit:
    commit = repo.index.commit(message, author=actor, committer=actor, author_date=_when(day),
                               commit_date=_when(day), **options)
    return Commit(commit, day)


def _edit(root: Path, path: str, change: t.Callable[[str], str]) -> None:
    file = root / path
    file.write_text(change(file.read_text(encoding="utf-8")), encoding="utf-8")


def _front(field: str, value: str) -> t.Callable[[str], str]:
    """Set (or add after ``version:``) one front-matter field of a Markdown record."""
    def change(text: str) -> str:
        if re.search(rf"(?m)^{field}:", text):
            return re.sub(rf"(?m)^{field}:.*$", f"{field}: {value}", text, count=1)
        return re.sub(r"(?m)^(version:.*)$", rf"\1\n{field}: {value}", text, count=1)
    return change


def _change_note(version: str, note: str) -> t.Callable[[str], str]:
    """Add the change note of ``version`` at the top of the front matter's ``changes``."""
    entry = f'  - version: "{version}"\n    note: "{note}"\n'

    def change(text: str) -> str:
        if "\nchanges:\n" in text:
            return text.replace("\nchanges:\n", "\nchanges:\n" + entry, 1)
        return re.sub(r"(?m)^(version:.*)$", lambda m: m.group(1) + "\nchanges:\n" + entry.rstrip("\n"), text, count=1)
    return change


def build(target: Path) -> tuple[Path, History]:
    """Write the repository at ``target`` and commit its history; return the root and the commits."""
    root = build_repository(target)
    (root / "risks" / "RISK-003.yaml").write_text(RISK_003, encoding="utf-8")
    repo = git.Repo.init(root, initial_branch="main")
    _write_soa(root)
    approve_all(root, dt.date(2025, 1, 10))  # the SoA as rewritten, approved with the first commit
    repo.index.add([str(p.relative_to(root)) for p in sorted(root.rglob("*")) if p.is_file() and ".git" not in p.parts])
    first = _commit(repo, "Add the AI management system", ALEX, "2025-01-10")

    # A pull request: one commit on a branch, merged into main with a merge commit by Sam Lee.
    _edit(root, POLICY, lambda text: text.rstrip() + "\n\nExceptions need the executive sponsor's consent.\n")
    _edit(root, POLICY, _change_note("1.1", "Exceptions need the executive sponsor's consent."))
    approve(root, "POL-001", dt.date(2025, 3, 3), version="1.1")
    repo.index.add([POLICY])
    branch_change = _commit(repo, "Name who may grant exceptions to the AI policy", KIM, "2025-03-02",
                            parent_commits=[first.commit], head=False)
    repo.create_head("policy-exceptions", branch_change.commit)
    merge = _commit(repo, "Merge pull request #12 from northwind/policy-exceptions", SAM, "2025-03-04",
                    parent_commits=[first.commit, branch_change.commit])

    # A direct commit on the main line that nobody approved, then a squashed pull request.
    _edit(root, POLICY, lambda text: text.replace("responsibly.", "responsibly and lawfully."))
    repo.index.add([POLICY])
    direct_fix = _commit(repo, "Fix a typo in the AI policy", KIM, "2025-04-01")
    _edit(root, POLICY, _change_note("1.2", "AI is used lawfully as well as responsibly."))
    approve(root, "POL-001", dt.date(2025, 5, 1), version="1.2")
    repo.index.add([POLICY])
    squashed = _commit(repo, "Name the risk owner in the AI policy (#15)", SAM, "2025-05-02")
    return root, History(first, branch_change, merge, direct_fix, squashed)


def _write_soa(root: Path) -> None:
    """Put the crafted entries (and the base's expansion of every other control) in soa.yaml."""
    soa = root / "soa.yaml"
    head = soa.read_text(encoding="utf-8").split("controls:", 1)[0]
    soa.write_text(expand_soa(head + "controls:\n" + SOA_ENTRIES), encoding="utf-8")
