"""aimskit's own documentation site builds strictly and loads nothing from third parties."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXTERNAL = re.compile(r"""(?:src|href)=["'](?:https?:)?//""")


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("aimskit-docs")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(ROOT / "mkdocs.yml"),
                             "-d", str(out)], capture_output=True, text=True, env=env, cwd=ROOT)
    assert result.returncode == 0, result.stderr
    return out


@pytest.mark.slow
def test_docs_build_strictly_with_every_reference_page(site: Path):
    for page in (ROOT / "docs" / "reference").glob("*.md"):
        target = "reference/index.html" if page.stem == "index" else f"reference/{page.stem}/index.html"
        assert (site / target).is_file(), target
    assert (site / "search" / "search_index.json").is_file()


@pytest.mark.slow
def test_docs_make_no_third_party_requests(site: Path):
    for page in site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        assert "fonts.googleapis" not in html and "fonts.gstatic" not in html, page
        assert not EXTERNAL.search(re.sub(r"<a [^>]*>", "", html)), page


@pytest.mark.slow
def test_patterns_are_said_in_words_in_one_table_cell(site: Path):
    html = (site / "reference" / "soa" / "index.html").read_text(encoding="utf-8")
    assert "a record id: <code>SYS-</code>, <code>RISK-</code>" in html and "[0-9]" not in html


def _commands() -> dict[str, tuple[str, list[str]]]:
    """Each verb → (its help line, the option strings and positional names of its parser)."""
    from aimskit import cli

    parser = cli.build_parser()
    action = next(a for a in parser._actions if a.dest == "command")
    helps = {choice.dest: choice.help or "" for choice in action._choices_actions}
    result = {}
    for name, sub in action.choices.items():
        names = [s for a in sub._actions for s in a.option_strings if s.startswith("--") and s != "--help"]
        names += [a.metavar or a.dest.upper() for a in sub._actions if not a.option_strings]
        result[name] = (helps.get(name, ""), names)
    return result


def _section(text: str, verb: str) -> str:
    match = re.search(rf"^## `aimskit {verb}`\n(.*?)(?=^## |\Z)", text, re.MULTILINE | re.DOTALL)
    assert match, f"docs/cli.md has no section '## `aimskit {verb}`'"
    return match.group(1)


def test_cli_reference_covers_every_verb_and_option():
    text = (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")
    for verb, (help_line, names) in _commands().items():
        section = _section(text, verb)
        if "not available yet" in help_line:
            assert "not available yet in this version" in section.lower(), verb
            continue
        assert "not available yet in this version" not in section.lower(), f"{verb} is implemented now: document it"
        for name in names:
            assert name in section, f"docs/cli.md: `aimskit {verb}` does not mention {name}"


def test_readme_lists_every_verb():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for verb in _commands():
        assert f"| `{verb}" in readme, f"README.md's command table lacks {verb}"


def _prompts() -> list[str]:
    import json

    context = json.loads((ROOT / "cookiecutter.json").read_text(encoding="utf-8"))
    return [key for key in context if not key.startswith("_")]


@pytest.mark.parametrize("page", ["README.md", "docs/getting-started.md"])
def test_every_prompt_is_explained(page: str):
    text = (ROOT / page).read_text(encoding="utf-8")
    rows = re.findall(r"^\| `([a-z_]+)` \|", text, re.MULTILINE)
    missing = [prompt for prompt in _prompts() if prompt not in rows]
    assert not missing, f"{page}: the prompts table lacks {', '.join(missing)} (see cookiecutter.json)"
