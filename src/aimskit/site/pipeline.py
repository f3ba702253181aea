"""What render, build and serve share: validate, gather readiness and git history, render."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

from aimskit import readiness, rules
from aimskit.approvals import evidence
from aimskit.approvals.evidence import Lookup
from aimskit.records import kinds
from aimskit.records.findings import Finding
from aimskit.records.model import Repository
from aimskit.rules.validation import validate
from aimskit.site.render import RenderContext, render

# Documents whose pages show a revision history and an approval record.
HISTORY_KINDS = (kinds.POLICY, kinds.IMPACT_ASSESSMENT)


@dataclasses.dataclass
class Rendered:
    """The outcome of validate → render: the findings, and the pages when the records are valid."""

    findings: list[Finding]
    pages: dict[str, str] | None
    checked: int

    @property
    def ok(self) -> bool:
        return self.pages is not None


def validate_and_render(root: Path, today: dt.date | None = None, confirm: Lookup | None = None) -> Rendered:
    """Validate ``root``; when it has no errors, render its pages with readiness and history;
    ``confirm`` asks the code host about each approval (without it, each is "not checked")."""
    today = today or dt.date.today()
    result = validate(root, rules.Options(today=today))
    checked = result.checked
    if not result.ok:
        return Rendered(result.findings, None, checked)
    histories, approvals = gather_history(root, result.repository, confirm)
    assessed = readiness.assess(result.repository, today, result.findings)
    context = RenderContext(result.repository, today, readiness=assessed, histories=histories, approvals=approvals,
                            versions=gather_versions(root, result.repository, histories))
    return Rendered(result.findings, render(context), checked)


def gather_history(root: Path, repository: Repository, confirm: Lookup | None = None) -> tuple[dict, dict]:
    """Revisions and approval rows of each document ({path: None} when history is unavailable)."""
    from aimskit import git  # GitPython is imported only when a site is built

    histories: dict = {}
    approvals: dict = {}
    for kind in HISTORY_KINDS:
        for record in repository.of(kind):
            revisions = histories[record.path] = git.file_history(root, record.path)
            approvals[record.path] = evidence.annotate(git.approval_rows(root, record.path, revisions=revisions),
                                                       confirm) if revisions else []
    for record in repository.of(kinds.RISK):  # each acceptance as it reached the main line
        if isinstance(record.data, dict) and isinstance(record.data.get("acceptance"), dict):
            approvals[record.path] = evidence.annotate(git.acceptance_rows(root, record.path), confirm)
    return histories, approvals


def gather_versions(root: Path, repository: Repository, histories: dict) -> dict:
    """Each policy's versions from git, oldest first ([] when history is unavailable)."""
    from aimskit import git

    return {record.path: git.document_versions(root, histories.get(record.path))
            for record in repository.of(kinds.POLICY)}
