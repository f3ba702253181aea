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


def _with_eu_ai_act(root: Path) -> Path:
    manifest = root / "aims.yml"
    manifest.write_text(manifest.read_text(encoding="utf-8") + "frameworks:\n  eu_ai_act: true\n", encoding="utf-8")
    return root


def test_with_the_eu_ai_act_on_the_index_links_its_page(tmp_path: Path) -> None:
    pages = _render(_with_eu_ai_act(build_repository(tmp_path / "aims")))
    assert "switched off" not in pages[links.EU_AI_ACT]
    assert pages[links.FRAMEWORKS] == (
        "---\ntitle: Frameworks\n---\n\n# Frameworks and crosswalks\n\n"
        "- [NIST AI RMF crosswalk](nist-ai-rmf.md) — AI RMF subcategories mapped to ISO/IEC 42001.\n"
        "- [EU AI Act](eu-ai-act.md) — risk tiers of our AI systems and the articles mapped to ISO/IEC 42001 "
        "controls.\n"
        "- [Clauses 4 to 10](../clauses.md) — the management system requirements.\n")


def test_the_eu_ai_act_page_counts_our_systems_by_tier_and_maps_the_articles(tmp_path: Path) -> None:
    eu = _render(_with_eu_ai_act(build_repository(tmp_path / "aims")))[links.EU_AI_ACT]
    assert eu.startswith(
        "---\ntitle: EU AI Act\n---\n\n# EU AI Act\n\nRegulation &#40;EU&#41; 2024/1689 &#40;AI Act&#41;: the risk "
        "tier of each of our AI systems, and the articles mapped to ISO/IEC 42001.\n\n"
        "## Our AI systems by risk tier\n\n| Tier | Systems | AI systems |\n|---|---|---|\n"
        "| Prohibited | 0 | &nbsp; |\n"
        "| High-risk | 1 | [SYS-001](../systems/SYS-001.md) |\n"
        "| Limited risk &#40;transparency&#41; | 1 | [SYS-002](../systems/SYS-002.md) |\n"
        "| Minimal risk | 0 | &nbsp; |\n| Not applicable | 0 | &nbsp; |\n| Not yet classified | 0 | &nbsp; |\n\n"
        "## Risk tiers in the regulation\n\n| Tier | Articles |\n|---|---|\n"
        "| unacceptable &#40;prohibited practices&#41; | Art. 5 |\n"
        "| high-risk | Art. 6, Art. 7, Annex I, Annex III |\n"
        "| limited risk &#40;transparency obligations&#41; | Art. 50 |\n"
        "| minimal risk &#40;no specific obligations; voluntary codes of conduct&#41; | Art. 95 |\n\n"
        "## Articles and ISO/IEC 42001\n\n"
        "!!! note \"Editorial mapping\"\n\n    This mapping is derived from headings only; it is not an "
        "authoritative crosswalk. Review it before relying on it.\n\n"
        "| Article | ISO/IEC 42001 &#40;our SoA status&#41; |\n|---|---|\n"
        "| Art. 4 AI literacy | [7.2](../clauses.md#clause-7-2), [7.3](../clauses.md#clause-7-3), "
        "[A.4.6](../soa.md#a-4-6) (implemented) |\n")
    assert "| Art. 18 Documentation keeping | [7.5.3](../clauses.md#clause-7-5-3) |\n" in eu
    assert ("| Art. 43/47/48/49 Conformity assessment, EU declaration of conformity, CE marking, registration "
            "| &nbsp; |\n") in eu


def test_the_nist_crosswalk_shows_each_subcategory_its_soa_status_and_our_policies(tmp_path: Path) -> None:
    nist = _render(build_repository(tmp_path / "aims"))[links.NIST]
    category = "<br>*Category GOVERN 1: Policies, processes and practices for AI risk are in place*"
    assert nist.startswith(
        "---\ntitle: NIST AI RMF crosswalk\n---\n\n# NIST AI RMF crosswalk\n\n"
        "NIST AI RMF 1.0 subcategories mapped to ISO/IEC 42001 clauses and Annex A controls (the crosswalk "
        "published by Microsoft and listed by NIST), with the status of each control in our Statement of "
        "Applicability and our policies that address it. Each subcategory has a short title in our own words "
        "(NIST's text is in NIST AI 100-1), with its category under it.\n\n"
        "| AI RMF subcategory | ISO/IEC 42001 &#40;our SoA status&#41; | Our policies |\n|---|---|---|\n"
        f"| **GOVERN 1.1** Legal and regulatory duties for AI are managed{category} | "
        "[4.1](../clauses.md#clause-4-1), [6.2](../clauses.md#clause-6-2), [A.2.2](../soa.md#a-2-2) (implemented), "
        "[A.2.4](../soa.md#a-2-4) (implemented) | [POL-001](../policies/POL-001.md) |\n")
    assert (f"| **GOVERN 1.3** Risk management effort matches the risk tolerance{category} | "
            "[6.1.2](../clauses.md#clause-6-1-2), [6.1.1](../clauses.md#clause-6-1-1), "
            "[6.1.3](../clauses.md#clause-6-1-3) | &nbsp; |\n") in nist
    # POL-001 names clause 5.2 (and no control of this row): a policy addresses a row by its clauses too
    assert (f"| **GOVERN 2.3** Executive leadership answers for AI risk decisions<br>*Category GOVERN 2: "
            "Accountability structures, roles and training for AI risk* | [5.1](../clauses.md#clause-5-1), "
            "[9.3.1](../clauses.md#clause-9-3-1), [9.3.2](../clauses.md#clause-9-3-2), "
            "[9.3.3](../clauses.md#clause-9-3-3), [5.2](../clauses.md#clause-5-2) | "
            "[POL-001](../policies/POL-001.md) |\n") in nist
