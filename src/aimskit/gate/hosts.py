"""The code hosts' REST APIs, read with the token CI already has: who opened a pull or merge
request, its base and head commits, and who approved it.

GitHub: ``GET /repos/{repo}/pulls/{n}`` and ``/reviews``; a review approves the commit it was
made on (``commit_id``), so an approval made before later commits is not an approval of the head.
GitLab: ``GET /projects/{id}/merge_requests/{iid}`` and ``/approvals``; GitLab lists the current
approvals, which it removes on a new push when the project says so ("Remove all approvals when
commits are added to the source branch").

Any failure (no token, an HTTP error, JSON of another shape) raises ``HostError``: the gate then
fails, it never passes.
"""

from __future__ import annotations

import dataclasses
import json
import typing as t
import urllib.error
import urllib.parse
import urllib.request

from aimskit.errors import AimskitError

TIMEOUT = 30
MAX_PAGES = 20
_LOOPBACK = ("127.0.0.1", "localhost", "::1")


class HostError(AimskitError):
    """The code host could not be read; the gate fails."""

    exit_code = 1


@dataclasses.dataclass(frozen=True)
class Approver:
    """Someone who approved: their login (without @), display name and when, on which commit."""

    login: str
    name: str | None = None
    at: str | None = None
    commit: str | None = None


@dataclasses.dataclass(frozen=True)
class Request:
    """A pull or merge request as the host reports it."""

    host: str
    number: str
    url: str | None
    author: str
    base_sha: str
    head_sha: str
    approvers: tuple[Approver, ...]


def _get(url: str, headers: dict[str, str]) -> tuple[t.Any, str | None]:
    parsed = urllib.parse.urlsplit(url)
    if parsed.scheme != "https" and not (parsed.scheme == "http" and parsed.hostname in _LOOPBACK):
        raise HostError(f"refusing to send the token to {parsed.scheme}://{parsed.hostname}: use https")
    request = urllib.request.Request(url, headers={"Accept": "application/json", **headers})
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT) as response:  # noqa: S310 (scheme checked above)
            body = response.read(10_000_000)
            link = response.headers.get("Link")
    except urllib.error.HTTPError as exc:
        hint = {401: "the token was refused", 403: "the token may lack read access (pull-requests: read, "
                "or read_api on GitLab), or the rate limit was hit", 404: "not found, or not visible to the token"}
        raise HostError(f"{parsed.hostname} answered {exc.code} for {parsed.path}: "
                        f"{hint.get(exc.code, exc.reason)}") from None
    except (urllib.error.URLError, OSError) as exc:
        raise HostError(f"cannot reach {parsed.hostname}: {getattr(exc, 'reason', exc)}") from None
    try:
        return json.loads(body), link
    except ValueError:
        raise HostError(f"{parsed.hostname} did not answer JSON for {parsed.path}") from None


def _field(data: t.Any, *path: str) -> t.Any:
    for key in path:
        if not isinstance(data, dict) or key not in data:
            raise HostError(f"unexpected answer from the code host: no '{'.'.join(path)}'")
        data = data[key]
    return data


