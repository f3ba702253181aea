"""The dashboard: readiness figures, overdue reviews, risks by level and systems by EU AI Act tier."""

from __future__ import annotations

import typing as t

from aimskit.site.render import escape, links
from aimskit.site.render.context import RenderContext
from aimskit.site.render.links import Linker
from aimskit.site.render.systems import TIER_LABELS
from aimskit.site.render.tables import admonition, badge, level_label, page, table

LIST_LIMIT = 50


def render(context: RenderContext) -> dict[str, str]:
    readiness = context.readiness
    link = context.linker(links.DASHBOARD)
    parts = ["# Dashboard\n"]
    if readiness is None:
        parts.append("*Readiness figures are not available for this build.*\n")
    else:
        parts += _examples(readiness)
        parts += [f"Readiness of the AI management system on {escape.text(readiness.date)}.\n",
                  _figures(readiness, link), "## Overdue reviews\n", _overdue(readiness, link),
                  "## Risks by level\n", _risk_levels(readiness, link),
                  "## AI systems by EU AI Act tier\n", _tiers(readiness, link)]
    return {links.DASHBOARD: page("Dashboard", "\n".join(parts))}


def _examples(readiness: t.Any) -> list[str]:
    """The banner over a site that shows example records: they count for nothing."""
    examples = readiness.examples
    if not examples.records:
        return []
    body = (f"{examples.records} record(s) on this site are examples shipped with the template. They count for "
            f"nothing below: {readiness.overall.documented_met} item(s) are met by the organisation's own "
            f"records. With the examples, {examples.documented_met} would look met.")
    return [admonition("warning", "Example content", body)]


def _percent(share: float) -> str:
    return f"{round(share * 100)}%"


def _figures(readiness: t.Any, link: Linker) -> str:
    overall, annex = readiness.overall, readiness.annex_a
    rows = [
        (link.to("Documented information (clauses 4–10)", links.CLAUSES),
         escape.text(f"{overall.documented_met} of {overall.documented_total} met "
                     f"({_percent(overall.documented_share)})"
                     + (f", {overall.documented_partial} partly" if overall.documented_partial else ""))),
        (link.to("Annex A controls implemented", links.SOA),
         escape.text(f"{overall.controls_implemented} of {overall.controls_applicable} applicable "
                     f"({_percent(overall.controls_share)}); {annex.excluded} excluded, {annex.undecided} undecided")),
        ("Reviews overdue", escape.text(len(readiness.overdue_reviews))),
        (link.to("Risks above appetite without acceptance", links.RISKS),
         escape.text(len(readiness.risks_above_appetite))),
        (link.to("High-risk AI systems without a current impact assessment", links.SYSTEMS),
         escape.text(len(readiness.high_risk_without_assessment))),
    ]
    return table(("Figure", "Value"), rows)


def _overdue(readiness: t.Any, link: Linker) -> str:
    reviews = list(readiness.overdue_reviews)
    if not reviews:
        return "No review is overdue.\n"
    rows = [(escape.cell(r.kind), _record(link, r.id, r.path), escape.cell(r.title), link.role(r.owner),
             escape.cell(r.due), badge(f"{r.days_overdue} days", "overdue")) for r in reviews[:LIST_LIMIT]]
    more = f"\nAnd {len(reviews) - LIST_LIMIT} more.\n" if len(reviews) > LIST_LIMIT else ""
    return table(("Kind", "Id", "Title", "Owner", "Due", "Overdue by"), rows) + more


def _record(link: Linker, record_id: t.Any, path: t.Any) -> str:
    if record_id in link.known_ids:
        return link.record(record_id)
    return links.evidence(link, [str(path)]) if path else escape.text(record_id)


def _risk_levels(readiness: t.Any, link: Linker) -> str:
    rows = [(level_label(c.level), escape.text(c.inherent), escape.text(c.residual)) for c in readiness.risks_by_level]
    parts = [table(("Level", "Inherent", "Residual"), rows) if rows else "No risk levels defined.\n",
             f"See the {link.to('risk register', links.RISKS)} and the {link.to('heat maps', links.HEAT_MAPS)}.\n"]
    gaps = list(readiness.risks_above_appetite)
    if gaps:
        parts.append("**Risks above appetite without a formal acceptance**\n")
        parts.append(table(("Risk", "Title", "Owner", "Residual"), [
            (link.record(g.id), escape.cell(g.title), link.role(g.owner), escape.cell(g.residual))
            for g in gaps[:LIST_LIMIT]]))
    return "\n".join(parts)


def _tiers(readiness: t.Any, link: Linker) -> str:
    rows = [(escape.cell(TIER_LABELS.get(tier, tier)), escape.text(count))
            for tier, count in readiness.systems_by_tier.items()]
    parts = [table(("Tier", "AI systems"), rows)]
    gaps = list(readiness.high_risk_without_assessment)
    if gaps:
        parts.append("**High-risk AI systems without a current impact assessment**\n")
        parts.append(table(("System", "Owner"), [(link.record(g.id, f"{g.id} {g.name}"), link.role(g.owner))
                                                 for g in gaps]))
    return "\n".join(parts)
