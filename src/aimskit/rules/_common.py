"""Helpers shared by the rules: type-safe walking of record data and findings at a value.

Rules also run on records that failed their schema, so every read here checks types and
skips what does not fit instead of raising.
"""

from __future__ import annotations

import typing as t

from aimskit.governance.fields import items
from aimskit.governance.scoring import RiskMethod
from aimskit.records import kinds
from aimskit.records.findings import Finding, Severity
from aimskit.records.model import Record, Repository

Path = tuple[t.Union[str, int], ...]


def walk(data: t.Any, spec: str) -> t.Iterator[tuple[Path, t.Any]]:
    """The values at ``spec`` (dotted, ``*`` for every list item) with their paths."""
    level: list[tuple[Path, t.Any]] = [((), data)]
    for head in spec.split("."):
        found: list[tuple[Path, t.Any]] = []
        for path, node in level:
            if head == "*":
                if isinstance(node, list):
                    found.extend(((*path, index), child) for index, child in enumerate(node))
            elif isinstance(node, dict) and head in node:
                found.append(((*path, head), node[head]))
        level = found
    return iter(level)


def strings(record: Record, spec: str) -> t.Iterator[tuple[Path, str]]:
    """The non-empty strings at ``spec`` in ``record``."""
    for path, value in walk(record.data, spec):
        if isinstance(value, str) and value:
            yield path, value


def at(record: Record, path: Path, code: str, message: str, hint: str | None = None,
       severity: Severity = Severity.ERROR) -> Finding:
    """A finding positioned at the value at ``path`` in ``record``."""
    line, column = record.document.position(list(path))
    return Finding(record.path, line, column, severity, code, message, hint)


def at_key(record: Record, path: Path, key: str, code: str, message: str, hint: str | None = None,
           severity: Severity = Severity.ERROR) -> Finding:
    """A finding positioned at the key ``key`` of the mapping at ``path``."""
    line, column = record.document.key_position(list(path), key)
    return Finding(record.path, line, column, severity, code, message, hint)


def did_you_mean(value: str, choices: t.Iterable[str], what: str) -> str:
    """A hint: the closest choice, or where valid values come from."""
    choices = sorted(choices)  # the same hint whatever order the choices come in
    same_but_case = {choice.casefold(): choice for choice in choices}.get(value.casefold())
    if same_but_case is not None:
        return f"did you mean '{same_but_case}'?"
    import difflib  # only when there is something to suggest

    close = difflib.get_close_matches(value, choices, n=1, cutoff=0.6)
    return f"did you mean '{close[0]}'?" if close else what


def risk_method(repository: Repository) -> RiskMethod | None:
    """The manifest's risk method, or None when it is missing or too broken to use."""
    if not isinstance(repository.manifest.get("risk_method"), dict):
        return None
    return RiskMethod.from_manifest(repository.manifest)


def manifest_record(repository: Repository) -> Record | None:
    """The aims.yml record, when it loaded."""
    return repository.single(kinds.MANIFEST)


def authorities_by_role(repository: Repository) -> dict[str, tuple[t.Any, ...]]:
    """Each role's authorities (empty when they are not a list), by role id: a record rule's context."""
    return {role_id: tuple(items(role.data, "authorities")) for role_id, role in repository.roles.items()}
