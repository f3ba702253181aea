"""AI system impact assessments: an index and a page per assessment (header escaped, narrative as written)."""

from __future__ import annotations

from aimskit.records import kinds
from aimskit.records.model import Record
from aimskit.site.render import escape, links
from aimskit.site.render.context import RenderContext
from aimskit.site.render.policies import _STATUS_NOTES, body_markdown, review_cell, revision_table, status_badge
from aimskit.site.render.tables import admonition, example_banner, field_table, page, table


def render(context: RenderContext) -> dict[str, str]:
    assessments = context.of(kinds.IMPACT_ASSESSMENT)
    pages = {links.ASSESSMENTS: _index(context, assessments)}
    for record in assessments:
        pages[f"impact-assessments/{record.id or record.stem}.md"] = _assessment(context, record)
    return pages


def _index(context: RenderContext, assessments: list[Record]) -> str:
    link = context.linker(links.ASSESSMENTS)
    rows = [(link.record(r.id), link.record(r.id, r.data.get("title")), link.records(r.data.get("systems")),
             status_badge(r.data.get("status")), escape.cell(r.data.get("assessed")),
             review_cell(r.data.get("next_review"), context)) for r in assessments]
    body = ["# Impact assessments\n", "Assessments of the impact of AI systems on individuals, groups and "
            "society (ISO/IEC 42001 6.1.4 and 8.4).\n",
            table(("Id", "Assessment", "AI systems", "Status", "Assessed", "Next review"), rows)
            if rows else "No impact assessments recorded yet.\n"]
    return page("Impact assessments", "\n".join(body))


def _assessment(context: RenderContext, record: Record) -> str:
    data = record.data
    link = context.linker(f"impact-assessments/{record.id or record.stem}.md")
    header = [("AI systems", link.records(data.get("systems"))), ("Owner", link.role(data.get("owner"))),
              ("Approver", link.role(data.get("approver"))),
              ("Version", escape.cell(data.get("version"))),
              ("Status", status_badge(data.get("status"))), ("Assessed", escape.cell(data.get("assessed"))),
              ("Next review", review_cell(data.get("next_review"), context)),
              ("Affected parties", escape.cell(data.get("affected_parties"))),
              ("Controls", link.controls(data.get("controls")))]
    impacts = [(escape.cell(i.get("area")), escape.cell(i.get("description")), escape.cell(i.get("severity")),
                escape.cell(i.get("mitigations")), link.records(i.get("risks")))
               for i in data.get("impacts") or [] if isinstance(i, dict)]
    parts = [escape.heading(1, f"{record.id} {data.get('title') or ''}".strip()) + "\n", *example_banner(data)]
    note = _STATUS_NOTES.get(data.get("status"))
    if note:
        parts.append(admonition(note[0], note[1], note[2].replace("policy", "assessment")))
    parts += [field_table(header), "## Impacts\n",
              table(("Area", "Impact", "Severity", "Mitigations", "Risks"), impacts) if impacts else "None.\n",
              "## Assessment\n", body_markdown(record, "This assessment has no narrative yet.", link),
              "## Revision history\n", revision_table(context.histories.get(record.path), context.repository.manifest)]
    tags = [*(data.get("systems") or []), *(data.get("controls") or [])]
    return page(f"{record.id} {data.get('title') or ''}".strip(), "\n".join(parts), tags=tags,
                version=data.get("version"))
