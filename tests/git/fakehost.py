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
            "base": {"ref": "main", "sha": base}, "head": {"ref": "change", "sha": head}})
        self.routes[f"{prefix}/reviews?per_page=100&page=1"] = (200, [
            {"id": index + 1, "user": {"login": login, "type": "User"}, "body": "", "state": state,
             "commit_id": sha, "submitted_at": f"2026-05-0{index + 1}T10:00:00Z", "author_association": "MEMBER"}
            for index, (login, state, sha) in enumerate(reviews)])

    # GitLab REST: GET /projects/:id/merge_requests/:iid and /approvals
    def gitlab_merge_request(self, iid: int, author: str, base: str, head: str,
                             approvers: list[tuple[str, str]]) -> None:
        prefix = f"/api/v4/projects/42/merge_requests/{iid}"
        self.routes[prefix] = (200, {
            "id": 1000 + iid, "iid": iid, "project_id": 42, "state": "opened",
            "web_url": f"https://gitlab.example.com/example/aims/-/merge_requests/{iid}",
            "author": {"id": 7, "username": author, "name": author.title()}, "sha": head,
            "diff_refs": {"base_sha": base, "head_sha": head, "start_sha": base}})
        self.routes[f"{prefix}/approvals"] = (200, {
            "id": 1000 + iid, "iid": iid, "project_id": 42, "state": "opened", "approved": bool(approvers),
            "approved_by": [{"user": {"id": 10 + n, "username": login, "name": name, "state": "active"}}
                            for n, (login, name) in enumerate(approvers)]})
