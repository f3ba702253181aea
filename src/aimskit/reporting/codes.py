"""The fixed description of every finding code: what the code checks, never one finding's text.

Rule codes describe themselves in their docstrings (``aimskit.rules.descriptions``); the codes
of loading, schemas and the revision comparison are described here.
"""

from __future__ import annotations

from aimskit.rules import descriptions as rule_descriptions

LOADING_AND_SCHEMAS = {
    "AIMS100": "the file is well-formed YAML with plain string keys",
    "AIMS101": "a mapping has no duplicate key",
    "AIMS102": "the file uses no YAML anchors, aliases or merge keys",
    "AIMS103": "the file is within the size limit",
    "AIMS104": "the file is valid UTF-8",
    "AIMS105": "the file uses no explicit YAML tags",
    "AIMS106": "a Markdown record starts with YAML front matter closed by ---",
    "AIMS107": "a record is a mapping of fields",
    "AIMS108": "a file in a record folder is a record of that folder's kind",
    "AIMS300": "the record matches its JSON Schema",
    "AIMS301": "the record has every required field",
    "AIMS302": "the record has no unknown field",
    "AIMS303": "each value has the type its field takes",
    "AIMS304": "each value has the format or pattern its field takes (dates YYYY-MM-DD, ids)",
    "AIMS305": "each value is one its field allows",
}
COMPARISON = {
    "AIMS707": "a document approved in a new version records the date of the new approval",
}


def description(code: str) -> str | None:
    """What ``code`` checks, or None for a code aimskit does not know."""
    return rule_descriptions().get(code) or LOADING_AND_SCHEMAS.get(code) or COMPARISON.get(code) or _scan(code)


def _scan(code: str) -> str | None:
    """The codes of ``aimskit scan``, described in its modules' docstrings."""
    from aimskit.scan import descriptions

    return descriptions().get(code)
