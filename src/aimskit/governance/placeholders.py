"""Placeholder text: template wording still waiting for the organisation's own words.

The template ships role holders such as "Privacy office (replace with the data protection
officer)". Such a holder names no person: the site shows the role as vacant instead.
"""

from __future__ import annotations

import re
import typing as t

_PLACEHOLDER = re.compile(
    r"\(\s*replace\b|\breplace (?:this|with)\b|\b(?:TODO|TBD|FIXME|XXX)\b|lorem ipsum|<[^<>]*name[^<>]*>",
    re.IGNORECASE,
)


def is_placeholder(value: t.Any) -> bool:
    """True when ``value`` is text that still holds template wording (or is empty)."""
    if not isinstance(value, str) or not value.strip():
        return True
    return bool(_PLACEHOLDER.search(value))


def real_holders(holders: t.Any) -> list[dict[str, t.Any]]:
    """The holders of a role that name someone (placeholder holders left out)."""
    return [h for h in holders or [] if isinstance(h, dict) and not is_placeholder(h.get("name"))]
