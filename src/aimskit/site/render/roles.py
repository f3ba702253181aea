"""Roles and a RACI view derived from who owns and approves each document and register."""

from __future__ import annotations

import typing as t

from aimskit.records import kinds
from aimskit.site.render import escape, links
from aimskit.site.render.context import RenderContext
from aimskit.site.render.tables import bullet_list, page, table

_LEGEND = ("**R** responsible (owns and maintains it) · **A** accountable (approves it) · "
           "**C** consulted (governance lead) · **I** informed (attends the management review)")


def render(context: RenderContext) -> dict[str, str]:
    link = context.linker(links.ROLES)
    roles = sorted(context.repository.roles.items())
    parts = ["# Roles and responsibilities\n",
             "Who does what in the AI management system (ISO/IEC 42001 5.3), with the people who hold each role.\n",
             "## RACI\n", _LEGEND + "\n", _raci(context, link, [r for r, _ in roles])]
    for role_id, record in roles:
        parts.append(_role(link, role_id, record.data))
    return {links.ROLES: page("Roles and responsibilities", "\n".join(parts), hide=("navigation",))}


def _role(link: links.Linker, role_id: str, data: dict[str, t.Any]) -> str:
    holders = [f"{escape.text(h.get('name'))}" + (f" ({escape.text(h.get('handle'))})" if h.get("handle") else "")
               for h in data.get("holders") or [] if isinstance(h, dict)]
    competence = [escape.text(c.get("requirement")) for c in data.get("competence") or [] if isinstance(c, dict)]
    parts = [escape.heading(2, data.get("title") or role_id, role_id) + "\n",
             f"Role id: <code>{escape.text(role_id)}</code>"
             + (f" · reports to {link.role(data['reports_to'])}" if data.get("reports_to") else "") + "\n"]
    if data.get("description"):
        parts.append(escape.paragraph(data["description"]) + "\n")
    parts += ["**Held by**\n", bullet_list(holders), "**Responsibilities**\n",
              bullet_list(escape.text(r) for r in data.get("responsibilities") or []),
              "**Authorities**\n", bullet_list(escape.text(a) for a in data.get("authorities") or []),
              "**Competence**\n", bullet_list(competence)]
    return "\n".join(parts)


def _raci(context: RenderContext, link: links.Linker, role_ids: list[str]) -> str:
    lead = context.repository.manifest.get("governance_lead")
    attendees = {a for r in context.of(kinds.MANAGEMENT_REVIEW) for a in r.data.get("attendees") or []}
    rows = []
    for label, data in _accountable_items(context, link):
        cells = [_letters(role_id, data.get("owner"), data.get("approver"), lead, attendees) for role_id in role_ids]
        rows.append([label, *(f"**{c}**" if c in ("R", "A", "R/A") else c or "&nbsp;" for c in cells)])
    headers = ["Document or register", *(str(context.repository.roles[r].data.get("title") or r) for r in role_ids)]
    return table(headers, rows) if rows else "No documents recorded yet.\n"


def _letters(role_id: str, owner: t.Any, approver: t.Any, lead: t.Any, attendees: set) -> str:
    if role_id == owner:
        return "R/A" if approver in (None, owner) else "R"
    if role_id == approver:
        return "A"
    return "C" if role_id == lead else "I" if role_id in attendees else ""


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
        risk_owners.setdefault(record.data.get("owner"), 0)
        risk_owners[record.data.get("owner")] += 1
    for owner, count in sorted(risk_owners.items(), key=lambda kv: str(kv[0])):
        yield link.to(f"Risks ({count})", links.RISKS), {"owner": owner}
