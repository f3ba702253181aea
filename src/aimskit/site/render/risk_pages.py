"""A page per risk: what it is, where it sits on the matrix, how it is treated and who accepted it."""

from __future__ import annotations

import typing as t

from aimskit import reference
from aimskit.governance import scoring
from aimskit.governance.fields import mapping
from aimskit.records import kinds
from aimskit.records.model import Record
from aimskit.site.render import escape, glossary, links
from aimskit.site.render.context import RenderContext
from aimskit.site.render.policies import review_cell
from aimskit.site.render.tables import example_banner, field_table, level_badge, page, table

TREATMENT_OPTIONS = {
    "modify": "Modify: reduce the likelihood or the impact with controls.",
    "avoid": "Avoid: stop or change the activity so the risk no longer arises.",
    "share": "Share: pass part of the risk to another party, for example a supplier or an insurer.",
    "retain": "Retain: keep the risk as it is, by an informed decision.",
}


def render(context: RenderContext) -> dict[str, str]:
    assessed = _assessments_by_risk(context)
    return {links.record_page(r.id): risk_page(context, r, assessed.get(r.id, []))
            for r in context.of(kinds.RISK) if r.id}


def risk_page(context: RenderContext, record: Record, assessments: list[Record]) -> str:
    data, path = record.data, links.record_page(str(record.id))
    link = context.linker(path)
    treatment = data.get("treatment") if isinstance(data.get("treatment"), dict) else {}
    title = f"{record.id} {data.get('title') or ''}".strip()
    parts = [escape.heading(1, title) + "\n", *example_banner(data)]
    if data.get("description"):
        parts.append(escape.paragraph(data["description"]) + "\n")
    parts += [field_table([
        ("AI systems", "the whole organisation" if data.get("organisation_wide") is True
         else _systems(context, link, data.get("systems"))),
        ("Owner", link.role(data.get("owner"))),
        ("Status", escape.cell(data.get("status"))),
        ("Risk source", escape.cell(_source(data.get("source")))),
        ("Identified", escape.cell(data.get("identified"))),
        ("Next review", review_cell(data.get("next_review"), context)),
    ]), "## Scores\n", _scores(context, data), "## Treatment\n", _treatment(context, link, treatment),
        "## Acceptance\n", _acceptance(context, link, data) + _acceptance_record(context, record),
        "## Impact assessments\n", _assessments(link, assessments)]
    return page(title, "\n".join(parts), description=data.get("description"))


def _systems(context: RenderContext, link: links.Linker, ids: t.Any) -> str:
    names = context.system_names
    return ", ".join(link.record(i, f"{names.get(i) or i}") for i in ids or []) or "&nbsp;"


def _source(source: t.Any) -> str:
    title = reference.risk_sources().get(str(source)) if source else None
    return f"{title} ({source})" if title else (source or "")


def _scores(context: RenderContext, data: dict[str, t.Any]) -> str:
    method = context.method
    residual: dict[str, t.Any] = data["residual"] if isinstance(data.get("residual"), dict) else data
    rows = []
    for label, (likelihood, impact), score in (
            ("Inherent (before treatment)", (data.get("likelihood"), data.get("impact")),
             scoring.inherent_score(data)),
            ("Residual (after treatment)", (residual.get("likelihood"), residual.get("impact")),
             scoring.residual_score(data))):
        level = method.level(score)
        rows.append((escape.text(label), escape.cell(likelihood), escape.cell(impact),
                     level_badge(score, level.name if level else None),
                     "above the appetite" if method.above_appetite(score) else "within the appetite"))
    link = context.linker(links.record_page(str(data.get("id"))))
    place = (f"The {glossary.term_link(link, 'Risk appetite', 'appetite')} is a score of "
             f"{escape.text(method.appetite)}: a residual score above it needs a "
             "formal acceptance. See where the risk sits on the " + _heat_map_link(context, data) + ".\n")
    return table(("Score", "Likelihood", "Impact", "Level", "Appetite"), rows) + "\n" + place


def _heat_map_link(context: RenderContext, data: dict[str, t.Any]) -> str:
    link = context.linker(links.record_page(str(data.get("id"))))
    residual: dict[str, t.Any] = data["residual"] if isinstance(data.get("residual"), dict) else data
    cell = f"residual-{residual.get('likelihood')}-{residual.get('impact')}"
    return link.to("residual heat map", links.HEAT_MAPS, cell)


