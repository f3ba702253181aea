"""The Statement of Applicability: every Annex A control, grouped by status (readable without JavaScript)."""

from __future__ import annotations

import typing as t

from aimskit import reference
from aimskit.records import kinds
from aimskit.site.render import escape, links
from aimskit.site.render.context import RenderContext
from aimskit.site.render.policies import review_cell, status_badge
from aimskit.site.render.tables import anchor, badge, example_banner, field_table, page, table

STATUSES = ("implemented", "in-progress", "planned", "not-started", "excluded")
_STATUS_TITLES = {"implemented": "Implemented", "in-progress": "In progress", "planned": "Planned",
                  "not-started": "Not started", "excluded": "Excluded (not applicable)"}


def render(context: RenderContext) -> dict[str, str]:
    record = context.repository.single(kinds.SOA)
    data = record.data if record is not None and isinstance(record.data, dict) else {}
    link = context.linker(links.SOA)
    entries = {str(e.get("control")): e for e in data.get("controls") or [] if isinstance(e, dict)}
    by_status: dict[str, list[str]] = {}
    for control_id in reference.controls():
        status = str(entries.get(control_id, {}).get("status") or "not-started")
        by_status.setdefault(status, []).append(control_id)
    statuses = [*STATUSES, *(s for s in by_status if s not in STATUSES)]
    jump = " · ".join(link.to(f"{_STATUS_TITLES.get(s, s)} ({len(by_status[s])})", links.SOA, f"status-{s}")
                      for s in statuses if s in by_status)
    parts = ["# Statement of Applicability\n",
             "Each of the 38 controls of ISO/IEC 42001 Annex A: whether it applies, why, how far it is "
             "implemented, and the documents that implement it. Jump to a status:\n", jump + "\n"]
    parts += example_banner(data)
    if data:
        parts.append(field_table([("Owner", link.role(data.get("owner"), with_id=True)),
                                  ("Approver", link.role(data.get("approver"), with_id=True)),
                                  ("Version", escape.cell(data.get("version"))),
                                  ("Status", status_badge(data.get("status"))),
                                  ("Next review", review_cell(data.get("next_review"), context))]))
    for status in statuses:
        if status in by_status:
            rows = [_row(link, c, entries.get(c, {})) for c in by_status[status]]
            title = f"{_STATUS_TITLES.get(status, status)} ({len(rows)})"
            parts.append(escape.heading(2, title, f"status-{status}") + "\n")
            parts.append(table(("Control", "Title", "Applicable", "Justification", "Implemented by and evidence",
                                "Owner"), rows))
    return {links.SOA: page("Statement of Applicability", "\n".join(parts), hide=("navigation",))}


def _row(link: links.Linker, control_id: str, entry: dict[str, t.Any]) -> list[str]:
    title = reference.controls()[control_id]["title"]
    applicable = entry.get("applicable")
    return [anchor(control_id) + escape.text(control_id), escape.cell(title),
            _applicable(applicable),
            escape.cell(entry.get("justification")), _implemented_by(link, entry),
            link.role(entry.get("owner")) if entry.get("owner") else "&nbsp;"]


def _applicable(applicable: t.Any) -> str:
    if applicable is True:
        return badge("yes", "applicable")
    return badge("no" if applicable is False else "not decided", "excluded")


def _implemented_by(link: links.Linker, entry: dict[str, t.Any]) -> str:
    records = [link.record(r) for r in entry.get("implemented_by") or []]
    evidence = [f"<code>{escape.text(path)}</code>" for path in entry.get("evidence") or []]
    return "<br>".join(filter(None, (", ".join(records), ", ".join(evidence)))) or "&nbsp;"
