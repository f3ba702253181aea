"""Glossary terms linked at their first use in a document's text, and nowhere Markdown would break."""

from __future__ import annotations

import re

import markdown
import pytest

from aimskit.site.render import glossary, sanitise, terms
from aimskit.site.render.links import Linker

LINKER = Linker("policies/POL-001.md")


def linked(text: str) -> str:
    return terms.link_first_uses(text, LINKER)


def term(label: str, anchor: str) -> str:
    return f"[{label}](../glossary.md#{anchor})"


def test_only_the_first_use_of_a_term_is_linked_and_its_case_is_kept() -> None:
    assert linked("Risk comes first. Every risk has an owner; RISK is everywhere.") == \
        f"{term('Risk', 'risk')} comes first. Every risk has an owner; RISK is everywhere."


def test_the_first_use_is_counted_per_document() -> None:
    assert linked("A risk.") == linked("A risk.") == f"A {term('risk', 'risk')}."


def test_a_longer_term_wins_over_a_term_inside_it() -> None:
    assert linked("Our residual risk stays below the risk appetite; each risk is scored.") == (
        f"Our {term('residual risk', 'residual-risk')} stays below the {term('risk appetite', 'risk-appetite')}; "
        f"each {term('risk', 'risk')} is scored.")
    assert linked("An impact assessment weighs the impact.") == \
        f"An {term('impact assessment', 'impact-assessment')} weighs the {term('impact', 'impact')}."


@pytest.mark.parametrize("text", ["risky", "at-risk", "risk-based", "brisk", "risk_owner", "risks/RISK-001",
                                  "policy.md", "a/risk", "team@risk.example"])
def test_only_whole_words_are_terms(text: str) -> None:
    assert linked(text) == text


def test_plurals_are_uses_and_abbreviations_match_only_as_written() -> None:
    assert linked("Two risks and three policies.") == \
        f"Two {term('risks', 'risk')} and three {term('policies', 'policy')}."
    assert linked("The team aims high; the AIMS is ours.") == \
        f"The team aims high; the {term('AIMS', 'ai-management-system')} is ours."
    assert linked("Our Statement of Applicability (SoA) and the SoA.") == \
        f"Our {term('Statement of Applicability', 'statement-of-applicability')} (SoA) and the SoA."


def test_a_term_across_a_line_break_or_any_white_space_is_one_link() -> None:
    assert linked("The residual\nrisk is low.") == f"The {term('residual risk', 'residual-risk')} is low."
    assert linked("- The residual\n  risk is low.") == f"- The {term('residual risk', 'residual-risk')} is low."
    assert linked("The residual  risk is low.") == f"The {term('residual risk', 'residual-risk')} is low."


@pytest.mark.parametrize("text", [
    "## Risk\n\nThe risk.", "Risk\n====\n\nThe risk.", "Risk\n----\n\nThe risk.",
    "`risk` and the risk.", "``a ` risk`` and the risk.", "[the risk](x.md) and the risk.",
    "![risk](x.png) and the risk.", "[risk][ref] and the risk.", "[risk] and the risk.",
    "```\nrisk\n```\n\nThe risk.", "~~~\nrisk\n~~~\n\nThe risk.", "    risk\n\nThe risk.",
    '<p class="aimskit-literal">\nrisk\n</p>\n\nThe risk.', "[ref]: http://x.org/ \"risk\"\n\nThe risk.",
    '!!! note "Risk"\n\n    The risk.', "| Risk | Owner |\n|---|---|\n| The risk | me |",
    "See https://example.org/?risk=1 and the risk.", "&risk; and the risk.",
])
def test_no_link_in_headings_code_links_html_or_addresses(text: str) -> None:
    expected = re.sub(r"\brisk\.$|\brisk \|", lambda m: m.group().replace("risk", term("risk", "risk")), text)
    assert linked(text) == expected


def test_lists_and_tables_keep_their_structure() -> None:
    text = "- a risk\n- a control\n  under the risk appetite\n\n| Who | What |\n|---|---|\n| me | a policy |\n"
    assert linked(text) == (f"- a {term('risk', 'risk')}\n- a {term('control', 'control')}\n  under the "
                            f"{term('risk appetite', 'risk-appetite')}\n\n| Who | What |\n|---|---|\n"
                            f"| me | a {term('policy', 'policy')} |\n")


def test_the_rendered_html_has_the_links_and_the_same_structure() -> None:
    text = sanitise.body("Intro on the risk appetite.\n\n- an AI system\n- a `risk` in code\n\n"
                         "| Term | Use |\n|---|---|\n| x | our policy |\n\n## Controls\n\nEach control <b>counts</b>.")
    before = markdown.markdown(text, extensions=["tables", "attr_list", "admonition"])
    after = markdown.markdown(linked(text), extensions=["tables", "attr_list", "admonition"])
    assert re.sub(r"<a [^>]*>|</a>", "", after) == before
    assert after.count('href="../glossary.md#') == 4
    assert "<code>risk</code>" in after and "<h2>Controls</h2>" in after and "&lt;b&gt;" in after


def test_every_glossary_term_can_be_linked() -> None:
    for name, _ in glossary.TERMS:
        words = name.split(" (")[0]
        assert linked(f"About {words}.") == f"About {term(words, glossary.anchor(name))}.", name


def test_linking_stays_linear_on_hostile_text() -> None:
    import time

    start = time.perf_counter()
    for hostile in ("`a " * 40000, "[(" * 40000, "\\`" * 40000, "x@y " * 40000, "a" * 200000, "text\n---\n" * 20000):
        linked(hostile)
    assert time.perf_counter() - start < 5
