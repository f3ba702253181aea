"""The dashboard: readiness figures, overdue reviews, risks by level and systems by EU AI Act tier."""

from __future__ import annotations

import dataclasses
import typing as t

from aimskit.readiness.facts import Facts
from aimskit.readiness.risks import risks_by_level

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
                  "## Risks by level\n", _risk_levels(readiness, link, _example_levels(context)),
                  "## AI systems by EU AI Act tier\n", _tiers(readiness, link)]
    return {links.DASHBOARD: page("Dashboard", "\n".join(parts))}


def _examples(readiness: t.Any) -> list[str]:
    """The banner over a site that shows example records: every figure leaves them out, and what
    the examples would add is said in so many words."""
    examples, overall = readiness.examples, readiness.overall
    if not examples.records:
        return []
    body = (f"{_count(examples.records, 'record')} on this site are examples that came with the template. "
            "Every figure on this page leaves them out: the organisation's own records meet "
            f"{overall.documented_met} of {overall.documented_total} documented-information items and implement "
            f"{overall.controls_implemented} of {overall.controls_applicable} applicable Annex A controls. Counting "
            f"the examples too, {examples.documented_met} items would look met and {examples.controls_implemented} "
            "controls implemented, but examples are not evidence.")
    return [admonition("warning", "Examples are left out", body)]


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}" + ("" if number == 1 else "s")


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


def _risk_levels(readiness: t.Any, link: Linker, examples: t.Sequence[t.Any] = ()) -> str:
    """Open risks per level; with example risks on the site, a column counts those apart."""
    by_level = {c.level: c for c in examples}
    rows = [(level_label(c.level), escape.text(c.inherent), escape.text(c.residual),
             *([escape.text(f"{by_level[c.level].inherent} inherent, {by_level[c.level].residual} residual")]
               if by_level else [])) for c in readiness.risks_by_level]
    headers = ("Level", "Inherent", "Residual", *(["Examples, left out"] if by_level else []))
    lead = ("Only the organisation's own open risks are counted; the example risks of the register are counted "
            "apart, in the last column.\n\n" if by_level else "")
    parts = [lead + table(headers, rows) if rows else "No risk levels defined.\n",
             f"See the {link.to('risk register', links.RISKS)} and the {link.to('heat maps', links.HEAT_MAPS)}.\n"]
    gaps = list(readiness.risks_above_appetite)
    if gaps:
        parts.append("**Risks above appetite without a formal acceptance**\n")
        parts.append(table(("Risk", "Title", "Owner", "Residual"), [
            (link.record(g.id), escape.cell(g.title), link.role(g.owner), escape.cell(g.residual))
            for g in gaps[:LIST_LIMIT]]))
    return "\n".join(parts)


def _example_levels(context: RenderContext) -> list[t.Any]:
    """Open example risks per level (what the examples alone would show), or [] without any."""
    if not context.readiness.examples.records:
        return []
    own = {c.level: c for c in context.readiness.risks_by_level}
    every = risks_by_level(Facts(context.repository, context.today, with_examples=True))
    return [dataclasses.replace(c, inherent=c.inherent - own[c.level].inherent, residual=c.residual - own[c.level].residual)
            if c.level in own else c for c in every]


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
