"""The gate's HTTP layer against a hostile code host on 127.0.0.1: one deadline for the whole run,
no redirect followed (the token never travels on), answers of another shape or depth refused,
control characters and workflow commands stripped, and a revision git cannot resolve refused."""

from __future__ import annotations

import http.server
import json
import threading
import time
import typing as t

import pytest

from aimskit.cli import main
from aimskit.gate import hosts

PULL = "/repos/example/aims/pulls/7"
REVIEWS = f"{PULL}/reviews?per_page=100&page=1"
Respond = t.Callable[[http.server.BaseHTTPRequestHandler], None]


class RawHost:
    """A local server whose routes write whatever bytes a test wants, as slowly as it wants."""

    def __init__(self) -> None:
        self.routes: dict[str, Respond] = {}
        self.seen: list[tuple[str, dict[str, str]]] = []
        host = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802
                host.seen.append((self.path, dict(self.headers)))
                host.routes.get(self.path, lambda handler: send(handler, 404, b"{}"))(self)

            def log_message(self, *args: t.Any) -> None:
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def json(self, path: str, value: t.Any) -> None:
        self.routes[path] = lambda handler: send(handler, 200, json.dumps(value).encode())

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


def send(handler: http.server.BaseHTTPRequestHandler, status: int, body: bytes,
         headers: dict[str, str] | None = None) -> None:
    handler.send_response(status)
    for name, value in {"Content-Type": "application/json", "Content-Length": str(len(body)),
                        **(headers or {})}.items():
        handler.send_header(name, value)
    handler.end_headers()
    handler.wfile.write(body)


@pytest.fixture
def raw_host():
    host = RawHost()
    yield host
    host.close()


@pytest.fixture
def closed_risk(gov):
    """A branch closing a risk: a change that needs no role's approval, so the gate reaches its output."""
    gov.repo.git.checkout("-q", "-b", "draft")
    gov.replace("risks/RISK-002.yaml", "status: treating", "status: closed")
    gov.commit("Close a risk", author="Bob Builder")
    return gov


def pull(base: str, head: str, author: str = "bob", url: str = "https://github.com/example/aims/pull/7") -> dict:
    return {"number": 7, "html_url": url, "user": {"login": author}, "base": {"sha": base, "ref": "main"},
            "head": {"sha": head}}


def gate(gov, host: RawHost, monkeypatch, capsys) -> tuple[int, str, str, float]:
    monkeypatch.setenv("GITHUB_API_URL", host.url)
    monkeypatch.setenv("GITHUB_REPOSITORY", "example/aims")
    monkeypatch.setenv("GITHUB_TOKEN", "ghs_secret")
    monkeypatch.delenv("GITHUB_STEP_SUMMARY", raising=False)
    # the base branch's tip and the request's commits, as the host reports them, unless a test says otherwise
    host.routes.setdefault("/repos/example/aims/branches/main", lambda handler: send(
        handler, 200, json.dumps({"commit": {"sha": gov.repo.commit("main").hexsha}}).encode()))
    host.routes.setdefault(f"{PULL}/commits?per_page=100&page=1", lambda handler: send(handler, 200, b"[]"))
    started = time.monotonic()
    code = main(["--repo", str(gov.root), "gate", "--host", "github", "--request", "7"])
    elapsed = time.monotonic() - started
    out, err = capsys.readouterr()
    return code, out, err, elapsed


def trickle(handler: http.server.BaseHTTPRequestHandler) -> None:
    """An answer that never ends: a byte of the status line every 0.3 s (each read alone is quick)."""
    try:
        for byte in b"HTTP/1.1 200 OK\r\nX-Slow: " + b"a" * 1000:
            handler.wfile.write(bytes([byte]))
            handler.wfile.flush()
            time.sleep(0.3)
    except OSError:
        pass


def test_one_deadline_bounds_the_whole_run_even_when_every_read_is_quick(closed_risk, raw_host, monkeypatch,
                                                                          capsys):
    monkeypatch.setattr(hosts, "DEADLINE_SECONDS", 1.5)
    raw_host.routes[PULL] = trickle
    code, out, err, elapsed = gate(closed_risk, raw_host, monkeypatch, capsys)
    assert code == 1 and out == "" and "did not answer within 1.5 seconds" in err, err
    assert elapsed < 4, elapsed
    # the deadline is for the run, not per request: slow answers add up
    head = closed_risk.repo.head.commit.hexsha
    raw_host.json(PULL, pull(closed_risk.repo.commit("main").hexsha, head))

    def slow_reviews(handler: http.server.BaseHTTPRequestHandler) -> None:
        time.sleep(0.7)
        send(handler, 200, b"[]")

    raw_host.routes[REVIEWS] = slow_reviews
    with pytest.raises(hosts.HostError, match="did not answer within 1 seconds"):
        deadline = hosts.Deadline(1)
        for _ in range(3):
            hosts.fetch_json(raw_host.url + REVIEWS, {}, deadline, expect=list)


