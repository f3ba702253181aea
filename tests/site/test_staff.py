"""Staff tasks on the built site in headless Chromium, with both engines.

From the home page to the AI policy and its owner's contact, "using AI at work", a risk opened
from the heat map, no sideways scrolling at 390 px, and axe-core on every page (light and dark,
desktop and phone) with no serious or critical violation. Screenshots go to test-artifacts/.
"""

from __future__ import annotations

import typing as t
from pathlib import Path

import pytest
import stafflint
from sitekit import ARTIFACTS, search, zensical_search
from wordbreaks import broken_words

pytestmark = [pytest.mark.browser, pytest.mark.slow]

DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}
ENGINES = ("mkdocs", "zensical")


@pytest.fixture(scope="module")
def servers(site_repo, zensical_site, serve_folder) -> dict[str, t.Any]:
    return {"mkdocs": serve_folder(site_repo / "site"), "zensical": serve_folder(zensical_site)}


def site_pages(root: Path) -> list[str]:
    """Every page of a built site, as URL paths ('' for the home page)."""
    pages = []
    for file in sorted(root.rglob("index.html")):
        folder = file.parent.relative_to(root).as_posix()
        pages.append("" if folder == "." else folder + "/")
    return pages


def new_page(browser, viewport=DESKTOP, scheme="light"):
    context = browser.new_context(viewport=viewport, color_scheme=scheme)
    return context, context.new_page()


def shot(page, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"staff-{name}.png"), full_page=True)


@pytest.mark.parametrize("engine", ENGINES)
def test_from_home_to_the_ai_policy_and_its_owners_contact_in_three_clicks(browser, servers, engine) -> None:
    context, page = new_page(browser)
    page.goto(servers[engine].url + "/")
    page.get_by_role("link", name="Policies", exact=True).first.click()                   # click 1
    page.get_by_role("link", name="Read the policy").first.click()                        # click 2
    assert "POL-001" in page.locator("h1").inner_text()
    ask = page.locator(".admonition.question, details.question").first
    text = ask.inner_text()
    assert "AI governance lead" in text and "Alex Morgan" in text and "#ai-governance" in text
    ask.get_by_role("link", name="AI governance lead").click()                           # click 3
    assert page.url.endswith("/generated/contacts/#ai-governance-lead")
    assert "Alex Morgan" in page.locator("#ai-governance-lead ~ ul").first.inner_text()
    shot(page, f"contacts-{engine}")
    context.close()


@pytest.mark.parametrize("engine", ENGINES)
def test_using_ai_at_work_is_on_the_home_page_and_found_by_search(browser, servers, engine) -> None:
    context, page = new_page(browser)
    page.goto(servers[engine].url + "/")
    assert page.get_by_role("heading", name="Using AI at work").count() == 1
    notice = page.locator(".admonition.warning").first.inner_text()
    assert "In preparation" in notice and "ChatGPT" in notice
    if engine == "mkdocs":  # Zensical's search box is its own component
        results = search(page, "ChatGPT")
        assert results.count() >= 1
    shot(page, f"home-{engine}")
    context.close()


def test_search_for_a_risk_theme_finds_the_risk_and_the_assessment(browser, servers) -> None:
    context, page = new_page(browser)
    page.goto(servers["mkdocs"].url + "/")
    results = search(page, "fairness")
    page.wait_for_timeout(500)
    texts = results.all_inner_texts()
    assert any("RISK-008" in text for text in texts)
    assert any("AIA-001" in text for text in texts)
    assert not any("Statement of Applicability" in text.splitlines()[0] for text in texts[:1])
    shot(page, "search-fairness")
    context.close()


@pytest.mark.parametrize("engine", ENGINES)
def test_a_risk_opens_from_the_heat_map(browser, servers, engine, site_repo) -> None:
    context, page = new_page(browser)
    page.goto(servers[engine].url + "/generated/risks/heat-maps/")
    cell = page.locator("table.aims-heatmap").nth(1).locator("a.aims-heatmap__count").first
    count = int(cell.inner_text())
    cell.click()
    fragment = page.url.rsplit("#", 1)[1]
    risks = page.locator(f"#{fragment} + ul a")
    assert risks.count() == count
    risks.first.click()
    heading = page.locator("h1").inner_text()
    assert heading.startswith("RISK-")
    sections = [h.strip().rstrip("¶").strip() for h in page.locator("article h2").all_inner_texts()]
    assert sections == ["Scores", "Treatment", "Acceptance", "Impact assessments"]
    assert page.locator(".aims-breadcrumb").inner_text().startswith("Home")
    risks_tab = page.locator(".md-tabs__item").nth(3)
    assert risks_tab.inner_text().strip() == "Risks"
    assert risks_tab.locator(".md-tabs__link").evaluate("e => getComputedStyle(e).fontWeight") == "700"
    assert page.locator(".md-tabs__item").nth(1).locator(".md-tabs__link").evaluate(
        "e => getComputedStyle(e).fontWeight") != "700"
    shot(page, f"risk-{engine}")
    context.close()


