"""The one place where record values become safe page text.

Every value that comes from a record passes through one of these functions before it reaches a
generated page. Values are HTML-escaped (so no tag or script can come from data) and the
characters Markdown would act on are written as numeric character references, so a title like
``*[x](javascript:...)`` or ``a | b`` stays literal text in paragraphs, headings, table cells
and link text alike. MkDocs and Zensical put page titles from front matter into ``<title>``,
the navigation and the search index without escaping them, so titles are escaped here too.
"""

from __future__ import annotations

import html
import re
import typing as t
import urllib.parse

import yaml

from aimskit.reporting import values
from aimskit.site.render import sanitise

# Characters that start Markdown syntax (emphasis, links, code, tables, headings, attribute lists,
# abbreviations, footnotes, emoji shortcodes, line breaks) written as character references.
_MARKDOWN_ACTIVE = {
    "\\": "&#92;", "`": "&#96;", "*": "&#42;", "_": "&#95;", "{": "&#123;", "}": "&#125;",
    "[": "&#91;", "]": "&#93;", "(": "&#40;", ")": "&#41;", "#": "&#35;", "+": "&#43;",
    "-": "&#45;", "!": "&#33;", "|": "&#124;", "~": "&#126;", "^": "&#94;", ":": "&#58;",
    "=": "&#61;", "$": "&#36;",
}
_HTML_SPECIAL = {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;"}
# One pass over the characters, so an entity written for one rule is never rewritten by another.
# Hyphens are left to _HYPHEN_RE: one between two letters or digits (RISK-001, 2026-05-04) starts
# no syntax of any allowed extension (lists, rules, dashes, arrows all need a hyphen beside space
# or punctuation), and each reference is a separate piece for the engine, which made dates and ids
# a large part of its work on a register.
_INLINE = str.maketrans({**{k: v for k, v in _MARKDOWN_ACTIVE.items() if k != "-"}, **_HTML_SPECIAL})
_HYPHEN_RE = re.compile(r"(?<![A-Za-z0-9])-|-(?![A-Za-z0-9])")
_DROP_ACTIVE = str.maketrans(dict.fromkeys(_MARKDOWN_ACTIVE.keys() | _HTML_SPECIAL.keys()))
_NEWLINES_RE = re.compile(r"\r\n|\r|\n")
_CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_SLUG_RE = re.compile(r"[^a-z0-9]+")


def as_text(value: t.Any) -> str:
    """A record value as plain text (:func:`aimskit.reporting.values.as_text`), control characters removed."""
    return _CONTROL_RE.sub("", values.as_text(value))


def text(value: t.Any) -> str:
    """Inline text: HTML-escaped, Markdown-neutral, on one line.

    A value that is mostly punctuation becomes one code span instead of a character reference
    per character: the engine handles each reference as a separate piece, which made such a
    value cost it many times more than letters (see benchmarks/adversarial.py).
    """
    plain = _NEWLINES_RE.sub(" ", as_text(value))
    active = len(plain) - len(plain.translate(_DROP_ACTIVE))
    if active > sanitise.HEAVY_MINIMUM and active > sanitise.HEAVY_SHARE * len(plain):
        return sanitise.code_span(plain)
    escaped = plain.translate(_INLINE)
    return _HYPHEN_RE.sub("&#45;", escaped) if "-" in escaped else escaped


def html_text(value: t.Any) -> str:
    """Text inside a raw HTML block (which the engine does not parse as Markdown): HTML-escaped, one line."""
    return html.escape(_NEWLINES_RE.sub(" ", as_text(value)), quote=True)


def cell(value: t.Any) -> str:
    """A Markdown table cell: like :func:`text`, with line breaks kept as ``<br>``."""
    lines = _NEWLINES_RE.split(as_text(value).strip())
    return "<br>".join(text(line) for line in lines) or "&nbsp;"


def paragraph(value: t.Any) -> str:
    """A block of free text: escaped, its line breaks kept, blank lines between paragraphs."""
    blocks = re.split(r"\n\s*\n", as_text(value).strip())
    return "\n\n".join("<br>\n".join(text(line) for line in block.splitlines()) for block in blocks if block)


def heading(level: int, value: t.Any, anchor: str | None = None) -> str:
    """A Markdown heading whose text is escaped (with an optional stable anchor)."""
    suffix = f" {{ #{slug(anchor)} }}" if anchor else ""
    return f"{'#' * level} {text(value) or '(untitled)'}{suffix}"


def title(value: t.Any) -> str:
    """A page title for front matter: HTML-escaped, since engines print it unescaped."""
    return html.escape(_NEWLINES_RE.sub(" ", as_text(value)), quote=True).strip() or "(untitled)"


def url(path: str, fragment: str | None = None) -> str:
    """A link target inside the site: percent-encoded, so data cannot close the link."""
    target = urllib.parse.quote(path, safe="/.-_~")
    return f"{target}#{slug(fragment)}" if fragment else target


def external_url(value: str) -> str | None:
    """An https address for an ``href`` (percent-encoded, attribute-safe), or None when it is not one."""
    if not isinstance(value, str) or not value.startswith("https://") or _CONTROL_RE.search(value):
        return None
    return html.escape(urllib.parse.quote(value, safe="/:.-_~%?&=+#@!$,;*"), quote=True)


def link(label: t.Any, path: str, fragment: str | None = None) -> str:
    """A Markdown link with escaped text to a page of the generated site."""
    return f"[{text(label) or '(untitled)'}]({url(path, fragment)})"


def slug(value: t.Any) -> str:
    """A lower-case anchor made of letters, digits and dashes (``RISK-001`` → ``risk-001``)."""
    return _SLUG_RE.sub("-", as_text(value).lower()).strip("-") or "item"


def css_class(value: t.Any) -> str:
    """A CSS class name fragment made from a value (safe in a ``class`` attribute)."""
    return slug(value)


# LibYAML's emitter writes the same text as PyYAML's ten times faster; a site has a page per record.
_SAFE_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


def front_matter(fields: t.Mapping[str, t.Any]) -> str:
    """YAML front matter written by the safe dumper (so no value can end the block)."""
    dumped = yaml.dump(dict(fields), Dumper=_SAFE_DUMPER, allow_unicode=True, sort_keys=False,
                       default_flow_style=False, width=1000)
    return f"---\n{dumped}---\n\n"
