"""Evidence rule: evidence paths name files inside the repository."""

from __future__ import annotations

import typing as t
from pathlib import Path

from aimskit.findings import Finding
from aimskit.model import Repository
from aimskit.rules._common import at
from aimskit.rules.references import references
from aimskit.rules.registry import Options, rule

EVIDENCE_FIELDS: dict[str, tuple[str, ...]] = {
    "soa": ("controls.*.evidence.*",),
    "supplier": ("due_diligence.evidence.*",),
    "audit": ("report",),
}


@rule
def evidence_exists(repository: Repository, options: Options) -> t.Iterator[Finding]:
    """AIMS209: evidence is a relative path to an existing file or folder in the repository."""
    root = Path(repository.root).resolve()
    on_disk = root.is_dir()
    for record, path, value in references(repository, EVIDENCE_FIELDS):
        problem = _problem(root, value, on_disk)
        if problem:
            yield at(record, path, "AIMS209", f"evidence '{value}' {problem}",
                     "evidence paths are relative to the repository root, e.g. evidence/training-log.csv")


def _problem(root: Path, value: str, on_disk: bool) -> str | None:
    if value.startswith(("/", "\\")) or (len(value) > 1 and value[1] == ":"):
        return "is an absolute path"
    target = (root / value).resolve()
    if target != root and root not in target.parents:
        return "points outside the repository"
    if on_disk and not target.exists():
        return "does not exist"
    return None
