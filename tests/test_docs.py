"""aimskit's own documentation site builds strictly and loads nothing from third parties."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXTERNAL = re.compile(r"""(?:src|href)=["'](?:https?:)?//""")


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("aimskit-docs")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(ROOT / "mkdocs.yml"),
                             "-d", str(out)], capture_output=True, text=True, env=env, cwd=ROOT)
    assert result.returncode == 0, result.stderr
    return out


@pytest.mark.slow
def test_docs_build_strictly_with_every_reference_page(site: Path):
    for page in (ROOT / "docs" / "reference").glob("*.md"):
        target = "reference/index.html" if page.stem == "index" else f"reference/{page.stem}/index.html"
        assert (site / target).is_file(), target
    assert (site / "search" / "search_index.json").is_file()


@pytest.mark.slow
def test_docs_make_no_third_party_requests(site: Path):
    for page in site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        assert "fonts.googleapis" not in html and "fonts.gstatic" not in html, page
        assert not EXTERNAL.search(re.sub(r"<a [^>]*>", "", html)), page


@pytest.mark.slow
def test_patterns_with_alternatives_stay_in_one_table_cell(site: Path):
    html = (site / "reference" / "soa" / "index.html").read_text(encoding="utf-8")
    assert "<code>^(SYS|RISK|POL|SUP|OBJ|AIA|AUD|MR|NC)-[0-9]{3,}$</code>" in html
