"""Document bodies: raw HTML and attribute lists disabled, unsafe links removed, punctuation disarmed.

Expected values are written by hand from the rules in docs/security.md.
"""

from __future__ import annotations

import pytest

from aimskit.site.render import escape
from aimskit.site.render.sanitise import body, safe_destination

CASES = [
    ("Plain *emphasis* and a [link](https://example.org/a_b).", "Plain *emphasis* and a [link](https://example.org/a_b)."),
    ("<script>alert(1)</script>", "&lt;script>alert(1)&lt;/script>"),
    ("<img src=x onerror=alert(1)>", "&lt;img src=x onerror=alert(1)>"),
    ("# Title {: onclick=\"x\" }", "# Title &#123;: onclick=\"x\" }"),
    ("[a](javascript:alert(1)) b", "a b"),
    ("[a](JaVa&#115;cript:x)", "a"),
    ("[a]( data:text/html,x )", "a"),
    ("![alt](data:image/png;base64,AA)", "alt"),
    ("[a](vbscript:x) [b](mailto:x@example.org) [c](../c.md)", "a [b](mailto:x@example.org) [c](../c.md)"),
    ("[`code`](javascript:x)", "[`code`]&#40;javascript:x&#41;"),
    ("[ref]: javascript:alert(1)", ""),
    ("[ref]: https://example.org", "[ref]: https://example.org"),
    ("keep `<b>` in code", "keep `<b>` in code"),
    ("\\`<i>` is no code span", "\\`&lt;i>` is no code span"),
    ("[[[[[deep]]]]] and [open", "[[[&#91;&#91;deep&#93;&#93;]]] and &#91;open"),
    ("a ) b", "a &#41; b"),
]


@pytest.mark.parametrize(("written", "expected"), CASES)
def test_body(written, expected):
    assert body(written) == expected


def test_a_paragraph_of_punctuation_is_shown_literally_in_one_block():
    text = "*_" * 40 + "\n# not a heading <b>"
    assert body("before\n\n" + text + "\n\nafter") == (
        "before\n\n\n<p class=\"aimskit-literal\">\n" + "*_" * 40 + "<br>\n&#35; not a heading &lt;b&gt;\n</p>\n\n\nafter")


@pytest.mark.parametrize(("destination", "safe"), [
    ("https://x", True), ("HTTP://x", True), ("mailto:a@b", True), ("tel:+1", True), ("page.md#a", True),
    ("#anchor", True), ("javascript:x", False), (" java\tscript:x", False), ("&#x6A;avascript:x", False),
    ("data:x", False), ("file:///etc/passwd", False), ("<javascript:x>", False),
])
def test_safe_destination(destination, safe):
    assert safe_destination(destination) is safe


def test_a_value_of_punctuation_becomes_one_code_span():
    assert escape.text("[" * 40) == "`" + "[" * 40 + "`"
    assert escape.text("`" + "*" * 40) == "`` `" + "*" * 40 + " ``"
    assert escape.text("A title (draft)") == "A title &#40;draft&#41;"
    assert escape.html_text("<b>" * 20) == "&lt;b&gt;" * 20
