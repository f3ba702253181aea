"""Rendering as a pure step: records in, Markdown pages out."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import git
import pytest
from pagetables import tables
from sitekit import commit_change, copy_repository

from aimskit import readiness
from aimskit.records.model import load_repository
from aimskit.site.pipeline import gather_history
from aimskit.site.render import RenderContext, links, render

TODAY = dt.date(2026, 6, 1)


def render_repo(root: Path, **context) -> dict[str, str]:
    repository = load_repository(root)
    return render(RenderContext(repository, TODAY, readiness=readiness.assess(repository, TODAY), **context))


def table_under(page: str, heading: str):
    """The table under ``heading``, or None when that section has no table."""
    return next((t for t in tables(page) if t.heading == heading), None)


def set_field(path: Path, field: str, value: str) -> None:
    text = path.read_text(encoding="utf-8")
    path.write_text(re.sub(rf"(?m)^{field}:.*$", f"{field}: {value}", text, count=1), encoding="utf-8")


@pytest.fixture(scope="module")
def pages(baked_repo: Path) -> dict[str, str]:
    return render_repo(baked_repo)


def test_every_section_page_is_rendered(pages: dict[str, str]) -> None:
    expected = {links.DASHBOARD, links.POLICIES, links.RISKS, links.HEAT_MAPS, links.SYSTEMS, links.ASSESSMENTS,
                links.SOA, links.ROLES, links.OBJECTIVES, links.AUDITS, links.REVIEWS, links.NONCONFORMITIES,
                links.SUPPLIERS, links.CLAUSES, links.FRAMEWORKS, links.NIST, links.EU_AI_ACT, links.TAGS}
    assert expected <= set(pages)
    assert any(path.startswith("policies/POL-") for path in pages)
    assert any(path.startswith("systems/SYS-") for path in pages)


def test_risks_are_rows_with_anchors_not_pages(baked_repo: Path, pages: dict[str, str]) -> None:
    risk_ids = sorted(p.stem for p in (baked_repo / "risks").glob("RISK-*.yaml"))
    assert risk_ids
    assert not [path for path in pages if "RISK-" in path]
    for risk_id in risk_ids:
        assert f'id="{risk_id.lower()}"' in pages[links.RISKS]


def test_soa_lists_each_annex_a_control_once(pages: dict[str, str]) -> None:
    anchors = re.findall(r'class="aims-anchor" id="(a-[0-9-]+)"', pages[links.SOA])
    assert len(anchors) == 38 == len(set(anchors))


def test_heat_maps_are_accessible_tables(pages: dict[str, str]) -> None:
    heat = pages[links.HEAT_MAPS]
    assert heat.count("<caption>") == 2
    assert 'scope="row"' in heat and 'scope="col"' in heat


def test_policy_header_shows_owner_version_and_review(baked_repo: Path, pages: dict[str, str]) -> None:
    policy = pages["policies/POL-001.md"]
    for label in ("Owner", "Approver", "Version", "Status", "Effective", "Next review", "Annex A controls"):
        assert f"**{label}**" in policy
    assert "../roles.md#ai-governance-lead" in policy
    assert "../soa.md#a-2-2" in policy


def test_history_unavailable_is_said_and_revisions_are_listed(baked_repo: Path, tmp_path: Path) -> None:
    unavailable = render_repo(baked_repo, histories={"policies/POL-001.md": None})
    assert "Revision history unavailable" in unavailable["policies/POL-001.md"]
    assert table_under(unavailable["policies/POL-001.md"], "Revision history") is None

    repo = copy_repository(baked_repo, tmp_path / "aims")
    commit_change(repo, "policies/POL-001.md", lambda text: text.rstrip() + "\n\nExceptions are written down.\n",
                  "Write down how exceptions are granted")
    commits = list(git.Repo(repo).iter_commits(paths="policies/POL-001.md"))
    histories, approvals = gather_history(repo, load_repository(repo))
    listed = render_repo(repo, histories=histories, approvals=approvals)["policies/POL-001.md"]
    rows = table_under(listed, "Revision history").rows
    assert [row[1:3] for row in rows] == [["Robin Reviewer", "Write down how exceptions are granted"],
                                          [commits[1].author.name, "Generate the AI management system with aimskit"]]
    assert [row[3] for row in rows] == [commits[0].hexsha[:7], commits[1].hexsha[:7]]
    assert "Revision history unavailable" not in listed


def test_eu_ai_act_page_says_when_the_module_is_off(bake, baked_repo: Path) -> None:
    off = render_repo(bake(eu_ai_act=False))[links.EU_AI_ACT]
    assert "switched off" in off and "Annex III" not in off
    assert "switched off" not in render_repo(baked_repo)[links.EU_AI_ACT]


def test_drafts_are_marked_or_hidden(baked_repo: Path, tmp_path: Path) -> None:
    repo = copy_repository(baked_repo, tmp_path / "aims")
    set_field(repo / "policies" / "POL-002.md", "status", "draft")
    hidden = render_repo(repo)
    assert "policies/POL-002.md" not in hidden
    assert "POL-002.md" not in "".join(hidden.values())
    set_field(repo / "aims.yml", "  show_drafts", "true")
    shown = render_repo(repo)
    assert '!!! warning "Draft"' in shown["policies/POL-002.md"]


def test_a_draft_says_it_is_not_yet_approved(bake) -> None:
    pages = render_repo(bake(example_content=False))
    assert "| **Approved on** | not yet approved |" in pages["policies/POL-001.md"]


def test_output_grows_linearly_with_the_risks(baked_repo: Path, tmp_path: Path) -> None:
    sizes = []
    for count in (100, 200, 400):
        repo = copy_repository(baked_repo, tmp_path / f"aims-{count}")
        multiply_risks(repo, count)
        sizes.append(sum(len(text) for text in render_repo(repo).values()))
    # a fixed part plus the same amount per risk: doubling the added risks doubles the added size
    assert 1.9 < (sizes[2] - sizes[1]) / (sizes[1] - sizes[0]) < 2.1


def multiply_risks(repo: Path, count: int) -> None:
    """Replace the example risks by ``count`` copies with new ids."""
    examples = sorted((repo / "risks").glob("RISK-*.yaml"))
    texts = [p.read_text(encoding="utf-8") for p in examples]
    for path in examples:
        path.unlink()
    for number in range(1, count + 1):
        source = texts[number % len(texts)]
        text = re.sub(r"(?m)^id: .*$", f"id: RISK-{number:05d}", source, count=1)
        (repo / "risks" / f"RISK-{number:05d}.yaml").write_text(text, encoding="utf-8")
