"""Small parts of the renderer: code-host links, contact routes, plain words for repository paths."""

from __future__ import annotations

import pytest

import datetime as dt
from pathlib import Path

from aimskit.records import kinds
from aimskit.records.document import Document
from aimskit.records.model import Record, Repository
from aimskit.site.render import codehost, links, people, plain, risks, sections, soa, tables
from aimskit.site.render.context import RenderContext
from aimskit.site.render.links import Linker, href, relative_path

SHA = "0123456789abcdef0123456789abcdef01234567"


@pytest.mark.parametrize(("manifest", "expected"), [
    ({"site": {"repo_url": "https://github.com/acme/aims"}}, f"https://github.com/acme/aims/commit/{SHA}"),
    ({"site": {"repo_url": "https://github.com/acme/aims.git/"}}, f"https://github.com/acme/aims/commit/{SHA}"),
    ({"site": {"repo_url": "https://gitlab.com/acme/aims"}}, f"https://gitlab.com/acme/aims/-/commit/{SHA}"),
    ({"ci": "gitlab", "site": {"repo_url": "https://git.acme.org/aims"}}, f"https://git.acme.org/aims/-/commit/{SHA}"),
    ({"site": {"repo_url": "javascript:alert(1)"}}, None),
    ({"site": {"repo_url": "http://github.com/acme/aims"}}, None),
    ({"site": {}}, None),
    ({}, None),
])
def test_commit_url(manifest, expected) -> None:
    assert codehost.commit_url(manifest, SHA) == expected


def test_commit_url_needs_a_commit_id_and_quotes_the_address() -> None:
    manifest = {"site": {"repo_url": 'https://github.com/acme/aims"><script>'}}
    assert codehost.commit_url(manifest, "not-a-sha") is None
    url = codehost.commit_url(manifest, SHA)
    assert url is not None and '"' not in url and "<" not in url


def test_contact_routes_are_links_or_text_and_never_markup() -> None:
    routes = people.contact_routes({"name": "A", "email": "a.b@example.org", "channel": "https://chat.example.org/x"})
    assert routes[0] == '<a href="mailto:a.b@example.org">a.b@example.org</a>'
    assert routes[1] == '<a href="https://chat.example.org/x">https&#58;//chat.example.org/x</a>'
    hostile = people.contact_routes({"email": '"><img src=x>@x', "channel": "<b>#ai</b>"})
    assert "<img" not in "".join(hostile) and "<b>" not in "".join(hostile)


def test_who_shows_a_vacant_role_and_names_a_real_holder() -> None:
    class Role:
        def __init__(self, holders):
            self.data = {"title": "Data protection officer", "holders": holders}

    linker = Linker("policies/POL-001.md", roles={
        "dpo": Role([{"name": "Privacy office (replace with the data protection officer)"}]),
        "lead": Role([{"name": "Alex Morgan", "channel": "#ai"}])})
    assert linker.roles and people.who(linker, "dpo").endswith(": vacant")
    assert people.who(linker, "lead").endswith(": Alex Morgan — &#35;ai")


@pytest.mark.parametrize(("text", "expected"), [
    ("The scope recorded in `aims.yml` applies.",
     "The scope recorded in [the scope and context](../scope.md) applies."),
    ("Roles are defined in `roles/`.", "Roles are defined in [the roles](../roles.md)."),
    ("Needs the `accept-risk` authority.", "Needs the “accept risk” authority."),
    ("Run `pip install`.", "Run `pip install`."),
    ("```\n`aims.yml`\n```", "```\n`aims.yml`\n```"),
])
def test_repository_paths_become_words(text, expected) -> None:
    assert plain.staff_text(text, Linker("policies/POL-001.md")) == expected


@pytest.mark.parametrize(("to_page", "start", "expected"), [
    ("risks/index.md", "risks", "index.md"),
    ("soa.md", "risks", "../soa.md"),
    ("../index.md", "risks", "../../index.md"),
    ("../index.md", "", "../index.md"),
    ("soa.md", "", "soa.md"),
    ("frameworks/nist-ai-rmf.md", "risks", "../frameworks/nist-ai-rmf.md"),
    ("a/b/c.md", "a/x", "../b/c.md"),
    ("risks", "risks", "."),
    ("risks/../soa.md", "./risks", "../soa.md"),
    ("soa.md", "risks/..", "soa.md"),
])
def test_relative_path_between_pages(to_page, start, expected) -> None:
    assert relative_path(to_page, start) == expected


def test_href_is_relative_and_quoted() -> None:
    assert href("risks/RISK-001.md", "roles.md", "ML lead") == "../roles.md#ml-lead"
    assert href("risks/RISK-001.md", "systems/SYS 1.md") == "../systems/SYS%201.md"


@pytest.mark.parametrize(("flags", "said"), [
    ([True, False], "1 of these records is an example that came"),
    ([True, True, False], "2 of these records are examples that came"),
])
def test_the_example_banner_counts_the_examples_in_words(flags: list[bool], said: str) -> None:
    banner = "\n".join(tables.examples_banner([{"example": flag} for flag in flags]))
    assert said in banner


def test_a_list_without_examples_has_no_banner() -> None:
    assert tables.examples_banner([{"example": False}, {}]) == []


def test_a_long_evidence_list_counts_the_files_of_each_folder_the_top_level_included() -> None:
    paths = ["a.csv", "b.csv", "evidence/x.pdf", "evidence/y.pdf", "evidence/z.pdf", "policies/p.md", "q.txt"]
    shown = links.evidence(Linker("systems/SYS-001.md"), paths)
    assert shown == ("<code>./</code> &#40;3&#41;, <code>evidence/</code> &#40;3&#41;, "
                     "[The policies &#40;1&#41;](../policies/index.md)")


@pytest.mark.parametrize("page", ["dashboard.md", "whats-new.md"])
def test_a_page_of_the_home_section_leads_home_once(page: str) -> None:
    crumb = sections.breadcrumb(page, "This page")
    assert crumb.count(">Home<") + crumb.count("[Home]") == 1


@pytest.mark.parametrize(("applicable", "badge"), [
    (True, '<span class="aims-badge aims-badge--applicable">yes</span>'),
    (False, '<span class="aims-badge aims-badge--excluded">no</span>'),
    (None, '<span class="aims-badge aims-badge--excluded">not decided</span>'),
])
def test_an_soa_entry_shows_whether_it_applies_as_a_badge(applicable: object, badge: str) -> None:
    assert soa._applicable(applicable) == badge


def _risk_pages() -> dict[str, str]:
    method = {"likelihood": [{"value": v} for v in (1, 2, 3)], "impact": [{"value": v} for v in (1, 2, 3)],
              "levels": [{"name": "low", "min": 1, "max": 9}], "appetite": 3}
    found = {kinds.MANIFEST.name: [Record(kinds.MANIFEST, Document("aims.yml", {"risk_method": method}, None, None))]}
    return risks.render(RenderContext(Repository(Path("/nowhere"), found), dt.date(2026, 6, 1)))


def test_the_risk_register_says_which_scores_need_an_acceptance() -> None:
    register = _risk_pages()["risks/index.md"]
    assert "scores above the [appetite](../glossary.md#risk-appetite) of 3 need a formal " \
           "[acceptance](../glossary.md#risk-acceptance). See the [heat maps]" in register


def test_the_heat_maps_page_has_its_title() -> None:
    assert _risk_pages()["risks/heat-maps.md"].startswith("---\ntitle: Risk heat maps\n---\n\n# Risk heat maps\n")
