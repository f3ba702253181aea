"""The policies: an index and a page per policy with its metadata header and revision history."""

from __future__ import annotations

import typing as t

from aimskit.governance import scoring
from aimskit.records import kinds
from aimskit.records.model import Record
from aimskit.site.render import changes, codehost, escape, glossary, links, people, plain, sanitise, terms
from aimskit.site.render.context import RenderContext
from aimskit.site.render.tables import admonition, badge, example_banner, field_table, page, table

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
    parts = ["# Policies\n", "The AI policies of the organisation: what each one is for, who owns it (ask them about "
             "it), and since when it applies. A policy takes effect on its "
             f"{glossary.term_link(link, 'Effective date', 'effective date')} once it is approved; a "
             f"{glossary.term_link(link, 'Draft', 'draft')} does not apply yet.\n"]
    for record in policies:
        data = record.data
        parts.append(escape.heading(2, f"{record.id} {data.get('title') or ''}".strip(), record.id) + "\n")
        if data.get("summary"):
            parts.append(escape.paragraph(data["summary"]) + "\n")
        parts.append(" · ".join([
            status_badge(data.get("status")), f"Owner: {link.role(data.get('owner'))}",
            f"Effective: {effective(data)}", f"Approved: {approved(data)}",
            f"Next review: {review_cell(data.get('next_review'), context)}",
            link.to("Read the policy", f"policies/{record.id or record.stem}.md")]) + "\n")
    if not policies:
        parts.append("No policies published yet.\n")
    return page("Policies", "\n".join(parts))


def effective(data: t.Mapping[str, t.Any]) -> str:
    """The effective date; a draft has none (it does not apply yet)."""
    if data.get("status") == "draft" or not data.get("effective"):
        return "not yet in effect"
    return escape.cell(data.get("effective"))


def approved(data: t.Mapping[str, t.Any]) -> str:
    return escape.cell(data.get("approved_on")) if data.get("approved_on") else "not yet approved"


def _policy(context: RenderContext, record: Record) -> str:
    data = record.data
    link = context.linker(f"policies/{record.id or record.stem}.md")
    parts = [escape.heading(1, f"{record.id} {data.get('title') or ''}".strip()) + "\n", *example_banner(data)]
    note = _STATUS_NOTES.get(data.get("status"))
    if note:
        parts.append(admonition(*note))
    if data.get("summary"):
        parts.append(f"*{escape.paragraph(data['summary'])}*\n")
    parts.append(who_to_ask(link, data.get("owner"), "policy"))
    parts.append(field_table(_header(context, link, data)))
    parts.append("*Effective from* is the date the policy applies from; *Approved on* is the date it was approved; "
                 "it is reviewed again by its *Next review* date.\n")
    parts.append("## Policy\n")
    parts.append(body_markdown(record, "This policy has no text yet.", link))
    parts.append("## Versions\n")
    parts.append(changes.history_section(context, record, link))
    parts.append("## Revision history\n")
    parts.append(revision_table(context.histories.get(record.path), context.repository.manifest))
    parts.append("## Approval record\n")
    parts.append(approval_table(context.approvals.get(record.path)))
    tags = [*(data.get("controls") or []), *(data.get("tags") or [])]
    return page(f"{record.id} {data.get('title') or ''}".strip(), "\n".join(parts), tags=tags,
                description=data.get("summary"), version=data.get("version"))


def who_to_ask(link: links.Linker, owner: t.Any, what: str) -> str:
    """A box naming the owner of a document and how to reach them (or saying the role is vacant)."""
    return admonition("question", "Who to ask", f"Questions about this {what}: {people.who(link, owner)}.")


def _header(context: RenderContext, link, data: dict[str, t.Any]) -> list[tuple[str, str]]:
    return [
        ("Owner", link.role(data.get("owner"))),
        ("Approver", link.role(data.get("approver"))),
        ("Version", escape.cell(data.get("version"))),
        ("Status", status_badge(data.get("status"))),
        ("Effective from", effective(data)),
        ("Approved on", approved(data)),
        ("Next review", review_cell(data.get("next_review"), context)),
        ("Annex A controls", link.controls(data.get("controls"))),
        ("Clauses", link.clauses(data.get("clauses"))),
    ]


