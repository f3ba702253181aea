"""A document's revisions and its approvals, read from git history (GitPython)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import re
import typing as t
from pathlib import Path

import git

from aimskit.errors import UsageError
from aimskit.git.repository import SYMLINK_MODE, open_repository, resolve
from aimskit.governance import approval
from aimskit.records.loading import MAX_FILE_BYTES, Document, LoadError, load_markdown_file, load_yaml_file

_RECORD = "\x1e"
_PR_NUMBER = re.compile(r"(?:pull request #(\d+)|\(#(\d+)\)\s*$|merge request \S*!(\d+))")


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
    approved_by: str | None = None  # "Name (@handle), role" as the record names the person
    as_approved: bool | None = None  # the text at this point is the text approved (None: not approved)
    dated_after_merge: bool = False

    @property
    def is_approval(self) -> bool:
        """An approval of this text: approved, and the text is the one approved."""
        return self.status == "approved" and self.as_approved is True

    def as_row(self) -> dict[str, str | bool | None]:
        row = dataclasses.asdict(self)
        row["date"] = self.date.date().isoformat()
        row["is_approval"] = self.is_approval
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
    brought_in, main_line = _integration_points(str(repo.common_dir), resolve(repo, rev).hexsha)
    rows: dict[str, Approval] = {}
    for revision in revisions:
        point = brought_in.get(revision.hexsha, revision.hexsha)
        if point not in rows:
            rows[point] = _approval(repo, prefix, repo.commit(point), revision)
    return sorted(rows.values(), key=lambda a: main_line.get(a.hexsha, len(main_line)))


def approval_rows(root: Path, path: str, rev: str = "HEAD",
                  revisions: list[Revision] | None = None) -> list[dict[str, str | bool | None]]:
    """``approvals`` as plain dicts (dates as YYYY-MM-DD) for the site's templates."""
    return [entry.as_row() for entry in approvals(root, path, rev=rev, revisions=revisions)]


def _approval(repo: git.Repo, prefix: str, point: git.Commit, change: Revision) -> Approval:
    document = _document(repo, point, prefix + change.path) or _document(repo, repo.commit(change.hexsha),
                                                                         prefix + change.path)
    front = document.data if document is not None and isinstance(document.data, dict) else None
    merge = len(point.parents) > 1
    subject = _text(point.summary)
    number = _PR_NUMBER.search(subject)
    recorded = approval.recorded_approval(front)
    by = recorded.get("approved_by") if recorded else None
    as_approved = None
    if document is not None and front is not None and front.get("status") == "approved":
        as_approved = approval.approves(front, document.body)
    approved_on = _field(front, "approved_on")
    return Approval(
        approved_by=f"{by.get('name')} ({by.get('handle')}), {by.get('role')}" if isinstance(by, dict) else None,
        as_approved=as_approved,
        dated_after_merge=bool(approved_on and approved_on > point.committed_datetime.date().isoformat()),
        version=_field(front, "version"), status=_field(front, "status"), approver=_field(front, "approver"),
        approved_on=_field(front, "approved_on"),
        merged_by=(point.author.name or None) if merge or number else None,
        merge_subject=subject if merge or number else None,
        pull_request=next((g for g in number.groups() if g), None) if number else None,
        date=point.committed_datetime, short=point.hexsha[:7], hexsha=point.hexsha, author=change.author,
    )


def _document(repo: git.Repo, commit: git.Commit, path: str) -> Document | None:
    try:
        blob = commit.tree / path
        if blob.size > MAX_FILE_BYTES or blob.mode == int(SYMLINK_MODE, 8):
            return None
        return load_markdown_file(path, blob.data_stream.read())
    except (KeyError, LoadError):
        return None


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


def acceptance_rows(root: Path, path: str, rev: str = "HEAD",
                    revisions: list[Revision] | None = None) -> list[dict[str, t.Any]]:
    """Each acceptance of the risk in ``path`` as it reached the main line, newest first: the
    accepting role and its holders at that point, the date, whether the risk at that point is the
    risk accepted (its acceptance digest), and the merge or commit that brought it in.

    Read like ``approvals``: each change attributed to the first-parent commit of ``rev`` that
    brought it in; a point where the risk has no acceptance is left out."""
    if revisions is None:
        revisions = file_history(root, path, rev=rev)
    if not revisions:
        return []
    repo, prefix = open_repository(root)
    brought_in, main_line = _integration_points(str(repo.common_dir), resolve(repo, rev).hexsha)
    rows: dict[str, dict[str, t.Any] | None] = {}
    for revision in revisions:
        point = brought_in.get(revision.hexsha, revision.hexsha)
        if point not in rows:
            rows[point] = _acceptance(repo, prefix, repo.commit(point), revision)
    found = [row for row in rows.values() if row is not None]
    return sorted(found, key=lambda r: main_line.get(str(r["hexsha"]), len(main_line)))


def _acceptance(repo: git.Repo, prefix: str, point: git.Commit, change: Revision) -> dict[str, t.Any] | None:
    document = _yaml(repo, point, prefix + change.path)
    data = document.data if document is not None and isinstance(document.data, dict) else None
    accepted = data.get("acceptance") if data is not None else None
    if not isinstance(accepted, dict):
        return None
    role = accepted.get("by")
    holders = []
    if isinstance(role, str) and "/" not in role:
        roles = _yaml(repo, point, f"{prefix}roles/{role}.yaml")
        found = roles.data.get("holders") if roles is not None and isinstance(roles.data, dict) else None
        holders = [(str(h.get("name") or ""), str(h["handle"])) for h in found or []
                   if isinstance(h, dict) and isinstance(h.get("handle"), str)]
    as_accepted = accepted.get("digest") == approval.acceptance_digest(data) if data is not None else False
    subject = _text(point.summary)
    number = _PR_NUMBER.search(subject)
    merge = len(point.parents) > 1
    return {
        "risk": data.get("id") if data is not None else None, "accepted_by": _field(accepted, "by"),
        "accepted_on": _field(accepted, "date"), "rationale": _field(accepted, "rationale"),
        "as_accepted": as_accepted, "is_approval": as_accepted, "status": "approved" if as_accepted else None,
        "approver_handles": holders, "role": _field(accepted, "by"),
        "merged_by": (point.author.name or None) if merge or number else None,
        "merge_subject": subject if merge or number else None,
        "pull_request": next((g for g in number.groups() if g), None) if number else None,
        "date": point.committed_datetime.date().isoformat(), "short": point.hexsha[:7], "hexsha": point.hexsha,
        "author": change.author,
    }


def _yaml(repo: git.Repo, commit: git.Commit, path: str) -> Document | None:
    try:
        blob = commit.tree / path
        if blob.size > MAX_FILE_BYTES or blob.mode == int(SYMLINK_MODE, 8):
            return None
        return load_yaml_file(path, blob.data_stream.read())
    except (KeyError, LoadError):
        return None
