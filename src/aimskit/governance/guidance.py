"""The template's guidance text: what the skeleton's Statement of Applicability offers as help
("To be decided: ... Guidance: <text>"), recognised when it is left in place of a decision.

The sentences are read from the bundled template's ``soa.yaml`` (the one place they are written):
every string literal of a sentence or more. A justification that holds one of them word for word
is the template's guidance, not the organisation's reasoning.
"""

from __future__ import annotations

import functools
import re
import typing as t

from aimskit import resources

SOA_TEMPLATE = ("{{cookiecutter.project_slug}}", "soa.yaml")
_LITERAL = re.compile(r'"((?:[^"\\\n]|\\.){40,})"')
_SPACE = re.compile(r"\s+")


def _normal(text: str) -> str:
    return _SPACE.sub(" ", text).strip().casefold()


@functools.lru_cache(maxsize=1)
def soa_guidance() -> frozenset[str]:
    """The guidance sentences of the template's SoA (empty when the template is not at hand)."""
    try:
        source = resources.template_dir().joinpath(*SOA_TEMPLATE).read_text(encoding="utf-8")
    except (OSError, FileNotFoundError, UnicodeDecodeError):
        return frozenset()
    return frozenset(_normal(match.group(1).replace('\\"', '"')) for match in _LITERAL.finditer(source))


def is_soa_guidance(text: t.Any) -> bool:
    """True when ``text`` holds a guidance sentence of the template's SoA word for word."""
    if not isinstance(text, str) or len(text) < 40:
        return False
    normal = _normal(text)
    return any(sentence in normal for sentence in soa_guidance())
