"""Lines and columns in a manifest that a parser without positions (TOML, JSON) read."""

from __future__ import annotations

import bisect
import re


class Text:
    """A file's text with its line starts, to turn offsets into 1-based line and column."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._starts = [0] + [m.end() for m in re.finditer("\n", text)]

    def position(self, offset: int) -> tuple[int, int]:
        line = bisect.bisect_right(self._starts, offset)
        return line, offset - self._starts[line - 1] + 1

    def find(self, name: str, *, pypi: bool = False, prefer: str | None = None) -> tuple[int, int]:
        """Where ``name`` first stands as a whole word (a ``prefer`` pattern first, with ``{}`` for the
        name); the top of the file when it is nowhere (a name written with escapes)."""
        escaped = re.escape(name)
        if pypi:  # PEP 503: Google_GenerativeAI is google-generativeai
            escaped = re.sub(r"(\\-|_|\\\.)+", "[-_.]+", escaped)
        patterns = [prefer.format(escaped)] if prefer else []
        patterns.append(r"(?<![\w.@/-])" + escaped + r"(?![\w.-])")
        for pattern in patterns:
            found = re.search(pattern, self.text, re.IGNORECASE | re.MULTILINE)
            if found is not None:
                return self.position(found.start(found.lastindex or 0))
        return 1, 1


def toml_error_position(message: str, text: str) -> tuple[int, int]:
    """The ``(at line L, column C)`` tomllib puts in its messages; ``at end of document`` is the last line."""
    found = re.search(r"line (\d+), column (\d+)", message)
    if found:
        return int(found.group(1)), int(found.group(2))
    if "end of document" in message:
        return text.count("\n") + 1, 1
    return 1, 1
