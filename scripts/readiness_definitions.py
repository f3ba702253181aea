"""The definitions of "met" and the statement of what the report does not check, as Markdown for
docs/readiness.md (between its ``<!-- definitions:start/end -->`` and ``<!-- not-checked:start/end -->``
markers), read from aimskit.readiness so the page and the report never disagree."""

from __future__ import annotations

import re

from aimskit import reference
from aimskit.readiness import NOT_CHECKED
from aimskit.readiness.definitions import CONTROL_MET, definition_for


def _cell(text: str) -> str:
    return " ".join(str(text).split()).replace("|", "\\|")


def definitions_table() -> str:
    rows = ["| Clause | Item | Met when |", "|---|---|---|"]
    for entry in reference.documented_information():
        clause, item = str(entry["clause"]), str(entry["item"])
        definition = definition_for(clause, item)
        rows.append(f"| {clause} | {_cell(item)} | {_cell(definition.met_when if definition else CONTROL_MET)} |")
    rows.append(f"| other A.x controls | (per the SoA) | {_cell(CONTROL_MET)} |")
    return "\n".join(rows) + "\n"


def not_checked_list() -> str:
    return "".join(f"- {line}\n" for line in NOT_CHECKED)


def inject(page: str) -> str:
    """``page`` with both generated blocks replaced by the current text."""
    for name, body in (("definitions", definitions_table()), ("not-checked", not_checked_list())):
        page = re.sub(rf"(<!-- {name}:start -->\n).*?(<!-- {name}:end -->)", lambda m: m.group(1) + body + m.group(2),
                      page, flags=re.DOTALL)
    return page
