"""The escaping module: record values stay text through Markdown, HTML and YAML front matter."""

from __future__ import annotations

import html.parser

import markdown
import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from aimskit.site.render import escape
from aimskit.site.render.tables import page, table

PAYLOADS = ["<script>alert(1)</script>", "<img src=x onerror=alert(1)>"]
MARKDOWN_TRAPS = ["*bold* _em_ `code`", "[link](javascript:alert(1))", "a | b", "# heading", "{: onclick=x }",
                  "![img](x)", "<!-- c -->", "&amp; &lt;", "line1\nline2", "\\*", "1. list", "---", ":smile:"]
EXTENSIONS = ["tables", "attr_list", "md_in_html", "admonition", "toc"]


class _Collector(html.parser.HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.attrs = attrs

    def handle_data(self, data):
        self.text.append(data)


def rendered(source: str) -> _Collector:
    collector = _Collector()
    collector.feed(markdown.markdown(source, extensions=EXTENSIONS))
    return collector


@pytest.mark.parametrize("value", PAYLOADS + MARKDOWN_TRAPS)
def test_inline_text_renders_as_the_same_text(value: str) -> None:
    result = rendered(f"Before {escape.text(value)} after")
    assert result.tags == ["p"]
    assert "".join(result.text) == f"Before {' '.join(value.splitlines())} after"


@pytest.mark.parametrize("value", PAYLOADS + MARKDOWN_TRAPS)
def test_table_cell_keeps_the_table_shape(value: str) -> None:
    result = rendered(table(("A", "B"), [(escape.cell(value), "end")]))
    assert result.tags.count("td") == 2
    assert "script" not in result.tags and "img" not in result.tags
    assert "end" in result.text


@pytest.mark.parametrize("value", PAYLOADS + MARKDOWN_TRAPS)
def test_heading_and_link_text_stay_text(value: str) -> None:
    heading = rendered(escape.heading(2, value, "RISK-001"))
    assert heading.tags == ["h2"]
    assert dict(heading.attrs)["id"] == "risk-001"
    link = rendered(escape.link(value, "policies/POL-001.md"))
    assert link.tags == ["p", "a"]
    assert dict(link.attrs)["href"] == "policies/POL-001.md"


@pytest.mark.parametrize("value", PAYLOADS + ["---\ntitle: x", "a: b", "'quoted\"", "NO", "1.10"])
def test_front_matter_round_trips_the_escaped_title(value: str) -> None:
    text = page(value, "body", tags=[value])
    front, _, body = text.partition("\n---\n")
    fields = yaml.safe_load(front.removeprefix("---\n"))
    assert fields["title"] == escape.title(value)
    assert "<" not in fields["title"] and fields["tags"] == [escape.title(value)]
    assert body.strip() == "body"


def test_link_target_cannot_break_out() -> None:
    assert escape.url('x.md" onmouseover="alert(1)') == "x.md%22%20onmouseover%3D%22alert%281%29"


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), max_size=40))
def test_any_text_survives_markdown_unchanged(value: str) -> None:
    result = rendered(f"x {escape.text(value)} x")
    assert result.tags == ["p"]
    assert " ".join("".join(result.text).split()) == " ".join(f"x {value} x".split())


# Extensions a repository may enable (aimskit.site.config allows them) that act on dashes.
DASH_EXTENSIONS = [*EXTENSIONS, "smarty", "sane_lists", "def_list", "abbr", "pymdownx.smartsymbols",
                   "pymdownx.critic", "pymdownx.betterem", "pymdownx.tilde", "pymdownx.caret", "pymdownx.mark",
                   "pymdownx.keys", "pymdownx.tasklist", "pymdownx.emoji"]


@pytest.mark.parametrize("value", ["RISK-001", "2026-05-04", "a--b", "a---b", "a-->b", "<--a", "- item", "-- x",
                                   "+/-", "-/+", "a -- b", "{--a--}", "~~a~~-b", "co-op", "a-", "-a", "---",
                                   "- [ ] task", "==a==-b", "^^a^^-b", "1-2-3"])
def test_hyphens_stay_text_under_the_extensions_that_act_on_dashes(value: str) -> None:
    collector = _Collector()
    collector.feed(markdown.markdown(f"x {escape.text(value)} x", extensions=DASH_EXTENSIONS))
    assert collector.tags == ["p"]
    assert "".join(collector.text) == f"x {value} x"


def test_a_hyphen_between_letters_or_digits_is_written_as_itself() -> None:
    assert escape.text("RISK-001 due 2026-05-04") == "RISK-001 due 2026-05-04"
    assert escape.text("a - b, -a, a-, a--b") == "a &#45; b, &#45;a, a&#45;, a&#45;&#45;b"
