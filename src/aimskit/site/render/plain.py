"""Plain words for staff: repository paths and keywords in document text become names and links.

Policies are written next to the records, so their text cites ``aims.yml`` or ``risks/``. On the
site such a code span becomes the name of the page that shows it, linked (``the risk register``);
authority keywords (``accept-risk``) become words. Code blocks and other code spans are kept.
"""

from __future__ import annotations

import re

import typing as t

from aimskit.governance import starter
from aimskit.site.render import escape, links

#: What staff read where the record still holds the template's placeholder sentence.
NOT_WRITTEN = "*Not written yet.*"

_CODE_SPAN = re.compile(r"`([^`\n]+)`")
_PATHS = links.PLACES
_WORDS = {"risk_method": "the risk method", "aimskit validate": "the automatic checks"}
_KEYWORD = re.compile(r"^[a-z]+(-[a-z]+)+$")
_RECORD_FILE = re.compile(r"^[a-z-]+/([A-Z]+-[0-9]{3,})\.(md|yaml)$")


def written(value: t.Any) -> str:
    """A free-text value as an escaped paragraph, or :data:`NOT_WRITTEN` while it is template wording."""
    return NOT_WRITTEN if starter.is_placeholder(value) else escape.paragraph(value)


def staff_text(markdown: str, linker: links.Linker) -> str:
    """``markdown`` with repository paths and keywords in inline code spans put into words (fences kept)."""
    out, fenced = [], False
    for line in markdown.splitlines():
        if line.lstrip().startswith(("```", "~~~")):
            fenced = not fenced
        out.append(line if fenced or line.startswith("    ") else _CODE_SPAN.sub(lambda m: _words(m, linker), line))
    return "\n".join(out)


def _words(match: re.Match, linker: links.Linker) -> str:
    code = match.group(1).strip()
    if code in _PATHS:
        label, page = _PATHS[code]
        return linker.to(label, page)
    if code in _WORDS:
        return _WORDS[code]
    record = _RECORD_FILE.match(code)
    if record and record.group(1) in linker.known_ids:
        return linker.record(record.group(1))
    if _KEYWORD.match(code):
        return f"“{code.replace('-', ' ')}”"
    return match.group(0)
