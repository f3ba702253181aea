"""Starter content: example records shipped with the template, and template placeholders.

Two facts decided in one place, for validation, the readiness report, the site and the export:

- a record is an **example** when its ``example`` field is ``true``: it shows how a filled-in
  record looks and never counts as evidence;
- a text is a **placeholder** when it still holds the template's own markers ("(replace with
  ...)", "Replace this sentence ...") or a TODO / TBD / FIXME note.
"""

from __future__ import annotations

import re
import typing as t

from aimskit.records.model import Record

EXAMPLE_FIELD = "example"

# The template's own markers, then the usual notes left for later.
_TEMPLATE_MARKER = re.compile(r"\(replace with\b[^)]*\)|\breplace this (?:sentence|text|paragraph|section)\b"
                              r"|\bto be decided\b", re.IGNORECASE)
_NOTE = re.compile(r"\b(?:TODO|TBD|FIXME)\b")
_LOREM = re.compile(r"\blorem ipsum\b", re.IGNORECASE)


def is_example(record: Record | t.Any) -> bool:
    """True when the record (or its data) carries ``example: true``."""
    data = record.data if isinstance(record, Record) else record
    return isinstance(data, dict) and data.get(EXAMPLE_FIELD) is True


_ANY = re.compile("|".join(f"(?:{p.pattern})" if p.flags & re.IGNORECASE == 0 else f"(?i:{p.pattern})"
                           for p in (_TEMPLATE_MARKER, _NOTE, _LOREM)))


# Cheap substring tests that every placeholder passes; the regular expression runs only after one.
_HINTS = ("replace with", "replace this", "to be decided", "todo", "tbd", "fixme", "lorem ipsum")


def _may_hold(text: str) -> bool:
    low = text.lower()
    return any(hint in low for hint in _HINTS)


def placeholder(text: str) -> str | None:
    """The placeholder found in ``text`` (the marker itself), or None."""
    match = _ANY.search(text) if _may_hold(text) else None
    return match.group(0) if match else None


def strings_in(value: t.Any) -> t.Iterator[str]:
    """Every string anywhere inside ``value`` (nested lists and mappings)."""
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            yield item
        elif isinstance(item, dict):
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)


def is_placeholder(text: t.Any) -> bool:
    """Template wording still waiting for the organisation's own text."""
    return isinstance(text, str) and placeholder(text) is not None


def placeholders_in(value: t.Any) -> bool:
    """Whether any string anywhere inside ``value`` (nested lists and mappings) is a placeholder."""
    return placeholder("\n".join(strings_in(value))) is not None
