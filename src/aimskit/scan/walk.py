"""Walking an untrusted code tree: os.scandir, no symbolic link followed, vendored and tool
folders skipped (and counted), bounded by a file count and a depth."""

from __future__ import annotations

import dataclasses
import os
import stat
import typing as t

#: Folders that hold other people's code or tools' output, not the team's own code: not entered.
SKIPPED_FOLDERS = frozenset({
    ".git", ".hg", ".svn", "node_modules", "bower_components", "jspm_packages", "vendor", "third_party",
    "third-party", "site-packages", "dist-packages", ".venv", "venv", "__pycache__", ".tox", ".nox",
    ".mypy_cache", ".pytest_cache", ".ruff_cache", ".terraform", ".gradle", ".idea", ".aimskit",
})


@dataclasses.dataclass(frozen=True)
class Limits:
    """Bounds on the work one scan does, whatever the tree holds."""

    max_entries: int = 500_000  # files and folders looked at in one root
    max_depth: int = 64
    max_source_bytes: int = 1_000_000  # a source file larger than this is not parsed
    max_manifest_bytes: int = 16_000_000  # manifests, locks and SBOMs (package-lock.json can be large)


class Entry(t.NamedTuple):
    relative: str  # with / separators
    absolute: str
    size: int


@dataclasses.dataclass
class Walk:
    """What walking found besides the files: skipped folders, links not followed, caps reached."""

    skipped_folders: dict[str, int] = dataclasses.field(default_factory=dict)
    links: list[str] = dataclasses.field(default_factory=list)
    unreadable: list[tuple[str, str]] = dataclasses.field(default_factory=list)
    capped: str | None = None
    entries: int = 0  # files and folders looked at
    files: int = 0  # regular files among them (outside skipped folders)


def walk(root: str, limits: Limits, walked: Walk, wanted: t.Callable[[str], bool]) -> t.Iterator[Entry]:
    """Regular files below ``root`` whose name ``wanted`` accepts, in a stable order."""
    stack: list[tuple[str, str, int]] = [(root, "", 0)]
    while stack:
        folder, prefix, depth = stack.pop()
        try:
            with os.scandir(folder) as listing:
                entries = sorted(listing, key=lambda e: e.name)
        except OSError as exc:
            walked.unreadable.append((prefix or ".", exc.strerror or type(exc).__name__))
            continue
        subfolders = []
        for entry in entries:
            walked.entries += 1
            if walked.entries > limits.max_entries:
                walked.capped = f"more than {limits.max_entries} files and folders; the rest was not scanned"
                return
            relative = prefix + entry.name
            try:
                status = entry.stat(follow_symlinks=False)
            except OSError as exc:
                walked.unreadable.append((relative, exc.strerror or type(exc).__name__))
                continue
            mode = status.st_mode
            if stat.S_ISLNK(mode):
                if wanted(entry.name):  # a manifest or source file through a link: said, not followed
                    walked.links.append(relative)
            elif stat.S_ISDIR(mode):
                if entry.name in SKIPPED_FOLDERS or _is_virtualenv(entry.path):
                    walked.skipped_folders[entry.name] = walked.skipped_folders.get(entry.name, 0) + 1
                elif depth + 1 > limits.max_depth:
                    walked.capped = f"folders deeper than {limits.max_depth} levels were not scanned"
                else:
                    subfolders.append((entry.path, relative + "/", depth + 1))
            elif stat.S_ISREG(mode):
                walked.files += 1
                if wanted(entry.name):
                    yield Entry(relative, entry.path, status.st_size)
        stack.extend(reversed(subfolders))


def _is_virtualenv(path: str) -> bool:
    return os.path.isfile(os.path.join(path, "pyvenv.cfg"))
