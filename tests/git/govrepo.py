"""A small, valid AIMS in a real git repository, and helpers to make governance commits."""

from __future__ import annotations

import datetime as dt
import textwrap
from pathlib import Path

import git

from aimskit import reference
from aimskit.approvals.stamp import approve_all

MANIFEST = """\
schema_version: "1"
organisation: {name: "Example Ltd", sector: technology, ai_role: both}
scope: {statement: "All AI systems of Example Ltd"}
context: {internal_issues: ["small team"], external_issues: ["EU AI Act"]}
interested_parties: [{name: Customers, needs: "fair decisions"}]
risk_method:
  matrix: 5x5
  likelihood: [{value: 1, label: Rare}, {value: 2, label: Unlikely}, {value: 3, label: Possible},
               {value: 4, label: Likely}, {value: 5, label: Almost certain}]
  impact: [{value: 1, label: Minor}, {value: 2, label: Moderate}, {value: 3, label: Major},
           {value: 4, label: Severe}, {value: 5, label: Critical}]
  levels: [{name: low, min: 1, max: 5}, {name: medium, min: 6, max: 11}, {name: high, min: 12, max: 25}]
  appetite: 8
review: {cycle_months: 12}
governance_lead: ai-governance-lead
ci: github
"""

ROLE = """\
id: {id}
title: "{title}"
responsibilities: ["look after the AIMS"]
authorities: [approve-policy, accept-risk, approve-soa]
holders:
  - {{name: "{name}", handle: "{handle}"}}
"""

POLICY = """\
---
id: POL-001
title: "AI policy"
owner: ai-governance-lead
approver: top-management
version: "1.0"
status: approved
effective: "2026-01-01"
next_review: "2027-06-01"
controls: [A.2.2]
clauses: ["5.2"]
---
# AI policy

We use AI responsibly.

Every system has an owner.
"""

SYSTEM = """\
id: SYS-001
name: "Support assistant"
purpose: "Answer customer questions"
intended_use: "Drafting replies reviewed by staff"
owner: ai-governance-lead
lifecycle_stage: operation
provider: in-house
affected_parties: [Customers]
human_oversight: "Staff review every reply"
eu_ai_act: {tier: limited, rationale: "Chatbot transparency duties"}
"""

RISK = """\
id: {id}
title: "{title}"
description: "The assistant may give wrong answers"
systems: [SYS-001]
source: C.3.2
owner: ai-governance-lead
likelihood: 4
impact: 4
treatment: {{option: modify, controls: [A.6.2.4]}}
residual: {{likelihood: {rl}, impact: {ri}}}
status: treating
identified: "2026-01-10"
next_review: "2027-06-01"
"""


def soa_text(overrides: dict[str, str] | None = None) -> str:
    lines = ['version: "1.0"', "status: approved", "owner: ai-governance-lead", "approver: top-management",
             'next_review: "2027-06-01"', "controls:"]
    for control in reference.controls():
        lines.append((overrides or {}).get(control) or
                     f"  - {{control: {control}, applicable: true, justification: \"needed\", status: planned}}")
    return "\n".join(lines) + "\n"


class GovRepo:
    """A git repository holding an AIMS, committed to with GitPython."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.repo = git.Repo.init(root, initial_branch="main")
        with self.repo.config_writer() as config:
            config.set_value("user", "name", "Alice Admin")
            config.set_value("user", "email", "alice@example.com")
            config.set_value("commit", "gpgsign", "false")

    def write(self, path: str, text: str) -> None:
        target = self.root / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(textwrap.dedent(text) if text.startswith("\n") else text, encoding="utf-8")

    def commit(self, message: str, author: str = "Alice Admin") -> git.Commit:
        self.repo.git.add("-A")
        actor = git.Actor(author, f"{author.split()[0].lower()}@example.com")
        return self.repo.index.commit(message, author=actor, committer=actor)

    def merge(self, branch: str, message: str, by: str = "Carol Chair") -> None:
        self.repo.git.merge("--no-ff", branch, "-m", message,
                            env={"GIT_AUTHOR_NAME": by, "GIT_COMMITTER_NAME": by})

    def replace(self, path: str, old: str, new: str) -> None:
        text = (self.root / path).read_text(encoding="utf-8")
        assert old in text, f"{old!r} not in {path}"
        self.write(path, text.replace(old, new))


def build_aims(repo: GovRepo) -> None:
    repo.write("aims.yml", MANIFEST)
    repo.write("roles/ai-governance-lead.yaml",
               ROLE.format(id="ai-governance-lead", title="AI governance lead", name="Gina Lead", handle="@gina"))
    repo.write("roles/top-management.yaml",
               ROLE.format(id="top-management", title="Top management", name="Tom Boss", handle="@example/board"))
    repo.write("policies/POL-001.md", POLICY)
    repo.write("systems/SYS-001.yaml", SYSTEM)
    repo.write("risks/RISK-001.yaml", RISK.format(id="RISK-001", title="Wrong answers", rl=2, ri=3))
    repo.write("risks/RISK-002.yaml", RISK.format(id="RISK-002", title="Data leak", rl=2, ri=2))
    repo.write("soa.yaml", soa_text())
    approve_all(repo.root, dt.date(2026, 1, 5))  # what 'aimskit approve' records for the approved documents
