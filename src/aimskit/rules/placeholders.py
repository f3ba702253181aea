"""Placeholder rule: template markers and TODO / TBD notes left in records."""

from __future__ import annotations

import typing as t

from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from aimskit.governance.starter import placeholder, placeholders_in
from aimskit.records.findings import Finding
from aimskit.records.model import FileSource, Record, Repository
from aimskit.rules import todo
from aimskit.rules.registry import Options, record_rule

_HINT = "write the organisation's own text here; a placeholder never counts as evidence"


def _files(repository: Repository) -> FileSource | None:
    return repository.source


def _same_files(before: FileSource | None, after: FileSource | None) -> bool:
    """The rule reads only the checked record's own file, and a record shared by two snapshots is
    the same file with the same bytes in both: whichever source reads it, the findings are the same."""
    return True


@record_rule(context=_files, same_context=_same_files)
def no_placeholders(record: Record, files: FileSource | None, options: Options) -> t.Iterator[Finding]:
    """AIMS504: no record holds template placeholder text ("(replace with ...)", "Replace this
    sentence ...", "To be decided") or a TODO / TBD / FIXME note that AIMS503 does not already report."""
    reported = {f.line for f in todo.no_todo_markers.check(record, None, options)} \
        if record.kind in todo.KINDS else set()
    for line, column, marker in _in_front(record):
        if marker == "TODO" and line in reported:
            continue  # AIMS503 reports it
        yield _finding(record, line, column, marker, options)
    for line, column, marker in _in_body(files, record):
        yield _finding(record, line, column, marker, options)


def _finding(record: Record, line: int, column: int, marker: str, options: Options) -> Finding:
    shown = marker if len(marker) <= 60 else marker[:57] + "..."
    return Finding(record.path, line, column, options.placeholder_severity, "AIMS504", f"placeholder text '{shown}' is still here", _HINT)


def _in_front(record: Record) -> t.Iterator[tuple[int, int, str]]:
    if not placeholders_in(record.data):  # one search over the record's text; positions only on a hit
        return
    document = record.document
    stack: list[Node] = [document.node] if document.node is not None else []
    while stack:
        node = stack.pop()
        if isinstance(node, ScalarNode):
            marker = placeholder(node.value) if isinstance(node.value, str) else None
            if marker:
                yield node.start_mark.line + 1 + document.line_offset, node.start_mark.column + 1, marker
        elif isinstance(node, MappingNode):
            stack.extend(value for _, value in reversed(node.value))
        elif isinstance(node, SequenceNode):
            stack.extend(reversed(node.value))


def _in_body(files: FileSource | None, record: Record) -> t.Iterator[tuple[int, int, str]]:
    """Placeholders in a Markdown body, located by line in the file as it is on disk or in git."""
    body = record.document.body
    if not body or placeholder(body) is None or files is None:
        return
    try:
        text = files.read(record.path).decode("utf-8", errors="replace")
    except OSError:
        return
    lines = text.splitlines()
    start = _body_start(lines)
    for number, content in enumerate(lines[start:], start=start + 1):
        marker = placeholder(content)
        if marker:
            yield number, content.find(marker) + 1, marker


def _body_start(lines: list[str]) -> int:
    """The index of the first line after the closing front matter fence."""
    for index, content in enumerate(lines[1:], start=1):
        if content.rstrip() in ("---", "..."):
            return index + 1
    return len(lines)
