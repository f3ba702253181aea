"""Record files that aimskit would not read where they are: the silent ways to lose a record.

A record saved with the wrong extension (``systems/SYS-006.yml``), in a misspelt folder
(``risk/RISK-001.yaml``) or in another kind's folder (a risk in ``systems/``) would otherwise
vanish from the site while CI stays green. Each gets one finding that names where it belongs.
"""

from __future__ import annotations

import re
import typing as t

from aimskit.records import kinds
from aimskit.records.findings import Finding, error, warning
from aimskit.records.kinds import Kind
from aimskit.records.sources import FileSource

RECORD_EXTENSIONS = (".yaml", ".yml", ".md", ".markdown", ".json")
_ID = re.compile(r"^([A-Za-z]+)-[0-9]+$")
# Folders of a generated repository that hold no records (or whose files aimskit reads otherwise).
NOT_RECORD_FOLDERS = frozenset({"schemas", "docs", "site", "public", "evidence", "node_modules", "venv"})


def _plural(kind: Kind) -> str:
    """``risks``, ``AI systems``: the kind's title in running text."""
    return kind.title if kind.title[:2].isupper() else kind.title.lower()


def _extension(name: str) -> str:
    dot = name.rfind(".")
    return name[dot:].lower() if dot > 0 else ""


def stray_files(kind: Kind, source: FileSource) -> list[Finding]:
    """Files in ``kind``'s folder that are not read as its records: an error for a record file with
    the wrong extension, a warning for anything else."""
    if kind.singleton:
        return []
    folder, _, pattern = kind.glob.rpartition("/")
    expected = pattern.lstrip("*")
    found = []
    for path in source.list(f"{folder}/*"):
        name = path.rsplit("/", 1)[-1]
        if name.endswith(expected) or name.startswith(".") or name.lower() == "readme.md":
            continue
        stem = name[: -len(_extension(name))] if _extension(name) else name
        if _extension(name) in RECORD_EXTENSIONS:
            found.append(error(path, 1, 1, "AIMS120",
                               f"'{name}' is not read: {_plural(kind)} are read only from {expected} files, "
                               f"so this record is missing from validation and the site",
                               f"rename it to {folder}/{stem}{expected}"))
        else:
            found.append(warning(path, 1, 1, "AIMS108", f"file is not a {kind.name} record and is ignored",
                                 f"{_plural(kind)} are files named {pattern} in {folder}/"))
    return found


def everywhere(source: FileSource) -> list[Finding]:
    """Every finding about where files lie: files no kind reads, then misplaced folders."""
    return [*(found for kind in kinds.ALL for found in stray_files(kind, source)), *misplaced_folders(source)]


def _record_folders() -> dict[str, Kind]:
    """Top-level folders that aimskit reads records from, with the first kind read there."""
    folders: dict[str, Kind] = {}
    for kind in kinds.ALL:
        if not kind.singleton:
            folders.setdefault(kind.glob.split("/", 1)[0], kind)
    return folders


def misplaced_folders(source: FileSource) -> list[Finding]:
    """A warning for each top-level folder aimskit does not read that holds record-like files,
    naming the folder it probably meant."""
    known = _record_folders()
    by_folder: dict[str, list[str]] = {}
    for path in _other_folders_files(source, known):
        folder, _, name = path.partition("/")
        if (folder in known or folder in NOT_RECORD_FOLDERS or folder.startswith((".", "_"))
                or _extension(name) not in RECORD_EXTENSIONS):
            continue
        by_folder.setdefault(folder, []).append(name)
    found = []
    for folder, names in sorted(by_folder.items()):
        meant = _meant_folder(folder, names, known)
        if meant is None:
            continue
        first = sorted(names)[0]
        count = f"{len(names)} record-like files" if len(names) > 1 else f"'{first}'"
        found.append(warning(f"{folder}/{first}", 1, 1, "AIMS121",
                             f"folder {folder}/ holds {count}, and aimskit reads no records from {folder}/",
                             f"did you mean {meant}/? move the files there"))
    return found


def _other_folders_files(source: FileSource, known: dict[str, Kind]) -> list[str]:
    """Files one level down in the top-level folders that are not records folders; on disk, the
    records folders (thousands of files in a large AIMS) are not listed a second time."""
    root = getattr(source, "root", None)
    if root is None:
        return source.list("*/*")
    import os

    try:
        with os.scandir(root) as entries:
            folders = sorted(entry.name for entry in entries if entry.is_dir(follow_symlinks=False)
                             and entry.name not in known and entry.name not in NOT_RECORD_FOLDERS
                             and not entry.name.startswith((".", "_")))
    except OSError:
        return []
    return [path for folder in folders for path in source.list(f"{folder}/*")]


def _meant_folder(folder: str, names: list[str], known: dict[str, Kind]) -> str | None:
    """The records folder ``folder`` was probably meant to be: by the ids of its files, else by name."""
    for name in sorted(names):
        match = _ID.match(name.split(".", 1)[0])
        kind = kinds.BY_PREFIX.get(match.group(1).upper()) if match else None
        if kind is not None:
            return kind.glob.rsplit("/", 1)[0]
    import difflib

    close = difflib.get_close_matches(folder.lower(), list(known), n=1, cutoff=0.75)
    return close[0] if close else None


def wrong_kind(kind: Kind, path: str, data: t.Mapping[str, t.Any]) -> tuple[Finding, Kind] | None:
    """One error, instead of a cascade of schema findings, for a record of another kind saved in
    ``kind``'s folder (its id carries another kind's prefix)."""
    record_id = data.get("id")
    other = kinds.kind_of_id(record_id) if isinstance(record_id, str) else None
    if other is None or other is kind or other.markdown != kind.markdown:
        return None
    folder = other.glob.rsplit("/", 1)[0]
    article = "an" if other.name[0] in "aeiou" else "a"
    return error(path, 1, 1, "AIMS122",
                 f"this is {article} {other.name} record ({record_id}) saved among the {_plural(kind)}, so it "
                 f"is not checked as either",
                 f"move it to {folder}/{record_id}{other.glob.rsplit('*', 1)[-1]}"), other
