"""Strict YAML and front-matter loading with node positions.

YAML 1.1 quietly rewrites values that a compliance record must keep: ``NO`` becomes ``False``,
``1.10`` becomes ``1.1``, ``2025-01-31`` becomes a date and a repeated key drops its first value.
This loader keeps every such scalar as the string that was written (only ``true``/``false``,
decimal integers and ``null`` are typed), rejects duplicate keys and aliases, and keeps the
composed nodes so that any path into the data maps back to a line and column.
"""

from __future__ import annotations

import re
import typing as t

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from aimskit.records.document import Document
from aimskit.records.findings import Finding, error

MAX_FILE_BYTES = 1024 * 1024
MAX_DEPTH = 64  # levels of nested mappings and lists; no record needs a tenth of that
#: The most digits an integer may have. Python refuses to read one of over 4,300 digits, and no
#: field of a record counts that high; an identifier made of digits is written in quotes.
MAX_INT_DIGITS = 100

_PARSER: t.Any
try:
    from yaml.cyaml import CParser as _PARSER  # type: ignore[attr-defined]
except ImportError:  # PyYAML built without libyaml
    _PARSER = None
_BOOL_WORDS = frozenset({"true", "True", "TRUE", "false", "False", "FALSE"})
_NULL_WORDS = frozenset({"~", "null", "Null", "NULL", ""})
_INT = re.compile(r"^[-+]?(?:0|[1-9][0-9]*)$")

_STR, _BOOL_TAG, _INT_TAG, _NULL_TAG = (f"tag:yaml.org,2002:{name}" for name in ("str", "bool", "int", "null"))
_SEQ_TAG, _MAP_TAG = "tag:yaml.org,2002:seq", "tag:yaml.org,2002:map"
_INT_START = frozenset("-+0123456789")


class _StrictResolver(yaml.resolver.BaseResolver):
    """Types only true/false, decimal integers and null; every other plain scalar is a string."""

    def resolve(self, kind: type, value: t.Any, implicit: t.Any) -> str:
        if kind is ScalarNode:
            if implicit[0]:
                if value in _BOOL_WORDS:
                    return _BOOL_TAG
                if value in _NULL_WORDS:
                    return _NULL_TAG
                if value[:1] in _INT_START and _INT.match(value):
                    return _INT_TAG
            return _STR
        return _SEQ_TAG if kind is SequenceNode else _MAP_TAG

if _PARSER is not None:

    class _FastComposer(_PARSER, _StrictResolver):
        def __init__(self, stream: str) -> None:
            _PARSER.__init__(self, stream)
            _StrictResolver.__init__(self)


class _AliasRejectingComposer(yaml.reader.Reader, yaml.scanner.Scanner, yaml.parser.Parser,
                              yaml.composer.Composer, _StrictResolver):
    """The pure-Python composer, used to point at an alias that the C composer expanded."""

    def __init__(self, stream: str) -> None:
        yaml.reader.Reader.__init__(self, stream)
        yaml.scanner.Scanner.__init__(self)
        yaml.parser.Parser.__init__(self)
        yaml.composer.Composer.__init__(self)
        _StrictResolver.__init__(self)

    def compose_node(self, parent: Node | None, index: t.Any) -> Node:
        if self.check_event(yaml.events.AliasEvent):
            event = self.peek_event()
            raise _Problem("AIMS102", "aliases are not allowed in AIMS records", event.start_mark,
                           "write the value out in full; an alias hides what the record says")
        return super().compose_node(parent, index)  # type: ignore[return-value]


class _Problem(Exception):
    def __init__(self, code: str, message: str, mark: t.Any, hint: str | None = None) -> None:
        super().__init__(message)
        self.code, self.message, self.mark, self.hint = code, message, mark, hint


class LoadError(Exception):
    """A file could not be loaded; ``finding`` says where and why."""

    def __init__(self, finding: Finding) -> None:
        super().__init__(finding.format_text())
        self.finding = finding


def read_text(path: str, raw: bytes) -> str:
    """Decode a record file strictly: size cap, UTF-8 only, one optional BOM."""
    if len(raw) > MAX_FILE_BYTES:
        raise LoadError(error(path, 1, 1, "AIMS103", f"file is {len(raw)} bytes, over the {MAX_FILE_BYTES} byte limit",
                              "split the record; registers keep one record per file"))
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        raise LoadError(error(path, line, column, "AIMS104", "file is not valid UTF-8",
                              "save the file as UTF-8")) from None
    return text[1:] if text.startswith("\ufeff") else text


