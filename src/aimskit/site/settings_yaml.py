"""Reading ``mkdocs.yml`` into plain data with the engines' YAML semantics, or refusing it.

MkDocs and Zensical read their configuration with PyYAML (YAML 1.1: ``off`` is the boolean false,
``1.10`` a number, ``2024-01-31`` a date). :class:`Reader` builds the same values with PyYAML's
own constructors, and refuses what would let a second reader see something else, or make the
reading explode: merge keys (``<<``), anchors and aliases, duplicate keys, tags other than the
plain ``!!str``/``!!int``/``!!float``/``!!bool``/``!!null``, and deep nesting. It keeps the line
and column of every setting, so each later finding points at its place in the file.
"""

from __future__ import annotations

import typing as t

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from aimskit.records.findings import Finding, error

CONFIG_NAME = "mkdocs.yml"
MAX_DEPTH = 50
_PLAIN_TAGS = {f"tag:yaml.org,2002:{name}" for name in ("str", "int", "float", "bool", "null")}
_MERGE_TAG = "tag:yaml.org,2002:merge"
_RESOLVER = yaml.resolver.Resolver()
_COLLECTION_TAGS: dict[type, str] = {SequenceNode: "tag:yaml.org,2002:seq", MappingNode: "tag:yaml.org,2002:map"}

# Where a value is: mapping keys and list indexes from the top of the file.
Path_ = tuple[t.Union[str, int], ...]


class Reader:
    """mkdocs.yml as plain data with PyYAML's semantics, refusing what a second reader could read otherwise."""

    def __init__(self) -> None:
        self.findings: list[Finding] = []
        self.positions: dict[Path_, tuple[int, int]] = {}
        self._constructor = yaml.SafeLoader("")

    def read(self, raw: bytes) -> t.Any:
        """The data of ``raw``, or None with :attr:`findings` saying why it was refused."""
        try:
            text = raw.decode("utf-8-sig")
            self._anchors(text)
            if self.findings:
                return None
            node = yaml.compose(text, Loader=yaml.SafeLoader)
        except (UnicodeDecodeError, yaml.YAMLError, RecursionError) as exc:
            mark = getattr(exc, "problem_mark", None)
            line, column = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
            self.findings.append(error(CONFIG_NAME, line, column, "AIMS900", "mkdocs.yml is not valid YAML",
                                       "check its indentation and quoting"))
            return None
        if node is None:
            return {}
        return self._value(node, (), 0)

    def _anchors(self, text: str) -> None:
        for event in yaml.parse(text, Loader=yaml.SafeLoader):
            mark = event.start_mark
            anchor = getattr(event, "anchor", None)
            if isinstance(event, yaml.AliasEvent):
                self._refuse(mark, "AIMS931", f"alias *{shown(anchor)} repeats another setting",
                             "write the value out in full; aimskit reads mkdocs.yml without anchors and aliases")
            elif anchor is not None:
                self._refuse(mark, "AIMS931", f"anchor &{shown(anchor)} is not allowed in mkdocs.yml",
                             "write the value out in full; aimskit reads mkdocs.yml without anchors and aliases")

    def _refuse(self, mark: t.Any, code: str, message: str, hint: str) -> None:
        self.findings.append(error(CONFIG_NAME, mark.line + 1, mark.column + 1, code, message, hint))

    def _value(self, node: Node, path: Path_, depth: int) -> t.Any:
        if depth > MAX_DEPTH:
            self._refuse(node.start_mark, "AIMS904", f"mkdocs.yml is nested more than {MAX_DEPTH} levels deep",
                         "flatten the setting")
            return None
        if not self._tag_ok(node):
            return None
        if isinstance(node, ScalarNode):
            try:
                return self._constructor.construct_object(node, deep=True)
            except Exception:  # noqa: BLE001  PyYAML's constructors raise what they meet: !!int '' is an IndexError
                self._refuse(node.start_mark, "AIMS934", f"'{shown(node.value)}' is not a valid {_tag_name(node.tag)}",
                             "write the value in quotes, or as a plain number")
                return None
        if isinstance(node, SequenceNode):
            items = []
            for index, child in enumerate(node.value):
                self.positions[path + (index,)] = where(child)
                items.append(self._value(child, (*path, index), depth + 1))
            return items
        mapping: dict[t.Any, t.Any] = {}
        lines: dict[t.Any, int] = {}
        assert isinstance(node, MappingNode)
        for key_node, value_node in node.value:
            if key_node.tag == _MERGE_TAG:
                self._refuse(key_node.start_mark, "AIMS930", "merge key '<<' adds settings that are not written out",
                             "write each setting itself; aimskit reads mkdocs.yml without merge keys")
                continue
            if not isinstance(key_node, ScalarNode):
                self._refuse(key_node.start_mark, "AIMS934", "a setting's name must be text, not a list or a mapping",
                             "write the name as plain text")
                continue
            key = self._value(key_node, path, depth + 1)
            if not isinstance(key, str):
                self._refuse(key_node.start_mark, "AIMS934", f"the name '{shown(key_node.value)}' is read as "
                             f"{kind(key)}, not as text", f"write it in quotes: \"{shown(key_node.value)}\"")
                continue
            if key in mapping:
                self._refuse(key_node.start_mark, "AIMS932", f"'{shown(key)}' is set twice (first on line {lines[key]})",
                             "keep one of them; YAML would silently keep the last")
                continue
            lines[key] = key_node.start_mark.line + 1
            self.positions[path + (key,)] = where(key_node)
            mapping[key] = self._value(value_node, (*path, key), depth + 1)
        return mapping

    def _tag_ok(self, node: Node) -> bool:
        if isinstance(node, ScalarNode):
            implicit = node.tag == _RESOLVER.resolve(ScalarNode, node.value, (True, False)) or \
                (node.tag == "tag:yaml.org,2002:str" and node.style is not None)
            if implicit or node.tag in _PLAIN_TAGS:
                return True
        elif node.tag == _COLLECTION_TAGS.get(type(node)):
            return True
        tag = node.tag.replace("tag:yaml.org,2002:", "!!")
        if "python/" in node.tag:
            self._refuse(node.start_mark, "AIMS903", f"tag {shown(tag)} would load Python code",
                         "remove the tag; the site is built without running code from the repository")
        else:
            self._refuse(node.start_mark, "AIMS903", f"tag {shown(tag)} is not allowed in mkdocs.yml",
                         "write the value itself; !ENV would copy the build's environment into the site")
        return False


def where(node: Node) -> tuple[int, int]:
    """Line and column (from 1) of ``node``."""
    return node.start_mark.line + 1, node.start_mark.column + 1


def _tag_name(tag: str) -> str:
    return {"tag:yaml.org,2002:int": "whole number", "tag:yaml.org,2002:float": "number",
            "tag:yaml.org,2002:bool": "boolean", "tag:yaml.org,2002:timestamp": "date"}.get(tag, "value")


def kind(value: t.Any) -> str:
    """What YAML made of a value, in words: "the boolean false", "a date"."""
    if isinstance(value, bool):
        return f"the boolean {str(value).lower()}"
    if value is None:
        return "null"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, (list, dict)):
        return "a list" if isinstance(value, list) else "a mapping"
    return f"a {type(value).__name__}"


def shown(name: t.Any) -> str:
    """A value from the file, printable and at most 80 characters, for a message."""
    return "".join(char if char.isprintable() else "?" for char in str(name))[:80]
