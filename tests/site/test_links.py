"""Every link and #fragment of every built page resolves (MkDocs and Zensical builds of the same bake)."""

from __future__ import annotations

from pathlib import Path

import pytest
from linkcheck import check_site

pytestmark = [pytest.mark.slow]


def test_the_checker_finds_a_missing_page_and_a_missing_fragment(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "index.html").write_text('<h1 id="top">A</h1><a href="../b/">b</a><a href="#top">t</a>'
                                               '<a href="#gone">g</a><a href="../index.html#x">home</a>'
                                               '<a href="mailto:x@example.org">m</a>', encoding="utf-8")
    (tmp_path / "index.html").write_text('<p id="y">home</p>', encoding="utf-8")
    checked, broken = check_site(tmp_path)
    assert checked == 4
    assert sorted((b.href, b.reason.split(" in ")[0]) for b in broken) == [
        ("#gone", "no element with id 'gone'"), ("../b/", "no such file"),
        ("../index.html#x", "no element with id 'x'")]


@pytest.mark.parametrize("engine", ["mkdocs", "zensical"])
def test_every_link_and_fragment_of_the_built_site_resolves(engine: str, site_repo: Path, zensical_site: Path) -> None:
    site = site_repo / "site" if engine == "mkdocs" else zensical_site
    checked, broken = check_site(site)
    assert checked > 1000
    assert broken == []


@pytest.mark.parametrize("engine", ["mkdocs", "zensical"])
def test_policy_text_links_a_glossary_term_to_its_entry(engine: str, site_repo: Path, zensical_site: Path) -> None:
    import re
    import urllib.parse

    site = site_repo / "site" if engine == "mkdocs" else zensical_site
    policy = (site / "generated" / "policies" / "POL-001" / "index.html").read_text(encoding="utf-8")
    hrefs = re.findall(r'<a href="([^"]*glossary/#[^"]*)"', policy)
    assert "../../glossary/#risk-appetite" in hrefs
    glossary = (site / "generated" / "glossary" / "index.html").read_text(encoding="utf-8")
    for href in hrefs:
        assert f'id="{urllib.parse.urlsplit(href).fragment}"' in glossary, href
