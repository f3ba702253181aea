"""Validation as one call: strict load, schemas and cross-file rules, every finding at once."""

from __future__ import annotations

from pathlib import Path

from aimskit import rules
from aimskit.records.findings import Finding, has_errors, sort_findings
from aimskit.records.model import FileSource, Repository, collector_paused, load_repository


class Result:
    """What :func:`validate` found: the repository as loaded, and every finding, sorted."""

    __slots__ = ("repository", "findings")

    def __init__(self, repository: Repository, findings: list[Finding]) -> None:
        self.repository, self.findings = repository, findings

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
        findings = one_per_place(list(repository.findings), rules.check(repository, options))
    return Result(repository, sort_findings(findings))


def changed_findings(head: Repository, base: Repository,
                     options: rules.Options | None = None) -> tuple[list[Finding], list[Finding]]:
    """The findings on ``head`` and on ``base``, a snapshot sharing records with it (sorted, as
    :func:`validate` has them), less findings that are the same on both sides: what one side has and
    the other has not is exactly what validating both gives. See :mod:`aimskit.rules.incremental`."""
    from aimskit.rules.incremental import check_changed  # only diff needs it, not validate's start-up

    with collector_paused():
        at_head, at_base = check_changed(head, base, rules.RULES, options)
        return (sort_findings(one_per_place(list(head.findings), at_head)),
                sort_findings(one_per_place(list(base.findings), at_base)))


# Schema findings about a value's form; a rule at the same place says what the value should be.
_FORM_CODES = frozenset({"AIMS304", "AIMS305"})


def one_per_place(loaded: list[Finding], checked: list[Finding]) -> list[Finding]:
    """Loading and rule findings, where a rule's finding replaces a schema finding about the form of
    the same value (one mistake, one finding: the most specific)."""
    ruled = {(f.path, f.line, f.column) for f in checked}
    kept = [f for f in loaded if f.code not in _FORM_CODES or (f.path, f.line, f.column) not in ruled]
    return kept + checked
