"""Clauses 4 to 10 of ISO/IEC 42001 with the documents of this AIMS that address each."""

from __future__ import annotations

import typing as t

from aimskit import reference
from aimskit.records import kinds
from aimskit.site.render import escape, links
from aimskit.site.render.context import RenderContext
from aimskit.site.render.links import Linker
from aimskit.site.render.tables import badge, bullet_list, page, table

# Where the record kinds answer the clauses (records exist → the documents that satisfy them).
_KIND_CLAUSES: dict[str, tuple[str, str]] = {
    "4.1": ("aims.yml", "Context: internal and external issues"),
    "4.2": ("aims.yml", "Interested parties and their needs"),
    "4.3": ("aims.yml", "Scope of the AI management system"),
    "6.1.2": ("aims.yml", "AI risk assessment method"),
}
_REGISTERS: dict[str, tuple[kinds.Kind, str, str]] = {
    "5.3": (kinds.ROLE, links.ROLES, "Roles and responsibilities"),
    "6.1.2": (kinds.RISK, links.RISKS, "Risk register"),
    "6.1.3": (kinds.SOA, links.SOA, "Statement of Applicability"),
    "6.1.4": (kinds.IMPACT_ASSESSMENT, links.ASSESSMENTS, "Impact assessments"),
    "6.2": (kinds.OBJECTIVE, links.OBJECTIVES, "AI objectives"),
    "7.2": (kinds.ROLE, links.ROLES, "Competence of the roles"),
    "8.2": (kinds.RISK, links.RISKS, "Risk register"),
    "8.3": (kinds.RISK, links.RISKS, "Risk treatment"),
    "8.4": (kinds.IMPACT_ASSESSMENT, links.ASSESSMENTS, "Impact assessments"),
    "9.2": (kinds.AUDIT, links.AUDITS, "Internal audits"),
    "9.3": (kinds.MANAGEMENT_REVIEW, links.REVIEWS, "Management reviews"),
    "10.2": (kinds.NONCONFORMITY, links.NONCONFORMITIES, "Nonconformities"),
}


def render(context: RenderContext) -> dict[str, str]:
    link = context.linker(links.CLAUSES)
    by_clause = _policies_by_clause(context)
    required: dict[str, list] = {}
    items = context.readiness.documented_information if context.readiness is not None else ()
    for item in items:
        required.setdefault(str(item.clause), []).append(item)
    parts = ["# Clauses 4 to 10\n",
             "The requirements of ISO/IEC 42001 (by number and heading), the documented information each asks "
             "for, and the documents of this AI management system that address it.\n"]
    for clause_id, clause in reference.clauses().items():
        parts.append(_clause(context, link, clause_id, clause, by_clause.get(clause_id, []),
                             required.get(clause_id, [])))
    return {links.CLAUSES: page("Clauses 4 to 10", "\n".join(parts))}


def _clause(context: RenderContext, link: Linker, clause_id: str, clause: dict[str, t.Any], policies: list,
            required: list) -> str:
    level = min(int(clause.get("level") or 1) + 1, 4)
    parts = [escape.heading(level, f"{clause_id} {clause.get('title', '')}", f"clause-{clause_id}") + "\n"]
    if required:
        parts.append(table(("Documented information", "Status", "Provided by"), [
            (escape.cell(item.item), badge(item.status, f"readiness-{item.status}"),
             links.evidence(link, item.evidence))
            for item in required]))
    documents = [link.record(p.id, f"{p.id} {p.data.get('title', '')}") for p in policies]
    if clause_id in _KIND_CLAUSES and context.repository.manifest:
        documents.append(escape.text(_KIND_CLAUSES[clause_id][1]))
    register = _REGISTERS.get(clause_id)
    if register and context.repository.of(register[0]):
        documents.append(link.to(register[2], register[1]))
    # what the documented-information table names as provided is listed as addressing the clause too
    documents.extend(links.evidence(link, [path]) for item in required for path in item.evidence or ())
    documents = list(dict.fromkeys(documents))
    if documents or clause.get("level", 1) > 1:
        parts.append("Addressed by:\n\n" + bullet_list(documents))
    return "\n".join(parts)


def _policies_by_clause(context: RenderContext) -> dict[str, list]:
    found: dict[str, list] = {}
    for record in context.of(kinds.POLICY):
        for clause_id in record.data.get("clauses") or []:
            found.setdefault(str(clause_id), []).append(record)
    return found
