"""What changed in a document's version, in plain words: the change notes of its front matter.

A policy keeps one short note per version, newest first::

    changes:
      - version: "1.1"
        note: Exceptions now need the executive sponsor's approval.

A note is asked for whenever the version changes, that is for every version after the first
(``1.0``, or ``0.x`` before a first release).
"""

from __future__ import annotations

import datetime as dt
import re
import typing as t

from aimskit.governance import approval

_FIRST = re.compile(r"^(?:0\.[0-9]+|1\.0+)$")


def is_first_version(version: t.Any) -> bool:
    """True for a document's first version (``1.0``, ``0.x``): nothing changed before it."""
    return isinstance(version, str) and bool(_FIRST.match(version))


def notes(data: t.Any) -> dict[str, str]:
    """The change notes of a document's front matter by version (the first note kept for a version
    listed twice); entries of the wrong shape are left out."""
    entries = data.get("changes") if isinstance(data, dict) else None
    found: dict[str, str] = {}
    for entry in entries if isinstance(entries, list) else []:
        if isinstance(entry, dict) and isinstance(entry.get("version"), str) and isinstance(entry.get("note"), str):
            found.setdefault(entry["version"], entry["note"].strip())
    return {version: note for version, note in found.items() if note}


def note_for(data: t.Any, version: t.Any = None) -> str | None:
    """The change note of ``version`` (by default the document's own version), or None."""
    if version is None and isinstance(data, dict):
        version = data.get("version")
    return notes(data).get(str(version)) if version is not None else None


def needs_note(data: t.Any) -> bool:
    """A document whose version is not its first and that says nothing about what changed in it."""
    version = data.get("version") if isinstance(data, dict) else None
    return isinstance(version, str) and not is_first_version(version) and note_for(data, version) is None


class Version(t.NamedTuple):
    """One version of a document: its front matter's facts, its text, and where git keeps it."""

    version: str | None
    status: str | None
    effective: str | None
    approver: str | None
    approved_on: str | None
    note: str | None
    approved: bool  # approved, and its text is the text the recorded approval covers
    body: str
    hexsha: str = ""
    date: dt.datetime | None = None


def version_of(front: t.Mapping[str, t.Any], body: str | None, hexsha: str = "",
               date: dt.datetime | None = None) -> Version:
    """A document's front matter and text as one :class:`Version`."""
    approved = approval.approves(front, body)
    return Version(
        version=_text(front.get("version")), status=_text(front.get("status")),
        effective=_text(front.get("effective")), approver=_text(front.get("approver")),
        approved_on=_text(front.get("approved_on")), note=note_for(front), approved=approved,
        body=approval.normalised_body(body), hexsha=hexsha, date=date)


def _text(value: t.Any) -> str | None:
    return None if value is None else str(value)
