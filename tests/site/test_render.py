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
                links.SUPPLIERS, links.CLAUSES, links.FRAMEWORKS, links.NIST, links.EU_AI_ACT, links.TAGS,
                links.CONTACTS, links.SCOPE, links.GLOSSARY}
    assert expected <= set(pages)
    assert any(path.startswith("policies/POL-") for path in pages)
    assert any(path.startswith("systems/SYS-") for path in pages)


def test_each_risk_has_a_page_linked_from_its_register_row(baked_repo: Path, pages: dict[str, str]) -> None:
    risk_ids = sorted(p.stem for p in (baked_repo / "risks").glob("RISK-*.yaml"))
    assert risk_ids
    assert sorted(path for path in pages if "RISK-" in path) == [f"risks/{i}.md" for i in risk_ids]
    for risk_id in risk_ids:
        assert f'id="{risk_id.lower()}"' in pages[links.RISKS]
        assert f"[{risk_id}]({risk_id}.md)" in pages[links.RISKS]


@pytest.mark.parametrize("folder, prefix", [("suppliers", "SUP"), ("audits", "AUD"),
                                            ("management-reviews", "MR"), ("nonconformities", "NC")])
def test_registers_have_a_page_per_record(baked_repo: Path, pages: dict[str, str], folder, prefix) -> None:
    files = sorted((baked_repo).rglob(f"{prefix}-*.yaml"))
    assert files, prefix
    for file in files:
        record_page = pages[f"{folder}/{file.stem}.md"]
        assert '<nav class="aims-breadcrumb"' in record_page
        assert f"({file.stem}.md)" in pages[f"{folder}/index.md"]


def test_soa_lists_each_annex_a_control_once(pages: dict[str, str]) -> None:
    anchors = re.findall(r'(?m)^### A\.[^\n]*\{ #(a-[0-9-]+) \}$', pages[links.SOA])
    assert len(anchors) == 38 == len(set(anchors))


def test_heat_maps_are_accessible_tables(pages: dict[str, str]) -> None:
    heat = pages[links.HEAT_MAPS]
    assert heat.count("<caption>") == 2
    assert 'scope="row"' in heat and 'scope="col"' in heat


def test_policy_header_shows_owner_version_and_review(baked_repo: Path, pages: dict[str, str]) -> None:
    policy = pages["policies/POL-001.md"]
    for label in ("Owner", "Approver", "Version", "Status", "Effective from", "Next review",
                  "Annex A controls"):
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
    assert "| **Effective from** | not yet in effect |" in pages["policies/POL-001.md"]


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


def test_sections_follow_the_top_level_navigation_of_the_template(baked_repo: Path) -> None:
    from aimskit.site.render.sections import SECTIONS

    config = __import__("yaml").safe_load((baked_repo / "mkdocs.yml").read_text(encoding="utf-8"))
    assert [next(iter(entry)) for entry in config["nav"]] == [section.title for section in SECTIONS]


def test_record_pages_carry_a_breadcrumb_to_their_section(pages: dict[str, str]) -> None:
    risk = pages["risks/RISK-001.md"]
    assert ('<nav class="aims-breadcrumb" aria-label="Breadcrumb" data-aims-tab="4" data-search-exclude '
            'markdown="span">'
            "[Home](../../index.md) › [Risks](index.md) › "
            '<span aria-current="page">RISK-001</span></nav>') in risk
    audit = pages["audits/AUD-001.md"]
    assert "[Assessments](../impact-assessments/index.md) › [Internal audits](index.md)" in audit


def test_placeholder_holders_are_shown_as_vacant_and_people_with_their_contact(pages: dict[str, str]) -> None:
    contacts = pages[links.CONTACTS]
    assert "replace with" not in contacts.lower() and "Privacy office" not in contacts
    assert contacts.count("Vacant: no one is named for this role yet.") == 7
    assert "Alex Morgan — &#35;ai-governance &#40;team chat&#41;" in contacts
    policy = pages["policies/POL-005.md"]  # owned by the data protection officer, a placeholder in the bake
    assert "Data protection officer](../contacts.md#data-protection-officer): vacant" in policy


def test_revisions_link_to_the_code_host_when_the_repository_url_is_known(baked_repo: Path, tmp_path: Path) -> None:
    from aimskit.git import file_history

    repo = copy_repository(baked_repo, tmp_path / "aims")
    text = (repo / "aims.yml").read_text(encoding="utf-8")
    (repo / "aims.yml").write_text(text.replace("site:\n", "site:\n  repo_url: https://github.com/example/aims.git\n"),
                                   encoding="utf-8")
    history = file_history(repo, "policies/POL-001.md")
    assert history
    pages = render_repo(repo, histories={"policies/POL-001.md": history})
    expected = f'<a href="https://github.com/example/aims/commit/{history[0].hexsha}">'
    assert expected in pages["policies/POL-001.md"]
    assert "/commit/" not in pages["partials/home.txt"]  # the home page lists versions, not commits
    assert "<a href=" not in render_repo(baked_repo, histories={"policies/POL-001.md": history})[
        "policies/POL-001.md"].split("## Revision history")[1].split("## Approval record")[0]


def test_control_ids_sort_by_number_and_policy_text_cites_no_repository_path(pages: dict[str, str]) -> None:
    from aimskit.site.render.links import Linker

    assert Linker("x.md").controls(["A.10.3", "A.4.6", "A.2.2"]).index("A.4.6") < \
        Linker("x.md").controls(["A.10.3", "A.4.6", "A.2.2"]).index("A.10.3")
    body = pages["policies/POL-001.md"].split("## Policy")[1]
    assert "`aims.yml`" not in body and "`roles/`" not in body
    assert "[the scope and context](../scope.md)" in body


def test_nist_crosswalk_shows_each_subcategory_with_its_short_title_and_category(pages: dict[str, str]) -> None:
    from aimskit import reference

    crosswalk = table_under(pages[links.NIST], "NIST AI RMF crosswalk")
    assert crosswalk is not None and len(crosswalk.rows) == len(reference.nist_crosswalk())
    first = pages[links.NIST].split("\n| ")[2]  # the first row after the header and the rule
    assert first.startswith("**GOVERN 1.1** Legal and regulatory duties for AI are managed<br>"
                            "*Category GOVERN 1: Policies, processes and practices for AI risk are in place*")
    for subcategory in ("MAP 3.5", "MEASURE 2.11", "MANAGE 4.3"):
        assert f"**{subcategory}** {reference.nist_subcategory_title(subcategory)}<br>" in pages[links.NIST]


def test_policy_text_links_the_first_use_of_glossary_terms(pages: dict[str, str]) -> None:
    body = pages["policies/POL-001.md"].split("## Policy\n")[1].split("## Revision history")[0]
    assert body.count("](../glossary.md#risk-appetite)") == 1
    assert "[AI management system](../glossary.md#ai-management-system) (AIMS)" in body
    assert not re.search(r"(?m)^#+ .*glossary\.md", body)
    assessment = pages["impact-assessments/AIA-001.md"].split("## Assessment\n")[1]
    assert "](../glossary.md#" in assessment
