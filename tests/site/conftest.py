"""Site fixtures: a bake with a revised policy, built once per session; a local HTTP server; Chromium."""

from __future__ import annotations

import functools
import http.server
import threading
import typing as t
from pathlib import Path

import pytest
import required_tools
from sitekit import (
    ARTIFACTS,
    CHROMIUM_ARGS,
    REVISED_WORD,
    REVISION_SUBJECT,
    build,
    commit_change,
    commit_policy_versions,
    copy_repository,
)


@pytest.fixture(scope="session")
def site_repo(baked_repo: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The default bake plus a second commit to POL-001, built with MkDocs --strict."""
    repo = copy_repository(baked_repo, tmp_path_factory.mktemp("site") / "aims")
    commit_change(repo, "policies/POL-001.md",
                  lambda text: text.rstrip() + f"\n\nExceptions are rare; {REVISED_WORD} reviews need the sponsor.\n",
                  REVISION_SUBJECT, approve_as=("POL-001", "1.1"))
    assert build(repo, "--strict") == 0
    return repo


@pytest.fixture(scope="session")
def zensical_site(site_repo: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The same repository built with Zensical (into a folder of its own)."""
    repo = copy_repository(site_repo, tmp_path_factory.mktemp("zensical") / "aims")
    assert build(repo, "--engine", "zensical") == 0
    return repo / "site"


@pytest.fixture(scope="session")
def versions_repo(baked_repo: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The default bake with versions 1.1 and 1.2 of POL-001 committed, built with MkDocs into site/
    and with Zensical into zensical-site/."""
    import datetime as dt

    repo = copy_repository(baked_repo, tmp_path_factory.mktemp("versions") / "aims")
    commit_policy_versions(repo, dt.date.today())
    assert build(repo, "--strict") == 0
    copy = copy_repository(repo, tmp_path_factory.mktemp("versions-zensical") / "aims")
    assert build(copy, "--engine", "zensical") == 0
    (copy / "site").rename(repo / "zensical-site")
    return repo


#: Two more bakes staff read: a healthcare organisation with the examples (its name has an apostrophe),
#: and a public-sector body without them.
SECTOR_BAKES = {"healthcare": {"sector": "healthcare", "organisation_name": "Saint Mary's Health"},
                "public-sector": {"sector": "public-sector", "example_content": False}}


@pytest.fixture(scope="session")
def sector_sites(bake: t.Callable[..., Path], tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, Path]]:
    """``{bake name: {engine: built site folder}}`` for :data:`SECTOR_BAKES`, each built with both engines."""
    sites: dict[str, dict[str, Path]] = {}
    for name, answers in SECTOR_BAKES.items():
        sites[name] = {}
        for engine in ("mkdocs", "zensical"):
            repo = copy_repository(bake(**answers), tmp_path_factory.mktemp(f"{name}-{engine}") / "aims")
            assert build(repo, "--engine", engine) == 0
            sites[name][engine] = repo / "site"
    return sites


class LocalServer(t.NamedTuple):
    url: str
    root: Path


@pytest.fixture(scope="session")
def serve_folder() -> t.Iterator[t.Callable[[Path], LocalServer]]:
    """``serve_folder(path)``: serve a built site over http://127.0.0.1 from a thread."""
    servers = []

    def start(folder: Path) -> LocalServer:
        handler = functools.partial(_QuietHandler, directory=str(folder))
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        return LocalServer(f"http://127.0.0.1:{server.server_address[1]}", folder)

    yield start
    for server in servers:
        server.shutdown()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # noqa: A002
        pass


@pytest.fixture(scope="session")
def browser() -> t.Iterator[t.Any]:
    """Headless Debian Chromium through Playwright; a missing browser fails the tests
    (``AIMSKIT_ALLOW_SKIP=1`` skips them instead, see tests/required_tools.py)."""
    executable = required_tools.chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=str(executable), args=CHROMIUM_ARGS)
        yield instance
        instance.close()


class PageWatch:
    """A browser page that records console errors, dialogs and requests to other hosts."""

    def __init__(self, page: t.Any) -> None:
        self.page = page
        self.console_errors: list[str] = []
        self.dialogs: list[str] = []
        self.foreign_requests: list[str] = []
        page.on("console", lambda message: message.type == "error" and self.console_errors.append(message.text))
        page.on("pageerror", lambda exc: self.console_errors.append(str(exc)))
        page.on("dialog", self._dialog)
        page.on("request", self._request)

    def _dialog(self, dialog: t.Any) -> None:
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def _request(self, request: t.Any) -> None:
        if not request.url.startswith(("http://127.0.0.1", "data:", "blob:", "about:")):
            self.foreign_requests.append(request.url)

    def screenshot(self, name: str) -> Path:
        ARTIFACTS.mkdir(exist_ok=True)
        path = ARTIFACTS / f"site-{name}.png"
        self.page.screenshot(path=str(path), full_page=True)
        return path

    def assert_clean(self) -> None:
        assert self.console_errors == []
        assert self.dialogs == []
        assert self.foreign_requests == []


@pytest.fixture
def watched_page(browser: t.Any) -> t.Iterator[PageWatch]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    watch = PageWatch(page)
    yield watch
    context.close()
