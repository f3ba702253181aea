"""The built site in headless Chromium: the pages staff read, search, no console errors, no other hosts."""

from __future__ import annotations

import re

import pytest
from sitekit import REVISED_WORD, REVISION_SUBJECT, search

pytestmark = [pytest.mark.browser, pytest.mark.slow]


@pytest.fixture(scope="module")
def server(site_repo, serve_folder):
    return serve_folder(site_repo / "site")


def open_page(watched_page, server, path: str):
    response = watched_page.page.goto(f"{server.url}/{path}")
    assert response is not None and response.status == 200
    return watched_page.page


def test_dashboard(watched_page, server) -> None:
    page = open_page(watched_page, server, "generated/dashboard/")
    assert page.locator("h1").inner_text().rstrip("¶") == "Dashboard"
    figures = page.locator("table").first.inner_text()
    assert re.search(r"Documented information.*\d+ of \d+ met", figures)
    assert re.search(r"Annex A controls implemented.*\d+ of \d+ applicable", figures)
    for heading in ("Overdue reviews", "Risks by level", "AI systems by EU AI Act tier"):
        assert page.get_by_role("heading", name=heading).count() == 1
    watched_page.screenshot("dashboard")
    watched_page.assert_clean()


def test_policy_page(watched_page, server) -> None:
    page = open_page(watched_page, server, "generated/policies/POL-001/")
    header = page.locator("table").first.inner_text()
    for label in ("Owner", "Approver", "Version", "Next review"):
        assert label in header
    assert "AI governance lead" in header and re.search(r"Version\s+1\.\d", header)
    assert re.search(r"Next review\s+\d{4}-\d{2}-\d{2}", header)
    history = page.locator("h2#revision-history + table, h2#revision-history ~ div.md-typeset__scrollwrap table").first
    rows = history.locator("tbody tr")
    assert rows.count() >= 2
    assert REVISION_SUBJECT in rows.first.inner_text()
    assert "Robin Reviewer" in rows.first.inner_text()
    assert re.fullmatch(r"[0-9a-f]{7}", rows.first.locator("code").inner_text())
    # the bake's commit and the revision, both committed on main: one approval row each, newest first
    approvals = page.locator("h2#approval-record + table, h2#approval-record ~ div.md-typeset__scrollwrap table")
    approval_rows = approvals.first.locator("tbody tr")
    assert approval_rows.count() == 2
    assert rows.first.locator("code").inner_text() in approval_rows.first.inner_text()
    assert rows.nth(1).locator("code").inner_text() in approval_rows.nth(1).inner_text()
    watched_page.screenshot("policy")
    watched_page.assert_clean()


def test_statement_of_applicability(watched_page, server) -> None:
    page = open_page(watched_page, server, "generated/soa/")
    headings = page.locator("article h3")
    assert headings.count() == 38
    controls = {headings.nth(i).get_attribute("id") for i in range(38)}
    assert len(controls) == 38 and "a-6-2-4" in controls
    watched_page.screenshot("soa")
    watched_page.assert_clean()


def test_risk_register_and_heat_map(watched_page, server, site_repo) -> None:
    risk_count = len(list((site_repo / "risks").glob("RISK-*.yaml")))
    page = open_page(watched_page, server, "generated/risks/")
    assert page.locator("article table tbody tr").count() == risk_count
    assert page.locator(".aims-level").count() >= risk_count
    watched_page.screenshot("risk-register")
    page = open_page(watched_page, server, "generated/risks/heat-maps/")
    maps = page.locator("table.aims-heatmap")
    assert maps.count() == 2
    counts = [int(c) for c in maps.first.locator(".aims-heatmap__count").all_inner_texts()]
    assert sum(counts) == risk_count
    assert maps.first.locator("caption").inner_text().startswith("Inherent risk")
    watched_page.screenshot("heat-maps")
    watched_page.assert_clean()


def test_search_finds_a_policy_by_a_word_of_its_body(watched_page, server) -> None:
    page = open_page(watched_page, server, "")
    results = search(page, REVISED_WORD)
    assert "POL-001" in results.first.inner_text()
    watched_page.screenshot("search")
    watched_page.assert_clean()