def load_yaml(path: str, text: str, line_offset: int = 0) -> Document:
    """Compose and construct ``text`` strictly; raise LoadError on the first problem."""
    try:
        node = _compose(text)
        if node is not None and "!" in text:  # only a text with '!' can hold a tag
            _reject_tags(text)
        # Only a text with '*' can hold an alias: without one, no node is looked for twice.
        data = _construct(node, set() if "*" in text else None, line_offset) if node is not None else None
    except RecursionError:
        raise LoadError(error(path, 1 + line_offset, 1, "AIMS123", f"the YAML is nested too deeply (more than {MAX_DEPTH} levels)", "flatten the record: fields hold values or short lists")) from None  # noqa: E501
    except _Problem as problem:
        line, column = _mark_position(problem.mark)
        raise LoadError(error(path, line + line_offset, column, problem.code, problem.message, problem.hint)) from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, column = _mark_position(mark)
        tab = _indenting_tab(text, line)
        if tab is not None:
            raise LoadError(error(path, line + line_offset, tab, "AIMS100",
                                  f"a tab indents line {line + line_offset}; YAML indents with spaces only",
                                  "replace the tab with spaces, as in the rest of the file")) from None
        message = " ".join(part for part in (exc.context, exc.problem) if part) or "invalid YAML"
        raise LoadError(error(path, line + line_offset, column, "AIMS100", f"YAML syntax error: {message}",
                              "check indentation and quote values that contain ': ' or start with a special character")) from None
    except yaml.YAMLError as exc:
        raise LoadError(error(path, 1 + line_offset, 1, "AIMS100", f"YAML error: {exc}")) from None
    return Document(path, data, node, line_offset=line_offset)


def _indenting_tab(text: str, line: int) -> int | None:
    """The column of a tab in the indentation of ``line`` (1-based), where the parser stopped."""
    lines = text.splitlines()
    if not 1 <= line <= len(lines):
        return None
    current = lines[line - 1]
    indentation = current[: len(current) - len(current.lstrip(" \t"))]
    return indentation.index("\t") + 1 if "\t" in indentation else None


def _mark_position(mark: t.Any) -> tuple[int, int]:
    return (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)


def _compose(text: str, composer: t.Any = None) -> Node | None:
    loader = (composer or (_FastComposer if _PARSER is not None else _AliasRejectingComposer))(text)
    try:
        return loader.get_single_node()
    finally:
        loader.dispose()


def _reject_tags(text: str) -> None:
    """AIMS105 at the first explicit tag, even ``!!str`` (nodes cannot tell ``!!str yes`` from ``yes``; events can)."""
    parser = _PARSER(text) if _PARSER is not None else yaml.BaseLoader(text)
    try:
        while parser.check_event():
            event = parser.get_event()
            if getattr(event, "tag", None) is not None:
                raise _Problem("AIMS105", f"explicit tag {event.tag.replace('tag:yaml.org,2002:', '!!')} is not allowed",
                               event.start_mark, "remove the tag; the schema decides the type, and a tag changes values silently")
    finally:
        parser.dispose()


def _construct(node: Node, seen: set[int] | None, offset: int = 0, depth: int = 0) -> t.Any:
    # The C composer expands aliases into the very same node object, so a node met twice is an
    # alias; the Python composer is then run to point at the alias itself.
    if seen is not None:
        if id(node) in seen:
            raise _Problem("AIMS102", "aliases are not allowed in AIMS records", node.start_mark,
                           "write the value out in full; an alias hides what the record says")
        seen.add(id(node))
    if isinstance(node, ScalarNode):
        return _scalar(node)
    if depth >= MAX_DEPTH:
        raise _Problem("AIMS123", f"the YAML is nested too deeply (more than {MAX_DEPTH} levels)", node.start_mark,
                       "flatten the record: fields hold values or short lists")
    if node.tag not in (_SEQ_TAG, _MAP_TAG):
        raise _Problem("AIMS105", f"explicit tag {node.tag} is not allowed", node.start_mark, "remove the tag")
    if isinstance(node, SequenceNode):
        return [_construct(child, seen, offset, depth + 1) for child in node.value]
    if isinstance(node, MappingNode):
        return _mapping(node, seen, offset, depth)
    raise _Problem("AIMS100", "unsupported YAML node", node.start_mark)


