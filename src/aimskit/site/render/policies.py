"""The policies: an index and a page per policy with its metadata header and revision history."""

from __future__ import annotations

import typing as t

from aimskit.governance import scoring
from aimskit.records import kinds
from aimskit.records.model import Record
from aimskit.site.render import escape, links, sanitise
from aimskit.site.render.context import RenderContext
from aimskit.site.render.tables import admonition, badge, field_table, page, table

_STATUS_NOTES = {
    "draft": ("warning", "Draft", "This policy is a draft. It is not approved and does not apply yet."),
    "retired": ("note", "Retired", "This policy has been retired and no longer applies."),
}


def render(context: RenderContext) -> dict[str, str]:
    policies = context.of(kinds.POLICY)
    pages = {links.POLICIES: _index(context, policies)}
    for record in policies:
        pages[f"policies/{record.id or record.stem}.md"] = _policy(context, record)
    return pages


def _index(context: RenderContext, policies: list[Record]) -> str:
    link = context.linker(links.POLICIES)
    rows = [(link.record(r.id, r.id), link.record(r.id, r.data.get("title")), status_badge(r.data.get("status")),
             escape.cell(r.data.get("version")), link.role(r.data.get("owner")),
             review_cell(r.data.get("next_review"), context)) for r in policies]
    body = ["# Policies\n", "The AI policies of the organisation. Each page shows who owns and approves the policy, "
            "its version, when it takes effect and when it is next reviewed.\n",
            table(("Id", "Policy", "Status", "Version", "Owner", "Next review"), rows)]
    return page("Policies", "\n".join(body))


def _policy(context: RenderContext, record: Record) -> str:
    data = record.data
    link = context.linker(f"policies/{record.id or record.stem}.md")
    parts = [escape.heading(1, f"{record.id} {data.get('title') or ''}".strip()) + "\n",
             "← " + link.to("All policies", links.POLICIES) + "\n"]
    note = _STATUS_NOTES.get(data.get("status"))
    if note:
        parts.append(admonition(*note))
    if data.get("summary"):
        parts.append(f"*{escape.paragraph(data['summary'])}*\n")
    parts.append(field_table(_header(context, link, data)))
    parts.append("## Policy\n")
    parts.append(body_markdown(record, "This policy has no text yet."))
    parts.append("## Revision history\n")
    parts.append(revision_table(context.histories.get(record.path)))
    parts.append("## Approval record\n")
    parts.append(approval_table(context.approvals.get(record.path)))
    tags = [*(data.get("controls") or []), *(data.get("tags") or [])]
    return page(f"{record.id} {data.get('title') or ''}".strip(), "\n".join(parts), tags=tags,
                description=data.get("summary"))


def _header(context: RenderContext, link, data: dict[str, t.Any]) -> list[tuple[str, str]]:
    return [
        ("Owner", link.role(data.get("owner"), with_id=True)),
        ("Approver", link.role(data.get("approver"), with_id=True)),
        ("Version", escape.cell(data.get("version"))),
        ("Status", status_badge(data.get("status"))),
        ("Effective", escape.cell(data.get("effective"))),
        ("Approved on", escape.cell(data.get("approved_on")) if data.get("approved_on") else "not yet approved"),
        ("Next review", review_cell(data.get("next_review"), context)),
        ("Annex A controls", link.controls(data.get("controls"))),
        ("Clauses", link.clauses(data.get("clauses"))),
    ]


def body_markdown(record: Record, empty: str) -> str:
    """The Markdown body of a document, its headings moved below the page's own sections."""
    # Document text is Markdown written by the AIMS owners, rendered as Markdown, but with raw
    # HTML, attribute lists and unsafe links disabled (see aimskit.site.render.sanitise).
    lines, fenced = [], False
    for line in sanitise.body((getattr(record.document, "body", "") or "").strip()).splitlines():
        if line.lstrip().startswith(("```", "~~~")):
            fenced = not fenced
        lines.append("##" + line if line.startswith("#") and not fenced else line)
    return "\n".join(lines) + "\n" if lines else f"*{empty}*\n"


def status_badge(status: t.Any) -> str:
    return badge(status or "unknown", f"status-{status}")


def review_cell(next_review: t.Any, context: RenderContext) -> str:
    """A review date with an overdue badge when it has passed."""
    if scoring.is_overdue(next_review, context.today):
        return f"{escape.cell(next_review)} {badge('Overdue', 'overdue')}"
    return escape.cell(next_review)


def revision_table(revisions: t.Any) -> str:
    """Revisions from git (date, author, change, commit), or a note when history is unavailable."""
    if revisions is None:
        return "*Revision history unavailable: the site was built outside a full git clone.*\n"
    if not revisions:
        return "*No committed revisions yet.*\n"
    rows = [(escape.cell(_date(r.date)), escape.cell(r.author), escape.cell(r.subject),
             f"<code>{escape.text(r.short)}</code>") for r in revisions]
    return table(("Date", "Author", "Change", "Commit"), rows)


_APPROVAL_COLUMNS = (("version", "Version"), ("status", "Status"), ("approver", "Approver"),
                     ("approved_on", "Approved on"), ("pull_request", "Pull request"), ("merged_by", "Merged by"),
                     ("date", "Date"), ("short", "Commit"))


def approval_table(rows: list[dict[str, t.Any]] | None) -> str:
    """Which version reached the main line, approved by whom and through which change."""
    if not rows:
        return "*No approval recorded in the repository history.*\n"
    columns = [(key, label) for key, label in _APPROVAL_COLUMNS if any(row.get(key) for row in rows)]
    return table([label for _, label in columns],
                 [[escape.cell(_date(row.get(key))) for key, _ in columns] for row in rows])


def _date(value: t.Any) -> t.Any:
    return value.date().isoformat() if hasattr(value, "date") and callable(value.date) else value
