"""A private, digest-keyed cache of values that are slow to build and never change for their input.

Used for aimskit's own files only (the bundled schemas compiled to bytecode, the parsed reference
data), never for the repository under review. An entry's name carries the sha256 digest of the
bytes it was built from, aimskit's cache format and the interpreter's bytecode tag, so a changed
input or another Python is a miss, never a stale hit. Values are stored with ``marshal`` (code
objects and plain data) and written atomically; a folder that cannot be written costs only the
build. The folder is ``$AIMSKIT_CACHE_DIR``, else ``$XDG_CACHE_HOME/aimskit``, else
``~/.cache/aimskit``, created private to the user.
"""

from __future__ import annotations

import marshal
import os
import sys
import typing as t
from pathlib import Path


# The cache is read at every start, so it imports little: sha256 from the interpreter's own
# module where there is one (hashlib loads OpenSSL), tempfile only to write.
def _sha256() -> t.Callable[..., t.Any]:
    for name in ("_sha2", "_sha256"):  # Python 3.12+, then 3.10 and 3.11
        try:
            return t.cast(t.Callable[..., t.Any], getattr(__import__(name), "sha256"))
        except (ImportError, AttributeError):
            continue
    from hashlib import sha256

    return sha256


sha256 = _sha256()

CACHE_VARIABLE = "AIMSKIT_CACHE_DIR"
FORMAT = "1"  # bump when what is stored changes shape
# Entries are marshal data, which only the interpreter version that wrote them reads back.
_MAGIC = b"aimskit-cache\0" + sys.implementation.cache_tag.encode() + sys.hexversion.to_bytes(4, "big")
T = t.TypeVar("T")


def cache_dir() -> Path:
    chosen = os.environ.get(CACHE_VARIABLE)
    if chosen:
        return Path(chosen)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "aimskit"


def digest(*sources: bytes) -> str:
    """The sha256 of ``sources`` (length-prefixed, so their boundaries count) and the cache format."""
    hasher = sha256(f"aimskit-cache-{FORMAT}".encode())
    for source in sources:
        hasher.update(b"\0%d\0" % len(source))
        hasher.update(source)
    return hasher.hexdigest()


def entry(folder: str, name: str, sources: t.Sequence[bytes]) -> Path:
    """Where the value built from ``sources`` is kept."""
    stem = "".join(char if char.isalnum() else "_" for char in name)
    return cache_dir() / folder / f"{stem}-{digest(*sources)[:32]}.{sys.implementation.cache_tag}.bin"


def cached(folder: str, name: str, sources: t.Sequence[bytes], build: t.Callable[[], T]) -> T:
    """The value ``build()`` makes from ``sources``: read from the cache, or built and stored there.

    The value must be one ``marshal`` can store: code objects, and plain data (str, bytes, numbers,
    bool, None, and lists, tuples, sets and dicts of those)."""
    path = entry(folder, name, sources)
    found = _read(path)
    if found is not _MISSING:
        return t.cast(T, found)
    value = build()
    _write(path, _MAGIC + marshal.dumps(value))  # type: ignore[arg-type]  # values are marshal-able by contract
    return value


_MISSING = object()


def _read(path: Path) -> t.Any:
    try:
        raw = path.read_bytes()
    except OSError:
        return _MISSING
    if not raw.startswith(_MAGIC):
        return _MISSING
    try:
        return marshal.loads(raw[len(_MAGIC):])
    except (EOFError, ValueError, TypeError):
        return _MISSING


def _write(path: Path, data: bytes) -> bool:
    import tempfile

    try:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        os.replace(temporary, path)
    except OSError:
        return False
    return True
