"""The registers of objectives, internal audits, management reviews, nonconformities and suppliers.

Each register has an index page with a summary table. Audits, management reviews,
nonconformities and suppliers also have a page per record; objectives are sections of the
register page with a stable anchor (``#obj-001``).
"""

from __future__ import annotations

import typing as t

from aimskit.records import kinds
from aimskit.records.model import Record
from aimskit.site.render import escape, links
from aimskit.site.render.context import RenderContext
from aimskit.site.render.links import Linker
from aimskit.site.render.policies import review_cell
from aimskit.site.render.tables import badge, example_banner, examples_banner, field_table, page, table

Fields = t.Callable[[RenderContext, Linker, dict], list[tuple[str, str]]]


def render(context: RenderContext) -> dict[str, str]:
    pages: dict[str, str] = {}
    for kind, fields in ((kinds.AUDIT, _audit), (kinds.MANAGEMENT_REVIEW, _review),
                         (kinds.NONCONFORMITY, _nonconformity), (kinds.SUPPLIER, _supplier)):
        for record in context.of(kind):
            if record.id:
                pages[links.record_page(record.id)] = _record_page(context, record, fields)
    return pages | {
        links.OBJECTIVES: _register(context, kinds.OBJECTIVE, links.OBJECTIVES, "AI objectives",
                                    "The AI objectives (ISO/IEC 42001 6.2), their measures, targets and progress.",
                                    ("owner", "due", "status"), _objective),
        links.AUDITS: _register(context, kinds.AUDIT, links.AUDITS, "Internal audits",
                                "Internal audits of the AI management system (9.2) and their findings.",
                                ("type", "planned", "status"), _audit),
        links.REVIEWS: _register(context, kinds.MANAGEMENT_REVIEW, links.REVIEWS, "Management reviews",
                                 "Reviews of the AI management system by top management (9.3).",
                                 ("date", "chair", "status"), _review),
        links.NONCONFORMITIES: _register(context, kinds.NONCONFORMITY, links.NONCONFORMITIES, "Nonconformities",
                                         "Nonconformities and corrective actions (10.2).",
                                         ("severity", "owner", "status"), _nonconformity),
        links.SUPPLIERS: _register(context, kinds.SUPPLIER, links.SUPPLIERS, "Suppliers and customers",
                                   "Third parties that provide AI systems or components, or use ours (A.10).",
                                   ("relationship", "owner", "next_review"), _supplier),
    }


def _record_page(context: RenderContext, record: Record, fields: Fields) -> str:
    path = links.record_page(str(record.id))
    title = f"{record.id} {_name(record)}".strip()
    body = [escape.heading(1, title) + "\n", *example_banner(record.data),
            field_table(fields(context, context.linker(path), record.data))]
    return page(title, "\n".join(body), description=record.data.get("description"))


def _register(context: RenderContext, kind: kinds.Kind, path: str, title: str, intro: str,
              columns: tuple[str, ...], fields: Fields) -> str:
    link = context.linker(path)
    records = context.of(kind)
    parts = [f"# {escape.text(title)}\n", escape.text(intro) + "\n"]
    if not records:
        return page(title, "\n".join([*parts, "None recorded yet.\n"]))
    rows = [[link.record(r.id), link.record(r.id, _name(r)),
             *(_summary(context, link, c, r.data.get(c)) for c in columns)]
            for r in records]
    parts += examples_banner(records)
    parts.append(table(["Id", "Title", *(c.replace("_", " ").capitalize() for c in columns)], rows))
    if kind is not kinds.OBJECTIVE:
        return page(title, "\n".join(parts))
    for record in records:
        parts.append(escape.heading(2, f"{record.id} {_name(record)}", record.id) + "\n")
        parts.append(field_table(fields(context, link, record.data)))
    return page(title, "\n".join(parts))


def _name(record: Record) -> str:
    return str(record.data.get("title") or record.data.get("name") or "")


def _summary(context: RenderContext, link: Linker, column: str, value: t.Any) -> str:
    if column in ("owner", "chair"):
        return link.role(value)
    if column in ("due", "next_review"):
        return review_cell(value, context)
    if column == "status":
        return badge(value or "unknown", f"status-{value}")
    return escape.cell(value)


