"""Evidence rule: evidence paths name files inside the repository."""

from __future__ import annotations

import posixpath
import typing as t
from pathlib import Path

from aimskit.records.findings import Finding
from aimskit.records.model import DirectorySource, FileSource, Repository
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
    on_disk = repository.source is None or isinstance(repository.source, DirectorySource)
    for record, path, value in references(repository, EVIDENCE_FIELDS):
        if _absolute(value):
            problem: str | None = "is an absolute path"
        elif on_disk:
            problem = _problem_on_disk(Path(repository.root).resolve(), value)
        else:
            problem = _problem_in_source(repository.source, value)
        if problem:
            yield at(record, path, "AIMS209", f"evidence '{value}' {problem}",
                     "evidence paths are relative to the repository root, e.g. evidence/training-log.csv")


def _absolute(value: str) -> bool:
    return value.startswith(("/", "\\")) or (len(value) > 1 and value[1] == ":")


def _problem_on_disk(root: Path, value: str) -> str | None:
    target = (root / value).resolve()  # follows symbolic links, which may leave the repository too
    if target != root and root not in target.parents:
        return "points outside the repository"
    return None if target.exists() else "does not exist"


def _problem_in_source(source: FileSource | None, value: str) -> str | None:
    """The same checks against the files of a git revision."""
    normal = posixpath.normpath(value.replace("\\", "/"))
    if normal == ".." or normal.startswith("../"):
        return "points outside the repository"
    if source is None or normal == "." or source.list(normal) or source.list(f"{normal}/*"):
        return None
    return "does not exist"
