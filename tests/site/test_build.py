"""``aimskit build`` for every option combination, with MkDocs (strict) and Zensical."""

from __future__ import annotations

import html.parser
from pathlib import Path

import pytest
from option_matrix import CASES, case_id
from sitekit import build, copy_repository

ENGINES = ("mkdocs", "zensical")


class _AssetLinks(html.parser.HTMLParser):
    """The src/href of script, link, img, iframe and source elements."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "link", "img", "iframe", "source"):
            self.urls += [value for name, value in attrs if name in ("src", "href", "srcset") and value]


def third_party_urls(site: Path) -> list[str]:
    found = []
    for page in site.rglob("*.html"):
        parser = _AssetLinks()
        parser.feed(page.read_text(encoding="utf-8"))
        found += [f"{page.relative_to(site)}: {url}" for url in parser.urls if url.startswith(("http:", "https:", "//"))]
    return found


@pytest.mark.slow
@pytest.mark.parametrize("answers", CASES, ids=case_id)
def test_build_succeeds_with_both_engines(answers: dict, bake, tmp_path: Path) -> None:
    repo = copy_repository(bake(**answers), tmp_path / "aims")
    for engine in ENGINES:
        assert build(repo, "--engine", engine, "--strict") == 0, engine
        site = repo / "site"
        assert (site / "generated" / "dashboard" / "index.html").is_file()
        assert (site / "generated" / "soa" / "index.html").is_file()
        eu_page = (site / "generated" / "frameworks" / "eu-ai-act" / "index.html").read_text(encoding="utf-8")
        assert ("module is switched off" in eu_page) is (not answers.get("eu_ai_act", True))
        assert third_party_urls(site) == []
    assert not list(repo.glob(".aimskit-build-*"))


@pytest.mark.slow
@pytest.mark.parametrize("enabled", [True, False])
def test_switching_the_eu_module_in_aims_yml_keeps_the_strict_build(enabled: bool, bake, tmp_path: Path) -> None:
    repo = copy_repository(bake(eu_ai_act=enabled), tmp_path / "aims")
    manifest = repo / "aims.yml"
    text = manifest.read_text(encoding="utf-8")
    assert f"eu_ai_act: {str(enabled).lower()}" in text
    manifest.write_text(text.replace(f"eu_ai_act: {str(enabled).lower()}", f"eu_ai_act: {str(not enabled).lower()}"),
                        encoding="utf-8")
    assert build(repo, "--strict") == 0
