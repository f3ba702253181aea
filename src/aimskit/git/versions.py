"""The versions of a document as git recorded them: each version's front matter and text.

A version is the document as it stood at the last commit that carried that version number, in
the order the versions were written. What the front matter says about it (status, effective
date, approver, change note) is read from that commit; whether it was approved is decided by
the approval it recorded (:mod:`aimskit.governance.approval`), never by the status alone.
"""

from __future__ import annotations

import typing as t
from pathlib import Path

from aimskit.git.history import Revision, _document
from aimskit.git.repository import open_repository
from aimskit.governance.changes import Version, version_of

#: At most this many versions of one document are kept (the newest).
MAX_VERSIONS = 50


def document_versions(root: Path, revisions: t.Sequence[Revision] | None) -> list[Version]:
    """The versions of a document, oldest first, from its revisions (newest first, as
    :func:`aimskit.git.history.file_history` gives them); [] without history."""
    if not revisions:
        return []
    repo, prefix = open_repository(root)
    found: list[Version] = []
    for revision in reversed(revisions):
        document = _document(repo, repo.commit(revision.hexsha), prefix + revision.path)
        front = document.data if document is not None and isinstance(document.data, dict) else None
        if document is None or front is None:
            continue
        current = version_of(front, document.body, hexsha=revision.hexsha, date=revision.date)
        if found and found[-1].version == current.version:
            found[-1] = current
        else:
            found.append(current)
    return found[-MAX_VERSIONS:]
