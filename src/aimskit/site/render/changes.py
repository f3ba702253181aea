"""What changed in a policy, in plain words: its versions, and its text compared word by word.

The versions come from git (gathered before rendering, see ``RenderContext.versions``) plus the
policy as it is now. The comparison between an earlier approved version and the current text
marks removed words with ``<del>`` and added words with ``<ins>``, each with a label that screen
readers speak; every word is HTML-escaped. Paragraphs are matched first and words only within
changed paragraphs, so the work stays proportional to the size of the change.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
import typing as t

from aimskit.governance import changes
from aimskit.governance.changes import Version
from aimskit.records.model import Record
from aimskit.site.render import escape, links
from aimskit.site.render.context import RenderContext
from aimskit.site.render.tables import table

#: Earlier versions offered for comparison with the current text (the newest first).
MAX_COMPARED = 10
#: Words per changed passage beyond which the passage is shown as replaced as a whole.
MAX_WORDS = 4000
_PARAGRAPHS = re.compile(r"\n\s*\n")
_TOKENS = re.compile(r"\s+|[\w’'-]+|[^\w\s]")
_HEADING = re.compile(r"^#{1,6}\s+")


def versions(context: RenderContext, record: Record) -> list[Version]:
    """The policy's versions, oldest first: those in git, then the text as it is now when it
    differs from the last one committed (a later version, or an edit not yet committed)."""
    found = list(context.versions.get(record.path) or [])
    data = record.data if isinstance(record.data, dict) else {}
    current = changes.version_of(data, getattr(record.document, "body", ""))
    if found and found[-1].version == current.version:
        found[-1] = current
    else:
        found.append(current)
    notes = changes.notes(data)
    return [version._replace(note=notes[str(version.version)])
            if not version.note and str(version.version) in notes else version for version in found]


def took_effect(version: Version, today: dt.date) -> bool:
    """An approved version whose effective date has come."""
    return version.approved and bool(version.effective) and str(version.effective) <= today.isoformat()


def history_section(context: RenderContext, record: Record, link: links.Linker) -> str:
    """The "Versions" section of a policy page: one row per version, and the comparisons."""
    found = versions(context, record)
    rows = []
    for version in reversed(found):
        effective = escape.cell(version.effective) if version.approved and version.effective else "not in effect"
        approver = link.role(version.approver) if version.approver else "&nbsp;"
        approved = (f"{approver}, {escape.cell(version.approved_on)}" if version.approved and version.approved_on
                    else f"{approver} (not approved)" if not version.approved else approver)
        note = escape.cell(version.note) if version.note else (
            "First version." if changes.is_first_version(version.version) else "No change note.")
        rows.append((escape.cell(version.version), effective, approved, note))
    parts = ["Each version of this policy: when it took effect, who approved it and what changed in it.\n",
             table(("Version", "Effective from", "Approved by", "What changed"), rows)]
    current = found[-1]
    earlier = [v for v in reversed(found[:-1]) if v.approved and v.version != current.version][:MAX_COMPARED]
    if earlier:
        parts.append("### Compare with an earlier version\n")
        parts.append("Open a version to see, word by word, how its text differs from the text on this page. "
                     "Removed words are struck through, added words are underlined.\n")
        parts.extend(comparison(version, current) for version in earlier)
    return "\n".join(parts)


def comparison(old: Version, new: Version) -> str:
    """A collapsed block comparing ``old``'s text with ``new``'s (a raw HTML block, all escaped)."""
    since = escape.html_text(old.version)
    effective = f", in effect from {escape.html_text(old.effective)}" if old.effective else ""
    passages = compare_text(old.body, new.body)
    body = "".join(passages) if passages else '<p>The text is the same; only the details above changed.</p>'
    return (f'<details class="aims-changes"><summary>Changes since version {since}{effective}</summary>'
            f'<div class="aims-diff">{body}</div></details>\n')


def compare_text(old: str, new: str) -> list[str]:
    """The changed passages of ``new`` against ``old`` as HTML paragraphs, each preceded by the
    heading of the section it is in; unchanged paragraphs are left out."""
    before, after = _paragraphs(old), _paragraphs(new)
    matcher = difflib.SequenceMatcher(None, before, after, autojunk=False)
    passages: list[str] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        section = _section(after, j1) if j1 < len(after) else _section(before, i1)
        where = f'<p class="aims-diff__where">In “{escape.html_text(section)}”:</p>' if section else ""
        passages.append(where + "<p>" + _words(_plain(before[i1:i2]), _plain(after[j1:j2])) + "</p>")
    return passages


def _paragraphs(text: str) -> list[str]:
    """The blocks of a Markdown text, each on one line (headings keep their ``#``)."""
    return [" ".join(line.strip() for line in block.splitlines()).strip()
            for block in _PARAGRAPHS.split(text or "") if block.strip()]


def _plain(paragraphs: list[str]) -> str:
    """Paragraphs joined for the comparison, heading marks dropped, a pilcrow between them."""
    return " ¶ ".join(_HEADING.sub("", paragraph) for paragraph in paragraphs)


def _section(paragraphs: list[str], index: int) -> str:
    """The text of the heading nearest before paragraph ``index``."""
    for paragraph in reversed(paragraphs[:index]):
        if _HEADING.match(paragraph):
            return _HEADING.sub("", paragraph)
    return ""


def _words(old: str, new: str) -> str:
    before, after = _TOKENS.findall(old), _TOKENS.findall(new)
    if len(before) > MAX_WORDS or len(after) > MAX_WORDS:
        return _removed("".join(before)) + " " + _added("".join(after))
    matcher = difflib.SequenceMatcher(None, before, after, autojunk=False)
    out = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            out.append(escape.html_text("".join(after[j1:j2])))
            continue
        if i2 > i1 and "".join(before[i1:i2]).strip():
            out.append(_removed("".join(before[i1:i2])))
        if j2 > j1 and "".join(after[j1:j2]).strip():
            out.append(_added("".join(after[j1:j2])))
        elif j2 > j1:
            out.append(escape.html_text("".join(after[j1:j2])))
    return "".join(out)


def _removed(text: str) -> str:
    return (f'<del><span class="aims-visually-hidden">[removed: </span>{escape.html_text(text)}'
            '<span class="aims-visually-hidden">]</span></del>')


def _added(text: str) -> str:
    return (f'<ins><span class="aims-visually-hidden">[added: </span>{escape.html_text(text)}'
            '<span class="aims-visually-hidden">]</span></ins>')


def latest(context: RenderContext, records: t.Iterable[Record], limit: int) -> list[tuple[Version, Record]]:
    """Policy versions after the first that took effect, the latest effective date first."""
    found = []
    for record in records:
        history = versions(context, record)
        for index, version in enumerate(history):  # one entry per version: no two in a row share it
            first = index == 0 and changes.is_first_version(version.version)
            if not first and took_effect(version, context.today):
                found.append((version, record))
    found.sort(key=lambda pair: (str(pair[0].effective), str(pair[1].id)), reverse=True)
    return found[:limit]
