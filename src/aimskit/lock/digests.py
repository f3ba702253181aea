"""The sha256 digests of every file of one version of a project on a simple-API index.

An index page lists a project's files: PEP 691 JSON (``files[].hashes.sha256``) or PEP 503 HTML
(links ending ``#sha256=...``). Pages are read over HTTP(S), or from a folder for a ``file:``
index (its ``index.html``), as pip reads them. A project the index does not have is no error;
an index that cannot be reached, or answers with something else, is.
"""

from __future__ import annotations

import html.parser
import json
import posixpath
import re
import ssl
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

from aimskit import __version__
from aimskit.errors import AimskitError
from aimskit.lock.indexes import Index, Settings

ACCEPT = ("application/vnd.pypi.simple.v1+json, application/vnd.pypi.simple.v1+html;q=0.2, "
          "text/html;q=0.01")
JSON_PAGE = "application/vnd.pypi.simple.v1+json"
PAGE_LIMIT = 64 << 20
_SHA256 = re.compile(r"[0-9a-f]{64}")


def version_digests(index: Index, name: str, version: str, settings: Settings) -> set[str]:
    """The sha256 digests of the files of ``name`` ``version`` on ``index`` (canonical ``name``)."""
    page = read_page(index, name, settings)
    if page is None:
        return set()
    kind, body = page
    try:
        files = json_files(body) if kind == JSON_PAGE else html_files(body)
    except (ValueError, TypeError, KeyError, AttributeError):
        raise AimskitError(f"the package index {index.url} answered for {name} with a page aimskit cannot "
                           "read") from None
    return {digest for filename, digest in files if digest and _is_version(filename, name, version)}


def read_page(index: Index, name: str, settings: Settings) -> tuple[str, bytes] | None:
    """(content type, body) of the project's page, or None when the index does not have the project."""
    url = f"{index.url}/{name}/"
    if url.startswith("file:"):
        return _local_page(Path(urllib.request.url2pathname(urllib.parse.urlsplit(url).path)))
    headers = {"Accept": ACCEPT, "User-Agent": f"aimskit/{__version__}"}
    if index.authorization:
        headers["Authorization"] = index.authorization
    context = ssl.create_default_context(cafile=settings.cert) if settings.cert else None
    try:
        with urllib.request.urlopen(urllib.request.Request(url, headers=headers), timeout=settings.timeout,
                                    context=context) as response:
            body = response.read(PAGE_LIMIT + 1)
            kind = response.headers.get_content_type()
    except urllib.error.HTTPError as exc:
        if exc.code in (404, 410):
            return None
        raise AimskitError(f"the package index {index.url} answered HTTP {exc.code} for {name}") from None
    except (urllib.error.URLError, OSError, ValueError) as exc:
        reason = getattr(exc, "reason", None) or exc
        raise AimskitError(f"the package index {index.url} cannot be reached ({reason})") from None
    if len(body) > PAGE_LIMIT:
        raise AimskitError(f"the package index {index.url} sent a page over {PAGE_LIMIT >> 20} MB for {name}")
    return kind, body


def _local_page(folder: Path) -> tuple[str, bytes] | None:
    page = folder / "index.html"
    if not page.is_file():
        return None
    try:
        return "text/html", page.read_bytes()[:PAGE_LIMIT]
    except OSError as exc:
        raise AimskitError(f"the package index page {page} cannot be read ({exc.strerror})") from None


def json_files(body: bytes) -> list[tuple[str, str | None]]:
    """(file name, sha256) of each file on a PEP 691 JSON page."""
    files = json.loads(body)["files"]
    return [(str(entry["filename"]), _digest((entry.get("hashes") or {}).get("sha256"))) for entry in files]


def html_files(body: bytes) -> list[tuple[str, str | None]]:
    """(file name, sha256) of each link on a PEP 503 HTML page; the name is the link's last path segment."""
    links = _Links()
    links.feed(body.decode("utf-8", errors="replace"))
    found = []
    for href in links.hrefs:
        parts = urllib.parse.urlsplit(href)
        fragment = dict(urllib.parse.parse_qsl(parts.fragment))
        found.append((urllib.parse.unquote(posixpath.basename(parts.path)), _digest(fragment.get("sha256"))))
    return found


class _Links(html.parser.HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        href = dict(attrs).get("href")
        if tag == "a" and href:
            self.hrefs.append(href)


def _digest(value: object) -> str | None:
    text = str(value or "").lower()
    return text if _SHA256.fullmatch(text) else None


def _is_version(filename: str, name: str, version: str) -> bool:
    """Whether ``filename`` is a wheel or source distribution of ``name`` ``version``."""
    from packaging.utils import (InvalidSdistFilename, InvalidWheelFilename, canonicalize_name,
                                 parse_sdist_filename, parse_wheel_filename)
    from packaging.version import InvalidVersion, Version

    try:
        if filename.endswith(".whl"):
            project, found = parse_wheel_filename(filename)[:2]
        elif filename.endswith((".tar.gz", ".zip")):
            project, found = parse_sdist_filename(filename)
        else:
            return False
        return canonicalize_name(project) == name and found == Version(version)
    except (InvalidWheelFilename, InvalidSdistFilename, InvalidVersion):
        return False
