"""Read the tables of rendered pages as a person sees them: cell text, no markup (import pagetables).

A rendered page is Markdown with HTML fragments. It is converted with Python-Markdown (the
converter MkDocs uses) and every ``<table>`` is read back as plain text, so the tests assert the
values in the rows and stay indifferent to badges, links and other incidental markup.
"""

from __future__ import annotations

import dataclasses
import html.parser
import re

import markdown

_FRONT_MATTER = re.compile(r"\A---\n.*?\n---\n", re.DOTALL)
_EXTENSIONS = ["tables", "attr_list", "md_in_html", "admonition"]


@dataclasses.dataclass
class Table:
    """One table: the heading it sits under, its caption, header cells and body rows (all text)."""

    heading: str
    caption: str
    headers: list[str]
    rows: list[list[str]]

    def records(self) -> list[dict[str, str]]:
        """The rows as ``{header: cell}``."""
        return [dict(zip(self.headers, row)) for row in self.rows]

    def column(self, header: str) -> list[str]:
        index = self.headers.index(header)
        return [row[index] for row in self.rows]

    def fields(self) -> dict[str, str]:
        """A two-column ``Field | Value`` table as ``{field: value}``."""
        return {row[0]: row[1] for row in self.rows}


def tables(page: str) -> list[Table]:
    """Every table of a rendered page, in order."""
    parser = _TableParser()
    parser.feed(markdown.markdown(_FRONT_MATTER.sub("", page), extensions=_EXTENSIONS))
    return parser.tables


def table_under(page: str, heading: str) -> Table:
    """The one table that follows the heading whose text is ``heading`` (before the next heading)."""
    found = [t for t in tables(page) if t.heading == heading]
    assert len(found) == 1, f"{len(found)} tables under {heading!r}: {[t.heading for t in tables(page)]}"
    return found[0]


def table_with(page: str, *headers: str) -> Table:
    """The one table whose header row holds all of ``headers``."""
    found = [t for t in tables(page) if set(headers) <= set(t.headers)]
    assert len(found) == 1, f"{len(found)} tables with headers {headers}: {[t.headers for t in tables(page)]}"
    return found[0]


def record_fields(pages: dict[str, str], heading: str) -> dict[str, str]:
    """The field table under ``heading`` on whichever page shows it (a section or the record's own page)."""
    found = [t.fields() for text in pages.values() for t in tables(text)
             if t.heading == heading and t.headers == ["Field", "Value"]]
    assert len(found) == 1, f"{len(found)} field tables under {heading!r}"
    return found[0]


def text(fragment: str) -> str:
    """The visible text of a Markdown/HTML fragment, whitespace collapsed."""
    parser = _TextParser()
    parser.feed(markdown.markdown(fragment, extensions=_EXTENSIONS))
    return " ".join("".join(parser.parts).split())


class _TextParser(html.parser.HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag in ("br", "p", "li", "td", "th"):
            self.parts.append(" ")

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


class _TableParser(html.parser.HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tables: list[Table] = []
        self.heading = ""
        self._in_heading = False
        self._heading_parts: list[str] = []
        self._table: Table | None = None
        self._row: list[str] | None = None
        self._row_in_head = False
        self._cell: list[str] | None = None
        self._caption: list[str] | None = None
        self._section = ""

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if re.fullmatch(r"h[1-6]", tag):
            self._in_heading, self._heading_parts = True, []
        elif tag == "table":
            self._table = Table(self.heading, "", [], [])
        elif tag in ("thead", "tbody") and self._table is not None:
            self._section = tag
        elif tag == "caption" and self._table is not None:
            self._caption = []
        elif tag == "tr" and self._table is not None:
            self._row, self._row_in_head = [], self._section == "thead"
        elif tag in ("td", "th") and self._row is not None:
            self._cell = []
        elif tag == "br" and self._cell is not None:
            self._cell.append(" ")

    def handle_endtag(self, tag: str) -> None:
        if re.fullmatch(r"h[1-6]", tag) and self._in_heading:
            self._in_heading = False
            self.heading = " ".join("".join(self._heading_parts).replace("¶", "").split())
        elif tag == "caption" and self._caption is not None and self._table is not None:
            self._table.caption = " ".join("".join(self._caption).split())
            self._caption = None
        elif tag in ("td", "th") and self._cell is not None and self._row is not None:
            self._row.append(" ".join("".join(self._cell).split()))
            self._cell = None
        elif tag == "tr" and self._row is not None and self._table is not None:
            if self._row_in_head:
                self._table.headers = self._row
            else:
                self._table.rows.append(self._row)
            self._row = None
        elif tag == "table" and self._table is not None:
            self.tables.append(self._table)
            self._table, self._section = None, ""

    def handle_data(self, data: str) -> None:
        if self._in_heading:
            self._heading_parts.append(data)
        if self._caption is not None:
            self._caption.append(data)
        elif self._cell is not None:
            self._cell.append(data)
