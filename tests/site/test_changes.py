"""What changed in a policy: change notes per version, the version history, the word-by-word
comparison with an earlier version (from git, at build time), and "Latest changes" on the home page."""

from __future__ import annotations

import datetime as dt
import re
import typing as t
from pathlib import Path

import pytest
from sitekit import ADDED_WORDS, ARTIFACTS, POLICY_NOTES, REMOVED_WORDS, commit_policy_versions, copy_repository

from aimskit.site.pipeline import validate_and_render
from aimskit.site.render import changes
from aimskit.site.render.home import HOME_FRAGMENT

PHONE = {"width": 390, "height": 844}


def test_the_comparison_marks_removed_and_added_words_with_labels_and_escapes_them() -> None:
    old = "# Scope\n\nStaff may use <b>tools</b> & assistants.\n\nUnchanged paragraph."
    new = "# Scope\n\nStaff may use <script>x</script> & approved assistants.\n\nUnchanged paragraph."
    html = "".join(changes.compare_text(old, new))
    assert "<script>" not in html and "<b>" not in html
    assert "&lt;" in html and "&gt;" in html
    added = re.findall(r"<ins><span class=\"aims-visually-hidden\">\[added: </span>(.*?)<span", html)
    removed = re.findall(r"<del><span class=\"aims-visually-hidden\">\[removed: </span>(.*?)<span", html)
    assert any("script" in words for words in added) and any("approved" in words for words in added)
    assert any("tools" in words for words in removed)
    assert "In “Scope”" in html and "Unchanged paragraph" not in html


def test_an_unchanged_text_has_no_passages_and_a_huge_change_stays_bounded() -> None:
    assert changes.compare_text("Same.\n\nText.", "Same.\n\nText.") == []
    old, new = " ".join(["alpha"] * 20000), " ".join(["beta"] * 20000)
    html = "".join(changes.compare_text(old, new))
    assert html.count("<del>") == 1 and html.count("<ins>") == 1


@pytest.fixture(scope="module")
def rendered(baked_repo: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    repo = copy_repository(baked_repo, tmp_path_factory.mktemp("changes") / "aims")
    commit_policy_versions(repo, dt.date.today())
    result = validate_and_render(repo)
    assert result.pages is not None
    return result.pages


def test_the_policy_page_lists_each_version_with_its_date_approver_and_note(rendered) -> None:
    page = rendered["policies/POL-001.md"]
    section = page.split("## Versions", 1)[1].split("## Revision history", 1)[0]
    rows = [line for line in section.splitlines() if re.match(r"\| 1\.\d ", line)]
    assert [row.split("|")[1].strip() for row in rows] == ["1.2", "1.1", "1.0"]
    assert "Text written with an AI assistant" in rows[0] and "executive sponsor" in rows[1]
    assert "First version." in rows[2]
    assert all(re.search(r"\| \d{4}-\d{2}-\d{2} \|", row) for row in rows)
    assert all("Executive sponsor" in row for row in rows)
    assert section.count('<details class="aims-changes">') == 2
    since_first = section.split("Changes since version 1.0", 1)[1].split("</details>", 1)[0]
    assert f"{REMOVED_WORDS}<span" in since_first and f"{ADDED_WORDS}<span" in since_first
    assert "Labelling" in since_first


def test_latest_changes_lists_versions_that_took_effect_with_their_notes(rendered) -> None:
    home = rendered[HOME_FRAGMENT].split("## Latest changes", 1)[1].split("##", 1)[0]
    items = [line for line in home.splitlines() if line.startswith("- ")]
    assert len(items) == 2 and "version 1.2" in items[0] and "version 1.1" in items[1]
    assert "AI assistant" in items[0] and "Generate" not in home
    dates = [re.match(r"- (\d{4}-\d{2}-\d{2})", item).group(1) for item in items]
    assert dates == sorted(dates, reverse=True)


def test_a_fresh_repository_says_no_changes_yet(baked_repo: Path) -> None:
    home = validate_and_render(baked_repo).pages[HOME_FRAGMENT]
    latest = home.split("## Latest changes", 1)[1].split("##", 1)[0]
    assert "No changes yet" in latest and "Generate the AI management system" not in latest


# ---- in the browser, on a phone, with both engines ----

@pytest.fixture(scope="module")
def servers(versions_repo, serve_folder) -> dict[str, t.Any]:
    return {"mkdocs": serve_folder(versions_repo / "site"), "zensical": serve_folder(versions_repo / "zensical-site")}


@pytest.mark.browser
@pytest.mark.slow
@pytest.mark.parametrize("engine", ["mkdocs", "zensical"])
def test_what_changed_in_the_ai_policy_since_version_1_0_is_answered_on_its_page(browser, servers, engine) -> None:
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    page.goto(servers[engine].url + "/generated/policies/POL-001/")
    versions = page.locator("h2#versions ~ * table, h2#versions + table").first
    rows = versions.locator("tbody tr")
    assert rows.count() == 3
    assert POLICY_NOTES["1.2"] in rows.nth(0).inner_text() and POLICY_NOTES["1.1"] in rows.nth(1).inner_text()
    since = page.locator("details.aims-changes", has_text="Changes since version 1.0")
    assert since.count() == 1 and not since.locator("ins").first.is_visible()
    since.locator("summary").click()
    assert since.locator("ins", has_text=ADDED_WORDS).first.is_visible()
    assert since.locator("del", has_text=REMOVED_WORDS).first.is_visible()
    assert "[added: " in since.locator("ins").first.text_content()
    assert page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth") <= 0
    ARTIFACTS.mkdir(exist_ok=True)
    page.locator("h2#versions").evaluate("e => e.scrollIntoView()")
    page.screenshot(path=str(ARTIFACTS / f"staff-phone-policy-versions-{engine}.png"))
    since.evaluate("e => e.scrollIntoView()")
    page.screenshot(path=str(ARTIFACTS / f"staff-phone-policy-changes-{engine}.png"))
    page.goto(servers[engine].url + "/")
    latest = page.locator("h2#latest-changes + p + ul").inner_text()
    assert POLICY_NOTES["1.2"] in latest and latest.index("1.2") < latest.index("1.1")
    context.close()
