"""A local HTTP server on 127.0.0.1 that replays the code hosts' documented JSON for the gate."""

from __future__ import annotations

import http.server
import json
import threading
import typing as t


class FakeHost:
    """Routes (path with query → (status, JSON)) served from a thread; requests are recorded."""

    def __init__(self) -> None:
        self.routes: dict[str, tuple[int, t.Any]] = {}
        self.seen: list[tuple[str, dict[str, str]]] = []
        host = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802
                host.seen.append((self.path, dict(self.headers)))
                status, body = host.routes.get(self.path, (404, {"message": "Not Found"}))
                data = json.dumps(body).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, *args: t.Any) -> None:
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()

    # GitHub REST: GET /repos/{owner}/{repo}/pulls/{n} and /reviews
    def github_pull(self, number: int, author: str, base: str, head: str,
                    reviews: list[tuple[str, str, str]]) -> None:
        """``reviews``: (login, state, commit sha), oldest first."""
        prefix = f"/repos/example/aims/pulls/{number}"
        self.routes[prefix] = (200, {
            "number": number, "state": "open", "html_url": f"https://github.com/example/aims/pull/{number}",
            "user": {"login": author, "type": "User"},
            "base": {"ref": "main", "sha": base}, "head": {"ref": "change", "sha": head}, "commits": 1})
        self.routes[f"{prefix}/reviews?per_page=100&page=1"] = (200, [
            {"id": index + 1, "user": {"login": login, "type": "User"}, "body": "", "state": state,
             "commit_id": sha, "submitted_at": f"2026-05-0{index + 1}T10:00:00Z", "author_association": "MEMBER"}
            for index, (login, state, sha) in enumerate(reviews)])

    # GitLab REST: GET /projects/:id/merge_requests/:iid and /approvals
    def gitlab_merge_request(self, iid: int, author: str, base: str, head: str,
                             approvers: list[tuple[str, ...]]) -> None:
        """``approvers``: (username, name) or (username, name, approved_at)."""
        prefix = f"/api/v4/projects/42/merge_requests/{iid}"
        self.routes[prefix] = (200, {
            "id": 1000 + iid, "iid": iid, "project_id": 42, "state": "opened",
            "web_url": f"https://gitlab.example.com/example/aims/-/merge_requests/{iid}",
            "author": {"id": 7, "username": author, "name": author.title()}, "sha": head,
            "target_branch": "main", "source_branch": "change",
            "diff_refs": {"base_sha": base, "head_sha": head, "start_sha": base}})
        self.routes[f"{prefix}/approvals"] = (200, {
            "id": 1000 + iid, "iid": iid, "project_id": 42, "state": "opened", "approved": bool(approvers),
            "approved_by": [{"user": {"id": 10 + n, "username": login, "name": name, "state": "active"},
                             **({"approved_at": rest[0]} if rest else {})}
                            for n, (login, name, *rest) in enumerate(approvers)]})

    # GitHub REST: GET /repos/{owner}/{repo}/branches/{branch} and /pulls/{n}/commits
    def github_branch(self, name: str, sha: str) -> None:
        self.routes[f"/repos/example/aims/branches/{name}"] = (200, {
            "name": name, "protected": True, "commit": {"sha": sha, "url": f"https://api.github.com/x/{sha}"}})

    def github_commits(self, number: int, commits: list[Commit]) -> None:
        """``commits``: as ``commits_of`` gives them; an unknown login is an email GitHub links to no account."""
        pull = self.routes.get(f"/repos/example/aims/pulls/{number}")
        if pull is not None:
            pull[1]["commits"] = len(commits)
        self.routes[f"/repos/example/aims/pulls/{number}/commits?per_page=100&page=1"] = (200, [
            {"sha": c.sha, "commit": {"author": {"name": c.author, "email": c.author_email, "date": c.date},
                                      "committer": {"name": c.committer, "email": c.committer_email,
                                                    "date": c.date},
                                      "message": c.message},
             "author": {"login": c.author_login, "type": "User"} if c.author_login else None,
             "committer": {"login": c.committer_login, "type": "User"} if c.committer_login else None}
            for c in commits])

    # GitLab REST: GET /projects/:id/repository/branches/:branch, /merge_requests/:iid/commits, /approvals
    def gitlab_branch(self, name: str, sha: str) -> None:
        self.routes[f"/api/v4/projects/42/repository/branches/{name}"] = (200, {
            "name": name, "protected": True, "default": True, "commit": {"id": sha, "short_id": sha[:8]}})

    def gitlab_commits(self, iid: int, commits: list[Commit]) -> None:
        self.routes[f"/api/v4/projects/42/merge_requests/{iid}/commits?per_page=100&page=1"] = (200, [
            {"id": c.sha, "short_id": c.sha[:8], "title": c.message, "message": c.message,
             "author_name": c.author, "author_email": c.author_email, "authored_date": c.date,
             "committer_name": c.committer, "committer_email": c.committer_email, "committed_date": c.date}
            for c in commits])

    def gitlab_project_approvals(self, reset_on_push: bool = True) -> None:
        self.routes["/api/v4/projects/42/approvals"] = (200, {
            "approvers": [], "approver_groups": [], "approvals_before_merge": 1,
            "reset_approvals_on_push": reset_on_push, "disable_overriding_approvers_per_merge_request": True,
            "merge_requests_author_approval": False, "merge_requests_disable_committers_approval": True,
            "require_password_to_approve": False})


    def gitlab_versions(self, iid: int, heads: list[tuple[str, str]]) -> None:
        """The merge request's diff versions, newest first: (head sha, when GitLab received it)."""
        self.routes[f"/api/v4/projects/42/merge_requests/{iid}/versions?per_page=100&page=1"] = (200, [
            {"id": 100 + n, "head_commit_sha": sha, "base_commit_sha": "0" * 40, "start_commit_sha": "0" * 40,
             "created_at": at, "merge_request_id": 1000 + iid, "state": "collected", "real_size": "1"}
            for n, (sha, at) in enumerate(heads)])

class Commit(t.NamedTuple):
    sha: str
    message: str
    date: str
    author: str
    author_email: str
    author_login: str | None
    committer: str
    committer_email: str
    committer_login: str | None


def commits_of(repo: t.Any, base: str, head: str, logins: dict[str, str]) -> list[Commit]:
    """The commits of ``base..head`` in a real git repository (oldest first), as a host lists a
    request's commits; ``logins`` maps an email to the account the host links it to."""
    return [Commit(c.hexsha, c.summary, c.committed_datetime.isoformat(), c.author.name, c.author.email,
                   logins.get(c.author.email), c.committer.name, c.committer.email, logins.get(c.committer.email))
            for c in reversed(list(repo.iter_commits(f"{base}..{head}")))]



def serve_merged_pull(host: FakeHost, number: int, merge_sha: str, author: str, head: str,
                      reviews: list[tuple[str, str, str | None]], commits: list[Commit]) -> None:
    """A merged GitHub pull request whose merge commit is ``merge_sha``: the commit's pulls, the
    pull, its reviews and its commits."""
    host.github_pull(number, author, "0" * 40, head, reviews)
    pull = host.routes[f"/repos/example/aims/pulls/{number}"][1]
    pull.update({"state": "closed", "merged_at": "2026-12-05T10:00:00Z", "merge_commit_sha": merge_sha})
    host.routes[f"/repos/example/aims/commits/{merge_sha}/pulls?per_page=100&page=1"] = (200, [pull])
    host.github_commits(number, commits)
