"""Whether a role holder names a person: one answer for validation, readiness, the site, the diff and the gate.

Template wording is recognised in one place (:mod:`aimskit.governance.starter`); a holder's name
is also no name when it is empty or a fill-in marker such as "<name of the auditor>", "tbd" or
"todo: ...". :func:`names_a_person` is the predicate every consumer asks.
"""

from __future__ import annotations

import re
import typing as t

from aimskit.governance import starter

_FILL_IN = re.compile(r"<[^<>]*name[^<>]*>|^\s*(?:todo|tbd|fixme)\b", re.IGNORECASE)


def is_placeholder_name(value: t.Any) -> bool:
    """True when ``value`` names nobody: not text, blank, template wording or a fill-in marker."""
    if not isinstance(value, str) or not value.strip():
        return True
    return starter.is_placeholder(value) or bool(_FILL_IN.search(value))


def names_a_person(holder: t.Any) -> bool:
    """Whether a role holder (a mapping with ``name``) names someone: its name is not a placeholder."""
    return isinstance(holder, dict) and not is_placeholder_name(holder.get("name"))


def real_holders(holders: t.Any) -> list[dict[str, t.Any]]:
    """The holders of a role that name someone (placeholder holders left out)."""
    return [h for h in holders if names_a_person(h)] if isinstance(holders, list) else []
