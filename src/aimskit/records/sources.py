"""Where record files come from: the protocol every source of record files follows."""

from __future__ import annotations

import typing as t


class FileSource(t.Protocol):
    """Where record files come from: the working tree, or a git revision."""

    def list(self, pattern: str) -> list[str]: ...

    def read(self, path: str) -> bytes: ...


def blob_id(data: bytes) -> str:
    """The id git gives a blob holding ``data`` (its object name)."""
    import hashlib  # only a comparison of revisions asks: validate's start-up stays without it

    return hashlib.sha1(b"blob %d\0" % len(data) + data, usedforsecurity=False).hexdigest()


def identity(source: FileSource, path: str) -> str | None:
    """What ``source`` gives for ``path``: the git blob id of the bytes it reads there (a link at a
    revision, which is refused, as ``link:`` and its blob id), or None when that is unknown (the
    file was not read, or its read was refused). Two sources may share a record of ``path`` only
    when both give the same identity, not None."""
    of = getattr(source, "identity", None)
    return of(path) if of is not None else None
