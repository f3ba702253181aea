"""Whether a role holder names a person: one answer for validation, readiness, the site, the diff and the gate.

Template wording is recognised in one place (:mod:`aimskit.governance.starter`); a holder's name
is also no name when it is empty or a fill-in marker such as "<name of the auditor>", "tbd" or
"todo: ...". :func:`names_a_person` is the predicate every consumer asks of a holder. The template's
default governance lead (the name and handle ``cookiecutter.json`` offers, accepted at the prompt)
names a person and is shown, with a warning (AIMS970), but counts as evidence of nobody: nobody
chose that person (:func:`counted_holders`).
"""

from __future__ import annotations

import functools
import json
import re
import typing as t

from aimskit import resources
from aimskit.governance import starter

_FILL_IN = re.compile(r"<[^<>]*name[^<>]*>|^\s*(?:todo|tbd|fixme)\b", re.IGNORECASE)


def is_placeholder_name(value: t.Any) -> bool:
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
    """True for the template's default governance lead: its handle, with its name or no name."""
    if not isinstance(holder, dict):
        return False
    name, handle = default_lead()
    given_name, given_handle = (_folded(holder.get(key)) for key in ("name", "handle"))
    return bool(handle) and given_handle == handle.casefold() and given_name in ("", name.casefold())


def _folded(value: t.Any) -> str:
    return value.strip().casefold() if isinstance(value, str) else ""


def names_a_person(holder: t.Any) -> bool:
    """Whether a role holder (a mapping with ``name``) names someone: its name is not a placeholder."""
    return isinstance(holder, dict) and not is_placeholder_name(holder.get("name"))


def names_nobody(holder: t.Any) -> bool:
    """True when a holder entry counts for nobody: it names no person, or it is the default lead."""
    return not names_a_person(holder) or is_default_holder(holder)


def real_holders(holders: t.Any) -> list[dict[str, t.Any]]:
    """The holders of a role that name someone (placeholder holders left out): whom the site shows."""
    return [h for h in holders if names_a_person(h)] if isinstance(holders, list) else []


def counted_holders(holders: t.Any) -> list[dict[str, t.Any]]:
    """The holders that count as evidence of a named person: real holders, the template's default lead
    (a name nobody chose) left out too."""
    return [h for h in real_holders(holders) if not is_default_holder(h)]
