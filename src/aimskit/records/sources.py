"""Where record files come from: the protocol every source of record files follows."""

from __future__ import annotations

import typing as t


class FileSource(t.Protocol):
    """Where record files come from: the working tree, or a git revision."""

    def list(self, pattern: str) -> list[str]: ...

    def read(self, path: str) -> bytes: ...
