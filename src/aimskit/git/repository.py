"""The git repository holding an AIMS: record files at a revision, renames, the checkout's state.

Nothing here checks anything out or touches the working tree: files are read from the object
database. The AIMS repository may sit in a sub-folder of the git repository; paths given to and
returned by this module are relative to the AIMS root.
"""

from __future__ import annotations

import bisect
import builtins
import dataclasses
import fnmatch
import itertools
import re
import subprocess
import typing as t
from pathlib import Path, PurePosixPath

import git
from gitdb.exc import BadName, BadObject

from aimskit import fs
from aimskit.errors import UsageError
from aimskit.records.loading import MAX_FILE_BYTES

SYMLINK_MODE = "120000"
#: The most bytes one ``git cat-file`` call fetches ahead of the reads.
BATCH_BYTES = 1024 * 1024
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
    """The commit ``rev`` names, or UsageError saying it is an unknown revision.

    git itself reads the name (``git rev-parse``), once: everything after works on the commit id it
    gave. Reflog selectors (``HEAD@{yesterday}``, ``@{1}``, ``@{upstream}``) are refused: they name
    what one clone's local log says, not a commit of the repository.
    """
    try:
        if _OBJECT_ID.fullmatch(rev):
            commit = repo.commit(rev)
            if repo.odb.info(commit.binsha).type != b"commit":  # a full sha is not checked by commit()
                raise ValueError(rev)
            return commit
        if "@{" in rev or not rev.strip():
            raise ValueError(rev)
        sha = repo.git.rev_parse("--verify", "--quiet", "--end-of-options", f"{rev}^{{commit}}").strip()
        return repo.commit(sha)
    except (BadName, BadObject, ValueError, IndexError, git.GitCommandError):
        hint = " (the repository has no commits yet)" if not repo.head.is_valid() else ""
        reflog = "; a reflog entry (@{...}) is local to one clone" if "@{" in rev else ""
        raise UsageError(f"unknown revision '{rev}'{hint}{reflog}; give a branch, tag or commit "
                         "(in CI, fetch the full history: fetch-depth: 0)") from None


_OBJECT_ID = re.compile("[0-9a-f]{40}|[0-9a-f]{64}")


