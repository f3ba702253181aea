"""Roles and responsibilities (under the organisation), with a compact RACI view of who owns and approves what."""

from __future__ import annotations

import re
import typing as t

from aimskit.records import kinds
from aimskit.site.render import escape, links, people
from aimskit.site.render.context import RenderContext
from aimskit.site.render.tables import bullet_list, page, table

_LEGEND = ("**Responsible** owns and maintains the document or register; **Accountable** approves it. "
           "The governance lead is consulted on all of them, and the people who attend the management review "
           "are informed.")


def render(context: RenderContext) -> dict[str, str]:
    link = context.linker(links.ROLES)
    roles = sorted(context.repository.roles.items(), key=lambda kv: str(kv[1].data.get("title") or kv[0]))
    parts = ["# Roles and responsibilities\n",
             "Who does what in the AI management system (ISO/IEC 42001 5.3), and who holds each role. "
             f"To reach someone, see the {link.to('contacts', links.CONTACTS)}.\n"]
    for role_id, record in roles:
        parts.append(_role(link, role_id, record))
    parts += ["## Who owns and approves what\n", _LEGEND + "\n", _raci(context, link)]
    return {links.ROLES: page("Roles and responsibilities", "\n".join(parts))}


def authority_words(authority: t.Any) -> str:
    """``approve-policy`` → ``Approve policy`` (an authority keyword read as words)."""
    words = str(authority).replace("-", " ").strip()
    words = words.replace("soa", "Statement of Applicability").replace("dpia", "data protection impact assessment")
    words = re.sub(r"\bai\b", "AI", words)
    return words[:1].upper() + words[1:]


def _role(link: links.Linker, role_id: str, record: t.Any) -> str:
    data = record.data
    named = people.holders(record)
    vacant = people.fallback(link, role_id, " ").strip()
    held = [people.holder_line(h) for h in named] or [f"*{people.VACANT}*" + (
        f" {vacant[:1].upper()}{vacant[1:]}." if vacant else "")]
    competence = [escape.text(c.get("requirement")) for c in data.get("competence") or [] if isinstance(c, dict)]
    parts = [escape.heading(2, data.get("title") or role_id, role_id) + "\n"]
    if data.get("reports_to"):
        parts.append(f"Reports to the {link.role(data['reports_to'])}.\n")
    if data.get("description"):
        parts.append(escape.paragraph(data["description"]) + "\n")
    parts += ["**Held by**\n", bullet_list(held), "**Responsibilities**\n",
              bullet_list(escape.text(r) for r in data.get("responsibilities") or []),
              "**May decide**\n", bullet_list(escape.text(authority_words(a)) for a in data.get("authorities") or []),
              "**Competence needed**\n", bullet_list(competence)]
    return "\n".join(parts)


def _raci(context: RenderContext, link: links.Linker) -> str:
    rows = [(label, link.role(data.get("owner")) if data.get("owner") else "&nbsp;",
             link.role(data.get("approver") or data.get("owner")) if data.get("owner") else "&nbsp;")
            for label, data in _accountable_items(context, link)]
    return table(("Document or register", "Responsible", "Accountable"), rows) if rows \
        else "No documents recorded yet.\n"


def _accountable_items(context: RenderContext, link: links.Linker) -> t.Iterator[tuple[str, dict]]:
    soa = context.repository.single(kinds.SOA)
    if soa is not None and isinstance(soa.data, dict):
        yield link.to("Statement of Applicability", links.SOA), soa.data
    for kind in (kinds.POLICY, kinds.IMPACT_ASSESSMENT, kinds.SYSTEM, kinds.OBJECTIVE):
        for record in context.of(kind):
            yield link.record(record.id, f"{record.id} {record.data.get('title') or record.data.get('name') or ''}"), \
                record.data
    risk_owners: dict[t.Any, int] = {}
    for record in context.of(kinds.RISK):
        risk_owners[record.data.get("owner")] = risk_owners.get(record.data.get("owner"), 0) + 1
    for owner, count in sorted(risk_owners.items(), key=lambda kv: str(kv[0])):
        yield link.to(f"Risks ({count})", links.RISKS), {"owner": owner}
