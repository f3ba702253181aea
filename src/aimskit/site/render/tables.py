"""Markdown tables and small HTML fragments built from already-escaped cells."""

from __future__ import annotations

import typing as t

from aimskit.governance.starter import is_example
from aimskit.site.render import escape


def table(headers: t.Sequence[str], rows: t.Iterable[t.Sequence[str]]) -> str:
    """A Markdown pipe table; ``headers`` are our own labels, ``rows`` hold escaped fragments."""
    lines = ["| " + " | ".join(escape.text(h) for h in headers) + " |",
             "|" + "|".join("---" for _ in headers) + "|"]
    lines.extend("| " + " | ".join(row) + " |" for row in rows)
    return "\n".join(lines) + "\n"


def field_table(fields: t.Iterable[tuple[str, str]]) -> str:
    """A two-column table of labelled values (the document-control header of a page)."""
    return table(("Field", "Value"), ((f"**{escape.text(label)}**", value) for label, value in fields))


def badge(label: t.Any, kind: str) -> str:
    """A small coloured label (its colour comes from the stylesheet, never from data)."""
    return f'<span class="aims-badge aims-badge--{escape.css_class(kind)}">{escape.text(label)}</span>'


def level_badge(score: int | None, level_name: str | None) -> str:
    """A risk score with its level, coloured by the level's class."""
    if score is None:
        return "&nbsp;"
    if not level_name:
        return escape.text(score)
    return (f'<span class="aims-level aims-level--{escape.css_class(level_name)}">'
            f"{escape.text(score)} · {escape.text(level_name)}</span>")


def level_label(level_name: t.Any) -> str:
    """A risk level name coloured by its level's class."""
    return f'<span class="aims-level aims-level--{escape.css_class(level_name)}">{escape.text(level_name)}</span>'


def anchor(record_id: t.Any) -> str:
    """An empty element that gives a table row a stable anchor (``#risk-001``)."""
    return f'<span class="aims-anchor" id="{escape.slug(record_id)}"></span>'


def bullet_list(items: t.Iterable[str]) -> str:
    """A Markdown list of escaped fragments, or a dash when empty."""
    lines = [f"- {item}" for item in items]
    return "\n".join(lines) + "\n" if lines else "None recorded.\n"


def admonition(kind: str, title: str, body: str) -> str:
    """A Material admonition; ``title`` is ours, ``body`` an escaped fragment."""
    indented = "\n".join(f"    {line}" if line else "" for line in body.splitlines())
    return f'!!! {kind} "{escape.text(title)}"\n\n{indented}\n'


EXAMPLE_NOTE = ("This is an example that came with the template to show how a filled-in record looks. It is not "
                "a real record of the organisation, it is not evidence, and the dashboard's figures leave it out.")


def example_banner(data: t.Any) -> list[str]:
    """A warning above a record that carries ``example: true`` (nothing otherwise)."""
    return [admonition("warning", "Example record", EXAMPLE_NOTE)] if is_example(data) else []


def examples_banner(records: t.Iterable[t.Any]) -> list[str]:
    """A warning above a list of records when some of them carry ``example: true``."""
    count = sum(1 for record in records if is_example(getattr(record, "data", record)))
    if not count:
        return []
    return [admonition("warning", "Example records",
                       f"{_examples_of_these(count)} that came with the template to show how filled-in "
                       "records look. They are not real records of the organisation, they are not evidence, and the "
                       "dashboard's figures leave them out.")]


def page(title: t.Any, body: str, tags: t.Iterable[t.Any] = (), description: t.Any = None,
         hide: t.Sequence[str] = (), version: t.Any = None, search_boost: float | None = None) -> str:
    """A whole page: front matter (escaped title and tags, via yaml.safe_dump) and its body.

    ``hide`` lists Material's page elements to leave out (``toc``, ``navigation``) on wide tables;
    ``search_boost`` ranks the page higher in search results.
    """
    fields: dict[str, t.Any] = {"title": escape.title(title)}
    if hide:
        fields["hide"] = list(hide)
    if description:
        fields["description"] = escape.title(description)
    if version:
        fields["aims_version"] = escape.title(version)
    if search_boost:
        fields["search"] = {"boost": search_boost}
    unique_tags = list(dict.fromkeys(escape.title(tag) for tag in tags if tag))
    if unique_tags:
        fields["tags"] = unique_tags
    return escape.front_matter(fields) + body.rstrip() + "\n"


def _examples_of_these(count: int) -> str:
    return "1 of these records is an example" if count == 1 else f"{count} of these records are examples"
