"""Git through GitPython: record files at a revision, a file's revisions, and its approvals.

Nothing here checks anything out or touches the working tree: files are read from the object
database. The AIMS repository may sit in a sub-folder of the git repository; paths given to and
returned by this module are relative to the AIMS root.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import fnmatch
import functools
import re
import typing as t
from pathlib import Path, PurePosixPath

import git
from gitdb.exc import BadName, BadObject

from aimskit.errors import UsageError
from aimskit.records.loading import LoadError, load_markdown_file

_RECORD = "\x1e"
_PR_NUMBER = re.compile(r"(?:pull request #(\d+)|\(#(\d+)\)\s*$|merge request \S*!(\d+))")


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
    except (BadName, BadObject, ValueError, git.GitCommandError):
        hint = " (the repository has no commits yet)" if not repo.head.is_valid() else ""
        raise UsageError(f"unknown git revision '{rev}'{hint}; give a branch, tag or commit "
                         "(in CI, fetch the full history: fetch-depth: 0)") from None


class GitSource:
    """Record files as they were at a git revision (a ``FileSource`` for ``load_repository``)."""

    def __init__(self, root: Path, rev: str) -> None:
        self.repo, self.prefix = open_repository(root)
        self.rev = rev
        self.commit = resolve(self.repo, rev)
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
        """The bytes of ``path`` at this revision."""
        try:
            sha = self._blobs[path]
        except KeyError:
            raise FileNotFoundError(f"{path} does not exist at {self.rev}") from None
        return self.repo.odb.stream(bytes.fromhex(sha)).read()


def glob_magic(pattern: str) -> bool:
    return any(char in pattern for char in "*?[")


def _match_parts(path: str, pattern: str) -> bool:
    parts, wanted = PurePosixPath(path).parts, PurePosixPath(pattern).parts
    return len(parts) == len(wanted) and all(fnmatch.fnmatchcase(p, w) for p, w in zip(parts, wanted))


@dataclasses.dataclass(frozen=True)
class Revision:
    """One commit that changed a file."""

    hexsha: str
    short: str
    date: dt.datetime
    author: str
    subject: str
    is_merge: bool
    path: str = ""


def _history_repository(root: Path) -> tuple[git.Repo, str] | None:
    try:
        repo, prefix = open_repository(root)
    except UsageError:
        return None
    if not repo.head.is_valid() or Path(repo.common_dir, "shallow").exists():
        return None
    return repo, prefix


def file_history(root: Path, path: str, limit: int = 100, rev: str = "HEAD") -> list[Revision] | None:
    """Commits that changed ``path`` (relative to ``root``), newest first, following renames.

    None when the history is unavailable: not a git repository, no commits, or a shallow clone.
    """
    found = _history_repository(root)
    if found is None:
        return None
    repo, prefix = found
    try:
        commit = resolve(repo, rev)
    except UsageError:
        return None
    try:
        output = repo.git(c="core.quotePath=false").log(
            "--follow", "--topo-order", "--name-status", f"--format={_RECORD}%H", f"-n{int(limit)}",
            commit.hexsha, "--", prefix + path)
    except git.GitCommandError:
        return None
    revisions = [_revision(repo, prefix, chunk) for chunk in output.split(_RECORD) if chunk.strip()]
    current = path
    for index, revision in enumerate(revisions):
        # a merge lists no files: it keeps the path of the newer revision
        if revision.path:
            current = revision.path
        else:
            revisions[index] = dataclasses.replace(revision, path=current)
    return revisions


def _revision(repo: git.Repo, prefix: str, chunk: str) -> Revision:
    lines = [line for line in chunk.splitlines() if line.strip()]
    commit = repo.commit(lines[0].strip())
    path = ""
    for line in lines[1:]:
        path = line.split("\t")[-1]
    return Revision(
        hexsha=commit.hexsha,
        short=commit.hexsha[:7],
        date=commit.authored_datetime,
        author=commit.author.name or "",
        subject=_text(commit.summary),
        is_merge=len(commit.parents) > 1,
        path=path[len(prefix):] if path.startswith(prefix) else path,
    )


@dataclasses.dataclass(frozen=True)
class Approval:
    """One version of a document as it reached the main line: what the front matter said, and
    the merge (pull or merge request) or direct commit that brought it in."""

    version: str | None
    status: str | None
    approver: str | None
    approved_on: str | None
    merged_by: str | None
    merge_subject: str | None
    pull_request: str | None
    date: dt.datetime
    short: str
    hexsha: str
    author: str

    def as_row(self) -> dict[str, str | None]:
        row = dataclasses.asdict(self)
        row["date"] = self.date.date().isoformat()
        return row


def approvals(root: Path, path: str, rev: str = "HEAD", limit: int = 100,
              revisions: list[Revision] | None = None) -> list[Approval]:
    """Who approved which version of ``path``, newest first ([] when history is unavailable).

    Each change to the file is attributed to the first-parent commit of ``rev`` that brought it
    in: the merge commit of its pull request, or the commit itself when made (or squashed) on the
    main line. The front matter is read as it was at that point. ``revisions``, when the caller
    already has ``file_history(root, path, rev=rev)``, saves reading the log again.
    """
    if revisions is None:
        revisions = file_history(root, path, limit=limit, rev=rev)
    if not revisions:
        return []
    repo, prefix = open_repository(root)
    brought_in, main_line = _integration_points(repo.common_dir, resolve(repo, rev).hexsha)
    rows: dict[str, Approval] = {}
    for revision in revisions:
        point = brought_in.get(revision.hexsha, revision.hexsha)
        if point not in rows:
            rows[point] = _approval(repo, prefix, repo.commit(point), revision)
    return sorted(rows.values(), key=lambda a: main_line.get(a.hexsha, len(main_line)))


def approval_rows(root: Path, path: str, rev: str = "HEAD",
                  revisions: list[Revision] | None = None) -> list[dict[str, str | None]]:
    """``approvals`` as plain dicts (dates as YYYY-MM-DD) for the site's templates."""
    return [approval.as_row() for approval in approvals(root, path, rev=rev, revisions=revisions)]