@pytest.fixture(scope="module")
def every_bake(servers, sector_sites, serve_folder) -> dict[tuple[str, str], t.Any]:
    """A server for each bake and engine: the default bake and the sector bakes."""
    found = {("technology", engine): server for engine, server in servers.items()}
    for name, sites in sector_sites.items():
        for engine, folder in sites.items():
            found[(name, engine)] = serve_folder(folder)
    return found


@pytest.mark.parametrize("engine", ENGINES)
def test_no_page_scrolls_sideways_splits_a_word_or_speaks_jargon_on_a_phone(browser, every_bake, engine) -> None:
    """Every page of every bake at 390 px: nothing wider than the screen, no word split mid-word
    unless it is longer than the screen, and no repository jargon in the text staff read."""
    context, page = new_page(browser, PHONE)
    wide, split, broken_long, jargon = [], [], 0, []
    for (name, on), server in every_bake.items():
        if on != engine:
            continue
        for path in site_pages(server.root):
            page.goto(f"{server.url}/{path}")
            overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
            if overflow > 0:
                wide.append((name, path, overflow))
            words = broken_words(page)
            split.extend((name, path, w["word"]) for w in words if w["avoidable"])
            broken_long += sum(1 for w in words if not w["avoidable"])
            jargon.extend((name, path, *hit) for hit in stafflint.jargon(page.locator("article").inner_text()))
            assert page.locator("article .md-tags").filter(visible=True).count() == 0  # no chips above the title
    page.goto(every_bake[("technology", engine)].url + "/generated/risks/")
    assert page.locator("article table td[data-label='Risk']").count() > 0
    assert page.locator("article table td[data-label='Risk']").first.evaluate("e => getComputedStyle(e).display") \
        == "block"
    shot(page, f"phone-register-{engine}")
    context.close()
    assert wide == []
    assert split == [], f"{len(split)} words split mid-word (and {broken_long} longer than the screen)"
    assert jargon == []


@pytest.mark.parametrize("viewport", ["desktop", "phone"])
@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("engine", ENGINES)
def test_axe_finds_no_serious_or_critical_violation_on_any_page(browser, servers, engine, scheme, viewport) -> None:
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()
    context, page = new_page(browser, DESKTOP if viewport == "desktop" else PHONE, scheme)
    found = []
    pages = site_pages(servers[engine].root)
    for path in pages:
        page.goto(f"{servers[engine].url}/{path}")
        for violation in axe.run(page, options={"resultTypes": ["violations"]}).response["violations"]:
            if violation["impact"] in ("serious", "critical"):
                found.append((path, violation["id"], [n["target"] for n in violation["nodes"][:3]]))
    context.close()
    assert len(pages) > 40
    assert found == []


@pytest.mark.parametrize("engine", ENGINES)
def test_no_two_landmarks_share_a_name_on_a_phone(browser, servers, engine) -> None:
    """axe's landmark-unique (moderate, so outside the serious/critical audit above) on every page at
    390 px: the phone drawer's menus and the search dialog each have a name of their own."""
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()
    only = {"runOnly": {"type": "rule", "values": ["landmark-unique"]}}
    context, page = new_page(browser, PHONE)
    found = []
    pages = site_pages(servers[engine].root)
    for path in pages:
        page.goto(f"{servers[engine].url}/{path}")
        result = axe.run(page, options=only).response
        assert [rule["id"] for kind in ("passes", "violations", "incomplete") for rule in result[kind]] \
            == ["landmark-unique"]  # the rule ran and had landmarks to compare
        found.extend((path, [n["target"] for n in v["nodes"][:3]]) for v in result["violations"])
    page.goto(f"{servers[engine].url}/")
    page.locator("label.md-header__button[for='__drawer']").first.click()  # and with the menu open
    page.wait_for_timeout(300)
    found.extend(("menu open", [n["target"] for n in v["nodes"][:3]])
                 for v in axe.run(page, options=only).response["violations"])
    context.close()
    assert len(pages) > 40
    assert found == []


