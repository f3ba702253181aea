"""How a record value reads as text, the same on the site, in reports, diffs and exports.

Booleans read ``yes``/``no``, a missing value is empty, lists are joined, mappings read as
``key: value`` pairs. Escaping for the output (HTML, Markdown, CSV) is the caller's, on top.
"""

from __future__ import annotations

import typing as t

from aimskit.governance.placeholders import names_a_person

YES, NO = "yes", "no"


def as_text(value: t.Any, separator: str = ", ") -> str:
    """``value`` as plain text: None → "", True → "yes", [a, b] → "a, b", {k: v} → "k: v"."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return YES if value else NO
    if isinstance(value, (list, tuple)):
        return separator.join(as_text(item, separator) for item in value)
    if isinstance(value, dict):
        return separator.join(f"{key}: {as_text(item, separator)}" for key, item in value.items())
    return str(value)


def person(value: t.Any) -> str:
    """A holder as ``Name (@handle)``; one whose name names nobody (:func:`names_a_person`) by its
    handle, as not filled in yet; any other value as :func:`as_text`."""
    if isinstance(value, dict) and not names_a_person(value) and ("name" in value or "handle" in value):
        handle = value.get("handle")
        return f"@{as_text(handle).lstrip('@')} (name not filled in yet)" if handle else "a holder not filled in yet"
    if isinstance(value, dict) and "name" in value and "handle" in value:
        return f"{as_text(value['name'])} ({as_text(value['handle'])})"
    return as_text(value)
