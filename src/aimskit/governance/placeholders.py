"""Whether a role holder names a person: the site shows a role whose holders do not as vacant.

Template wording is recognised in one place (:mod:`aimskit.governance.starter`); a holder's name
is also no name when it is empty or a fill-in marker such as "<name of the auditor>" or "todo: ...".
A holder is also nobody when it is the template's default governance lead (the name and handle
``cookiecutter.json`` offers, accepted at the prompt): nobody chose that person.
"""

from __future__ import annotations

import functools
import json
import re
import typing as t

from aimskit import resources
from aimskit.governance import starter

_FILL_IN = re.compile(r"<[^<>]*name[^<>]*>|^\s*(?:todo|tbd)\b", re.IGNORECASE)


def is_placeholder(value: t.Any) -> bool:
    """True when ``value`` names nobody: not text, blank, template wording or a fill-in marker."""
    if not isinstance(value, str) or not value.strip():
        return True
    return starter.is_placeholder(value) or bool(_FILL_IN.search(value))


@functools.lru_cache(maxsize=1)
def default_lead() -> tuple[str, str]:
    """The governance lead's name and handle that the template offers by default ("", "" when unknown)."""
    try:
        answers = json.loads((resources.template_dir() / "cookiecutter.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return "", ""
    name, handle = answers.get("governance_lead_name"), answers.get("governance_lead_handle")
    return (name if isinstance(name, str) else ""), (handle if isinstance(handle, str) else "")


def is_default_holder(holder: t.Any) -> bool:
    """True for the template's default governance lead: its name with its handle, or either alone."""
    if not isinstance(holder, dict):
        return False
    name, handle = default_lead()
    given_name, given_handle = (_folded(holder.get(key)) for key in ("name", "handle"))
    if not given_name and not given_handle:
        return False
    return given_name in ("", name.casefold()) and given_handle in ("", handle.casefold())


def _folded(value: t.Any) -> str:
    return value.strip().casefold() if isinstance(value, str) else ""


def names_nobody(holder: t.Any) -> bool:
    """True when a holder entry names nobody: not a mapping, a placeholder name, or the default lead."""
    return not isinstance(holder, dict) or is_placeholder(holder.get("name")) or is_default_holder(holder)


def real_holders(holders: t.Any) -> list[dict[str, t.Any]]:
    """The holders of a role that name someone (placeholder holders and the default lead left out)."""
    return [h for h in holders or [] if not names_nobody(h)] if isinstance(holders, list) else []
