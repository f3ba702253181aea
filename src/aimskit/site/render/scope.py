"""Scope and context (ISO/IEC 42001 4.1 to 4.3) from aims.yml, in plain words."""

from __future__ import annotations

import typing as t

from aimskit.site.render import escape, links, plain
from aimskit.site.render.context import RenderContext
from aimskit.site.render.tables import bullet_list, page, table


def render(context: RenderContext) -> dict[str, str]:
    manifest = context.repository.manifest
    link = context.linker(links.SCOPE)
    scope = _dict(manifest.get("scope"))
    organisation = _dict(manifest.get("organisation"))
    context_ = _dict(manifest.get("context"))
    parts = ["# Scope and context\n",
             "What the AI management system covers, what it leaves out, and the issues and people it takes into "
             "account (ISO/IEC 42001 4.1 to 4.3).\n"]
    if organisation.get("description"):
        parts += ["## The organisation\n", plain.written(organisation["description"]) + "\n"]
    parts += ["## What is in\n", plain.written(scope.get("statement")) + "\n" if scope.get("statement")
              else "Not recorded yet.\n"]
    if scope.get("boundaries"):
        parts += ["## Where it stops\n", plain.written(scope["boundaries"]) + "\n"]
    exclusions = [e for e in scope.get("exclusions") or [] if isinstance(e, dict)]
    parts += ["## What is left out, and why\n", table(("Left out", "Why"), [
        (escape.cell(e.get("item")), escape.cell(e.get("justification"))) for e in exclusions])
        if exclusions else "Nothing is left out.\n"]
    parts += ["## Issues we take into account\n", "**Inside the organisation**\n",
              bullet_list(escape.text(i) for i in context_.get("internal_issues") or []),
              "**Outside the organisation**\n",
              bullet_list(escape.text(i) for i in context_.get("external_issues") or [])]
    parties = [p for p in manifest.get("interested_parties") or [] if isinstance(p, dict)]
    parts += ["## Interested parties\n", table(("Who", "What they need", "Addressed by"), [
        (escape.cell(p.get("name")), escape.cell(p.get("needs")), link.records(_list(p.get("addressed_by"))))
        for p in parties]) if parties else "None recorded.\n"]
    return {links.SCOPE: page("Scope and context", "\n".join(parts))}


def _dict(value: t.Any) -> dict:
    return value if isinstance(value, dict) else {}


def _list(value: t.Any) -> list:
    return value if isinstance(value, list) else [value] if value else []
