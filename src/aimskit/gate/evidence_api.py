"""The pull or merge request that brought a main-line commit in, read from the code host through
``hosts``' request function, for ``aimskit.approvals.evidence``: its author, final commit,
approvals (with the commit each names) and the authors and committers of its commits.

GitHub: ``GET /repos/{repo}/commits/{sha}/pulls`` (the merged pull request whose merge commit
is ``sha``, listed with its author and head), ``/pulls/{n}/reviews``, ``/commits``. GitLab:
``GET /projects/{id}/repository/commits/{sha}/merge_requests``, ``/approvals``, ``/commits``.
"""

from __future__ import annotations

import os
import typing as t
import urllib.parse

from aimskit.approvals.evidence import HostApproval, Lookup, MergedRequest, Unavailable, cached
from aimskit.gate.hosts import HostError, _clean, _get, _github, _pages


def github_lookup(api: str, repository: str, token: str) -> Lookup:
    """A lookup of the merged pull request behind a main-line commit on GitHub."""
    headers = {"Authorization": f"Bearer {token}", "X-GitHub-Api-Version": "2022-11-28"}
    root = f"{api.rstrip('/')}/repos/{repository}"

    def lookup(sha: str, number: str | None) -> MergedRequest | None:
        try:
            pulls = _pages(f"{root}/commits/{urllib.parse.quote(sha)}/pulls", headers, 1)
            merged = [p for p in pulls if isinstance(p, dict) and p.get("merge_commit_sha") == sha
                      and p.get("merged_at")]
            if not merged:
                return None
            found = str(merged[0].get("number"))
            request, _ = _github(api, repository, found, token, pull=merged[0])  # the listed pull: not read again
            commits = _pages(f"{root}/pulls/{urllib.parse.quote(found)}/commits", headers, 3)
        except HostError as exc:
            raise Unavailable(str(exc)) from None
        contributors = []
        for entry in commits:
            for part in ("author", "committer"):
                account = entry.get(part) if isinstance(entry, dict) else None
                written = (entry.get("commit") or {}).get(part) if isinstance(entry, dict) else None
                contributors.append((_text(account.get("login")) if isinstance(account, dict) else None,
                                     _text(written.get("name")) if isinstance(written, dict) else None,
                                     _text(written.get("email")) if isinstance(written, dict) else None))
        return MergedRequest("GitHub", found, request.url, request.author, request.head_sha,
                             tuple(HostApproval(a.login, a.commit or None, a.at) for a in request.approvers),
                             tuple(contributors))

    return cached(lookup)


def gitlab_lookup(api: str, project: str, token: str) -> Lookup:
    """A lookup of the merged merge request behind a main-line commit on GitLab."""
    headers = {"PRIVATE-TOKEN": token}
    root = f"{api.rstrip('/')}/projects/{urllib.parse.quote(str(project), safe='')}"

    def lookup(sha: str, number: str | None) -> MergedRequest | None:
        try:
            found = _pages(f"{root}/repository/commits/{urllib.parse.quote(sha)}/merge_requests", headers, 1)
            merged = [m for m in found if isinstance(m, dict) and m.get("state") == "merged"
                      and sha in (m.get("merge_commit_sha"), m.get("squash_commit_sha"))]
            if not merged:
                return None
            request = merged[0]
            iid = str(request.get("iid"))
            base = f"{root}/merge_requests/{urllib.parse.quote(iid)}"
            approvals, _ = _get(f"{base}/approvals", headers)
            commits = _pages(f"{base}/commits", headers, 3)
        except HostError as exc:
            raise Unavailable(str(exc)) from None
        approved = [e for e in (approvals.get("approved_by") if isinstance(approvals, dict) else None) or []
                    if isinstance(e, dict) and isinstance(e.get("user"), dict)]
        author: dict[str, t.Any] = request["author"] if isinstance(request.get("author"), dict) else {}
        contributors = [(None, _text(c.get(f"{part}_name")), _text(c.get(f"{part}_email")))
                        for c in commits if isinstance(c, dict) for part in ("author", "committer")]
        return MergedRequest("GitLab", iid, _text(request.get("web_url")), _clean(str(author.get("username") or "")),
                             _clean(str(request.get("sha") or "")),
                             tuple(HostApproval(_clean(str(e["user"].get("username"))), None, _text(e.get("approved_at")))
                                   for e in approved), tuple(contributors))

    return cached(lookup)


def lookup_from_environment(environ: t.Mapping[str, str] | None = None) -> Lookup | None:
    """The host lookup CI's environment allows (GitHub: GITHUB_TOKEN and GITHUB_REPOSITORY;
    GitLab: AIMSKIT_GITLAB_TOKEN and CI_PROJECT_ID), or None: then every approval is "not checked"."""
    env = os.environ if environ is None else environ
    if env.get("GITHUB_TOKEN") and env.get("GITHUB_REPOSITORY"):
        return github_lookup(env.get("GITHUB_API_URL") or "https://api.github.com", env["GITHUB_REPOSITORY"],
                             env["GITHUB_TOKEN"])
    if env.get("AIMSKIT_GITLAB_TOKEN") and env.get("CI_PROJECT_ID"):
        return gitlab_lookup(env.get("CI_API_V4_URL") or "https://gitlab.com/api/v4", env["CI_PROJECT_ID"],
                             env["AIMSKIT_GITLAB_TOKEN"])
    return None


def _text(value: t.Any) -> str | None:
    """A non-empty string from the host made one safe line, else None."""
    return _clean(value) if isinstance(value, str) and value else None
