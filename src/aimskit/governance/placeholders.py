"""Whether a role holder names a person: the site shows a role whose holders do not as vacant.

Template wording is recognised in one place (:mod:`aimskit.governance.starter`); a holder's name
is also no name when it is empty or a fill-in marker such as "<name of the auditor>" or "todo: ...".
"""

from __future__ import annotations

import re
import typing as t

from aimskit.governance import starter

_FILL_IN = re.compile(r"<[^<>]*name[^<>]*>|^\s*(?:todo|tbd)\b", re.IGNORECASE)


def is_placeholder(value: t.Any) -> bool:
    """True when ``value`` names nobody: not text, blank, template wording or a fill-in marker."""
    if not isinstance(value, str) or not value.strip():
        return True
    return starter.is_placeholder(value) or bool(_FILL_IN.search(value))


def real_holders(holders: t.Any) -> list[dict[str, t.Any]]:
    """The holders of a role that name someone (placeholder holders left out)."""
    return [h for h in holders or [] if isinstance(h, dict) and not is_placeholder(h.get("name"))]