def _treatment(context: RenderContext, link: links.Linker, treatment: dict[str, t.Any]) -> str:
    option = str(treatment.get("option") or "not recorded")
    parts = [f"**{glossary.term_link(link, 'Risk treatment', 'Option')}:** "
             f"{escape.text(TREATMENT_OPTIONS.get(option, option))}\n"]
    if isinstance(treatment.get("plan"), str):
        parts.append(escape.paragraph(treatment["plan"]) + "\n")
    controls = sorted(map(str, treatment.get("controls") or []), key=links.control_order)
    if controls:
        titles = reference.controls()
        parts.append("**Controls:**\n\n" + "\n".join(
            f"- {link.control(c)} {escape.text(titles.get(c, {}).get('title', ''))}" for c in controls) + "\n")
    actions = [a for a in treatment.get("actions") or [] if isinstance(a, dict)]
    if actions:
        rows = [(escape.cell(a.get("description")), link.role(a.get("owner")), review_due(a, context),
                 escape.cell(a.get("status"))) for a in actions]
        parts.append(table(("Action", "Owner", "Due", "Status"), rows))
    else:
        parts.append("No treatment actions recorded.\n")
    return "\n".join(parts)


def review_due(action: dict[str, t.Any], context: RenderContext) -> str:
    if action.get("status") in ("done", "completed", "closed", "cancelled"):
        return escape.cell(action.get("due"))
    return review_cell(action.get("due"), context)


def _acceptance(context: RenderContext, link: links.Linker, data: dict[str, t.Any]) -> str:
    if not scoring.is_accepted(data):
        if context.method.needs_acceptance(data):
            return "**Not accepted yet:** the residual score is above the appetite and no acceptance is recorded.\n"
        return f"No acceptance needed: {_why_no_acceptance(context, data)}.\n"
    acceptance = mapping(data, "acceptance")
    return field_table([("Accepted by", link.role(acceptance.get("by"))),
                        ("On", escape.cell(acceptance.get("date"))),
                        ("Why", escape.cell(acceptance.get("rationale")))])


def _acceptance_record(context: RenderContext, record: Record) -> str:
    """Each acceptance as it reached the main line, with what the code host confirms of it."""
    rows = context.approvals.get(record.path)
    if not rows:
        return ""
    cells = [[escape.cell(row.get("accepted_on")), escape.cell(row.get("accepted_by")),
              "yes" if row.get("as_accepted") else "no (changed after its acceptance)",
              escape.cell(row.get("pull_request") or "—"), escape.cell(row.get("date")), escape.cell(row.get("short")),
              escape.cell(row.get("host_evidence") or "—")] for row in rows]
    return "\n**Acceptance record**\n\n" + table(("Accepted on", "By", "Risk as accepted", "Pull request",
                                                    "Merged on", "Commit", "On the code host"), cells)


def _why_no_acceptance(context: RenderContext, data: dict[str, t.Any]) -> str:
    """Why a risk takes no acceptance, in the terms :meth:`RiskMethod.acceptance_required` decides by."""
    method = context.method
    if method.appetite <= 0:
        return "aims.yml sets no risk appetite"
    if not method.above_appetite(scoring.residual_score(data)):
        return "the residual score is within the appetite"
    return "the risk is closed"


def _assessments(link: links.Linker, assessments: list[Record]) -> str:
    if not assessments:
        return "No impact assessment refers to this risk.\n"
    return "\n".join(f"- {link.record(a.id, _label(a))}" for a in assessments) + "\n"


def _label(record: Record) -> str:
    return f"{record.id} {record.data.get('title') or ''}".strip()


def _assessments_by_risk(context: RenderContext) -> dict[str, list[Record]]:
    found: dict[str, list[Record]] = {}
    for record in context.of(kinds.IMPACT_ASSESSMENT):
        cited = {str(r) for impact in record.data.get("impacts") or [] if isinstance(impact, dict)
                 for r in impact.get("risks") or []}
        for risk_id in sorted(cited):
            found.setdefault(risk_id, []).append(record)
    return found
