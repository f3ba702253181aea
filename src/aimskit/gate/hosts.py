"""The code hosts' REST APIs, read with the token CI already has: who opened a pull or merge
request, its base and head commits, and who approved it.

GitHub: ``GET /repos/{repo}/pulls/{n}`` and ``/reviews``; a review approves the commit it was
made on (``commit_id``), so an approval made before later commits is not an approval of the head.
GitLab: ``GET /projects/{id}/merge_requests/{iid}`` and ``/approvals``; GitLab lists the current
approvals, which it removes on a new push when the project says so ("Remove all approvals when
commits are added to the source branch").

Every request goes through :func:`fetch_json`: one deadline for all the requests of a run, no
redirect followed (it would carry the token), and only JSON of the expected shape and depth. Any
failure (no token, an HTTP error, a redirect, no answer in time, JSON of another shape) raises
``HostError``: the gate then fails, it never passes. Text from the host is stripped of control
characters and workflow commands before anything prints it.
"""

from __future__ import annotations

import dataclasses
import json
import threading
import time
import typing as t
import urllib.error
import urllib.parse
import urllib.request

from aimskit import safetext
from aimskit.errors import AimskitError

DEADLINE_SECONDS = 120  # for every request of one run together
MAX_PAGES = 20
MAX_BYTES = 10_000_000
MAX_DEPTH = 16  # levels of objects and lists in an answer; the hosts' answers use five
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


class Deadline:
    """One time limit for every request of a run: a host that answers slowly (a byte at a time) cannot
    hold the gate past it."""

    def __init__(self, seconds: float | None = None) -> None:
        self.seconds = DEADLINE_SECONDS if seconds is None else seconds
        self.end = time.monotonic() + self.seconds

    def remaining(self) -> float:
        return self.end - time.monotonic()


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    """A redirect is an answer, never followed: the request carries the token."""

    def redirect_request(self, *args: t.Any, **kwargs: t.Any) -> None:
        return None


_OPENER = urllib.request.build_opener(_NoRedirects)


def fetch_json(url: str, headers: dict[str, str], deadline: Deadline,
               expect: type[dict] | type[list] = dict) -> tuple[t.Any, str | None]:
    """GET ``url`` and parse its JSON: a ``dict`` (or a ``list``), at most ``MAX_DEPTH`` levels deep,
    within the run's ``deadline``. Returns the data and the ``Link`` header (for paging).

    The token goes only to https (or http on this machine) and is never sent on: a redirect is a
    HostError. So is a slow answer past the deadline, an HTTP error, or JSON of another shape.
    """
    parsed = urllib.parse.urlsplit(url)
    if parsed.scheme != "https" and not (parsed.scheme == "http" and parsed.hostname in _LOOPBACK):
        raise HostError(f"refusing to send the token to {parsed.scheme}://{parsed.hostname}: use https")
    request = urllib.request.Request(url, headers={"Accept": "application/json", **headers})
    answer: dict[str, t.Any] = {}
    worker = threading.Thread(target=_read, args=(request, deadline, answer), daemon=True)
    worker.start()
    worker.join(max(deadline.remaining(), 0))
    error = answer.get("error")
    timed_out = isinstance(error, TimeoutError) or isinstance(getattr(error, "reason", None), TimeoutError)
    if worker.is_alive() or timed_out:
        raise HostError(f"{parsed.hostname} did not answer within {deadline.seconds:g} seconds "
                        f"(for {parsed.path}); the gate fails")
    if isinstance(error, urllib.error.HTTPError):
        if 300 <= error.code < 400:
            raise HostError(f"{parsed.hostname} answered {error.code} (a redirect) for {parsed.path}: aimskit "
                            "follows no redirect, which would carry the token; give the API's own URL") from None
        hint = {401: "the token was refused", 403: "the token may lack read access (pull-requests: read, "
                "or read_api on GitLab), or the rate limit was hit", 404: "not found, or not visible to the token"}
        raise HostError(f"{parsed.hostname} answered {error.code} for {parsed.path}: "
                        f"{hint.get(error.code, _clean(str(error.reason)))}") from None
    if error is not None:
        raise HostError(f"cannot reach {parsed.hostname}: {_clean(str(getattr(error, 'reason', error)))}") from None
    try:
        data = json.loads(answer["body"])
    except (ValueError, RecursionError):
        raise HostError(f"{parsed.hostname} did not answer JSON for {parsed.path}") from None
    if not isinstance(data, expect) or _too_deep(data):
        kind = "an object" if expect is dict else "a list"
        raise HostError(f"unexpected answer from the code host for {parsed.path}: not {kind} of at most "
                        f"{MAX_DEPTH} levels")
    return data, answer.get("link")


def _read(request: urllib.request.Request, deadline: Deadline, answer: dict[str, t.Any]) -> None:
    try:
        with _OPENER.open(request, timeout=max(deadline.remaining(), 0.001)) as response:
            answer["body"] = response.read(MAX_BYTES)
            answer["link"] = response.headers.get("Link")
    except Exception as exc:  # noqa: BLE001  (handed to the caller, which raises HostError)
        answer["error"] = exc


def _too_deep(data: t.Any) -> bool:
    """Whether ``data`` nests lists and objects more than ``MAX_DEPTH`` levels (walked without recursion)."""
    stack = [(data, 1)]
    while stack:
        value, depth = stack.pop()
        children = value.values() if isinstance(value, dict) else value if isinstance(value, list) else ()
        for child in children:
            if isinstance(child, (dict, list)):
                if depth + 1 > MAX_DEPTH:
                    return True
                stack.append((child, depth + 1))
    return False


