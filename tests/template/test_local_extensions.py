"""The template's Jinja helpers: quoting, Markdown escaping, dates and risk-scale rescaling."""

from __future__ import annotations

import html

import markdown
import pytest
import yaml

import local_extensions as ext

NASTY = ['Acme: "AI" Corp #1', "line1\nline2", "back\\slash", "Risk 😀 owner", "NO", "1.10", "{{ x }}",
         "it's", "- dash", "\x85\u2028\x7f\ufeff", "&<b>bold</b>|~~x~~ [link](http://x) {: .c}"]


@pytest.mark.parametrize("value", NASTY)
def test_yaml_quote_round_trips(value):
    assert yaml.safe_load(f"name: {ext.yaml_quote(value)}\n") == {"name": value}


@pytest.mark.parametrize("value", [v for v in NASTY if v.isprintable() or "\n" in v])
def test_md_escape_renders_back_to_the_text_on_one_line(value):
    rendered = markdown.markdown(f"# Policy of {ext.md_escape(value)}", extensions=["attr_list", "tables"])
    assert rendered.startswith("<h1>") and rendered.endswith("</h1>") and "<b>" not in rendered
    assert html.unescape(rendered[len("<h1>Policy of "):-len("</h1>")]) == " ".join(value.split())


@pytest.mark.parametrize(("value", "matrix", "expected"), [
    (1, "5x5", 1), (4, "5x5", 4), (5, "5x5", 5),
    (1, "4x4", 1), (2, "4x4", 2), (3, "4x4", 3), (4, "4x4", 4), (5, "4x4", 4),
    (1, "3x3", 1), (2, "3x3", 2), (3, "3x3", 2), (4, "3x3", 3), (5, "3x3", 3),
])
def test_rescale_maps_a_five_point_value_onto_the_matrix(value, matrix, expected):
    assert ext.rescale(value, matrix) == expected


@pytest.mark.parametrize(("day", "months", "expected"), [
    ("2026-01-31", 1, "2026-02-28"), ("2024-01-31", 1, "2024-02-29"), ("2026-11-26", 12, "2027-11-26"),
    ("2026-11-26", 2, "2027-01-26"), ("2026-03-15", -3, "2025-12-15"), ("2026-05-01", "36", "2029-05-01"),
])
def test_add_months(day, months, expected):
    assert ext.add_months(day, months) == expected


def test_add_days():
    assert ext.add_days("2026-03-01", -1) == "2026-02-28"


@pytest.mark.parametrize(("organisation", "slug"), [
    ("Northwind Analytics", "northwind-analytics-aims"),
    ("3M", "3m-aims"),
    ("1&1", "1-1-aims"),
    ("&&& !!!", "aims"),
    ("Ελληνικά Δεδομένα", "ellenika-dedomena-aims"),
    ("株式会社", "zhu-shi-hui-she-aims"),
    ("", "aims"),
])
def test_default_slug_is_a_valid_folder_name_for_any_organisation(organisation, slug):
    import importlib.util

    spec = importlib.util.spec_from_file_location("pre_gen_for_slug", ext.ROOT / "hooks" / "pre_gen_project.py")
    pre_gen = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(pre_gen)
    assert ext.default_slug(organisation) == slug
    assert pre_gen.problems({"organisation_name": organisation or "x", "project_slug": slug,
                             "governance_lead_handle": "@alex", "review_cycle_months": "12"}) == []
