"""Crosswalks from reference data: NIST AI RMF and the EU AI Act, linked to this organisation's records."""

from __future__ import annotations

import typing as t

from aimskit import reference
from aimskit.records import kinds
from aimskit.site.render import escape, links
from aimskit.site.render.context import RenderContext
from aimskit.site.render.links import Linker
from aimskit.site.render.systems import TIER_LABELS, tier
from aimskit.site.render.tables import bullet_list, page, table


def render(context: RenderContext) -> dict[str, str]:
    # The EU AI Act page always exists, so that switching the module in aims.yml never leaves
    # mkdocs.yml's navigation pointing at a missing page; switched off, it only says so.
    with_eu = bool(context.frameworks("eu_ai_act"))
    return {
        links.NIST: _nist(context),
        links.EU_AI_ACT: _eu_ai_act(context) if with_eu else _eu_ai_act_off(),
        links.FRAMEWORKS: _index(context, with_eu),
    }


def _eu_ai_act_off() -> str:
    return page("EU AI Act", "# EU AI Act\n\nThe EU AI Act module is switched off for this AI management "
                "system. Set `frameworks.eu_ai_act: true` in `aims.yml` to show the Act's risk tiers for our AI "
                "systems and the articles mapped to ISO/IEC 42001.\n")


def _index(context: RenderContext, with_eu: bool) -> str:
    link = context.linker(links.FRAMEWORKS)
    items = [link.to("NIST AI RMF crosswalk", links.NIST) + " — AI RMF subcategories mapped to ISO/IEC 42001."]
    if with_eu:
        items.append(link.to("EU AI Act", links.EU_AI_ACT) + " — risk tiers of our AI systems and the articles "
                     "mapped to ISO/IEC 42001 controls.")
    items.append(link.to("Clauses 4 to 10", links.CLAUSES) + " — the management system requirements.")
    return page("Frameworks", "# Frameworks and crosswalks\n\n" + bullet_list(items))


def _soa_status(context: RenderContext) -> dict[str, str]:
    record = context.repository.single(kinds.SOA)
    entries = record.data.get("controls") if record is not None and isinstance(record.data, dict) else None
    return {str(e.get("control")): str(e.get("status") or "") for e in entries or [] if isinstance(e, dict)}


def _iso_refs(context: RenderContext, link: Linker, refs: t.Iterable[t.Any]) -> str:
    status = _soa_status(context)
    return ", ".join(link.iso(r) + (f" ({escape.text(status[r])})" if r in status else "") for r in refs) or "&nbsp;"


def _policies_for(context: RenderContext, link: Linker, refs: t.Iterable[t.Any]) -> str:
    wanted = set(map(str, refs))
    found = [p for p in context.of(kinds.POLICY)
             if wanted & {*map(str, p.data.get("controls") or []), *map(str, p.data.get("clauses") or [])}]
    return link.records([p.id for p in found])


def _nist(context: RenderContext) -> str:
    link = context.linker(links.NIST)
    rows = [(nist_label(e["nist_subcategory"]), _iso_refs(context, link, e.get("iso42001") or []),
             _policies_for(context, link, e.get("iso42001") or [])) for e in reference.nist_crosswalk()]
    body = ["# NIST AI RMF crosswalk\n",
            "NIST AI RMF 1.0 subcategories mapped to ISO/IEC 42001 clauses and Annex A controls (the crosswalk "
            "published by Microsoft and listed by NIST), with the status of each control in our Statement of "
            "Applicability and our policies that address it. Each subcategory has a short title in our own words "
            "(NIST's text is in NIST AI 100-1), with its category under it.\n",
            table(("AI RMF subcategory", "ISO/IEC 42001 (our SoA status)", "Our policies"), rows)]
    return page("NIST AI RMF crosswalk", "\n".join(body))


def nist_label(subcategory: t.Any) -> str:
    """An AI RMF subcategory for a table cell: its id and short title, then its category as context."""
    title = reference.nist_subcategory_title(subcategory)
    category = reference.nist_category_title(subcategory)
    label = f"**{escape.text(subcategory)}**" + (f" {escape.text(title)}" if title else "")
    if category:
        label += f"<br>*Category {escape.text(reference.nist_category(subcategory))}: {escape.text(category)}*"
    return label


def _eu_ai_act(context: RenderContext) -> str:
    link = context.linker(links.EU_AI_ACT)
    act = reference.eu_ai_act()
    systems: dict[str, list] = {}
    for record in context.of(kinds.SYSTEM):
        systems.setdefault(tier(record), []).append(record)
    tier_rows = [(escape.cell(TIER_LABELS.get(key, key)), escape.text(len(systems.get(key, []))),
                  link.records([s.id for s in systems.get(key, [])])) for key in TIER_LABELS]
    reference_rows = [(escape.cell(t_.get("tier")), escape.cell(t_.get("articles"))) for t_ in act["risk_tiers"]]
    crosswalk = [(escape.cell(f"{e['article']} {e.get('title', '')}"),
                  _iso_refs(context, link, e.get("iso42001") or []))
                 for e in reference.eu_ai_act_crosswalk()]
    body = ["# EU AI Act\n", f"{escape.text(act.get('regulation'))}: the risk tier of each of our AI systems, "
            "and the articles mapped to ISO/IEC 42001.\n",
            "## Our AI systems by risk tier\n", table(("Tier", "Systems", "AI systems"), tier_rows),
            "## Risk tiers in the regulation\n", table(("Tier", "Articles"), reference_rows),
            "## Articles and ISO/IEC 42001\n",
            "!!! note \"Editorial mapping\"\n\n    This mapping is derived from headings only; it is not an "
            "authoritative crosswalk. Review it before relying on it.\n",
            table(("Article", "ISO/IEC 42001 (our SoA status)"), crosswalk)]
    return page("EU AI Act", "\n".join(body))
