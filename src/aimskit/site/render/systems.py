"""The AI system inventory: an index and a page per system with its risks, assessments and controls."""

from __future__ import annotations

from aimskit import reference
from aimskit.governance import scope, scoring
from aimskit.records import kinds
from aimskit.records.model import Record
from aimskit.site.render import escape, links
from aimskit.site.render.context import RenderContext
from aimskit.site.render.policies import review_cell
from aimskit.site.render.tables import bullet_list, example_banner, field_table, level_badge, page, table

TIER_LABELS = {"prohibited": "Prohibited", "high": "High-risk", "limited": "Limited risk (transparency)",
               "minimal": "Minimal risk", "not-applicable": "Not applicable", "unclassified": "Not yet classified"}


def render(context: RenderContext) -> dict[str, str]:
    systems = context.of(kinds.SYSTEM)
    risks = context.risks_of_system()
    assessments = context.assessments_of_system()
    pages = {links.SYSTEMS: _index(context, systems, risks)}
    for record in systems:
        key = record.id or record.stem
        pages[f"systems/{key}.md"] = _system(context, record, risks.get(key, []), assessments.get(key, []))
    return pages


def scope_words(record: Record, context: RenderContext) -> str:
    """Whether the system is inside the AIMS scope, as :func:`aimskit.governance.scope.in_scope` decides."""
    if scope.in_scope(record, context.repository):
        return "yes"
    return "no (retired)" if not scope.is_live(record) else "no"


def tier(record: Record) -> str:
    return str((record.data.get("eu_ai_act") or {}).get("tier") or "not-applicable")


def _index(context: RenderContext, systems: list[Record], risks: dict[str, list[Record]]) -> str:
    link = context.linker(links.SYSTEMS)
    rows = [(link.record(r.id), link.record(r.id, r.data.get("name")), escape.cell(TIER_LABELS.get(tier(r), tier(r))),
             escape.cell(r.data.get("lifecycle_stage")), link.role(r.data.get("owner")),
             scope_words(r, context), escape.text(len(risks.get(r.id or "", [])))) for r in systems]
    body = ["# AI systems\n", "The AI systems of the inventory, and whether each is inside the scope of the AI "
            "management system.\n",
            table(("Id", "System", "EU AI Act tier", "Life cycle", "Owner", "In scope", "Risks"), rows)
            if rows else "No AI systems recorded yet.\n"]
    return page("AI systems", "\n".join(body))


def _system(context: RenderContext, record: Record, risks: list[Record], assessments: list[Record]) -> str:
    data = record.data
    path = f"systems/{record.id or record.stem}.md"
    link = context.linker(path)
    oversight = data.get("human_oversight")
    controls = sorted({c for r in risks for c in (r.data.get("treatment") or {}).get("controls") or []}
                      | {c for a in assessments for c in a.data.get("controls") or []}, key=links.control_order)
    parts = [escape.heading(1, f"{record.id} {data.get('name') or ''}".strip()) + "\n",
             *example_banner(data),
             field_table(_header(context, link, record)),
             "## Purpose\n", escape.paragraph(data.get("purpose")) + "\n",
             "## Intended use\n", escape.paragraph(data.get("intended_use")) + "\n"]
    if data.get("foreseeable_misuse"):
        parts += ["## Foreseeable misuse\n", escape.paragraph(data["foreseeable_misuse"]) + "\n"]
    parts += ["## Human oversight\n", escape.paragraph(oversight) + "\n",
              "## Affected parties\n", bullet_list(escape.text(p) for p in data.get("affected_parties") or []),
              "## Data sources\n", _data_sources(data.get("data_sources")),
              "## Risks\n", _risks(context, link, risks),
              "## Impact assessments\n", bullet_list(link.record(a.id, f"{a.id} {a.data.get('title', '')}")
                                                     for a in assessments),
              "## Controls\n", bullet_list(f"{link.control(c)} {escape.text(_control_title(c))}" for c in controls)]
    parts += found_in_code(context, record)
    tags = [data.get("name") or record.id, *controls]
    return page(f"{record.id} {data.get('name') or ''}".strip(), "\n".join(parts), tags=tags,
                description=data.get("purpose"))


def _header(context: RenderContext, link: links.Linker, record: Record) -> list[tuple[str, str]]:
    data = record.data
    act = data.get("eu_ai_act") or {}
    provider = data.get("provider")
    return [("Owner", link.role(data.get("owner"))),
            ("Provider", _provider(context, link, provider)),
            ("Life cycle stage", escape.cell(data.get("lifecycle_stage"))),
            ("Our AI role", escape.cell(data.get("ai_role"))),
            ("EU AI Act tier", escape.cell(TIER_LABELS.get(str(act.get("tier")), act.get("tier")))),
            ("Tier rationale", escape.cell(act.get("rationale"))),
            ("Models", escape.cell(data.get("models"))),
            ("In scope", scope_words(record, context)),
            ("Next review", review_cell(data.get("next_review"), context))]


def _provider(context: RenderContext, link: links.Linker, provider) -> str:
    if provider == "in-house" or not provider:
        return "In-house"
    supplier = context.repository.index.get(provider)
    name = supplier.data.get("name") if supplier is not None and isinstance(supplier.data, dict) else None
    return link.record(provider, name or provider)


def _data_sources(sources) -> str:
    rows = [(escape.cell(s.get("name")), escape.cell(s.get("provenance")), escape.cell(s.get("personal_data")),
             escape.cell(s.get("quality_checks"))) for s in sources or [] if isinstance(s, dict)]
    return table(("Source", "Provenance", "Personal data", "Quality checks"), rows) if rows else "None recorded.\n"


def _risks(context: RenderContext, link: links.Linker, risks: list[Record]) -> str:
    def level(score):
        found = context.method.level(score)
        return level_badge(score, found.name if found else None)
    rows = [(link.record(r.id), link.record(r.id, r.data.get("title")), level(scoring.inherent_score(r.data)),
             level(scoring.residual_score(r.data)), escape.cell(r.data.get("status"))) for r in risks]
    return table(("Risk", "Title", "Inherent", "Residual", "Status"), rows) if rows else "No risks recorded.\n"


def _control_title(control_id: str) -> str:
    return str(reference.controls().get(control_id, {}).get("title", ""))


def found_in_code(context: RenderContext, record: Record) -> list[str]:
    """"Found in its code": what the last ``aimskit scan`` found in the code the system names, and when."""
    if not record.data.get("code"):
        return []
    last = context.last_scan
    parts = ["## Found in its code\n"]
    if last is None or isinstance(last, str):
        why = "No scan result yet" if last is None else f"The scan result cannot be read ({last})"
        return parts + [escape.paragraph(f"{why}: `aimskit scan --result .aimskit/scan.json` writes it.") + "\n"]
    found = last.systems.get(record.id or record.stem, [])
    parts.append(escape.paragraph(f"Last scan: {last.scanned_at}, of {', '.join(last.repositories) or 'no repository'}."
                                  + (f" In all the code it scanned, it found {last.undeclared} AI use(s) the "
                                     "inventory does not declare." if last.undeclared else "")) + "\n")
    rows = [(escape.cell(c.get("name")), escape.cell(c.get("what")), escape.cell(c.get("provider")),
             escape.cell(c.get("category")), escape.cell(c.get("first")), escape.cell(c.get("places"))) for c in found]
    return parts + [table(("Component", "Kind", "Provider", "Category", "First found at", "Places"), rows)
                    if rows else "No AI use found in its code.\n"]
