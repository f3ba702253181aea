"""The git repository holding an AIMS: record files at a revision, renames, the checkout's state.

Nothing here checks anything out or touches the working tree: files are read from the object
database. The AIMS repository may sit in a sub-folder of the git repository; paths given to and
returned by this module are relative to the AIMS root.
"""

from __future__ import annotations

import dataclasses
import fnmatch
from pathlib import Path, PurePosixPath

import git
from gitdb.exc import BadName, BadObject

from aimskit import fs
from aimskit.errors import UsageError
from aimskit.records.loading import MAX_FILE_BYTES

SYMLINK_MODE = "120000"
_SYMLINK_MODE = SYMLINK_MODE


def open_repository(root: Path) -> tuple[git.Repo, str]:
    """The git repository holding ``root`` and the AIMS root's path inside it ('' or 'sub/')."""
    try:
        repo = git.Repo(root, search_parent_directories=True)
    except (git.InvalidGitRepositoryError, git.NoSuchPathError):
        raise UsageError(f"{root} is not in a git repository; run 'git init' and commit, "
                         "or compare against the working tree only") from None
    if repo.working_tree_dir is None:
        raise UsageError(f"{root} is a bare git repository; run aimskit from a clone")
    top = Path(repo.working_tree_dir).resolve()
    inside = Path(root).resolve().relative_to(top).as_posix()
    return repo, "" if inside == "." else inside + "/"


def resolve(repo: git.Repo, rev: str) -> git.Commit:
    """The commit ``rev`` names, or UsageError saying it does not exist."""
    try:
        commit = repo.commit(rev)
        if repo.odb.info(commit.binsha).type != b"commit":  # a full sha is not checked by commit()
            raise ValueError(rev)
        return commit
    except (BadName, BadObject, ValueError, IndexError, git.GitCommandError):
        hint = " (the repository has no commits yet)" if not repo.head.is_valid() else ""
        raise UsageError(f"unknown git revision '{rev}'{hint}; give a branch, tag or commit "
                         "(in CI, fetch the full history: fetch-depth: 0)") from None


class GitSource:
    """Record files as they were at a git revision (a ``FileSource`` for ``load_repository``)."""

    def __init__(self, root: Path, rev: str) -> None:
        self.repo, self.prefix = open_repository(root)
        self.rev = rev
        self.commit = resolve(self.repo, rev)
        self._links: set[str] = set()
        self._blobs = self._list_blobs()
        self._folders: dict[str, list[str]] = {}
        for path in self._blobs:
            folder, _, name = path.rpartition("/")
            self._folders.setdefault(folder, []).append(name)

    def _list_blobs(self) -> dict[str, str]:
        listing = self.repo.git.ls_tree("-r", "-z", "--full-tree", self.commit.hexsha)
        blobs = {}
        for entry in listing.split("\0"):
            meta, _, path = entry.partition("\t")
            parts = meta.split()
            if len(parts) == 3 and parts[1] == "blob" and path.startswith(self.prefix):
                blobs[path[len(self.prefix):]] = parts[2]
                if parts[0] == _SYMLINK_MODE:
                    self._links.add(path[len(self.prefix):])
        return blobs

    def list(self, pattern: str) -> list[str]:
        """Files matching ``pattern`` (``*`` and ``?`` stay within one folder, as in Path.glob)."""
        folder_pattern, _, name_pattern = pattern.rpartition("/")
        if not glob_magic(folder_pattern):
            folders = [folder_pattern] if folder_pattern in self._folders else []
        else:
            folders = [f for f in self._folders if _match_parts(f, folder_pattern)]
        found = [f"{folder}/{name}" if folder else name
                 for folder in folders for name in self._folders[folder]
                 if fnmatch.fnmatchcase(name, name_pattern)]
        return sorted(found)

    def read(self, path: str) -> bytes:
        """The bytes of ``path`` at this revision; a symbolic link or an oversized blob is refused."""
        try:
            sha = self._blobs[path]
        except KeyError:
            raise FileNotFoundError(f"{path} does not exist at {self.rev}") from None
        if path in self._links:
            raise fs.RefusedPath(path, fs.RefusedPath.OUTSIDE, "is a symbolic link (at that revision)")
        stream = self.repo.odb.stream(bytes.fromhex(sha))
        if stream.size > MAX_FILE_BYTES:
            raise fs.RefusedPath(path, fs.RefusedPath.TOO_LARGE,
                                 f"is {stream.size} bytes, over the {MAX_FILE_BYTES} byte limit", size=stream.size)
        return stream.read()


def glob_magic(pattern: str) -> bool:
    return any(char in pattern for char in "*?[")


def _match_parts(path: str, pattern: str) -> bool:
    parts, wanted = PurePosixPath(path).parts, PurePosixPath(pattern).parts
    return len(parts) == len(wanted) and all(fnmatch.fnmatchcase(p, w) for p, w in zip(parts, wanted))


def renames(base: GitSource, head: str | None) -> dict[str, str]:
    """Renames git detects between ``base`` and ``head`` (or the working tree): old → new path.

    Only near-identical files (80% similar) count, so a deleted record and an unrelated new one
    are not taken for a rename."""
    revisions = [base.commit.hexsha] + ([base.repo.commit(head).hexsha] if head else [])
    output = base.repo.git.diff("--name-status", "-M80%", "-z", *revisions, "--", base.prefix or ".")
    fields, renames = output.split("\0"), {}
    index = 0
    while index < len(fields) and fields[index]:
        status = fields[index]
        if status.startswith(("R", "C")):
            renames[_strip(fields[index + 1], base.prefix)] = _strip(fields[index + 2], base.prefix)
            index += 3
        else:
            index += 2
    return renames


def _strip(path: str, prefix: str) -> str:
    return path[len(prefix):] if path.startswith(prefix) else path


@dataclasses.dataclass(frozen=True)
class Checkout:
    """Where the working tree stands: its commit (None without one), tags on it, uncommitted changes."""

    commit: str | None
    tags: tuple[str, ...]
    uncommitted_changes: bool | None


def tags_at(repo: git.Repo, sha: str) -> tuple[str, ...]:
    """The tags that point at ``sha``, sorted."""
    return tuple(sorted(repo.git.tag("--points-at", sha).split()))


def checkout_state(root: Path) -> Checkout:
    """The state of the working tree holding ``root``; UsageError when it is not in a git repository."""
    repo, prefix = open_repository(root)
    sha = repo.head.commit.hexsha if repo.head.is_valid() else None
    return Checkout(sha, tags_at(repo, sha) if sha else (), repo.is_dirty(untracked_files=True, path=prefix or "."))
