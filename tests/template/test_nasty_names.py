"""Organisation and lead names typed at the real prompt reach YAML and Markdown intact and inert."""

from __future__ import annotations

import html
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import markdown
import pytest
from bakes import bake_template
from template_checks import TEMPLATE_ROOT, assert_valid_bake

from aimskit.records.loading import load_markdown_file
from aimskit.records.model import load_repository

INJECTION = '"; __import__("pathlib").Path("MARKER").touch(); "'
TYPED_NAMES = {
    "quotes-colon-hash": 'Acme: "AI" Corp #1',
    "apostrophe-ampersand-backslash": "O'Brien & Sons \\ Partners",
    "emoji": "Risk 😀 Labs",
    "yaml-bool": "NO",
    "yaml-float": "1.10",
    "jinja": "{{ x }} Holdings",
    "python-injection": INJECTION,
    "markdown-html": "<script>alert(1)</script> *Bold* [x](y) | ~z~",
}


def prompt_answers(name: str) -> str:
    """Stdin for the prompts, in cookiecutter.json order; empty lines take the defaults."""
    lines = [name, "nasty-aims", "", "", "", "", "", "", name, "@lead", "", "", ""]
    return "\n".join(lines) + "\n"


def bake_at_prompt(tmp_path: Path, name: str) -> Path:
    env = {**os.environ, "PYTHONIOENCODING": "utf-8", "AIMSKIT_NO_GIT_COMMIT": "1", "HOME": str(tmp_path)}
    done = subprocess.run([sys.executable, "-m", "cookiecutter", "-o", str(tmp_path / "out"), str(TEMPLATE_ROOT)],
                          input=prompt_answers(name), text=True, encoding="utf-8", capture_output=True,
                          cwd=tmp_path, env=env, timeout=120)
    assert done.returncode == 0, done.stderr
    return tmp_path / "out" / "nasty-aims"


def one_line(text: str) -> str:
    return " ".join(text.split())


def markdown_text(source: str) -> str:
    """The visible text of Markdown rendered to HTML."""
    return html.unescape(re.sub(r"<[^>]+>", "", markdown.markdown(source, extensions=["attr_list", "tables"])))


def assert_name_intact(project: Path, name: str) -> None:
    repository = load_repository(project)
    assert repository.manifest["organisation"]["name"] == name
    assert repository.manifest["site"]["title"] == f"{name} AI management system"
    assert f"for example: The AI management system of {name} covers" in repository.manifest["scope"]["statement"]
    holder = repository.roles["ai-governance-lead"].data["holders"][0]
    assert holder["name"] == name
    answers = json.loads((project / ".cookiecutter.json").read_text(encoding="utf-8"))
    assert answers["organisation_name"] == name and answers["governance_lead_name"] == name
    readme = (project / "README.md").read_text(encoding="utf-8")
    heading = markdown.markdown(readme.splitlines()[0])
    assert heading.startswith("<h1>") and "<script>" not in heading
    assert html.unescape(heading[4:-5]) == f"{one_line(name)}: AI management system"
    policy = load_markdown_file("policies/POL-001.md", (project / "policies" / "POL-001.md").read_bytes())
    assert f"{one_line(name)} uses AI" in one_line(markdown_text(policy.body))
    assert "<script>" not in markdown.markdown(policy.body)


@pytest.mark.slow
@pytest.mark.parametrize("name", TYPED_NAMES.values(), ids=TYPED_NAMES.keys())
def test_name_typed_at_the_prompt_loads_back_exactly(tmp_path, name):
    project = bake_at_prompt(tmp_path, name)
    assert_valid_bake(project)
    assert_name_intact(project, name)
    assert not list(tmp_path.rglob("MARKER"))


@pytest.mark.slow
def test_name_with_a_newline_loads_back_exactly(tmp_path):
    name = "Line one\nLine two \\ end\ttab"  # a prompt cannot take a newline; the API can
    project = bake_template(tmp_path / "out", commit=False, organisation_name=name, project_slug="multi-line",
                            governance_lead_name=name)
    assert_valid_bake(project)
    assert_name_intact(project, name)
