"""A loaded file: its data, the composed YAML node tree, and positions of values in it."""

from __future__ import annotations

import typing as t

from yaml.nodes import MappingNode, Node, SequenceNode


class Document:
    """A loaded file: its data, its composed root node and, for Markdown, its body."""

    __slots__ = ("path", "data", "_node", "_compose", "body", "line_offset", "body_line")

    def __init__(self, path: str, data: t.Any, node: Node | None, body: str | None = None, line_offset: int = 0,
                 body_line: int = 0) -> None:
        self.path, self.data, self._node, self.body = path, data, node, body
        self._compose: t.Callable[[], Node | None] | None = None
        self.line_offset = line_offset
        self.body_line = body_line  # the file line the Markdown body starts on (0 for YAML files)

    @property
    def node(self) -> Node | None:
        """The composed root node; composed again, once, when it was let go of."""
        if self._compose is not None:
            self._node, self._compose = self._compose(), None
        return self._node

    def let_go_of_node(self, compose: t.Callable[[], Node | None]) -> None:
        """Drop the node tree, most of the memory a loaded record takes; ``compose`` makes the same
        tree again should a position be asked for."""
        self._node, self._compose = None, compose

    def __repr__(self) -> str:
        return f"Document(path={self.path!r}, data={self.data!r})"

    def position(self, path: t.Sequence[str | int] = ()) -> tuple[int, int]:
        """Line and column (1-based) of the value at ``path``, or of its nearest parent."""
        node = self.node
        if node is None:
            return 1 + self.line_offset, 1
        for part in path:
            child = _child(node, part)
            if child is None:
                break
            node = child
        return node.start_mark.line + 1 + self.line_offset, node.start_mark.column + 1

    def key_position(self, path: t.Sequence[str | int], key: str) -> tuple[int, int]:
        """Line and column of the key ``key`` in the mapping at ``path``."""
        node = self.node
        for part in path:
            node = _child(node, part) if node is not None else None
        if isinstance(node, MappingNode):
            for key_node, _ in node.value:
                if key_node.value == key:
                    return key_node.start_mark.line + 1 + self.line_offset, key_node.start_mark.column + 1
        return self.position(path)


def _child(node: Node, part: str | int) -> Node | None:
    if isinstance(node, MappingNode):
        for key_node, value_node in node.value:
            if key_node.value == part:
                return value_node
    elif isinstance(node, SequenceNode) and isinstance(part, int) and 0 <= part < len(node.value):
        return node.value[part]
    return None
