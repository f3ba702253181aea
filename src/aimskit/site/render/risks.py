"""The risk register (one table, an anchor per risk) and the likelihood × impact heat maps."""

from __future__ import annotations

import typing as t

from aimskit.governance import scoring
from aimskit.records import kinds
from aimskit.records.model import Record
from aimskit.site.render import escape, glossary, links
from aimskit.site.render.context import RenderContext
from aimskit.site.render.policies import review_cell
from aimskit.site.render.tables import anchor, examples_banner, level_badge, level_label, page, table

_HEADERS = ("Id", "Risk", "AI systems", "Owner", "Inherent", "Treatment", "Controls", "Residual",
            "Status", "Next review")


def render(context: RenderContext) -> dict[str, str]:
    risks = context.of(kinds.RISK)
    return {links.RISKS: _register(context, risks), links.HEAT_MAPS: _heat_maps(context, risks)}


def _risk_link(link: links.Linker, record: Record, label: t.Any = None) -> str:
    return link.to(label if label is not None else record.id, links.record_page(record.id)) if record.id \
        else escape.text(label)


def _register(context: RenderContext, risks: list[Record]) -> str:
    link = context.linker(links.RISKS)
    method = context.method
    appetite = escape.text(method.appetite)
    body = [
        "# Risk register\n",
        f"{len(risks)} AI risks. Scores are likelihood × impact on the organisation's "
        f"{escape.text(context.repository.manifest.get('risk_method', {}).get('matrix', ''))} matrix; "
        f"{glossary.term_link(link, 'Residual risk', 'residual')} scores above the "
        f"{glossary.term_link(link, 'Risk appetite', 'appetite')} of {appetite} need a formal "
        f"{glossary.term_link(link, 'Risk acceptance', 'acceptance')}. "
        f"See the {link.to('heat maps', links.HEAT_MAPS)} for the distribution.\n",
        *examples_banner(risks),
        ('<div class="aims-register" markdown="1">\n\n' + table(_HEADERS, (_row(context, link, r) for r in risks))
         + "\n</div>\n") if risks else "No risks recorded yet.\n",
    ]
    return page("Risk register", "\n".join(body), hide=("navigation", "toc"))


def _row(context: RenderContext, link: links.Linker, record: Record) -> list[str]:
    data = record.data
    treatment = data.get("treatment") or {}
    inherent = scoring.inherent_score(data)
    residual = scoring.residual_score(data)
    residual_text = level_badge(residual, context.method.level_name(residual))
    if context.method.acceptance_required(data):
        residual_text += (" " + link.to("(accepted)", links.record_page(record.id), "acceptance")
                          if scoring.is_accepted(data) and record.id else
                          " (accepted)" if scoring.is_accepted(data) else " (above appetite)")
    return [
        anchor(record.id) + _risk_link(link, record), _risk_link(link, record, data.get("title")),
        link.records(data.get("systems")),
        link.role(data.get("owner")),
        level_badge(inherent, context.method.level_name(inherent)), escape.cell(treatment.get("option")),
        link.controls(treatment.get("controls")), residual_text, escape.cell(data.get("status")),
        review_cell(data.get("next_review"), context),
    ]


def _heat_maps(context: RenderContext, risks: list[Record]) -> str:
    body = ["# Risk heat maps\n",
            "Each cell counts the risks with that likelihood and impact; its colour and label give the "
            "risk level from the organisation's risk method. Inherent is before treatment, residual after.\n",
            f"Cells with a dashed border are above the risk appetite (a score above "
            f"{escape.text(context.method.appetite)}). Select a count to see its risks.\n",
            "## Inherent risk\n", heat_map(context, risks, scoring.inherent_score, _inherent_pair, "Inherent"),
            "## Residual risk\n", heat_map(context, risks, scoring.residual_score, _residual_pair, "Residual"),
            "## Levels\n", _legend(context),
            "## Risks by cell\n", _cell_lists(context, risks, _inherent_pair, "Inherent"),
            _cell_lists(context, risks, _residual_pair, "Residual")]
    return page("Risk heat maps", "\n".join(body))


def _inherent_pair(data: dict[str, t.Any]) -> tuple[t.Any, t.Any]:
    return data.get("likelihood"), data.get("impact")


