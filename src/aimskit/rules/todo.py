"""To-do markers: text that someone still has to write (``aimskit import`` leaves them where a
register held no value for a field a record needs)."""

from __future__ import annotations

import re
import typing as t

from aimskit.records import kinds
from aimskit.records.findings import Finding, Severity
from aimskit.records.model import Repository
from aimskit.rules._common import at
from aimskit.rules.registry import Options, rule

MARKER = re.compile(r"\bTODO\b")
KINDS = (kinds.RISK, kinds.SYSTEM, kinds.ROLE, kinds.SUPPLIER)


@rule
def no_todo_markers(repository: Repository, options: Options) -> t.Iterator[Finding]:
    """AIMS503: a risk, AI system, role or supplier holds no TODO marker (a value still to write)."""
    for kind in KINDS:
        for record in repository.of(kind):
            for path, text in _strings(record.data, ()):
                if ("TODO" in text and MARKER.search(text)) or (path and path[-1] == "handle"
                                                                 and text.startswith("@todo")):
                    yield at(record, path, "AIMS503", f"{'.'.join(map(str, path))} is still to be completed",
                             "replace the TODO with the organisation's own text", severity=Severity.WARNING)


def _strings(value: t.Any, path: tuple[str | int, ...]) -> t.Iterator[tuple[tuple[str | int, ...], str]]:
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _strings(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _strings(item, (*path, index))