def body_markdown(record: Record, empty: str, linker: links.Linker | None = None) -> str:
    """The Markdown body of a document, its headings moved below the page's own sections; with a
    ``linker``, repository paths put into words and the first use of each glossary term linked."""
    # Document text is Markdown written by the AIMS owners, rendered as Markdown, but with raw
    # HTML, attribute lists and unsafe links disabled (see aimskit.site.render.sanitise).
    lines, fenced = [], False
    for line in sanitise.body((getattr(record.document, "body", "") or "").strip()).splitlines():
        if line.lstrip().startswith(("```", "~~~")):
            fenced = not fenced
        lines.append("#" + line if line.startswith("#") and not fenced else line)
    text = "\n".join(lines)
    if linker is not None:
        text = terms.link_first_uses(plain.staff_text(text, linker), linker)
    return text + "\n" if lines else f"*{empty}*\n"


def status_badge(status: t.Any) -> str:
    return badge(status or "unknown", f"status-{status}")


def review_cell(next_review: t.Any, context: RenderContext) -> str:
    """A review date with an overdue badge when it has passed."""
    if scoring.is_overdue(next_review, context.today):
        return f"{escape.cell(next_review)} {badge('Overdue', 'overdue')}"
    return escape.cell(next_review)


def revision_table(revisions: t.Any, manifest: t.Mapping[str, t.Any] | None = None) -> str:
    """Revisions from git (date, author, change, commit), or a note when history is unavailable.

    The change's title links to the commit on the code host when aims.yml names the repository.
    """
    if revisions is None:
        return "*Revision history unavailable: the site was built outside a full git clone.*\n"
    if not revisions:
        return "*No committed revisions yet.*\n"
    rows = [(escape.cell(_date(r.date)), escape.cell(r.author), change_link(r, manifest or {}),
             f"<code>{escape.text(r.short)}</code>") for r in revisions]
    return ("Each row is a change committed to this document: the date it was committed, who wrote it, its "
            "title and its commit.\n\n" + table(("Date", "Author", "Change", "Commit"), rows))


def change_link(revision: t.Any, manifest: t.Mapping[str, t.Any]) -> str:
    """A revision's title, linked to the change on the code host when its address is known."""
    target = codehost.commit_url(manifest, getattr(revision, "hexsha", None))
    title = escape.text(revision.subject) or "(no title)"
    return f'<a href="{target}">{title}</a>' if target else title


_APPROVAL_COLUMNS = (("version", "Version"), ("approved_by", "Approved by"), ("approved_on", "Approved on"),
                     ("pull_request", "Pull request"), ("merged_by", "Merged by"), ("date", "Merged on"),
                     ("short", "Merge commit"), ("text", "Text as approved"), ("host_evidence", "On the code host"))


def approval_table(rows: list[dict[str, t.Any]] | None) -> str:
    """Per version that reached the main line: who approved it (name, handle, the role they held),
    when, through which pull or merge request and merge commit, and whether the text at that merge
    is the approved text. A change that was not an approval of its text is never shown as one."""
    if not rows:
        return "*No approval recorded in the repository history.*\n"
    cells = []
    for row in rows:
        cell = dict(row)
        if row.get("status") != "approved":
            cell["approved_by"], cell["approved_on"] = f"— ({row.get('status') or 'no status'}, not approved)", None
            cell["text"] = "—"
        elif not row.get("as_approved"):
            cell["approved_by"], cell["approved_on"] = "— (not approved: changed after its approval)", None
            cell["text"] = "no"
        else:
            cell["approved_by"] = row.get("approved_by") or "not named in the record"
            cell["text"] = "yes" + (", dated after the merge" if row.get("dated_after_merge") else "")
        cells.append(cell)
    columns = [(key, label) for key, label in _APPROVAL_COLUMNS if any(cell.get(key) for cell in cells)]
    return ("*Approved on* is the approval date written in the policy; *Merged on* is when that version reached "
            "the published main line; *On the code host* is whether the code host confirms the approval the file "
            "claims.\n\n") + table([label for _, label in columns],
                 [[escape.cell(_date(cell.get(key))) for key, _ in columns] for cell in cells])


def _date(value: t.Any) -> t.Any:
    return value.date().isoformat() if hasattr(value, "date") and callable(value.date) else value