def _residual_pair(data: dict[str, t.Any]) -> tuple[t.Any, t.Any]:
    residual = data.get("residual")
    return (residual.get("likelihood"), residual.get("impact")) if isinstance(residual, dict) else _inherent_pair(data)


def heat_map(context: RenderContext, risks: list[Record], score_of, pair_of, label: str) -> str:
    """An accessible HTML table: likelihood rows (highest first) × impact columns, with counts."""
    method = context.method
    counts: dict[tuple[t.Any, t.Any], int] = {}
    for record in risks:
        pair = pair_of(record.data)
        counts[pair] = counts.get(pair, 0) + 1
    prefix = label.lower()
    scales = context.repository.manifest.get("risk_method", {})
    likelihoods = _scale(scales.get("likelihood"), method.likelihood)
    impacts = _scale(scales.get("impact"), method.impact)
    head = "".join(f'<th scope="col">{escape.html_text(v)}<br><small>{escape.html_text(n)}</small></th>' for v, n in impacts)
    rows = []
    for value, name in reversed(likelihoods):
        cells = "".join(_cell(method, value, impact, counts.get((value, impact), 0), prefix) for impact, _ in impacts)
        rows.append(f'<tr><th scope="row">{escape.html_text(value)} <small>{escape.html_text(name)}</small></th>{cells}</tr>')
    return (f'<div class="aims-scroll" role="region" tabindex="0" aria-label="{escape.html_text(label)} heat map">\n'
            f'<table class="aims-heatmap">\n<caption>{escape.html_text(label)} risk: number of risks by likelihood '
            f'(rows) and impact (columns)</caption>\n<thead><tr><th scope="col">Likelihood \\ Impact</th>{head}'
            f'</tr></thead>\n<tbody>\n' + "\n".join(rows) + "\n</tbody>\n</table>\n</div>\n")


def _cell(method: scoring.RiskMethod, likelihood: int, impact: int, count: int, prefix: str) -> str:
    name = method.level_name(likelihood * impact) or ""
    classes = "aims-heatmap__cell" + (" aims-heatmap__cell--empty" if not count else "")
    above = method.above_appetite(likelihood * impact)
    if above:
        classes += " aims-heatmap__cell--above"
    number = (f'<a class="aims-heatmap__count" href="#{prefix}-{likelihood}-{impact}">{count}</a>' if count
              else f'<span class="aims-heatmap__count">{count}</span>')
    note = '<span class="aims-visually-hidden">, above appetite</span>' if above else ""
    return (f'<td class="{classes} aims-level--{escape.css_class(name)}">{number} '
            f'<small>{escape.html_text(name)}</small>{note}</td>')


def _label(record: Record) -> str:
    return f"{record.id} {record.data.get('title') or ''}".strip()


def _cell_lists(context: RenderContext, risks: list[Record], pair_of, label: str) -> str:
    """Under each map, the risks of every non-empty cell (what a cell's link points at)."""
    link = context.linker(links.HEAT_MAPS)
    cells: dict[tuple[t.Any, t.Any], list[Record]] = {}
    for record in risks:
        cells.setdefault(pair_of(record.data), []).append(record)
    prefix, parts = label.lower(), []
    for (likelihood, impact), members in sorted(cells.items(), key=lambda kv: (str(kv[0][0]), str(kv[0][1])),
                                                reverse=True):
        score = scoring.score(likelihood, impact)
        level = context.method.level(score)
        heading = (f"{label}: likelihood {likelihood} × impact {impact} (score {score}"
                   f"{', ' + level.name if level else ''})")
        parts.append(escape.heading(3, heading, f"{prefix}-{likelihood}-{impact}") + "\n")
        parts.append("\n".join(f"- {_risk_link(link, r, _label(r))}" for r in members) + "\n")
    return "\n".join(parts)


def _scale(entries: t.Any, values: tuple[int, ...]) -> list[tuple[int, str]]:
    names = {e.get("value"): e.get("label") for e in entries or [] if isinstance(e, dict)}
    return [(v, str(names.get(v) or "")) for v in values]


def _legend(context: RenderContext) -> str:
    rows = [(level_label(level.name), escape.cell(f"{level.low}–{level.high}")) for level in context.method.levels]
    appetite = f"\nAppetite: residual scores up to {escape.text(context.method.appetite)}.\n"
    return table(("Level", "Scores"), rows) + appetite
