"""requirements.in: the requirements a lock starts from, checked before pip sees them."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

from aimskit import fs, safetext
from aimskit.errors import AimskitError

INPUT = "requirements.in"
_LIMIT = 1 << 20
_COMMENT = re.compile(r"(^|\s)#.*$")
_HASH = re.compile(r"(^|\s)--hash[=\s]\S+")
_PATH_START = ("./", "../", "/")


@dataclasses.dataclass(frozen=True)
class Wanted:
    """One requirement of requirements.in: its line number, its text for pip, and for a wheel its path."""

    number: int
    text: str
    wheel: str | None = None  # the wheel's path from the repository root, for a path line


def read(root: Path) -> list[Wanted]:
    """The requirements of ``root/requirements.in``; AimskitError names the first line that cannot be locked."""
    try:
        raw = fs.read_bytes(root, INPUT, _LIMIT)
    except fs.RefusedPath as exc:
        if exc.reason == fs.RefusedPath.MISSING:
            raise AimskitError(f"there is no {INPUT}: the lock starts from it. Put the requirements CI installs "
                               f"there (the aimskit line of requirements.txt, for one), then run 'aimskit lock' "
                               "again") from None
        raise AimskitError(f"{INPUT} cannot be read: {exc.detail}") from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise AimskitError(f"{INPUT} is not UTF-8 text") from None
    wanted = [_requirement(root, number, line) for number, line in _logical_lines(text)]
    if not wanted:
        raise AimskitError(f"{INPUT} lists no requirement; add the aimskit line at least")
    return wanted


def _logical_lines(text: str) -> list[tuple[int, str]]:
    """(first line number, text) of each requirement: comments and hash options removed, ``\\`` joined."""
    found: list[tuple[int, str]] = []
    pending, start = "", 0
    for number, line in enumerate(text.splitlines(), start=1):
        line = _COMMENT.sub("", line)
        if not pending:
            start = number
        if line.endswith("\\"):
            pending += line[:-1] + " "
            continue
        whole = _HASH.sub(" ", pending + line).strip()
        pending = ""
        if whole:
            found.append((start, whole))
    if pending.strip():
        found.append((start, _HASH.sub(" ", pending).strip()))
    return found


def _requirement(root: Path, number: int, line: str) -> Wanted:
    where = f"{INPUT}:{number}: {safetext.one_line(line)!r}"
    if line.startswith("-"):
        raise AimskitError(f"{where}: pip options are not taken here; list requirements only, and give the "
                           "package index in pip's configuration (pip config, PIP_INDEX_URL)")
    if line.startswith(_PATH_START) or line.endswith(".whl"):
        return Wanted(number, *_wheel(root, where, line))
    from packaging.requirements import InvalidRequirement, Requirement

    try:
        parsed = Requirement(line)
    except InvalidRequirement as exc:
        raise AimskitError(f"{where} is not a requirement ({str(exc).splitlines()[0]})") from None
    if parsed.url:
        raise AimskitError(f"{where}: a URL cannot be locked by digest; name a version on the package index "
                           "(name==X.Y) or commit the wheel into the repository and give its path")
    return Wanted(number, line)


def _wheel(root: Path, where: str, line: str) -> tuple[str, str]:
    """(text for pip, path from the root) of a wheel named by path; it must lie inside the repository."""
    if not line.endswith(".whl") or any(char.isspace() for char in line):
        raise AimskitError(f"{where}: a path must name one wheel file (.whl) inside the repository")
    try:
        target = fs.resolve_inside(root, line)
    except fs.RefusedPath as exc:
        raise AimskitError(f"{where}: {exc.detail}") from None
    if not target.is_file():
        raise AimskitError(f"{where}: there is no such wheel in the repository")
    relative = target.relative_to(Path(root).resolve()).as_posix()
    return f"./{relative}", relative
