"""Digests read from simple-API pages: JSON and HTML, over HTTP and from a folder."""

from __future__ import annotations

import http.server
import json
import socket
import threading

import pytest
import tiny_index

from aimskit.errors import AimskitError
from aimskit.lock.digests import version_digests
from aimskit.lock.indexes import Index, Settings

A, B, C, D = ("a" * 64, "b" * 64, "c" * 64, "d" * 64)
FILES = [("beta-1.0-py3-none-any.whl", A), ("beta-1.0-cp312-cp312-manylinux_2_17_x86_64.whl", B),
         ("beta-1.0.tar.gz", C), ("beta-1.0.1-py3-none-any.whl", D), ("beta-1.0.win32.exe", D),
         ("betamax-1.0-py3-none-any.whl", D)]
JSON_PAGE = json.dumps({"meta": {"api-version": "1.1"}, "name": "beta",
                        "files": [{"filename": name, "url": name, "hashes": {"sha256": digest}}
                                  for name, digest in FILES] + [{"filename": "beta-1.0.zip", "url": "z", "hashes": {}}]})
HTML_PAGE = "<html><body>" + "".join(f'<a href="../../files/{name}#sha256={digest}" data-requires-python="&gt;=3.8">'
                                     f"{name}</a>" for name, digest in FILES) + "</body></html>"


class Handler(http.server.BaseHTTPRequestHandler):
    seen: list[tuple[str, str | None, str | None]] = []

    def do_GET(self) -> None:  # noqa: N802 (the name http.server calls)
        Handler.seen.append((self.path, self.headers.get("Authorization"), self.headers.get("Accept")))
        pages = {"/json/beta/": ("application/vnd.pypi.simple.v1+json", JSON_PAGE),
                 "/html/beta/": ("text/html", HTML_PAGE), "/garbled/beta/": ("application/vnd.pypi.simple.v1+json", "{")}
        if self.path.startswith("/broken/"):
            self.send_error(503)
            return
        if self.path not in pages:
            self.send_error(404)
            return
        kind, body = pages[self.path]
        self.send_response(200)
        self.send_header("Content-Type", kind)
        self.end_headers()
        self.wfile.write(body.encode("utf-8"))

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def server():
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


SETTINGS = Settings(indexes=(), timeout=10)


@pytest.mark.parametrize("page", ["json", "html"])
def test_every_file_of_the_version_and_no_other(server, page):
    assert version_digests(Index(f"{server}/{page}"), "beta", "1.0", SETTINGS) == {A, B, C}
    assert version_digests(Index(f"{server}/{page}"), "beta", "1.0.1", SETTINGS) == {D}


def test_the_json_page_is_asked_for_and_credentials_go_in_a_header(server):
    Handler.seen.clear()
    version_digests(Index(f"{server}/json", "Basic Ym90OnNlY3JldA=="), "beta", "1.0", SETTINGS)
    [(path, authorization, accept)] = Handler.seen
    assert (path, authorization) == ("/json/beta/", "Basic Ym90OnNlY3JldA==")
    assert accept.startswith("application/vnd.pypi.simple.v1+json")


def test_a_project_the_index_lacks_has_no_digests(server, tmp_path):
    assert version_digests(Index(f"{server}/json"), "gamma", "1.0", SETTINGS) == set()
    assert version_digests(Index((tmp_path / "simple").as_uri()), "gamma", "1.0", SETTINGS) == set()


def test_a_folder_index_is_read_like_pip_reads_it(tmp_path):
    files = [tiny_index.wheel(tmp_path / "files", "beta", "1.0"), tiny_index.sdist(tmp_path / "files", "beta", "1.0"),
             tiny_index.wheel(tmp_path / "files", "beta", "0.9")]
    url = tiny_index.index(tmp_path, files)
    assert version_digests(Index(url), "beta", "1.0", SETTINGS) == {tiny_index.digest(path) for path in files[:2]}


@pytest.mark.parametrize(("path", "message"), [
    ("broken", "answered HTTP 503 for beta"),
    ("garbled", "answered for beta with a page aimskit cannot read"),
])
def test_an_index_that_fails_is_an_error_that_names_it(server, path, message):
    with pytest.raises(AimskitError) as caught:
        version_digests(Index(f"{server}/{path}"), "beta", "1.0", SETTINGS)
    assert str(caught.value) == f"the package index {server}/{path} {message}"


def test_an_unreachable_index_is_an_error_that_names_it():
    with socket.socket() as probe:  # a port nothing listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    with pytest.raises(AimskitError, match=rf"^the package index http://127\.0\.0\.1:{port}/simple cannot be reached \("):
        version_digests(Index(f"http://127.0.0.1:{port}/simple"), "beta", "1.0", SETTINGS)
