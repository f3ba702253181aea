"""Readable Markdown for terminals, pull request comments and job summaries.

Record values become inert table cells here: HTML-escaped, with Markdown punctuation
backslash-escaped, which stays legible where the Markdown is read as plain text. The published
site uses :mod:`aimskit.site.render.escape` instead, whose character references also survive the
site engines' handling of titles and search indexes.
"""

from __future__ import annotations

import html
import re
import typing as t

_SPECIAL = re.compile(r"([\\`*_\[\]|#~!])")


class Raw(str):
    """Markup of our own, written into a cell as it is."""


def cell(value: t.Any, breaks: bool = False) -> str:
    """A value made inert for one table cell: no HTML, no Markdown markup.

    Line breaks become spaces, or ``<br>`` with ``breaks`` where they carry meaning.
    """
    if isinstance(value, Raw):
        return value
    if value is None or value == "" or value == ():
        return "—"
    if isinstance(value, (list, tuple)):
        return ", ".join(cell(item, breaks) for item in value)
    lines = str(value).splitlines() if breaks else [str(value)]
    return "<br>".join(_SPECIAL.sub(r"\\\1", html.escape(" ".join(line.split()), quote=False)) for line in lines)


def table(header: t.Sequence[str], rows: t.Iterable[t.Sequence[t.Any]], breaks: bool = False) -> list[str]:
    """The lines of a table: ``header`` as written (it is ours), every row's values through :func:`cell`."""
    return ["| " + " | ".join(header) + " |", "| " + " | ".join("---" for _ in header) + " |",
            *("| " + " | ".join(cell(value, breaks) for value in row) + " |" for row in rows)]
