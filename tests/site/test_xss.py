"""A record title that is HTML or script appears as text on every page, in the search index and in search."""

from __future__ import annotations

import datetime as dt
import html.parser
import json
import re
from pathlib import Path

import pytest
from sitekit import build, copy_repository, search

from aimskit.approvals.stamp import approve

PAYLOADS = {"script": "<script>alert(1)</script>", "img": "<img src=x onerror=alert(1)>"}
ENGINES = {"mkdocs": "search/search_index.json", "zensical": "search.json"}


def set_scalar(path: Path, field: str, value: str) -> None:
    text = path.read_text(encoding="utf-8")
    updated = re.sub(rf"(?m)^{field}:.*$", lambda _: f"{field}: {json.dumps(value)}", text, count=1)
    assert updated != text
    path.write_text(updated, encoding="utf-8")


@pytest.fixture(scope="module", params=list(PAYLOADS), ids=list(PAYLOADS))
def hostile_repo(request, baked_repo: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[str, Path, dict]:
    """A bake whose POL-001, first risk and first system are titled with the payload, built by both engines."""
    payload = PAYLOADS[request.param]
    repo = copy_repository(baked_repo, tmp_path_factory.mktemp(f"xss-{request.param}") / "aims")
    risk = sorted((repo / "risks").glob("RISK-*.yaml"))[0]
    system = sorted((repo / "systems").glob("SYS-*.yaml"))[0]
    set_scalar(repo / "policies" / "POL-001.md", "title", payload)
    set_scalar(risk, "title", payload)
    set_scalar(system, "name", payload)
    approve(repo, "POL-001", dt.date.today())  # the retitled policy is approved as it now reads
    sites = {}
    for engine in ENGINES:
        assert build(repo, "--engine", engine, "--strict") == 0
        sites[engine] = repo.parent / f"site-{engine}"
        (repo / "site").rename(sites[engine])
    return payload, repo, sites


class _Dangerous(html.parser.HTMLParser):
    """Elements or attributes that would run the payload, and the text a reader sees."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []
        self.text: list[str] = []
        self.title = ""
        self._in_script = self._in_title = False

    def handle_starttag(self, tag, attrs):
        self._in_script = tag == "script"
        self._in_title = tag == "title"
        if any(name.startswith("on") for name, _ in attrs):
            self.found.append(f"<{tag}> with an event handler")
        if tag == "img" and ("src", "x") in attrs:
            self.found.append("<img src=x>")

    def handle_endtag(self, tag):
        self._in_script = self._in_title = False

    def handle_data(self, data):
        if self._in_script and "alert(1)" in data:
            self.found.append("<script> with alert(1)")
        elif self._in_title:
            self.title += data
        else:
            self.text.append(data)


@pytest.mark.slow
@pytest.mark.parametrize("engine", list(ENGINES))
def test_payload_is_text_in_every_page(hostile_repo, engine: str) -> None:
    payload, _, sites = hostile_repo
    pages_showing, titles = [], {}
    for page in sites[engine].rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        assert payload not in text, page
        parser = _Dangerous()
        parser.feed(text)
        assert parser.found == [], page
        relative = page.relative_to(sites[engine]).as_posix()
        titles[relative] = parser.title
        if payload in "".join(parser.text):
            pages_showing.append(relative)
    for expected in ("generated/policies/POL-001/index.html", "generated/policies/index.html",
                     "generated/risks/index.html", "generated/systems/index.html",
                     "generated/systems/SYS-001/index.html"):
        assert expected in pages_showing
    assert titles["generated/policies/POL-001/index.html"].startswith(f"POL-001 {payload}")


@pytest.mark.slow
@pytest.mark.parametrize("engine", list(ENGINES))
def test_search_index_holds_the_payload_only_escaped(hostile_repo, engine: str) -> None:
    payload, _, sites = hostile_repo
    index = (sites[engine] / ENGINES[engine]).read_text(encoding="utf-8")
    strings = _strings(json.loads(index))
    assert not [s for s in strings if payload in s]
    assert [s for s in strings if payload.replace("<", "&lt;").replace(">", "&gt;") in s]


@pytest.mark.browser
def test_no_script_runs_in_the_browser(hostile_repo, serve_folder, watched_page) -> None:
    payload, _, sites = hostile_repo
    server = serve_folder(sites["mkdocs"])
    page = watched_page.page
    for path in ("generated/policies/POL-001/", "generated/policies/", "generated/risks/", "generated/systems/"):
        page.goto(f"{server.url}/{path}")
        assert page.get_by_text(payload).count() >= 1
        assert page.locator("img[src='x']").count() == 0
    search(page, "alert" if "script" in payload else "onerror")
    page.wait_for_timeout(500)
    assert page.locator(".md-search-result img[src='x']").count() == 0
    watched_page.screenshot(f"xss-search-{'script' if 'script' in payload else 'img'}")
    watched_page.assert_clean()


def _strings(value) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in _strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in _strings(v)]
    return []


@pytest.mark.slow
@pytest.mark.parametrize("name", list(PAYLOADS))
def test_organisation_name_from_the_template_is_text(name: str, bake, tmp_path: Path) -> None:
    payload = PAYLOADS[name]
    repo = copy_repository(bake(organisation_name=f"Acme {payload}", example_content=False), tmp_path / "aims")
    for engine in ENGINES:
        assert build(repo, "--engine", engine, "--strict") == 0
        for page in (repo / "site").rglob("*.html"):
            parser = _Dangerous()
            parser.feed(page.read_text(encoding="utf-8"))
            assert parser.found == [], page
            assert payload in parser.title, page
