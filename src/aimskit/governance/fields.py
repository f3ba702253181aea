"""Tolerant reads of record data: records may have failed their schema, so no read here raises.

Every layer above (rules, readiness, rendering, diff, export) reads fields through these, so a
mistyped value is treated the same way everywhere: as missing.
"""

from __future__ import annotations

import typing as t


def field(data: t.Any, *path: str | int) -> t.Any:
    """``data[path...]`` or None when any step is missing or of the wrong type."""
    for part in path:
        if isinstance(data, dict) and isinstance(part, str):
            data = data.get(part)
        elif isinstance(data, list) and isinstance(part, int) and 0 <= part < len(data):
            data = data[part]
        else:
            return None
    return data


def text(data: t.Any, key: str) -> str:
    """``data[key]`` stripped when it is a string, else ``""``."""
    value = data.get(key) if isinstance(data, dict) else None
    return value.strip() if isinstance(value, str) else ""


def items(data: t.Any, key: str) -> list[t.Any]:
    """``data[key]`` when it is a list, else ``[]``."""
    value = data.get(key) if isinstance(data, dict) else None
    return value if isinstance(value, list) else []


def mapping(data: t.Any, key: str) -> dict[str, t.Any]:
    """``data[key]`` when it is a mapping, else ``{}``."""
    value = data.get(key) if isinstance(data, dict) else None
    return value if isinstance(value, dict) else {}


def mappings(data: t.Any, key: str) -> list[dict[str, t.Any]]:
    """The mappings in the list ``data[key]``; other items are skipped."""
    return [item for item in items(data, key) if isinstance(item, dict)]


def strings(data: t.Any, key: str) -> list[str]:
    """The strings in the list ``data[key]``; other items are skipped."""
    return [item for item in items(data, key) if isinstance(item, str)]
