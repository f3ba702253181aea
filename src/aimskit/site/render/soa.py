"""The Statement of Applicability: every Annex A control, grouped by status (readable without JavaScript)."""

from __future__ import annotations

import posixpath
import typing as t

from aimskit import reference
from aimskit.records import kinds
from aimskit.readiness.documented import shown_evidence
from aimskit.site.render import escape, glossary, links
from aimskit.site.render.context import RenderContext
from aimskit.site.render.policies import review_cell, status_badge
from aimskit.site.render.tables import badge, example_banner, field_table, page

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
             f"Each of the 38 {glossary.term_link(link, 'Control', 'controls')} of ISO/IEC 42001 Annex A: "
             "whether it applies, why, how far it is "
             "implemented, and the documents that implement it. Jump to a status:\n", jump + "\n"]
    parts += example_banner(data)
    if data:
        parts.append(field_table([("Owner", link.role(data.get("owner"))),
                                  ("Approver", link.role(data.get("approver"))),
                                  ("Version", escape.cell(data.get("version"))),
                                  ("Status", status_badge(data.get("status"))),
                                  ("Next review", review_cell(data.get("next_review"), context))]))
    for status in statuses:
        if status in by_status:
            title = f"{_STATUS_TITLES.get(status, status)} ({len(by_status[status])})"
            parts.append(escape.heading(2, title, f"status-{status}") + "\n")
            parts.extend(_control(link, c, entries.get(c, {})) for c in by_status[status])
    return {links.SOA: page("Statement of Applicability", "\n".join(parts))}


def _control(link: links.Linker, control_id: str, entry: dict[str, t.Any]) -> str:
    """One control as its own section (so it is its own search entry), anchored by its id (``#a-6-2-4``)."""
    title = reference.controls()[control_id]["title"]
    lines = [f"- **Applicable:** {_applicable(entry.get('applicable'))}"
             + (f" — {escape.text(entry.get('justification'))}" if entry.get("justification") else "")]
    implemented = _implemented_by(link, entry)
    if implemented != "&nbsp;":
        lines.append(f"- **Implemented by:** {implemented}")
    if entry.get("owner"):
        lines.append(f"- **Owner:** {link.role(entry.get('owner'))}")
    return escape.heading(3, f"{control_id} {title}", control_id) + "\n\n" + "\n".join(lines) + "\n"


def _applicable(applicable: t.Any) -> str:
    if applicable is True:
        return badge("yes", "applicable")
    return badge("no" if applicable is False else "not decided", "excluded")


def _implemented_by(link: links.Linker, entry: dict[str, t.Any]) -> str:
    """The policies implementing a control and its evidence, each named once (a policy that is also
    given as evidence by its file is not repeated)."""
    ids = list(dict.fromkeys(str(r) for r in entry.get("implemented_by") or []))
    records = [link.record(r) for r in ids]
    paths = [shown_evidence(p) for p in entry.get("evidence") or []]
    evidence = links.evidence(link, list(dict.fromkeys(
        p for p in paths if posixpath.basename(p).split(".")[0] not in ids)))
    return "; ".join(filter(lambda x: x and x != "&nbsp;", (", ".join(records), evidence))) or "&nbsp;"
