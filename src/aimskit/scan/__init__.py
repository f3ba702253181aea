"""Finding AI use in code repositories (manifests, locks, SBOMs, imports, model references, model
files) and checking it against the AI system inventory. The scanned code is untrusted input: it
is read, never run; no symbolic link is followed; every read is bounded."""

from __future__ import annotations

import functools
import re

_CODE = re.compile(r"(AIMS8[5-9][0-9]):\s*(.+?)(?=;\s*AIMS[0-9]{3}:|$)", re.DOTALL)


@functools.lru_cache(maxsize=None)
def descriptions() -> dict[str, str]:
    """What each scan code checks, from the docstrings of the modules that raise them."""
    from aimskit.scan import check, scanner

    found = {}
    for module in (check, scanner):
        for code, text in _CODE.findall(module.__doc__ or ""):
            found[code] = " ".join(text.split()).rstrip(".")
    return found
