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
# Characters the engine's inline parser may have to pair up (table pipes, dashes, colons and
# hashes are left out: tables, lists, links and headings use them, and they cost it little).
_ACTIVE = ("[", "]", "(", ")", "*", "_", "`", "<", ">", "{", "}", "!", "~", "^", "\\", "&")
HEAVY_MINIMUM = 32
HEAVY_SHARE = 0.1
_SCHEME = re.compile(r"^([a-z][a-z0-9+.\-]*):")
_INVISIBLE = re.compile(r"[\s\x00-\x1f\x7f\\]+")
_REFERENCE = re.compile(r"^( {0,3}\[[^\]\n]{1,999}\]:[ \t]*)(\S+)(.*)$")


def body(text: str) -> str:
    """``text`` with raw HTML and attribute lists disabled and unsafe links removed."""
    blocks = re.split(r"(\n[ \t]*\n)", text)
    return "".join(block if index % 2 else _block(block) for index, block in enumerate(blocks))


def _block(block: str) -> str:
    if _heavy(block):
        return literal_block(block)
    return "\n".join(_prose_line(line) for line in block.split("\n"))


def _heavy(block: str) -> bool:
    """Whether a paragraph is mostly Markdown punctuation (more than :data:`HEAVY_SHARE` of it)."""
    active = sum(map(block.count, _ACTIVE))
    return active > HEAVY_MINIMUM and active > HEAVY_SHARE * len(block)


def literal_block(block: str) -> str:
    """A paragraph shown exactly as written, as one HTML block the engine does not parse inline.

    Markdown engines spend work on every piece of punctuation they may have to pair up; a
    paragraph that is mostly punctuation is rarely meant as Markdown, and as one escaped HTML
    block it costs no more than letters.
    """
    lines = [re.sub(r"^(\s*)#", r"\1&#35;", html.escape(line, quote=False)) for line in block.strip("\n").split("\n")]
    return '\n<p class="aimskit-literal">\n' + "<br>\n".join(lines) + "\n</p>\n"


def safe_destination(destination: str) -> bool:
    """Whether a link destination is relative or uses an allowed scheme (entities and spaces seen through)."""
    plain = _INVISIBLE.sub("", html.unescape(destination)).strip("<>").lower()
    match = _SCHEME.match(plain)
    return match is None or match.group(1) in ALLOWED_SCHEMES


def _prose_line(line: str) -> str:
    reference = _REFERENCE.match(line)
    if reference and not safe_destination(reference.group(2)):
        return ""
    segments = _segments(line)
    for index, (text, code) in enumerate(segments):
        if not code:
            segments[index] = (_links(text), False)
    _balance(segments)
    return "".join(text if code else text.replace("<", "&lt;").replace("{", "&#123;") for text, code in segments)


def _segments(line: str) -> list[tuple[str, bool]]:
    """The line as (text, is a code span) pieces; a backtick run closed by the same run is a code span."""
    parts = re.split(r"(`+)", line)
    segments: list[tuple[str, bool]] = []
    index = 0
    while index < len(parts):
        part = parts[index]
        escaped = index % 2 == 1 and (len(parts[index - 1]) - len(parts[index - 1].rstrip("\\"))) % 2 == 1
        if index % 2 == 1 and not escaped:
            closing = next((j for j in range(index + 2, len(parts), 2) if parts[j] == part), None)
            if closing is not None:
                segments.append(("".join(parts[index:closing + 1]), True))
                index = closing + 1
                continue
        segments.append((part, False))  # prose, or an unmatched run: what follows is escaped as prose
        index += 1
    return segments


_PAIRS = {"]": "[", ")": "("}
_ENTITY = {"[": "&#91;", "]": "&#93;", "(": "&#40;", ")": "&#41;"}


def _balance(segments: list[tuple[str, bool]]) -> None:
    """Write brackets and parentheses that are unmatched on the line, or nested deeper than
    :data:`MAX_NESTING`, as character references: the engine's link parser then never scans a
    long way for a partner, which made its work grow with the square of such text."""
    stacks: dict[str, list[tuple[int, int]]] = {"[": [], "(": []}
    escape: set[tuple[int, int]] = set()
    for number, (text, code) in enumerate(segments):
        if code:
            continue
        for position, char in enumerate(text):
            if char in "[(":
                stack = stacks[char]
                if len(stack) >= MAX_NESTING:
                    escape.add((number, position))
                    stacks[char].append((-1, -1))
                else:
                    stack.append((number, position))
            elif char in "])":
                stack = stacks[_PAIRS[char]]
                if not stack:
                    escape.add((number, position))
                else:
                    opener = stack.pop()
                    if opener == (-1, -1):
                        escape.add((number, position))
    for stack in stacks.values():
        escape.update(item for item in stack if item != (-1, -1))
    if not escape:
        return
    for number, (text, code) in enumerate(segments):
        if not code and any(key[0] == number for key in escape):
            segments[number] = ("".join(_ENTITY[char] if (number, position) in escape else char
                                        for position, char in enumerate(text)), False)


def _links(text: str) -> str:
    """Remove ``[label](destination)`` links and images whose destination is not safe.

    Only the first characters after ``](`` decide (a scheme is short), so each candidate costs
    a bounded amount of work. A dangerous link that cannot be taken apart is disarmed instead:
    its ``(`` is written as a character reference, so it is no link at all.
    """
    if "](" not in text:
        return text
    out: list[str] = []
    position = 0
    for match in re.finditer(r"\]\(", text):
        start = match.start()
        if start < position or text.find(":", start, start + _WINDOW) < 0 or \
                safe_destination(text[start + 2:start + _WINDOW].lstrip().split(" ", 1)[0]):
            continue
        end = _closing(text, start + 2, "(", ")", 1)
        opening = _closing(text, start - 1, "]", "[", -1, floor=position)
        if end is None or opening is None:
            out.append(text[position:start + 1] + "&#40;")
            position = start + 2
            continue
        label_start = opening - 1 if opening > 0 and text[opening - 1] == "!" else opening
        out.append(text[position:label_start])
        out.append(text[opening + 1:start])
        position = end + 1
    out.append(text[position:])
    return "".join(out)


_WINDOW = 256
MAX_NESTING = 3


def _closing(text: str, start: int, same: str, partner: str, step: int, floor: int = 0) -> int | None:
    """The index of the ``partner`` that closes the group at ``start``, looking at most _WINDOW characters."""
    depth = 0
    stop = min(len(text), start + _WINDOW) if step > 0 else max(floor, start - _WINDOW) - 1
    for index in range(start, stop, step):
        char = text[index]
        if char == same:
            depth += 1
        elif char == partner:
            if depth == 0:
                return index
            depth -= 1
    return None


def code_span(text: str) -> str:
    """``text`` (one line) as a Markdown code span: shown exactly as written, parsed as one piece."""
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    fence = "`" * (longest + 1)
    padding = " " if text.startswith("`") or text.endswith("`") or not text.strip() else ""
    return f"{fence}{padding}{text}{padding}{fence}"
