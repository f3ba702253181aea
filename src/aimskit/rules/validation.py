"""Validation as one call: strict load, schemas and cross-file rules, every finding at once."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from aimskit import rules
from aimskit.records.findings import Finding, has_errors, sort_findings
from aimskit.records.model import FileSource, Repository, collector_paused, load_repository


@dataclasses.dataclass
class Result:
    repository: Repository
    findings: list[Finding]

    @property
    def ok(self) -> bool:
        return not has_errors(self.findings)

    @property
    def checked(self) -> int:
        """How many record files were read: those loaded and those that failed to load."""
        return sum(1 for _ in self.repository.all_records()) + len(self.repository.unloaded)


def validate(root: Path, options: rules.Options | None = None, source: FileSource | None = None) -> Result:
    """Load ``root`` and return every finding: loading, schema and cross-file rules."""
    repository = load_repository(root, source)
    with collector_paused():
        findings = list(repository.findings) + rules.check(repository, options)
    return Result(repository, sort_findings(findings))