def test_a_redirect_is_not_followed_and_the_token_goes_nowhere_else(closed_risk, raw_host, monkeypatch, capsys):
    elsewhere = RawHost()
    try:
        raw_host.routes[PULL] = lambda handler: send(handler, 302, b"", {"Location": elsewhere.url + PULL})
        code, out, err, _ = gate(closed_risk, raw_host, monkeypatch, capsys)
        assert code == 1 and out == "" and "answered 302 (a redirect)" in err and "Traceback" not in err
        assert elsewhere.seen == [] and "ghs_secret" not in err
        for status in (301, 307, 308):
            raw_host.routes[PULL] = lambda handler, s=status: send(handler, s, b"", {"Location": elsewhere.url})
            assert gate(closed_risk, raw_host, monkeypatch, capsys)[0] == 1
        assert elsewhere.seen == []
    finally:
        elsewhere.close()


@pytest.mark.parametrize("pull_body, reviews_body", [
    (b"[]", b"[]"),  # a list where an object is expected
    (b"[" * 100_000 + b"]" * 100_000, b"[]"),  # nested 100k deep
    (b'{"a": ' * 100_000 + b"1" + b"}" * 100_000, b"[]"),
    (b"{}", b"[]"),  # no user, base or head
    (None, b'{"reviews": []}'),  # an object where a list is expected
    (None, b"[" * 40 + b"]" * 40),  # a list, but deeper than any answer
    (None, b'[{"state": "APPROVED", "user": {"login": ["tom"]}}]'),  # a login that is not text
    (None, b'[{"state": "APPROVED", "user": "tom"}]'),
    (None, b"not json"),
])
def test_an_answer_of_another_shape_or_depth_fails_the_gate(closed_risk, raw_host, monkeypatch, capsys,
                                                            pull_body, reviews_body):
    base, head = closed_risk.repo.commit("main").hexsha, closed_risk.repo.head.commit.hexsha
    raw_host.json(PULL, pull(base, head))
    if pull_body is not None:
        raw_host.routes[PULL] = lambda handler: send(handler, 200, pull_body)
    raw_host.routes[REVIEWS] = lambda handler: send(handler, 200, reviews_body)
    code, out, err, _ = gate(closed_risk, raw_host, monkeypatch, capsys)
    assert code == 1 and out == "" and "internal error" not in err, err
    assert "unexpected answer from the code host" in err or "did not answer JSON" in err, err


def test_control_characters_and_workflow_commands_from_the_host_are_stripped(closed_risk, raw_host, monkeypatch,
                                                                              capsys):
    base, head = closed_risk.repo.commit("main").hexsha, closed_risk.repo.head.commit.hexsha
    author = "bob\x1b]0;owned\x07\x1b[31m\n::error::forged ##[add-mask]x\r\u202e"
    raw_host.json(PULL, pull(base, head, author=author, url="https://x/\x1b[2J\n##[error]y"))
    raw_host.json(REVIEWS, [{"state": "APPROVED", "user": {"login": "tom\x1b[0m\n::warning::z"},
                             "commit_id": head, "submitted_at": "2026-05-01\x07"}])
    code, out, err, _ = gate(closed_risk, raw_host, monkeypatch, capsys)
    assert code == 0 and "No role approval is needed" in out, out + err
    assert "by @bob" in out
    for forged in ("\x1b", "\x07", "\r", "\u202e", "##["):
        assert forged not in out + err, repr(forged)
    assert not any(line.lstrip().startswith("::") for line in (out + err).splitlines())


@pytest.mark.parametrize("base", ["HEAD@{yesterday}", "main@{1000 years ago}", "no-such-commit"])
def test_a_revision_git_cannot_resolve_is_an_unknown_revision(closed_risk, raw_host, monkeypatch, capsys, base):
    raw_host.json(PULL, pull(base, closed_risk.repo.head.commit.hexsha))
    raw_host.json(REVIEWS, [])
    code, out, err, _ = gate(closed_risk, raw_host, monkeypatch, capsys)
    assert code == 2 and f"unknown revision '{base}'" in err and "internal error" not in err, err
