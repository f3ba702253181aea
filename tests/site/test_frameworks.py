"""The frameworks pages of the clean mini repository, with the EU AI Act module off and on."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from mini_repos import build_repository

from aimskit.records.model import load_repository
from aimskit.site.render import RenderContext, frameworks, links

TODAY = dt.date(2026, 6, 1)


def _render(root: Path) -> dict[str, str]:
    return frameworks.render(RenderContext(load_repository(root), TODAY))


def test_with_the_eu_ai_act_off_its_page_says_so_and_the_index_leaves_it_out(tmp_path: Path) -> None:
    pages = _render(build_repository(tmp_path / "aims"))
    assert pages[links.EU_AI_ACT] == (
        "---\ntitle: EU AI Act\n---\n\n# EU AI Act\n\nThe EU AI Act module is switched off for this AI management "
        "system. Set `frameworks.eu_ai_act: true` in `aims.yml` to show the Act's risk tiers for our AI systems "
        "and the articles mapped to ISO/IEC 42001.\n")
    assert pages[links.FRAMEWORKS] == (
        "---\ntitle: Frameworks\n---\n\n# Frameworks and crosswalks\n\n"
        "- [NIST AI RMF crosswalk](nist-ai-rmf.md) — AI RMF subcategories mapped to ISO/IEC 42001.\n"
        "- [Clauses 4 to 10](../clauses.md) — the management system requirements.\n")


def test_with_the_eu_ai_act_on_the_index_links_its_page(tmp_path: Path) -> None:
    root = build_repository(tmp_path / "aims")
    manifest = root / "aims.yml"
    manifest.write_text(manifest.read_text(encoding="utf-8") + "frameworks:\n  eu_ai_act: true\n", encoding="utf-8")
    pages = _render(root)
    assert "switched off" not in pages[links.EU_AI_ACT]
    assert pages[links.FRAMEWORKS] == (
        "---\ntitle: Frameworks\n---\n\n# Frameworks and crosswalks\n\n"
        "- [NIST AI RMF crosswalk](nist-ai-rmf.md) — AI RMF subcategories mapped to ISO/IEC 42001.\n"
        "- [EU AI Act](eu-ai-act.md) — risk tiers of our AI systems and the articles mapped to ISO/IEC 42001 "
        "controls.\n"
        "- [Clauses 4 to 10](../clauses.md) — the management system requirements.\n")
