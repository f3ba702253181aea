"""Glossary terms linked where a document's text first uses them.

Policies and impact assessments use the words of the glossary (*risk appetite*, *Statement of
Applicability*, *residual risk*). On the site, the first use of each term in a document's text
links to its entry on the glossary page, so a reader can look a word up where they meet it.

The links are added to the Markdown that aimskit hands to the engine, after the body has been
sanitised (:mod:`aimskit.site.render.sanitise`), and only to prose. Headings, code blocks and code
spans, links and any other bracketed text, raw HTML blocks (aimskit's literal paragraphs), link
reference definitions, admonition titles, character references and web or mail addresses are left
as they are. A term matches as whole words, whatever their case, and its link keeps the text as
written; a plural (*risks*, *policies*) counts as a use. An abbreviation (*AIMS*, *SoA*) matches
only as written, so the verb *aims* is not a use. A longer term wins over a term inside it
(*residual risk* over *risk*). The first use that may carry a link is linked: a term whose first
appearance is in a heading is linked where the text first uses it.

Every pass is linear in the length of the body.
"""

from __future__ import annotations

import itertools
import re

from aimskit.site.render import glossary, links

# A term touching one of these is part of a longer word, a path or an address (or, after ``!``, an image).
_BEFORE = r"(?<![\w/@!\\.\]-])"
_AFTER = r"(?![\w/@-])(?!\.\w)"


def _phrase(words: str, exact: bool) -> str:
    """A regular expression for a term's words: any white space between them, a plural of the last."""
    parts = [re.escape(word) for word in words.split()]
    if not exact:
        last = words.split()[-1]
        if re.search(r"[^aeiou]y$", last, re.IGNORECASE):
            parts[-1] = re.escape(last[:-1]) + "(?:y|ies)"
        elif last[-1:].isalpha():
            parts[-1] = re.escape(last) + "s?"
    phrase = r"\s+".join(parts)
    return f"(?-i:{phrase})" if exact else phrase


def _compile(terms: tuple[str, ...]) -> tuple[re.Pattern[str], dict[str, str]]:
    """One pattern for every term (longer terms first) and the term each named group stands for."""
    forms = []
    for index, term in enumerate(terms):
        name, _, abbreviation = term.partition(" (")
        forms.append((name, False, f"t{index}"))
        if abbreviation:
            forms.append((abbreviation.rstrip(")"), True, f"a{index}"))
    forms.sort(key=lambda form: (-len(form[0].split()), -len(form[0])))
    alternatives = "|".join(f"(?P<{group}>{_phrase(words, exact)})" for words, exact, group in forms)
    pattern = re.compile(f"{_BEFORE}(?:{alternatives}){_AFTER}", re.IGNORECASE)
    return pattern, {group: terms[int(group[1:])] for _, _, group in forms}


_TERMS = tuple(term for term, _ in glossary.TERMS)


def link_first_uses(markdown: str, linker: links.Linker) -> str:
    """``markdown`` (a sanitised document body) with the first use of each glossary term linked to it."""
    lines = markdown.split("\n")
    # Built per call (the re module caches the compiled pattern), never when the module is imported.
    terms = _compile(_TERMS)
    used: set[str] = set()
    out: list[str] = []
    for run, group in itertools.groupby(zip(_runs(lines), lines), key=lambda pair: pair[0]):
        text = "\n".join(line for _, line in group)
        out.append(text if run < 0 or len(used) == len(_TERMS) else _link_run(text, used, linker, terms))
    return "\n".join(out)


def _link_run(text: str, used: set[str], linker: links.Linker,
              terms: tuple[re.Pattern[str], dict[str, str]]) -> str:
    """One block of prose with its first uses of terms not yet ``used`` linked (``terms``: :func:`_compile`'s)."""
    protected = _protected(text)
    pieces, position = [], 0
    pattern, term_of = terms
    for match in pattern.finditer(text):
        term = term_of[match.lastgroup or ""]
        start, end = match.span()
        if term in used or any(protected[start:end]):
            continue
        used.add(term)
        pieces += [text[position:start], glossary.term_link(linker, term, " ".join(match.group().split()))]
        position = end
    return "".join(pieces) + text[position:]


# ---- Which lines are prose, and which lines form one block of inline text ----

_FENCE = re.compile(r"^(`{3,}|~{3,})")
_HEADING = re.compile(r"^(?:>[ \t]?)*[ \t]*#+(?:[ \t]|$)")
_SETEXT = re.compile(r"^ {0,3}(?:=+|-+)[ \t]*$")
_TABLE_RULE = re.compile(r"^[ \t]*\|?[ \t]*:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)*\|?[ \t]*$")
_LIST_ITEM = re.compile(r"^[ \t]*(?:[-*+]|\d{1,9}[.)])(?:[ \t]|$)")
_DEFINITION = re.compile(r"^ {0,3}\*?\[[^\]\n]+\]:")
_ADMONITION = re.compile(r"^[ \t]*(?:!!!|\?\?\?)")


def _runs(lines: list[str]) -> list[int]:
    """A block number per line: consecutive lines with one number are one block of inline text
    (a paragraph, a list item, a table row); -1 marks a line that is not prose."""
    reader, runs, block = _Reader(), [], 0
    for index, line in enumerate(lines):
        kind = reader.read(line, lines[index + 1] if index + 1 < len(lines) else "")
        block += kind in (_BLANK, _STARTS)
        runs.append(block if kind in (_STARTS, _CONTINUES) else -1)
    return _without_setext_headings(lines, runs)


_BLANK, _SKIP, _STARTS, _CONTINUES = range(4)