def _mapping(node: MappingNode, seen: set[int] | None, offset: int, depth: int = 0) -> dict[t.Any, t.Any]:
    result: dict[t.Any, t.Any] = {}
    first_line: dict[t.Any, int] = {}
    for key_node, value_node in node.value:
        if not isinstance(key_node, ScalarNode):
            raise _Problem("AIMS100", "mapping keys must be plain strings", key_node.start_mark)
        if key_node.value == "<<" and not key_node.style:
            raise _Problem("AIMS102", "merge keys (<<) are not allowed in AIMS records", key_node.start_mark,
                           "write the fields out in full")
        key = key_node.value
        if key in result:
            raise _Problem("AIMS101", f"duplicate key '{key}' (first defined on line {first_line[key]})",
                           key_node.start_mark, "a repeated key silently drops the first value; keep one")
        first_line[key] = key_node.start_mark.line + 1 + offset
        result[key] = _construct(value_node, seen, offset, depth + 1)
    return result


def _scalar(node: ScalarNode) -> t.Any:
    tag, value = node.tag, node.value
    if tag == "tag:yaml.org,2002:str":
        return value
    if tag == "tag:yaml.org,2002:bool" and value in _BOOL_WORDS:
        return value.lower() == "true"
    if tag == "tag:yaml.org,2002:int":
        if len(value.lstrip("+-")) > MAX_INT_DIGITS:
            raise _Problem("AIMS124", f"the number has {len(value.lstrip('+-'))} digits, more than the "
                           f"{MAX_INT_DIGITS} aimskit reads", node.start_mark,
                           "no field counts that high; write an identifier made of digits in quotes")
        return int(value)
    if tag == "tag:yaml.org,2002:null":
        return None
    raise _Problem("AIMS105", f"explicit tag {tag} is not allowed", node.start_mark, "remove the tag")


def load_yaml_file(path: str, raw: bytes) -> Document:
    """Load a YAML record from raw bytes, with the alias position found exactly on failure."""
    text = read_text(path, raw)
    try:
        return load_yaml(path, text)
    except LoadError as exc:
        if exc.finding.code == "AIMS102" and _PARSER is not None:
            _point_at_alias(path, text)
        raise


def _point_at_alias(path: str, text: str, line_offset: int = 0) -> None:
    try:
        _compose(text, _AliasRejectingComposer)
    except _Problem as problem:
        line, column = _mark_position(problem.mark)
        raise LoadError(error(path, line + line_offset, column, problem.code, problem.message, problem.hint)) from None
    except yaml.YAMLError:
        return


_FRONT_MATTER_END = re.compile(r"^(?:---|\.\.\.)[ \t]*$", re.MULTILINE)


def split_front_matter(path: str, text: str) -> tuple[str, str, int]:
    """Return (front matter, body, line of the body) or raise LoadError."""
    first, _, rest = text.partition("\n")
    if first.rstrip() != "---":
        raise LoadError(error(path, 1, 1, "AIMS106", "Markdown record has no YAML front matter",
                              "start the file with a line '---', the metadata, then another '---'"))
    end = _FRONT_MATTER_END.search(rest)
    if end is None:
        raise LoadError(error(path, 1, 1, "AIMS106", "front matter is not closed",
                              "end the metadata with a line '---' before the text"))
    front = rest[: end.start()]
    body = rest[end.end():].lstrip("\n") if end.end() < len(rest) else ""
    skipped = len(rest) - end.end() - len(body) if body else 0  # blank lines before the text
    body_line = text[: len(first) + 1 + end.end()].count("\n") + 1 + skipped
    return front, body, body_line


def load_markdown_file(path: str, raw: bytes) -> Document:
    """Load a Markdown record: strict YAML front matter plus the body (CRLF or CR line ends read as LF)."""
    text = read_text(path, raw)
    text = text.replace("\r\n", "\n").replace("\r", "\n") if "\r" in text else text
    front, body, body_line = split_front_matter(path, text)
    try:
        document = load_yaml(path, front, line_offset=1)
    except LoadError as exc:
        if exc.finding.code == "AIMS102" and _PARSER is not None:
            _point_at_alias(path, front, line_offset=1)
        raise
    document.body = body
    document.body_line = body_line
    return document