def _clean(text: str) -> str:
    """Text from the host made one safe line: no control character, line break or workflow command."""
    return safetext.line(text)


def _get(url: str, headers: dict[str, str], deadline: Deadline | None = None,
         expect: type[dict] | type[list] = dict) -> tuple[t.Any, str | None]:
    """:func:`fetch_json` within ``deadline`` (a new one when the caller has none)."""
    return fetch_json(url, headers, deadline or Deadline(), expect)


def _field(data: t.Any, *path: str) -> t.Any:
    for key in path:
        if not isinstance(data, dict) or key not in data:
            raise HostError(f"unexpected answer from the code host: no '{'.'.join(path)}'")
        data = data[key]
    return data


def _text(data: t.Any, *path: str) -> str:
    """The string at ``path`` of ``data``, made safe to print; HostError when absent or of another type."""
    value = _field(data, *path)
    if not isinstance(value, (str, int)) or isinstance(value, bool):
        raise HostError(f"unexpected answer from the code host: '{'.'.join(path)}' is not text")
    return _clean(str(value))


def _optional_text(data: t.Any, key: str) -> str | None:
    """The string at ``key`` of the mapping ``data``, or None when absent or null."""
    if not isinstance(data, dict) or data.get(key) is None:
        return None
    return _text(data, key)


def github(api: str, repository: str, number: str, token: str, deadline: Deadline | None = None) -> Request:
    """A GitHub pull request and the latest review of each reviewer."""
    return _github(api, repository, number, token, deadline)[0]


def _github(api: str, repository: str, number: str, token: str, deadline: Deadline | None = None,
            pull: t.Any = None) -> tuple[Request, t.Any]:
    """:func:`github` and the pull request as the host answered it (read unless ``pull`` is given)."""
    if not token:
        raise HostError("no GitHub token: give the job 'pull-requests: read' and set GITHUB_TOKEN")
    deadline = deadline or Deadline()
    headers = {"Authorization": f"Bearer {token}", "X-GitHub-Api-Version": "2022-11-28"}
    base = f"{api.rstrip('/')}/repos/{repository}/pulls/{urllib.parse.quote(number)}"
    if pull is None:
        pull, _ = fetch_json(base, headers, deadline)
    reviews: list[t.Any] = []
    for page in range(1, MAX_PAGES + 1):
        batch, link = fetch_json(f"{base}/reviews?per_page=100&page={page}", headers, deadline, expect=list)
        reviews += batch
        if len(batch) < 100 or not link or 'rel="next"' not in link:
            break
    latest: dict[str, dict[str, t.Any]] = {}
    for review in reviews:  # oldest first; a comment does not change an approval
        state = review.get("state") if isinstance(review, dict) else None
        login = _text(review, "user", "login") if state else None
        if state in ("APPROVED", "CHANGES_REQUESTED", "DISMISSED") and login:
            latest[login.lower()] = review
    approvers = tuple(Approver(_text(r, "user", "login"), None, _optional_text(r, "submitted_at"),
                               _optional_text(r, "commit_id"))
                      for r in latest.values() if r.get("state") == "APPROVED")
    return Request("github", str(number), _optional_text(pull, "html_url"), _text(pull, "user", "login"),
                   _text(pull, "base", "sha"), _text(pull, "head", "sha"), approvers), pull


def gitlab(api: str, project: str, iid: str, token: str, deadline: Deadline | None = None) -> Request:
    """A GitLab merge request and its current approvals."""
    return _gitlab(api, project, iid, token, deadline)[0]


def _gitlab(api: str, project: str, iid: str, token: str, deadline: Deadline | None = None) -> tuple[Request, t.Any]:
    """:func:`gitlab` and the merge request as the host answered it."""
    if not token:
        raise HostError("no GitLab token: set the CI/CD variable AIMSKIT_GITLAB_TOKEN (masked, protected) to a token "
                        "with read_api (the job token cannot read approvals); a protected variable reaches merge "
                        "requests between protected branches only")
    deadline = deadline or Deadline()
    headers = {"PRIVATE-TOKEN": token}
    base = f"{api.rstrip('/')}/projects/{urllib.parse.quote(str(project), safe='')}/merge_requests/" \
           f"{urllib.parse.quote(str(iid))}"
    merge_request, _ = fetch_json(base, headers, deadline)
    approvals, _ = fetch_json(f"{base}/approvals", headers, deadline)
    head = _text(merge_request, "sha")
    approved_by = _field(approvals, "approved_by")
    if not isinstance(approved_by, list):
        raise HostError("unexpected answer from the code host: approved_by is not a list")
    approvers = tuple(Approver(_text(entry, "user", "username"), _optional_text(_field(entry, "user"), "name"),
                               _optional_text(entry, "approved_at"), head) for entry in approved_by)
    return Request("gitlab", str(iid), _optional_text(merge_request, "web_url"),
                   _text(merge_request, "author", "username"), _text(merge_request, "diff_refs", "base_sha"),
                   head, approvers), merge_request


def _pages(url: str, headers: dict[str, str], limit: int = MAX_PAGES,
           deadline: Deadline | None = None) -> list[t.Any]:
    """Every item of a paginated list endpoint (``per_page=100``), up to ``limit`` pages."""
    items: list[t.Any] = []
    joiner = "&" if "?" in url else "?"
    for page in range(1, limit + 1):
        batch, link = _get(f"{url}{joiner}per_page=100&page={page}", headers, deadline, expect=list)
        if not isinstance(batch, list):
            raise HostError("unexpected answer from the code host: a list was expected")
        items += batch
        if len(batch) < 100 or (link is not None and 'rel="next"' not in link):
            break
    return items
