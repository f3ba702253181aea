"""Field values in words for a reviewer: people as 'Name (@handle)', mappings as 'key: value'."""

from __future__ import annotations

import typing as t

from aimskit.reporting.values import person


def show(value: t.Any) -> str:
    """A field value in words, in full (the Markdown cell escaper makes it inert)."""
    if value is None:
        return "—"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dict):
        if "name" in value and "handle" in value:
            return person(value)
        return "; ".join(f"{key}: {show(item)}" for key, item in value.items()) or "(none)"
    if isinstance(value, list):
        separator = "; " if any(isinstance(item, (dict, list)) for item in value) else ", "
        return separator.join(show(item) for item in value) or "(none)"
    return str(value)