def github(api: str, repository: str, number: str, token: str) -> Request:
    """A GitHub pull request and the latest review of each reviewer."""
    if not token:
        raise HostError("no GitHub token: give the job 'pull-requests: read' and set GITHUB_TOKEN")
    headers = {"Authorization": f"Bearer {token}", "X-GitHub-Api-Version": "2022-11-28"}
    base = f"{api.rstrip('/')}/repos/{repository}/pulls/{urllib.parse.quote(number)}"
    pull, _ = _get(base, headers)
    reviews: list[t.Any] = []
    for page in range(1, MAX_PAGES + 1):
        batch, link = _get(f"{base}/reviews?per_page=100&page={page}", headers)
        if not isinstance(batch, list):
            raise HostError("unexpected answer from the code host: reviews are not a list")
        reviews += batch
        if len(batch) < 100 or not link or 'rel="next"' not in link:
            break
    latest: dict[str, dict[str, t.Any]] = {}
    for review in reviews:  # oldest first; a comment does not change an approval
        state = review.get("state") if isinstance(review, dict) else None
        login = _field(review, "user", "login") if state else None
        if state in ("APPROVED", "CHANGES_REQUESTED", "DISMISSED") and isinstance(login, str):
            latest[login.lower()] = review
    approvers = tuple(Approver(_field(r, "user", "login"), None, r.get("submitted_at"), r.get("commit_id"))
                      for r in latest.values() if r.get("state") == "APPROVED")
    return Request("github", str(number), pull.get("html_url"), str(_field(pull, "user", "login")),
                   str(_field(pull, "base", "sha")), str(_field(pull, "head", "sha")), approvers)


def gitlab(api: str, project: str, iid: str, token: str) -> Request:
    """A GitLab merge request and its current approvals."""
    if not token:
        raise HostError("no GitLab token: set the CI/CD variable AIMSKIT_GITLAB_TOKEN (masked, protected) to a token "
                        "with read_api (the job token cannot read approvals); a protected variable reaches merge "
                        "requests between protected branches only")
    headers = {"PRIVATE-TOKEN": token}
    base = f"{api.rstrip('/')}/projects/{urllib.parse.quote(str(project), safe='')}/merge_requests/" \
           f"{urllib.parse.quote(str(iid))}"
    merge_request, _ = _get(base, headers)
    approvals, _ = _get(f"{base}/approvals", headers)
    head = str(_field(merge_request, "sha"))
    approved_by = _field(approvals, "approved_by")
    if not isinstance(approved_by, list):
        raise HostError("unexpected answer from the code host: approved_by is not a list")
    approvers = tuple(Approver(str(_field(entry, "user", "username")), _field(entry, "user").get("name"),
                               entry.get("approved_at"), head) for entry in approved_by)
    return Request("gitlab", str(iid), merge_request.get("web_url"), str(_field(merge_request, "author", "username")),
                   str(_field(merge_request, "diff_refs", "base_sha")), head, approvers)


# --- What the gate needs beyond the request and its approvals -----------------------------------
#
# The roles are read at the base branch's current tip (a holder removed on main since the request
# was opened no longer counts), so the tip comes from the host, not from the request's own base.
# Everyone who wrote or committed a commit of the request is excluded from approving it, so the
# request's commits come from the host too. Where the host says nothing about something (GitLab
# does not say which commit an approval was for), the evidence says so: ``None`` and the reason.

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


def _pages(url: str, headers: dict[str, str], limit: int = MAX_PAGES) -> list[t.Any]:
    """Every item of a paginated list endpoint (``per_page=100``), up to ``limit`` pages."""
    items: list[t.Any] = []
    joiner = "&" if "?" in url else "?"
    for page in range(1, limit + 1):
        batch, link = _get(f"{url}{joiner}per_page=100&page={page}", headers)
        if not isinstance(batch, list):
            raise HostError("unexpected answer from the code host: a list was expected")
        items += batch
        if len(batch) < 100 or (link is not None and 'rel="next"' not in link):
            break
    return items


def _text(value: t.Any) -> str | None:
    return value if isinstance(value, str) and value else None


def _branch_tip(url: str, headers: dict[str, str], *path: str) -> str:
    branch, _ = _get(url, headers)
    sha = _field(branch, *path)
    if not isinstance(sha, str) or not sha:
        raise HostError("unexpected answer from the code host: the base branch has no commit")
    return sha