def _actions(link: Linker, actions: t.Any) -> str:
    items = [f"{escape.text(a.get('description'))} — {link.role(a.get('owner'))}, due {escape.text(a.get('due'))}, "
             f"{escape.text(a.get('status'))}" for a in actions or [] if isinstance(a, dict)]
    return "<br>".join(items) or "&nbsp;"


def _objective(context: RenderContext, link: Linker, d: dict) -> list[tuple[str, str]]:
    progress = "<br>".join(f"{escape.text(p.get('date'))}: {escape.text(p.get('value'))}"
                           + (f" ({escape.text(p.get('note'))})" if p.get("note") else "")
                           for p in d.get("progress") or [] if isinstance(p, dict))
    return [("Description", escape.cell(d.get("description"))), ("Measure", escape.cell(d.get("measure"))),
            ("Target", escape.cell(d.get("target"))), ("Baseline", escape.cell(d.get("baseline"))),
            ("Owner", link.role(d.get("owner"))), ("Due", review_cell(d.get("due"), context)),
            ("Status", escape.cell(d.get("status"))), ("Progress", progress or "&nbsp;"),
            ("Clauses", link.clauses(d.get("clauses"))), ("Controls", link.controls(d.get("controls"))),
            ("AI systems", link.records(d.get("systems")))]


def _audit(context: RenderContext, link: Linker, d: dict) -> list[tuple[str, str]]:
    findings = "<br>".join(f"{escape.text(f.get('type'))}: {escape.text(f.get('description'))}"
                           + (f" → {link.record(f['nonconformity'])}" if f.get("nonconformity") else "")
                           for f in d.get("findings") or [] if isinstance(f, dict))
    return [("Type", escape.cell(d.get("type"))), ("Scope", escape.cell(d.get("scope"))),
            ("Lead auditor", escape.cell(d.get("lead_auditor"))), ("Planned", escape.cell(d.get("planned"))),
            ("Performed", escape.cell(d.get("performed"))), ("Status", escape.cell(d.get("status"))),
            ("Clauses", link.clauses(d.get("clauses"))), ("Controls", link.controls(d.get("controls"))),
            ("Findings", findings or "&nbsp;"), ("Report", escape.cell(d.get("report")))]


def _review(context: RenderContext, link: Linker, d: dict) -> list[tuple[str, str]]:
    inputs = "<br>".join(f"**{escape.text(i.get('topic'))}**: {escape.text(i.get('summary'))}"
                         for i in d.get("inputs") or [] if isinstance(i, dict))
    return [("Date", escape.cell(d.get("date"))), ("Chair", link.role(d.get("chair"))),
            ("Attendees", ", ".join(link.role(a) for a in d.get("attendees") or []) or "&nbsp;"),
            ("Status", escape.cell(d.get("status"))), ("Inputs", inputs or "&nbsp;"),
            ("Decisions", "<br>".join(escape.text(x) for x in d.get("decisions") or []) or "&nbsp;"),
            ("Actions", _actions(link, d.get("actions")))]


def _nonconformity(context: RenderContext, link: Linker, d: dict) -> list[tuple[str, str]]:
    return [("Description", escape.cell(d.get("description"))), ("Raised", escape.cell(d.get("raised"))),
            ("Source", link.record(d.get("source")) if d.get("source") else "&nbsp;"),
            ("Severity", escape.cell(d.get("severity"))), ("Owner", link.role(d.get("owner"))),
            ("Status", escape.cell(d.get("status"))), ("Root cause", escape.cell(d.get("root_cause"))),
            ("Correction", escape.cell(d.get("correction"))),
            ("Corrective actions", _actions(link, d.get("corrective_actions"))),
            ("Closed", escape.cell(d.get("closed"))), ("Effectiveness", escape.cell(d.get("effectiveness"))),
            ("Clauses", link.clauses(d.get("clauses"))), ("Controls", link.controls(d.get("controls")))]


def _supplier(context: RenderContext, link: Linker, d: dict) -> list[tuple[str, str]]:
    diligence = d.get("due_diligence") or {}
    return [("Relationship", escape.cell(d.get("relationship"))), ("Services", escape.cell(d.get("services"))),
            ("AI systems", link.records(d.get("systems"))), ("Owner", link.role(d.get("owner"))),
            ("Last assessed", escape.cell(diligence.get("last_assessed"))),
            ("Outcome", escape.cell(diligence.get("outcome"))), ("Agreement", escape.cell(d.get("agreement"))),
            ("Next review", review_cell(d.get("next_review"), context))]