def _approval(repo: git.Repo, prefix: str, point: git.Commit, change: Revision) -> Approval:
    front = _front_matter(repo, point, prefix + change.path) or _front_matter(repo, repo.commit(change.hexsha),
                                                                             prefix + change.path)
    merge = len(point.parents) > 1
    subject = _text(point.summary)
    number = _PR_NUMBER.search(subject)
    return Approval(
        version=_field(front, "version"), status=_field(front, "status"), approver=_field(front, "approver"),
        approved_on=_field(front, "approved_on"),
        merged_by=(point.author.name or None) if merge or number else None,
        merge_subject=subject if merge or number else None,
        pull_request=next((g for g in number.groups() if g), None) if number else None,
        date=point.committed_datetime, short=point.hexsha[:7], hexsha=point.hexsha, author=change.author,
    )


def _front_matter(repo: git.Repo, commit: git.Commit, path: str) -> dict[str, t.Any] | None:
    try:
        raw = (commit.tree / path).data_stream.read()
        data = load_markdown_file(path, raw).data
    except (KeyError, LoadError):
        return None
    return data if isinstance(data, dict) else None


def _field(front: dict[str, t.Any] | None, key: str) -> str | None:
    value = (front or {}).get(key)
    return None if value is None else str(value)


def _text(value: str | bytes) -> str:
    return value if isinstance(value, str) else value.decode("utf-8", "replace")


@functools.lru_cache(maxsize=8)
def _integration_points(git_dir: str, head: str) -> tuple[dict[str, str], dict[str, int]]:
    """Every commit reachable from ``head`` → the first-parent commit that brought it in; and
    each first-parent commit → its position (0 = ``head``)."""
    repo = git.Repo(git_dir)
    parents: dict[str, list[str]] = {}
    for line in repo.git.log("--format=%H %P", head).splitlines():
        sha, *rest = line.split()
        parents[sha] = rest
    main_line = [head]
    while parents.get(main_line[-1]):
        main_line.append(parents[main_line[-1]][0])
    points: dict[str, str] = {}
    for point in reversed(main_line):
        points[point] = point
        stack = [p for p in parents.get(point, [])[1:] if p not in points]
        while stack:
            sha = stack.pop()
            if sha in points:
                continue
            points[sha] = point
            stack.extend(p for p in parents.get(sha, []) if p not in points)
    return points, {sha: index for index, sha in enumerate(main_line)}