def github_review(api: str, repository: str, number: str, token: str) -> Review:
    """A GitHub pull request with its reviews, its commits' authors and committers, and the
    current tip of its base branch.

    A review approves the commit GitHub names for it (``commit_id``); a review for which GitHub
    names no commit approves no commit."""
    request = github(api, repository, number, token)
    headers = {"Authorization": f"Bearer {token}", "X-GitHub-Api-Version": "2022-11-28"}
    root = f"{api.rstrip('/')}/repos/{repository}"
    pull, _ = _get(f"{root}/pulls/{urllib.parse.quote(number)}", headers)
    base_ref = _field(pull, "base", "ref")
    if not isinstance(base_ref, str) or not base_ref:
        raise HostError("unexpected answer from the code host: no 'base.ref'")
    target = _branch_tip(f"{root}/branches/{urllib.parse.quote(base_ref, safe='')}", headers, "commit", "sha")
    commits = _pages(f"{root}/pulls/{urllib.parse.quote(number)}/commits", headers, GITHUB_MAX_COMMITS // 100 + 1)
    contributors = []
    for entry in commits:
        sha = str(_field(entry, "sha"))
        for part in ("author", "committer"):
            account = entry.get(part) if isinstance(entry, dict) else None
            written = _field(entry, "commit", part)
            contributors.append(Contributor(
                sha, part, _text(account.get("login")) if isinstance(account, dict) else None,
                _text(written.get("name")) if isinstance(written, dict) else None,
                _text(written.get("email")) if isinstance(written, dict) else None))
    count = pull.get("commits")
    complete = len(commits) < GITHUB_MAX_COMMITS and (not isinstance(count, int) or count <= len(commits))
    approvers = tuple(dataclasses.replace(a, commit=a.commit if isinstance(a.commit, str) and a.commit else None)
                      for a in request.approvers)
    return Review(dataclasses.replace(request, approvers=approvers), base_ref, target, tuple(contributors), complete)


def gitlab_review(api: str, project: str, iid: str, token: str) -> Review:
    """A GitLab merge request with its approvals, its commits' authors and committers, the current
    tip of its target branch, and whether the project removes approvals on a push.

    GitLab does not say which commit an approval was for, so each approval's commit is None. A
    listed approval is of the head when the project removes all approvals on a push, or when
    GitLab dates it (``approved_at``) after it received the head commit (the merge request's diff
    version of that head)."""
    request = gitlab(api, project, iid, token)
    headers = {"PRIVATE-TOKEN": token}
    root = f"{api.rstrip('/')}/projects/{urllib.parse.quote(str(project), safe='')}"
    merge_request, _ = _get(f"{root}/merge_requests/{urllib.parse.quote(str(iid))}", headers)
    base_ref = _field(merge_request, "target_branch")
    if not isinstance(base_ref, str) or not base_ref:
        raise HostError("unexpected answer from the code host: no 'target_branch'")
    target = _branch_tip(f"{root}/repository/branches/{urllib.parse.quote(base_ref, safe='')}", headers,
                         "commit", "id")
    commits = _pages(f"{root}/merge_requests/{urllib.parse.quote(str(iid))}/commits", headers)
    contributors = []
    for entry in commits:
        sha = str(_field(entry, "id"))
        for part in ("author", "committer"):
            contributors.append(Contributor(sha, part, None, _text(entry.get(f"{part}_name")),
                                            _text(entry.get(f"{part}_email"))))
    settings, _ = _get(f"{root}/approvals", headers)
    resets = isinstance(settings, dict) and settings.get("reset_approvals_on_push") is True
    approvers = tuple(dataclasses.replace(a, commit=None) for a in request.approvers)
    pushed = None
    if not resets and request.approvers:  # without the reset, only an approval given after the head's push counts
        for version in _pages(f"{root}/merge_requests/{urllib.parse.quote(str(iid))}/versions", headers, 1):
            if isinstance(version, dict) and version.get("head_commit_sha") == request.head_sha:
                pushed = _text(version.get("created_at"))
                break
    return Review(dataclasses.replace(request, approvers=approvers), base_ref, target, tuple(contributors),
                  len(commits) < MAX_PAGES * 100, resets, pushed)

