"""To-do markers: text that someone still has to write (``aimskit import`` leaves them where a
register held no value for a field a record needs)."""

from __future__ import annotations

import typing as t

from aimskit.records import kinds
from aimskit.records.findings import Finding
from aimskit.records.model import Record
from aimskit.rules._common import at
from aimskit.rules.registry import Options, record_rule

MARKER = "TODO"
#: The text fields that can hold a marker, by kind: a path, where "*" stands for each list item.
FIELDS: dict[kinds.Kind, tuple[tuple[str, ...], ...]] = {
    kinds.RISK: (("description",), ("acceptance", "rationale")),
    kinds.SYSTEM: (("name",), ("description",), ("purpose",), ("intended_use",), ("affected_parties", "*"),
                   ("human_oversight",), ("eu_ai_act", "rationale")),
    kinds.ROLE: (("responsibilities", "*"), ("holders", "*", "handle")),
    kinds.SUPPLIER: (("services",),),
}
#: The kinds whose markers AIMS503 reports (AIMS504 leaves them to it).
KINDS = frozenset(FIELDS)


@record_rule(*FIELDS)
def no_todo_markers(record: Record, context: None, options: Options) -> t.Iterator[Finding]:
    """AIMS503: a risk, AI system, role or supplier holds no TODO marker (a value still to write)."""
    data = record.data
    for spec in FIELDS.get(record.kind, ()):
        found: list[tuple[tuple[str | int, ...], str]]
        if len(spec) == 1:  # the common case, without the generator
            value = data.get(spec[0])
            found = [(spec, value)] if isinstance(value, str) and MARKER in value else []
        else:
            found = list(_values(data, spec, ()))
        for path, text in found:
            if _marked(text):
                yield at(record, path, "AIMS503", f"{'.'.join(map(str, path))} is still to be completed",
                         "replace the TODO with the organisation's own text", severity=options.placeholder_severity)


def _marked(text: str) -> bool:
    """TODO as a word (not "TODOs"), or the placeholder handle ``@todo-assign-holder``."""
    if text.startswith("@todo-assign"):
        return True
    start = text.find(MARKER)
    while start != -1:
        end = start + len(MARKER)
        if (start == 0 or not text[start - 1].isalnum()) and (end == len(text) or not text[end].isalnum()):
            return True
        start = text.find(MARKER, end)
    return False


def _values(data: t.Any, spec: tuple[str, ...], path: tuple[str | int, ...]) -> t.Iterator[tuple[tuple[str | int, ...], str]]:
    if not spec:
        if isinstance(data, str):
            yield path, data
        return
    head, rest = spec[0], spec[1:]
    if head == "*":
        for index, item in enumerate(data if isinstance(data, list) else []):
            yield from _values(item, rest, (*path, index))
    elif isinstance(data, dict) and head in data:
        yield from _values(data[head], rest, (*path, head))
