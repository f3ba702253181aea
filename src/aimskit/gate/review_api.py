"""What the gate reads from the code host beyond the request and its approvals: the current tip of
the base branch (holders are read there) and who wrote or committed each commit of the request
(none of them may approve it). Every request goes through :mod:`aimskit.gate.hosts`."""

from __future__ import annotations

import dataclasses
import urllib.parse

from aimskit.gate.hosts import (MAX_PAGES, Deadline, HostError, Request, _field, _get, _github, _gitlab,
                                _optional_text, _pages)

#: GitHub lists at most this many commits of a pull request.
GITHUB_MAX_COMMITS = 250


@dataclasses.dataclass(frozen=True)
class Contributor:
    """Someone who authored or committed a commit of the request, as the host reports them:
    GitHub links a commit to an account (``login``) when it knows the email; GitLab gives only the
    name and email written in the commit."""

    sha: str
    part: str  # "author" or "committer"
    login: str | None
    name: str | None
    email: str | None


@dataclasses.dataclass(frozen=True)
class Review:
    """A pull or merge request with everything the gate reads from the host."""

    request: Request
    base_ref: str
    target_sha: str
    contributors: tuple[Contributor, ...]
    commits_complete: bool
    #: GitLab: whether the project removes approvals on a push (None on GitHub, whose reviews name a commit)
    reset_on_push: bool | None = None
    #: GitLab: when the host received the head commit (the diff version whose head it is), if it says
    head_pushed_at: str | None = None


def _branch_tip(url: str, headers: dict[str, str], deadline: Deadline, *path: str) -> str:
    branch, _ = _get(url, headers, deadline)
    sha = _field(branch, *path)
    if not isinstance(sha, str) or not sha:
        raise HostError("unexpected answer from the code host: the base branch has no commit")
    return sha


def github_review(api: str, repository: str, number: str, token: str, deadline: Deadline | None = None) -> Review:
    """A GitHub pull request with its reviews, its commits' authors and committers, and the
    current tip of its base branch.

    A review approves the commit GitHub names for it (``commit_id``); a review for which GitHub
    names no commit approves no commit."""
    deadline = deadline or Deadline()
    request, pull = _github(api, repository, number, token, deadline)
    headers = {"Authorization": f"Bearer {token}", "X-GitHub-Api-Version": "2022-11-28"}
    root = f"{api.rstrip('/')}/repos/{repository}"
    base_ref = _field(pull, "base", "ref")
    if not isinstance(base_ref, str) or not base_ref:
        raise HostError("unexpected answer from the code host: no 'base.ref'")
    target = _branch_tip(f"{root}/branches/{urllib.parse.quote(base_ref, safe='')}", headers, deadline, "commit", "sha")
    commits = _pages(f"{root}/pulls/{urllib.parse.quote(number)}/commits", headers, GITHUB_MAX_COMMITS // 100 + 1,
                     deadline)
    contributors = []
    for entry in commits:
        sha = str(_field(entry, "sha"))
        for part in ("author", "committer"):
            account = entry.get(part) if isinstance(entry, dict) else None
            written = _field(entry, "commit", part)
            contributors.append(Contributor(sha, part, _optional_text(account, "login") or None,
                                            _optional_text(written, "name") or None,
                                            _optional_text(written, "email") or None))
    count = pull.get("commits")
    complete = len(commits) < GITHUB_MAX_COMMITS and (not isinstance(count, int) or count <= len(commits))
    approvers = tuple(dataclasses.replace(a, commit=a.commit or None) for a in request.approvers)
    return Review(dataclasses.replace(request, approvers=approvers), base_ref, target, tuple(contributors), complete)


def gitlab_review(api: str, project: str, iid: str, token: str, deadline: Deadline | None = None) -> Review:
    """A GitLab merge request with its approvals, its commits' authors and committers, the current
    tip of its target branch, and whether the project removes approvals on a push.

    GitLab does not say which commit an approval was for, so each approval's commit is None. A
    listed approval is of the head when the project removes all approvals on a push, or when
    GitLab dates it (``approved_at``) after it received the head commit (the merge request's diff
    version of that head)."""
    deadline = deadline or Deadline()
    request, merge_request = _gitlab(api, project, iid, token, deadline)
    headers = {"PRIVATE-TOKEN": token}
    root = f"{api.rstrip('/')}/projects/{urllib.parse.quote(str(project), safe='')}"
    base_ref = _field(merge_request, "target_branch")
    if not isinstance(base_ref, str) or not base_ref:
        raise HostError("unexpected answer from the code host: no 'target_branch'")
    target = _branch_tip(f"{root}/repository/branches/{urllib.parse.quote(base_ref, safe='')}", headers, deadline,
                         "commit", "id")
    commits = _pages(f"{root}/merge_requests/{urllib.parse.quote(str(iid))}/commits", headers, deadline=deadline)
    contributors = []
    for entry in commits:
        sha = str(_field(entry, "id"))
        for part in ("author", "committer"):
            contributors.append(Contributor(sha, part, None, _optional_text(entry, f"{part}_name") or None,
                                            _optional_text(entry, f"{part}_email") or None))
    settings, _ = _get(f"{root}/approvals", headers, deadline)
    resets = isinstance(settings, dict) and settings.get("reset_approvals_on_push") is True
    approvers = tuple(dataclasses.replace(a, commit=None) for a in request.approvers)
    pushed = None
    if not resets and request.approvers:  # without the reset, only an approval given after the head's push counts
        for version in _pages(f"{root}/merge_requests/{urllib.parse.quote(str(iid))}/versions", headers, 1, deadline):
            if isinstance(version, dict) and version.get("head_commit_sha") == request.head_sha:
                pushed = _optional_text(version, "created_at") or None
                break
    return Review(dataclasses.replace(request, approvers=approvers), base_ref, target, tuple(contributors),
                  len(commits) < MAX_PAGES * 100, resets, pushed)