@pytest.mark.parametrize("engine", ENGINES)
def test_a_printout_names_the_organisation_the_document_its_version_and_a_date(browser, servers, engine) -> None:
    import re

    context, page = new_page(browser)
    page.goto(servers[engine].url + "/generated/policies/POL-001/")
    header = page.locator(".aims-print-header")
    assert not header.is_visible()
    page.emulate_media(media="print")
    assert header.is_visible()
    assert re.fullmatch(r"Example AI Ltd · POL-001 AI policy · version 1\.\d+ · printed \d{4}-\d{2}-\d{2}",
                        header.inner_text().strip())
    assert not page.locator(".md-tabs, .md-sidebar--primary").first.is_visible()
    context.close()


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize("start", ["", "generated/risks/RISK-001/"])
def test_contacts_are_two_taps_away_in_the_phone_menu(browser, servers, engine, start) -> None:
    context, page = new_page(browser, PHONE)
    page.goto(f"{servers[engine].url}/{start}")
    page.locator("label.md-header__button[for='__drawer']").first.click()                 # tap 1
    drawer = page.locator(".md-nav--primary")
    for section in ("Policies", "Risks", "Organisation", "Contacts"):
        assert drawer.get_by_role("link", name=section, exact=True).or_(
            drawer.locator("label.md-nav__link", has_text=section)).filter(visible=True).count() >= 1, section
    drawer.get_by_role("link", name="Contacts", exact=True).filter(visible=True).first.click()   # tap 2
    page.wait_for_url("**/generated/contacts/")
    assert page.locator("h1").inner_text().startswith("Help and contacts")
    if not start:
        shot(page, f"phone-contacts-{engine}")
    context.close()


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize("question", ["who do I ask", "who to contact", "help"])
def test_search_answers_questions_with_the_contacts_page_first(browser, servers, engine, question) -> None:
    """Each engine's own search in the browser: MkDocs ranks by its index's tags and boost, Zensical
    by where the words stand in a section (title first); both put the Contacts page first."""
    context, page = new_page(browser)
    page.goto(servers[engine].url + "/")
    if engine == "mkdocs":
        results = search(page, question)
        page.wait_for_timeout(300)
        first = results.first.locator("a").first
    else:
        results = zensical_search(page, question)
        page.wait_for_timeout(300)  # the worker may still be sorting a longer result list
        first = results.first
    texts = results.all_inner_texts()
    assert first.get_attribute("href").split("?")[0].endswith("/generated/contacts/"), texts[:3]
    assert "Example AI Ltd ·" not in " ".join(texts)  # the print header is not indexed
    assert not any("/generated/tags/" in (href or "") for href in results.locator("a").evaluate_all(
        "links => links.map(a => a.href)") + [first.get_attribute("href")])  # nor the tags page
    context.close()


A4_PORTRAIT = {"width": 718, "height": 1016}  # 190 mm of printable width at 96 px per inch

CLIPPED_CELLS = """() => {
  const width = document.documentElement.clientWidth;
  return [...document.querySelectorAll("article table tbody td")]
    .filter(cell => cell.offsetParent && cell.getBoundingClientRect().right > width + 1).length;
}"""


@pytest.mark.parametrize("engine", ENGINES)
def test_every_table_fits_a_printed_a4_page_in_portrait(browser, servers, engine) -> None:
    context, page = new_page(browser, A4_PORTRAIT)
    page.emulate_media(media="print")
    clipped = []
    for path in site_pages(servers[engine].root):
        page.goto(f"{servers[engine].url}/{path}")
        count = page.evaluate(CLIPPED_CELLS)
        if count:
            clipped.append((path, count))
    page.goto(f"{servers[engine].url}/generated/risks/")
    assert page.locator("article table[data-aims-wide] td[data-label='Next review']").first.is_visible()
    context.close()
    assert clipped == []


@pytest.mark.parametrize("engine", ENGINES)
def test_an_apostrophe_in_the_organisation_shows_as_itself(browser, sector_sites, serve_folder, engine) -> None:
    server = serve_folder(sector_sites["healthcare"][engine])
    context, page = new_page(browser)
    page.goto(server.url + "/")
    titles = page.locator("[title*='Mary']").evaluate_all("nodes => nodes.map(n => n.title)")
    assert titles and all("Saint Mary's Health" in title for title in titles), titles
    context.close()
