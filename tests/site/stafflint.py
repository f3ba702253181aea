"""Words that do not belong on the pages staff read (import stafflint): repository file paths, record
field names, placeholder sentences and the vocabulary of CI."""

from __future__ import annotations

import re

#: (what it is, pattern) pairs, matched against the visible text of a page's article.
JARGON = (
    ("file path", re.compile(r"\b[\w.-]+\.(?:ya?ml|md|json)\b|\b(?:risks|roles|systems|policies|suppliers|records|"
                             r"objectives|schemas|impact-assessments|docs)/", re.IGNORECASE)),
    ("field name", re.compile(r"\b[a-z]+_[a-z_]+\b(?!\()")),
    ("placeholder", re.compile(r"\breplace (?:this|with)\b|\bTODO\b|\bTBD\b|\bFIXME\b|lorem ipsum", re.IGNORECASE)),
    ("CI term", re.compile(r"\bCI\b|\bpipelines?\b|\bworkflows?\b|pre-commit|\baimskit\s+[a-z]+\b|\bexit code\b",
                           re.IGNORECASE)),
)


def jargon(text: str) -> list[tuple[str, str]]:
    """Each piece of jargon in ``text`` as (what it is, the words around it)."""
    found = []
    for what, pattern in JARGON:
        for match in pattern.finditer(text):
            start, end = max(0, match.start() - 30), match.end() + 30
            found.append((what, " ".join(text[start:end].split())))
    return found
