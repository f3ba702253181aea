"""A name from a sheet matched to a record: exactly (id, title, name, holder), by a common
abbreviation (DPO for "Data protection officer", CISO for "Information security lead"), or only
nearly ("Discharge letter assistant" beside "Discharge letter drafting assistant").

An exact or abbreviation match is used (the abbreviation one said aloud); a near match is never
used and never passed over: the caller asks which record was meant.
"""

from __future__ import annotations

import dataclasses
import difflib
import typing as t

from aimskit.importing.values import words

# Abbreviations of job titles and functions, and what they are written out as.
ABBREVIATIONS: dict[str, tuple[str, ...]] = {
    "dpo": ("data protection officer", "privacy officer"),
    "ciso": ("chief information security officer", "information security"),
    "iso": ("information security officer",),
    "cso": ("chief security officer", "security"),
    "cto": ("chief technology officer", "technology", "engineering"),
    "cio": ("chief information officer", "information technology"),
    "ceo": ("chief executive officer", "executive", "managing director"),
    "cfo": ("chief financial officer", "finance"),
    "coo": ("chief operating officer", "operations"),
    "cpo": ("chief product officer", "product"),
    "cdo": ("chief data officer", "data"),
    "caio": ("chief ai officer", "ai governance"),
    "cmo": ("chief medical officer", "clinical"),
    "gc": ("general counsel", "legal"),
    "hr": ("human resources", "people"),
    "it": ("information technology",),
    "qa": ("quality assurance", "quality"),
    "ml": ("machine learning",),
    "po": ("product owner",),
    "ia": ("internal audit", "internal auditor"),
}
# Words that say a rank rather than a function: ignored when comparing what two names are about.
RANKS = frozenset(("chief", "officer", "head", "of", "lead", "leader", "manager", "director", "the", "and",
                   "senior", "principal", "vp", "team", "owner", "top", "management", "system", "systems", "model",
                   "assistant", "service", "tool", "platform"))
NEAR = 0.82  # how alike two names must be to be taken for the same one


@dataclasses.dataclass(frozen=True)
class Match:
    """What a name matched: ``found`` (exactly, or by ``abbreviation``), else the ``near`` ids."""

    found: str | None = None
    abbreviation: bool = False
    near: tuple[str, ...] = ()


class Names:
    """The names (ids, titles, holders) by which the records of one kind can be written."""

    def __init__(self) -> None:
        self.exact: dict[str, str] = {}
        self.labels: dict[str, str] = {}  # id → the name to show beside it

    def add(self, name: str, record_id: str, label: bool = False) -> None:
        spoken = words(name)
        if spoken:
            self.exact.setdefault(spoken, record_id)
        if label:
            self.labels.setdefault(record_id, name)

    def __contains__(self, record_id: object) -> bool:
        return record_id in self.exact.values()

    def describe(self, record_id: str) -> str:
        """``id`` and, where it differs, the name people know it by: ``security-lead (Information security lead)``."""
        label = self.labels.get(record_id)
        return f"{record_id} ({label})" if label and words(label) != words(record_id) else record_id

    def match(self, value: str) -> Match:
        spoken = words(value)
        if spoken in self.exact:
            return Match(self.exact[spoken])
        abbreviated = self._by_abbreviation(spoken)
        if len(abbreviated) == 1:
            return Match(abbreviated[0], abbreviation=True)
        if abbreviated:
            return Match(near=tuple(abbreviated))
        return Match(near=self._near(spoken))

    def _by_abbreviation(self, spoken: str) -> list[str]:
        """Ids whose name is ``spoken`` written out (its initials, or a common expansion of it)."""
        found: list[str] = []
        expansions = [words(text) for text in ABBREVIATIONS.get(spoken, ())]
        for name, record_id in self.exact.items():
            parts = name.split()
            hit = len(parts) > 1 and "".join(part[0] for part in parts) == spoken and len(spoken) > 1
            hit = hit or any(name == expansion or (_about(expansion) and _about(expansion) == _about(name))
                             for expansion in expansions)
            if hit and record_id not in found:
                found.append(record_id)
        return found

    def _near(self, spoken: str) -> tuple[str, ...]:
        """Ids with a name nearly ``spoken``: alike letter by letter, or one name's words all in the other."""
        found: list[str] = []
        mine = set(spoken.split())
        for name, record_id in self.exact.items():
            theirs = set(name.split())
            shorter = mine if len(mine) <= len(theirs) else theirs
            telling = len(shorter) >= 2 or any(len(word) >= 5 and word not in RANKS for word in shorter)
            contained = telling and (mine <= theirs or theirs <= mine)
            alike = difflib.SequenceMatcher(None, spoken, name).ratio() >= NEAR
            if (contained or alike) and record_id not in found:
                found.append(record_id)
        return tuple(found)


def _about(name: str) -> frozenset[str]:
    """The words of a name that say what it is about, ranks left out."""
    return frozenset(word for word in name.split() if word not in RANKS)
