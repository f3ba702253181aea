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


def placeholder(text: str) -> str | None:
    """The placeholder found in ``text`` (the marker itself), or None."""
    for pattern in (_TEMPLATE_MARKER, _NOTE, _LOREM):
        match = pattern.search(text)
        if match:
            return match.group(0)
    return None


def is_placeholder(text: t.Any) -> bool:
    """Template wording still waiting for the organisation's own text."""
    return isinstance(text, str) and placeholder(text) is not None


def placeholders_in(value: t.Any) -> bool:
    """Whether any string anywhere inside ``value`` (nested lists and mappings) is a placeholder."""
    if isinstance(value, str):
        return is_placeholder(value)
    if isinstance(value, dict):
        return any(placeholders_in(v) for v in value.values())
    if isinstance(value, list):
        return any(placeholders_in(v) for v in value)
    return False
