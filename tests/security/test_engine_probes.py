"""The site engine runs only what aimskit vetted: each probe of a hostile mkdocs.yml or theme folder
(merge keys, YAML 1.1 booleans, Jinja templates) runs no code (a sentinel file outside the
repository stays absent), changes nothing outside the repository, publishes nothing from outside
it, and ends with a finding (exit 1), never an internal error. Where a build is reached, it is a
real MkDocs and a real Zensical build."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hostile import SECRET, Sandbox, aimskit, listing, unchanged_except

from aimskit.site import config as site_config

HOOK = """\
from pathlib import Path
Path({sentinel!r}).write_text("the hook ran")


def on_config(config):
    Path({sentinel!r}).write_text("the hook ran")
    return config
"""


def _sentinel(sandbox: Sandbox) -> Path:
    return sandbox.outside / "code-ran"


def _append(path: Path, text: str) -> None:
    path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")


def _set(path: Path, pattern: str, replacement: str) -> None:
    text, count = re.subn(pattern, replacement, path.read_text(encoding="utf-8"), flags=re.MULTILINE)
    assert count, pattern
    path.write_text(text, encoding="utf-8")


def _merge_hooks(sandbox: Sandbox) -> None:
    (sandbox.repo / "docs" / "hook.py").write_text(HOOK.format(sentinel=str(_sentinel(sandbox))), encoding="utf-8")
    _append(sandbox.repo / "mkdocs.yml", "<<: {hooks: [docs/hook.py]}\n")


def _merge_site_dir(sandbox: Sandbox) -> None:
    _append(sandbox.repo / "mkdocs.yml", f"<<: {{site_dir: '{sandbox.outside / 'victim'}'}}\n")


def _merge_docs_dir(sandbox: Sandbox) -> None:
    (sandbox.outside / "index.md").write_text(f"# {SECRET}\n", encoding="utf-8")
    _append(sandbox.repo / "mkdocs.yml", f"<<: {{docs_dir: '{sandbox.outside}'}}\n")


def _merge_inherit(sandbox: Sandbox) -> None:
    (sandbox.outside / "hook.py").write_text(HOOK.format(sentinel=str(_sentinel(sandbox))), encoding="utf-8")
    (sandbox.outside / "base.yml").write_text(f"hooks: ['{sandbox.outside / 'hook.py'}']\n", encoding="utf-8")
    _append(sandbox.repo / "mkdocs.yml", f"<<: {{INHERIT: '{sandbox.outside / 'base.yml'}'}}\n")


def _snippets(option: str) -> object:
    def probe(sandbox: Sandbox) -> None:
        _set(sandbox.repo / "mkdocs.yml", r"^      restrict_base_path: true$", f"      {option}")
        _append(sandbox.repo / "docs" / "index.md", f'\n--8<-- "{sandbox.outside / "secret.md"}"\n')
    return probe


def _jinja_overrides(sandbox: Sandbox) -> None:
    _set(sandbox.repo / "mkdocs.yml", r"^  name: material$", "  name: material\n  custom_dir: overrides")
    theme = sandbox.repo / "overrides"
    theme.mkdir()
    command = f"touch {_sentinel(sandbox)}"
    (theme / "main.html").write_text(f"{{{{ lipsum.__globals__['os'].system({command!r}) }}}}\n", encoding="utf-8")
    # Zensical reads a theme folder's mkdocs_theme.yml with PyYAML's full loader
    (theme / "mkdocs_theme.yml").write_text(f"x: !!python/object/apply:os.system [{command!r}]\n", encoding="utf-8")


# Each probe runs once, against one engine or the other: vetting refuses it before any engine starts.
PROBES = [
    ("merge key hooks", _merge_hooks, "mkdocs", "AIMS930"),
    ("merge key site_dir", _merge_site_dir, "zensical", "AIMS930"),
    ("merge key docs_dir", _merge_docs_dir, "mkdocs", "AIMS930"),
    ("merge key INHERIT", _merge_inherit, "zensical", "AIMS930"),
    ("restrict_base_path: off", _snippets("restrict_base_path: off"), "mkdocs", "AIMS901"),
    ("url_download: on", _snippets("url_download: on"), "zensical", "AIMS901"),
    ("Jinja in overrides/main.html", _jinja_overrides, "mkdocs", "AIMS935"),
    ("Jinja in overrides/main.html (zensical)", _jinja_overrides, "zensical", "AIMS935"),
]


@pytest.mark.slow
@pytest.mark.parametrize(("probe", "engine", "code"), [case[1:] for case in PROBES], ids=[case[0] for case in PROBES])
def test_a_probe_is_refused_with_a_finding_and_runs_nothing(sandbox: Sandbox, probe, engine: str, code: str) -> None:
    probe(sandbox)
    before = listing(sandbox.root)
    run = aimskit("--repo", str(sandbox.repo), "build", "--engine", engine)
    assert run.code == 1, run
    assert re.search(rf"^(mkdocs\.yml|overrides/[\w./]+):\d+:\d+: error {code} ", run.stdout, re.MULTILINE), run.stdout
    assert "internal error" not in run.stderr
    assert not _sentinel(sandbox).exists()
    assert unchanged_except(before, listing(sandbox.root)) == set()
    assert not list(sandbox.repo.glob(".aimskit-build-*"))


@pytest.mark.slow
@pytest.mark.parametrize("engine", ["mkdocs", "zensical"])
def test_an_older_repository_builds_with_aimskit_templates_and_its_static_files(sandbox: Sandbox, engine: str) -> None:
    """A repository made before the templates moved into aimskit keeps its theme folder: its copy of
    aimskit's override is recognised, its stylesheet is published, no template of it runs. Its
    YAML 1.1 booleans mean what the engine would read: yes is true."""
    config = sandbox.repo / "mkdocs.yml"
    _set(config, r"^  name: material$", "  name: material\n  custom_dir: overrides")
    _set(config, r"^      restrict_base_path: true$", "      restrict_base_path: yes")
    _set(config, r"^use_directory_urls: true$", "use_directory_urls: on")
    theme = sandbox.repo / "overrides"
    (theme / "partials").mkdir(parents=True)
    (theme / "partials" / "search.html").write_bytes((site_config.THEME_DIR / "partials" / "search.html").read_bytes())
    (theme / "stylesheets").mkdir()
    (theme / "stylesheets" / "brand.css").write_text(".md-header { background: #123456; }\n", encoding="utf-8")
    before = listing(sandbox.root)
    run = aimskit("--repo", str(sandbox.repo), "build", "--engine", engine)
    assert run.code == 0, run
    site = sandbox.repo / "site"
    assert "#123456" in (site / "stylesheets" / "brand.css").read_text(encoding="utf-8")
    assert 'role="dialog" aria-label="Search"' in (site / "index.html").read_text(encoding="utf-8")
    assert (site / "policies" / "index.html").exists() or (site / "generated" / "policies" / "index.html").exists()
    assert unchanged_except(before, listing(sandbox.root), "repo/site", "repo/docs/generated", "repo/.aimskit/") == set()


@pytest.mark.slow
@pytest.mark.parametrize("engine", ["mkdocs", "zensical"])
def test_a_snippet_from_outside_is_not_published(sandbox: Sandbox, engine: str) -> None:
    """restrict_base_path: yes is read as true, as the engine reads it: the include is refused by the engine."""
    _snippets("restrict_base_path: yes")(sandbox)
    before = listing(sandbox.root)
    run = aimskit("--repo", str(sandbox.repo), "build", "--engine", engine)
    assert run.code == 1 and "internal error" not in run.stderr, run
    assert f"the {engine} build failed" in run.stderr and "secret.md" in run.stderr, run
    assert not (sandbox.repo / "site").exists() or all(
        SECRET not in path.read_text(encoding="utf-8", errors="replace")
        for path in (sandbox.repo / "site").rglob("*") if path.is_file())
    assert unchanged_except(before, listing(sandbox.root)) == set()
