"""Reject answers the generated repository could not use, before any file is written.

Cookiecutter renders this file with Jinja; the only template expression sits inside a string
literal so that the module also imports un-rendered (the tests call its functions directly).
"""

from __future__ import annotations

import json
import re
import sys

SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$(?!\n)")
# A requirement line of requirements.txt that installs aimskit: a PEP 508 requirement naming
# aimskit (a version pin or a URL) or a wheel inside the repository, either optionally pinned by hash.
REQUIREMENT_NAME = re.compile(r"^aimskit(\[[A-Za-z0-9_,-]+\])?\s*(?:[=<>!~(@;]|$)", re.IGNORECASE)
VENDORED_WHEEL = re.compile(r"^\./\.aimskit/wheels/aimskit-[A-Za-z0-9_.+!-]+\.whl$(?!\n)")
HASH_OPTION = re.compile(r"\s+--hash=sha256:[0-9a-f]{64}$(?!\n)")
# The same pattern as a role holder's handle in schemas/role.schema.json.
HANDLE = re.compile(r"^@[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})(/[A-Za-z0-9._-]+)?$(?!\n)")
CYCLE_RANGE = range(1, 37)

CONTEXT_JSON = r"""{{ cookiecutter | jsonify }}"""


def load_context(raw: str = CONTEXT_JSON) -> dict:
    """The cookiecutter context, or an empty one when this file was not rendered."""
    return {} if raw.startswith("{" + "{") else json.loads(raw)


def problems(context: dict) -> list[str]:
    """What is wrong with the answers, one sentence each (empty when all is well)."""
    found = []
    if not str(context.get("organisation_name", "")).strip():
        found.append("organisation_name is empty: give the organisation's name as it should appear on policies.")
    slug = str(context.get("project_slug", ""))
    if not SLUG.match(slug):
        found.append(
            f"project_slug {slug!r} is not a valid folder name: use lower-case letters, digits and single "
            "hyphens (e.g. 'acme-aims' or '3m-aims')."
        )
    handle = str(context.get("governance_lead_handle", ""))
    if not HANDLE.match(handle):
        found.append(
            f"governance_lead_handle {handle!r} is not a code-host handle: use @user or @org/team "
            "(e.g. '@alex-morgan' or '@acme/ai-governance')."
        )
    cycle = str(context.get("review_cycle_months", "")).strip()
    if not (cycle.isdecimal() and cycle.isascii() and int(cycle) in CYCLE_RANGE):
        found.append(f"review_cycle_months {cycle!r} must be a whole number of months from 1 to 36 (e.g. 12).")
    requirement = str(context.get("aimskit_requirement", "aimskit"))
    why = requirement_problem(requirement)
    if why:
        found.append(f"aimskit_requirement {requirement!r} is not a requirement line that installs aimskit: {why} "
                     "(e.g. 'aimskit==0.1.0', 'aimskit @ git+https://example.org/aimskit.git@v0.1.0').")
    elif chosen(context.get("require_hashes", False)) and "@" in requirement:  # a PEP 508 URL requirement
        found.append(f"aimskit_requirement {requirement!r} cannot be pinned by digest (require_hashes): pip checks "
                     "the digest of a file, not of a URL or git checkout; use a version on the package index "
                     "('aimskit==0.1.0') or a wheel committed under .aimskit/wheels/.")
    return found


def chosen(value: object) -> bool:
    """A yes/no answer as a bool (cookiecutter gives a bool; a hand-edited replay may give a string)."""
    return value.strip().lower() in {"1", "true", "yes", "y", "on"} if isinstance(value, str) else bool(value)


def requirement_problem(line: str) -> str | None:
    """Why ``line`` cannot be the aimskit line of requirements.txt, or None when it can."""
    if not line.strip() or line != line.strip() or any(char in line for char in "\r\n\t"):
        return "it must be one line without surrounding spaces"
    if line.startswith("-"):
        return "pip options are not allowed there"
    while HASH_OPTION.search(line):
        line = HASH_OPTION.sub("", line, count=1)
    if VENDORED_WHEEL.match(line):
        return None
    try:
        from packaging.requirements import InvalidRequirement, Requirement
    except ImportError:  # pragma: no cover - packaging ships with every supported pip and aimskit
        return None if REQUIREMENT_NAME.match(line) else "it does not name aimskit"
    try:
        parsed = Requirement(line)
    except InvalidRequirement as exc:
        return f"it is not a valid requirement ({str(exc).splitlines()[0]})"
    if parsed.name.lower() != "aimskit":
        return f"it installs {parsed.name!r}, not aimskit"
    return None


def main(context: dict) -> int:
    found = problems(context)
    for problem in found:
        print(f"ERROR: {problem}", file=sys.stderr)
    if found:
        print("aimskit: nothing was generated; run again with corrected answers.", file=sys.stderr)
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main(load_context()))