class GitSource:
    """Record files as they were at a git revision (a ``FileSource`` for ``load_repository``)."""

    def __init__(self, root: Path, rev: str) -> None:
        self.repo, self.prefix = open_repository(root)
        self.rev = rev
        self.commit = resolve(self.repo, rev)
        self._links: set[str] = set()
        self._sizes: dict[str, int] = {}
        self._blobs = self._list_blobs()
        self._cache: dict[str, bytes] = {}
        self._read: set[str] = set()
        self._folders: dict[str, list[str]] = {}  # folder → the paths of its files, sorted
        for path in self._blobs:
            self._folders.setdefault(path.rpartition("/")[0], []).append(path)
        for paths in self._folders.values():
            paths.sort()

    def _list_blobs(self) -> dict[str, str]:
        listing = self.repo.git.ls_tree("-r", "-z", "-l", "--full-tree", self.commit.hexsha)
        blobs = {}
        for entry in listing.split("\0"):
            meta, _, path = entry.partition("\t")
            parts = meta.split()
            if len(parts) == 4 and parts[1] == "blob" and path.startswith(self.prefix):
                name = path[len(self.prefix):]
                blobs[name] = parts[2]
                self._sizes[name] = int(parts[3]) if parts[3].isdigit() else 0
                if parts[0] == _SYMLINK_MODE:
                    self._links.add(name)
        return blobs

    def list(self, pattern: str) -> list[str]:
        """Files matching ``pattern`` (``*`` and ``?`` stay within one folder, as in Path.glob)."""
        folder_pattern, _, name_pattern = pattern.rpartition("/")
        if not glob_magic(folder_pattern):
            folders = [folder_pattern] if folder_pattern in self._folders else []
        else:
            folders = [f for f in self._folders if _match_parts(f, folder_pattern)]
        found = [path for folder in folders for path in self._folders[folder]
                 if fnmatch.fnmatchcase(path.rpartition("/")[2], name_pattern)]
        return sorted(found)

    def identity(self, path: str) -> str | None:
        """The blob id of ``path`` at this revision (``link:`` and its id for a symbolic link, which
        is refused), or None when absent (see :func:`aimskit.records.sources.identity`)."""
        blob = self._blobs.get(path)
        if blob is None:
            return None
        return f"link:{blob}" if path in self._links else blob

    def read(self, path: str) -> bytes:
        """The bytes of ``path`` at this revision; a symbolic link or an oversized blob is refused.

        A read that misses fetches the files after it in its folder, up to :data:`BATCH_BYTES`, in
        one ``git cat-file --batch`` call: one round trip to git per object made reading a large
        register slower than the disk, and a whole folder at once held it twice in memory."""
        if path not in self._blobs:
            raise FileNotFoundError(f"{path} does not exist at {self.rev}")
        if path in self._links:
            raise fs.RefusedPath(path, fs.RefusedPath.OUTSIDE, "is a symbolic link (at that revision)")
        size = self._sizes.get(path, 0)
        if size > MAX_FILE_BYTES:
            raise fs.RefusedPath(path, fs.RefusedPath.TOO_LARGE,
                                 f"is {size} bytes, over the {MAX_FILE_BYTES} byte limit", size=size)
        if path not in self._cache:
            self.prefetch(self._batch_from(path))
        self._read.add(path)
        return self._cache.pop(path) if path in self._cache else self._single(path)

    def _batch_from(self, path: str) -> builtins.list[str]:
        """``path`` and the unread files that follow it in its folder, up to BATCH_BYTES in all."""
        siblings = self._folders.get(path.rpartition("/")[0], [])
        batch, size = [path], self._sizes.get(path, 0)
        for sibling in itertools.islice(siblings, bisect.bisect_right(siblings, path), None):
            size += self._sizes.get(sibling, 0)
            if size > BATCH_BYTES:
                break
            if sibling not in self._read:
                batch.append(sibling)
        return batch

    def prefetch(self, paths: t.Iterable[str]) -> None:
        """Fetch ``paths`` from git in one call, for the reads that follow (links and oversized blobs left out)."""
        wanted = [p for p in paths if p in self._blobs and p not in self._cache and p not in self._links
                  and self._sizes.get(p, 0) <= MAX_FILE_BYTES]
        if not wanted:
            return
        done = subprocess.run(["git", "--git-dir", str(self.repo.git_dir), "cat-file", "--batch"],
                              input="".join(self._blobs[p] + "\n" for p in wanted).encode(),
                              capture_output=True, check=False)
        if done.returncode != 0:
            return  # the reads fall back to one object at a time
        output, offset = done.stdout, 0
        for path in wanted:
            header_end = output.index(b"\n", offset)
            header = output[offset:header_end].split()
            if len(header) != 3:
                return
            size = int(header[2])
            self._cache[path] = output[header_end + 1: header_end + 1 + size]
            offset = header_end + 1 + size + 1

    def _single(self, path: str) -> bytes:
        stream = self.repo.odb.stream(bytes.fromhex(self._blobs[path]))
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


def root_commits(root: Path, rev: str = "HEAD") -> tuple[str, ...]:
    """The first commits (no parent) of the history at ``rev``, sorted: they identify the repository
    across clones, moves and exports. Empty without git or without a commit."""
    try:
        repo, _ = open_repository(root)
        if not repo.head.is_valid() and rev == "HEAD":
            return ()
        return tuple(sorted(repo.git.rev_list("--max-parents=0", resolve(repo, rev).hexsha).split()))
    except (UsageError, git.GitCommandError, ValueError):
        return ()
