"""Injection into outputs: terminal and CI-log output, the site, and `aimskit new` answers."""

from __future__ import annotations

import html.parser
from pathlib import Path

import pytest
import yaml
from hostile import aimskit, listing, unchanged_except

FORGED = ("\n::error file=aims.yml,line=1::forged\x1b]0;pwned\x07\x1b[31mred\r::warning::again\u202e"
          " ##[error]legacy\n##[add-mask]secret  ###[warning]three")


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _assert_defused(output: str, annotations: bool = False) -> None:
    for char in ("\x1b", "\x07", "\r", "\u202e"):
        assert char not in output, repr(char)
    assert "##[" not in output  # GitHub's runner parses a legacy command anywhere in a line
    for line in output.splitlines():
        if line.lstrip().startswith("::"):
            assert annotations and line.startswith(("::error file=", "::warning file=",
                                                    "::notice title=aimskit::")), line
            assert "::forged" not in line.split("::", 2)[1], line


@pytest.mark.slow
def test_values_and_file_names_cannot_forge_output_lines(sandbox):
    risk = sandbox.repo / "risks" / "RISK-001.yaml"
    _edit(risk, "\nowner: ml-engineering-lead\n", "\nowner: " + yaml.safe_dump(f"x{FORGED}").split("\n...")[0].strip() + "\n")
    (sandbox.repo / "risks" / "RISK-950\n::error::forged.yaml").write_text("id: RISK-950\n", encoding="utf-8")
    before = listing(sandbox.root)
    text = aimskit("--repo", str(sandbox.repo), "validate")
    assert text.code == 1 and "risks/RISK-001.yaml:" in text.stdout, text
    assert "risks/RISK-950⏎::error::forged.yaml:" in text.stdout
    _assert_defused(text.stdout + text.stderr)
    github = aimskit("--repo", str(sandbox.repo), "validate", "--format", "github")
    assert github.code == 1 and "::error file=risks/RISK-001.yaml," in github.stdout, github
    _assert_defused(github.stdout + github.stderr, annotations=True)
    check = aimskit("--repo", str(sandbox.repo), "codeowners", "--check")
    _assert_defused(check.stdout + check.stderr)
    assert unchanged_except(before, listing(sandbox.root)) == set()
    (sandbox.repo / "risks" / "RISK-951\n::error::forged ##[error]x\x1b[2J.yaml").write_text(
        "id: RISK-951\nexample: true\n", encoding="utf-8")
    listed = aimskit("--repo", str(sandbox.repo), "examples", "list")
    assert listed.code == 0 and "risks/RISK-951⏎::error::forged # #[error]x[2J.yaml" in listed.stdout, listed
    _assert_defused(listed.stdout + listed.stderr)


class _Elements(html.parser.HTMLParser):
    """The elements, attributes, script contents and visible text of a page."""

    def __init__(self) -> None:
        super().__init__()
        self.attributes: list[tuple[str, str, str]] = []
        self.scripts: list[str] = []
        self.text = ""
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        self.attributes += [(tag, name, value or "") for name, value in attrs]
        self._in_script = tag == "script"

    def handle_endtag(self, tag):
        self._in_script = False

    def handle_data(self, data):
        if self._in_script:
            self.scripts.append(data)
        self.text += data


HOSTILE_BODY = """
Plain words stay.

<script>alert("script")</script>

<img src=x onerror="alert('img')"> and <a href="javascript:alert('a')">raw link</a>

A [markdown link](javascript:alert('md')) and [an entity one](jav&#x61;script:alert('ent')),
an ![image](data:text/html;base64,PHNjcmlwdD4=) and [a fine one](https://example.org/ok).

## Heading with attributes {: onclick="alert('attr')" }

[ref]: javascript:alert('ref')
"""


@pytest.mark.slow
def test_policy_bodies_add_no_html_script_or_unsafe_links_to_the_site(sandbox):
    policy = sandbox.repo / "policies" / "POL-001.md"
    policy.write_text(policy.read_text(encoding="utf-8").rstrip() + "\n" + HOSTILE_BODY, encoding="utf-8")
    assert aimskit("--repo", str(sandbox.repo), "approve", "POL-001", "--version", "9.0").code == 0
    before = listing(sandbox.outside)
    run = aimskit("--repo", str(sandbox.repo), "build", timeout=600)
    assert run.code == 0, run
    pages = [p for p in (sandbox.repo / "site").rglob("*.html") if "Plain words stay." in p.read_text("utf-8")]
    assert len(pages) == 1
    page = _Elements()
    page.feed(pages[0].read_text(encoding="utf-8"))
    assert not [text for text in page.scripts if "alert" in text]
    assert not [(tag, name) for tag, name, _ in page.attributes if name.startswith("on")]
    assert not [value for _, name, value in page.attributes
                if name in ("href", "src") and value.strip().lower().startswith(("javascript:", "data:"))]
    assert ("img", "src", "x") not in page.attributes
    assert '<script>alert("script")</script>' in page.text  # shown as the text that was written
    assert "A markdown link and an entity one" in page.text  # the link text is kept
    assert ("a", "href", "https://example.org/ok") in page.attributes
    assert unchanged_except(before, listing(sandbox.outside)) == set()


@pytest.mark.slow
def test_new_answers_are_literal_text(tmp_path):
    sentinel = tmp_path / "evaluated"
    name = "{{ 7 * 7 }} & {% if true %}yes{% endif %} {# note #}"
    attack = "{{ cycler.__init__.__globals__.os.system('touch " + str(sentinel) + "') }}"
    out = tmp_path / "out"
    run = aimskit("new", "--no-input", "-o", str(out), f"organisation_name={name}", "project_slug=literal",
                  f"governance_lead_name={attack}", timeout=600)
    assert run.code == 0, run
    manifest = yaml.safe_load((out / "literal" / "aims.yml").read_text(encoding="utf-8"))
    assert manifest["organisation"]["name"] == name
    assert not sentinel.exists()
    lead = (out / "literal" / "roles" / "ai-governance-lead.yaml").read_text(encoding="utf-8")
    assert yaml.safe_load(lead)["holders"][0]["name"] == attack
