"""Document bodies (policies, impact assessments) made safe to hand to the site engine.

Bodies are Markdown written by the AIMS owners, so they render as Markdown: headings, lists,
emphasis, tables, links and code. They are also text from a pull request, so the site must
not let them add HTML or script. The choice is **raw HTML disabled**, not an allow-list: in
prose every ``<`` becomes ``&lt;`` (a tag, a comment or an autolink shows as the text that was
written) and every ``{`` becomes ``&#123;`` (no attribute list can add ``onclick`` or
``style``). Link and image destinations are kept only for http, https, mailto and tel, and for
relative links; a ``javascript:``, ``data:`` or other scheme removes the link and keeps its
text. Only code spans on one line are left as written (the engine shows them literally); in
code blocks ``<`` shows as ``&lt;``, since which fences the engine knows depends on its
extensions and a fence it does not know would let HTML through.

Every step is a single pass over the text, so the work grows linearly with the body.
"""

from __future__ import annotations

import html
import re

ALLOWED_SCHEMES = frozenset({"http", "https", "mailto", "tel"})
_SCHEME = re.compile(r"^([a-z][a-z0-9+.\-]*):")
_INVISIBLE = re.compile(r"[\s\x00-\x1f\x7f\\]+")
_REFERENCE = re.compile(r"^( {0,3}\[[^\]\n]{1,999}\]:[ \t]*)(\S+)(.*)$")
_PUNCTUATION_RUN = re.compile(r"[*_\[\]()!~`<>{}|\\#+=^-]{16,}")


def body(text: str) -> str:
    """``text`` with raw HTML and attribute lists disabled and unsafe links removed."""
    return "\n".join(_prose_line(line) for line in text.split("\n"))


def safe_destination(destination: str) -> bool:
    """Whether a link destination is relative or uses an allowed scheme (entities and spaces seen through)."""
    plain = _INVISIBLE.sub("", html.unescape(destination)).strip("<>").lower()
    match = _SCHEME.match(plain)
    return match is None or match.group(1) in ALLOWED_SCHEMES


def _prose_line(line: str) -> str:
    reference = _REFERENCE.match(line)
    if reference and not safe_destination(reference.group(2)):
        return ""
    parts = re.split(r"(`+)", line)
    result: list[str] = []
    index = 0
    while index < len(parts):
        part = parts[index]
        escaped = index % 2 == 1 and (len(parts[index - 1]) - len(parts[index - 1].rstrip("\\"))) % 2 == 1
        if index % 2 == 1 and not escaped:  # a backtick run: a code span when the same run closes it on this line
            closing = next((j for j in range(index + 2, len(parts), 2) if parts[j] == part), None)
            if closing is not None:
                result.append("".join(parts[index:closing + 1]))
                index = closing + 1
                continue
            result.append(part)  # unmatched: what follows on this line is escaped as prose
        else:
            result.append(_prose(part))
        index += 1
    return "".join(result)


def _prose(text: str) -> str:
    text = _links(text)
    text = _PUNCTUATION_RUN.sub(_entities, text)
    return text.replace("<", "&lt;").replace("{", "&#123;")


def _entities(match: re.Match[str]) -> str:
    # A long run of Markdown punctuation is shown as written: as character references it costs
    # the engine's inline parser nothing to scan.
    return "".join(f"&#{ord(char)};" for char in match.group(0))


def _links(text: str) -> str:
    """Remove ``[label](destination)`` links and images whose destination is not safe."""
    if "](" not in text:
        return text
    out: list[str] = []
    position = 0
    for start in _starts(text):
        if start < position:
            continue
        end = _destination_end(text, start + 2)
        if end is None:
            continue
        destination = text[start + 2:end].strip().split(" ", 1)[0] if text[start + 2:end].strip() else ""
        if safe_destination(destination):
            continue
        opening = _opening_bracket(text, start, position)
        if opening is None:
            continue
        label_start = opening - 1 if opening > 0 and text[opening - 1] == "!" else opening
        out.append(text[position:label_start])
        out.append(text[opening + 1:start])
        position = end + 1
    out.append(text[position:])
    return "".join(out)


def _starts(text: str) -> list[int]:
    return [match.start() for match in re.finditer(r"\]\(", text)]


def _destination_end(text: str, start: int) -> int | None:
    depth = 0
    for index in range(start, min(len(text), start + 2048)):
        char = text[index]
        if char == "(":
            depth += 1
        elif char == ")":
            if depth == 0:
                return index
            depth -= 1
    return None


def _opening_bracket(text: str, close: int, floor: int) -> int | None:
    depth = 0
    for index in range(close - 1, max(floor, close - 2048) - 1, -1):
        char = text[index]
        if char == "]":
            depth += 1
        elif char == "[":
            if depth == 0:
                return index
            depth -= 1
    return None