class _Reader:
    """Reads a body line by line and says what each line is: blank, not prose, or prose that starts
    or continues a block. It knows whether it is inside a fenced or indented code block, an HTML
    block, a table, or a container (a list or an admonition, whose indented lines are prose)."""

    def __init__(self) -> None:
        self.fence: str | None = None
        self.container = self.code = self.html = self.table = False
        self.blank, self.prose = True, False

    def read(self, line: str, following: str) -> int:
        stripped = line.strip()
        indent = len(line.expandtabs(4)) - len(line.expandtabs(4).lstrip())
        if not stripped and self.fence is None:
            self.blank, self.html, self.table, self.prose = True, False, False, False
            return _BLANK
        kind = self._kind(line, stripped, indent, following)
        self.blank, self.prose = False, kind in (_STARTS, _CONTINUES)
        return kind

    def _kind(self, line: str, stripped: str, indent: int, following: str) -> int:
        if self.fence is not None:
            closes = stripped.startswith(self.fence) and not stripped.lstrip(self.fence[0]).strip()
            self.fence = None if closes else self.fence
            return _SKIP
        if self.html or (self.code and indent >= 4) or (self.blank and indent >= (8 if self.container else 4)):
            self.code = not self.html
            return _SKIP
        self.code, self.fence = False, _fence(stripped)
        if self.fence is not None:
            return _SKIP
        if self.blank and indent < 4 and not _LIST_ITEM.match(line):
            self.container = False
        self.container = self.container or bool(_ADMONITION.match(line) or _LIST_ITEM.match(line))
        self.html = stripped.startswith("<")
        header = "|" in line and "|" in following and bool(_TABLE_RULE.match(following))
        self.table = self.table or header
        if self.html or header or (self.table and _TABLE_RULE.match(line)) or _HEADING.match(line) \
                or _DEFINITION.match(line) or _ADMONITION.match(line):
            return _SKIP  # a table's header row holds its column headings
        starts = self.blank or self.table or not self.prose or _LIST_ITEM.match(line)
        return _STARTS if starts else _CONTINUES


def _fence(stripped: str) -> str | None:
    """The fence a line opens (a backtick fence has no backtick after it: that would be a code span)."""
    match = _FENCE.match(stripped)
    if match is None or (match.group(1)[0] == "`" and "`" in stripped[match.end():]):
        return None
    return match.group(1)


def _without_setext_headings(lines: list[str], runs: list[int]) -> list[int]:
    """Mark a paragraph underlined with ``===`` or ``---`` (a heading) as not prose."""
    for index, line in enumerate(lines):
        if index and runs[index - 1] >= 0 and _SETEXT.match(line):
            heading = runs[index - 1]
            for before in range(index - 1, -1, -1):
                if runs[before] != heading:
                    break
                runs[before] = -1
            runs[index] = -1
    return runs


# ---- What inside a block of prose is not to be touched ----

_REFERENCE = re.compile(r"&#?\w{1,32};|<[^<>\n]*>")
_ADDRESS_MARKS = ("@", "://", "www.", "mailto:", "tel:")


def _protected(text: str) -> bytearray:
    """A flag per character of ``text``: 1 where a link must not start or end (code spans,
    bracketed text and the link target after it, character references, tags, addresses)."""
    mask = bytearray(len(text))
    for start, end in _code_spans(text):
        mask[start:end] = b"\x01" * (end - start)
    for start, end in _bracketed(text, mask):
        mask[start:end] = b"\x01" * (end - start)
    for match in itertools.chain(_REFERENCE.finditer(text), _words_with_addresses(text)):
        mask[match.start():match.end()] = b"\x01" * (match.end() - match.start())
    return mask


def _words_with_addresses(text: str):
    """Each white-space-separated word of ``text`` that holds a web or mail address."""
    return (word for word in re.finditer(r"\S+", text) if any(mark in word.group() for mark in _ADDRESS_MARKS))


def _code_spans(text: str) -> list[tuple[int, int]]:
    """Code spans: a backtick run closed by the next run of the same length (not preceded by ``\\``)."""
    runs = [(match.start(), match.end()) for match in re.finditer(r"`+", text)]
    following: dict[int, int] = {}
    next_of: list[int | None] = [None] * len(runs)
    for number in range(len(runs) - 1, -1, -1):
        length = runs[number][1] - runs[number][0]
        next_of[number] = following.get(length)
        following[length] = number
    spans, number = [], 0
    while number < len(runs):
        start, end = runs[number]
        closing = next_of[number]
        if closing is not None and not _escaped(text, start):
            spans.append((start, runs[closing][1]))
            number = closing + 1
        else:
            number += 1
    return spans


def _escaped(text: str, position: int) -> bool:
    """Whether the character at ``position`` follows an odd number of backslashes."""
    before = position
    while before > 0 and text[before - 1] == "\\":
        before -= 1
    return (position - before) % 2 == 1


def _bracketed(text: str, mask: bytearray) -> list[tuple[int, int]]:
    """Spans of ``[...]`` (with a ``!`` before and a ``(...)`` or ``[...]`` after): links, images,
    references and any other bracketed text. Brackets in code spans and escaped ones do not count."""
    closing: dict[int, int] = {}
    stacks: dict[str, list[int]] = {"[": [], "(": []}
    escaped = False
    for index, char in enumerate(text):
        if mask[index] or escaped:
            escaped = False
            continue
        if char == "\\":
            escaped = True
        elif char in "[(":
            stacks[char].append(index)
        elif char in "])":
            stack = stacks["[" if char == "]" else "("]
            if stack:
                closing[stack.pop()] = index
    spans, covered = [], 0
    for start in sorted(index for index in closing if text[index] == "["):
        if start < covered:
            continue
        end = closing[start]
        if end + 1 in closing:
            end = closing[end + 1]
        spans.append((start - 1 if start and text[start - 1] == "!" else start, end + 1))
        covered = end + 1
    return spans
