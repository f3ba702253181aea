"""Vetting mkdocs.yml in process: each refusal is a finding at its line, the template's settings
(Material palette, features, logo, favicon, language, font: false) pass, the written configuration
is what was vetted, the repository's theme folder publishes static files only, and the operator
(never the repository) extends the plugins and extensions."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from aimskit.errors import UsageError
from aimskit.site import config as site_config
from aimskit.site.config import Allowances, vet

NONE = Allowances()


@pytest.fixture
def repo(baked_repo: Path, tmp_path: Path) -> Path:
    """The bake's mkdocs.yml and docs/ (all vetting reads) in a folder of its own."""
    root = tmp_path / "repo"
    root.mkdir()
    shutil.copy(baked_repo / "mkdocs.yml", root / "mkdocs.yml")
    shutil.copytree(baked_repo / "docs", root / "docs")
    return root


def refused(root: Path, text: str, allowances: Allowances = NONE) -> list[str]:
    (root / "mkdocs.yml").write_text(text, encoding="utf-8")
    vetted = vet(root, allowances)
    return [finding.format_text() for finding in vetted.findings if finding.severity.value == "error"]


BASE = "site_name: Site\ntheme:\n  name: material\n  font: false\nplugins: [search]\n"


def test_the_template_passes_and_is_written_as_read(baked_repo: Path, repo: Path) -> None:
    vetted = vet(repo, NONE)
    assert vetted.ok, vetted.findings
    assert vetted.settings == yaml.safe_load((baked_repo / "mkdocs.yml").read_text(encoding="utf-8"))
    theme = vetted.settings["theme"]
    assert theme["font"] is False and "navigation.sections" in theme["features"] and theme["palette"]
    written = yaml.safe_load(site_config.dump(site_config.engine_settings(vetted, ".aimskit-theme")))
    assert written["theme"]["custom_dir"] == ".aimskit-theme"
    assert {key: value for key, value in written.items() if key != "theme"} == \
        {key: value for key, value in vetted.settings.items() if key != "theme"}


@pytest.mark.parametrize(("text", "expected"), [
    # merge keys: what the engine would merge is refused where it stands
    (BASE + "<<: {hooks: [docs/hook.py]}\n", "mkdocs.yml:6:1: error AIMS930 merge key '<<'"),
    (BASE + "<<: {site_dir: /tmp/victim}\n", "mkdocs.yml:6:1: error AIMS930"),
    (BASE + "<<: {docs_dir: /etc}\n", "mkdocs.yml:6:1: error AIMS930"),
    (BASE + "<<: {INHERIT: ../outside/base.yml}\n", "mkdocs.yml:6:1: error AIMS930"),
    (BASE + "markdown_extensions:\n  - pymdownx.snippets:\n      <<: {restrict_base_path: false}\n",
     "mkdocs.yml:8:7: error AIMS930"),
    # anchors and aliases
    (BASE + "extra: &x {generator: false}\n", "mkdocs.yml:6:8: error AIMS931 anchor &x"),
    ("x: &a 1\n" + BASE + "copyright: *a\n", "mkdocs.yml:1:4: error AIMS931 anchor &a"),
    # duplicate keys, tags
    (BASE + "site_name: Other\n", "mkdocs.yml:6:1: error AIMS932 'site_name' is set twice (first on line 1)"),
    (BASE + "copyright: !ENV HOME\n", "mkdocs.yml:6:12: error AIMS903 tag !ENV is not allowed"),
    (BASE + "copyright: !!python/object/apply:os.system [true]\n", "error AIMS903 tag !!python/object/apply:os.system "
     "would load Python code"),
    (BASE + "extra_css: [!relative $config_dir]\n", "error AIMS903 tag !relative"),
    (BASE + "copyright: !!binary aGk=\n", "error AIMS903 tag !!binary"),
    (BASE + "copyright: !!int ''\n", "mkdocs.yml:6:12: error AIMS934 '' is not a valid whole number"),
    # YAML 1.1 booleans: read as the engine reads them, refused where they weaken a setting
    (BASE + "markdown_extensions:\n  - pymdownx.snippets:\n      restrict_base_path: off\n",
     "mkdocs.yml:8:7: error AIMS901 pymdownx.snippets restrict_base_path is the boolean false"),
    (BASE + "markdown_extensions:\n  - pymdownx.snippets:\n      url_download: on\n",
     "mkdocs.yml:8:7: error AIMS901 pymdownx.snippets url_download is the boolean true"),
    (BASE + "markdown_extensions:\n  - pymdownx.snippets:\n      restrict_base_path: 'false'\n",
     "error AIMS901 pymdownx.snippets restrict_base_path is a str"),
    (BASE.replace("site_name: Site", "site_name: NO"), "mkdocs.yml:1:1: error AIMS934 site_name must be text, but "
     "YAML reads it as the boolean false"),
    (BASE + "use_directory_urls: 'yes'\n", "error AIMS934 use_directory_urls must be true or false, not a str"),
    (BASE.replace("font: false", "font: {text: Roboto}"), "error AIMS934 theme.font must be false"),
    (BASE + "extra:\n  on: 1\n", "mkdocs.yml:7:3: error AIMS934 the name 'on' is read as the boolean true"),
    # settings beyond the allow-list, and what reaches outside or runs code
    (BASE + "hooks: [docs/hook.py]\n", "mkdocs.yml:6:1: error AIMS902 hooks run Python files"),
    (BASE + "INHERIT: ../base.yml\n", "mkdocs.yml:6:1: error AIMS901 INHERIT"),
    (BASE + "extra_templates: [x.html]\n", "error AIMS935 extra_templates renders files of docs/ as Jinja"),
    (BASE + "dev_addr: 0.0.0.0:80\n", "error AIMS933 dev_addr is a setting of mkdocs serve or gh-deploy"),
    (BASE + "unknown_setting: 1\n", "mkdocs.yml:6:1: error AIMS933 setting 'unknown_setting' is not one aimskit"),
    (BASE + "extra:\n  analytics: {provider: google}\n", "error AIMS933 extra.analytics is not a setting"),
    (BASE + "extra_javascript: [https://cdn.example.com/x.js]\n", "error AIMS934 extra_javascript[0] "
     "'https://cdn.example.com/x.js' is not a file of the site"),
    (BASE + "site_dir: ../outside\n", "mkdocs.yml:6:1: error AIMS901 site_dir '../outside' points outside"),
    (BASE + "docs_dir: /etc\n", "error AIMS901 docs_dir '/etc' is an absolute path"),
    (BASE.replace("font: false", "font: false\n  custom_dir: ../outside"), "error AIMS901 custom_dir '../outside'"),
    (BASE.replace("[search]", "[macros]"), "mkdocs.yml:5:11: error AIMS902 plugin 'macros' is not allowed"),
    (BASE + "markdown_extensions: [pymdownx.b64]\n", "error AIMS902 Markdown extension 'pymdownx.b64' is not allowed"),
    (BASE + "markdown_extensions:\n  - toc:\n      slugify: {object: os.system, kwds: {command: id}}\n",
     "mkdocs.yml:8:7: error AIMS902 option toc: slugify names Python code to run"),
    (BASE + "markdown_extensions:\n  - pymdownx.emoji:\n      emoji_generator: os.system\n",
     "error AIMS902 option pymdownx.emoji: emoji_generator names Python code"),
    (BASE.replace("name: material", "name: mkdocs"), "error AIMS934 theme.name must be material, not 'mkdocs'"),
    ("site_name: Site\n", "error AIMS933 theme is missing"),
    (BASE + "nav:\n  - x\n - y\n", "mkdocs.yml:8:2: error AIMS900 mkdocs.yml is not valid YAML"),
])
def test_refusals_are_findings_at_their_line(repo: Path, text: str, expected: str) -> None:
    findings = refused(repo, text)
    assert any(expected in line for line in findings), findings


def test_deep_nesting_is_refused_without_recursion(repo: Path) -> None:
    text = BASE + "extra:\n  social: " + "[" * 60 + "]" * 60 + "\n"
    assert any("AIMS904 mkdocs.yml is nested more than 50 levels deep" in line for line in refused(repo, text))


def test_material_branding_passes(repo: Path) -> None:
    text = (BASE + """\
  logo: assets/logo.svg
  favicon: assets/favicon.png
  language: de
  icon: {logo: material/shield-check-outline, admonition: {note: octicons/tag-16}}
  palette: {scheme: slate, primary: teal, accent: amber}
  features: [navigation.tabs, navigation.sections, search.suggest]
extra_css: [stylesheets/brand.css]
extra_javascript: [javascripts/a.js, {path: javascripts/b.mjs, type: module, defer: true}]
copyright: "© Northwind"
""").replace("plugins: [search]\n", "") + "plugins: [search, tags]\n"
    assert refused(repo, text) == []


def test_the_operator_allows_more_plugins_and_extensions(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    text = BASE.replace("[search]", "[search, glightbox]") + "markdown_extensions:\n  - pymdownx.b64:\n      base_path: docs\n"
    assert len(refused(repo, text)) == 2
    monkeypatch.setenv(site_config.ALLOW_PLUGINS_ENV, "glightbox")
    monkeypatch.setenv(site_config.ALLOW_EXTENSIONS_ENV, "pymdownx.b64, other.ext")
    allowances = Allowances.from_environment()
    assert allowances == Allowances(frozenset({"glightbox"}), frozenset({"pymdownx.b64", "other.ext"}))
    assert refused(repo, text, allowances) == []
    monkeypatch.setenv(site_config.ALLOW_PLUGINS_ENV, "bad name;rm")
    with pytest.raises(UsageError, match="AIMSKIT_ALLOW_PLUGINS holds 'name;rm'"):
        Allowances.from_environment()


def test_a_repository_file_cannot_extend_the_allow_list(repo: Path) -> None:
    (repo / ".env").write_text(f"{site_config.ALLOW_PLUGINS_ENV}=macros\n", encoding="utf-8")
    text = BASE.replace("[search]", "[macros]") + "extra:\n  AIMSKIT_ALLOW_PLUGINS: macros\n"
    assert any("plugin 'macros' is not allowed" in line for line in refused(repo, text, Allowances.from_environment({})))


def test_the_theme_folder_publishes_static_files_only(repo: Path) -> None:
    text = BASE.replace("font: false", "font: false\n  custom_dir: overrides")
    theme = repo / "overrides"
    (theme / "partials").mkdir(parents=True)
    (theme / "brand.css").write_text("body{}", encoding="utf-8")
    (theme / "partials" / "search.html").write_bytes((site_config.THEME_DIR / "partials" / "search.html").read_bytes())
    assert refused(repo, text) == []  # aimskit's own former override is recognised and not used
    (theme / "main.html").write_text("{{ lipsum.__globals__ }}", encoding="utf-8")
    (theme / "mkdocs_theme.yml").write_text("extends: material\n", encoding="utf-8")
    (theme / "partials" / "search.html").write_text("{% include 'x' %}", encoding="utf-8")
    findings = refused(repo, text)
    assert [line.split(": error ")[0] for line in findings] == \
        ["overrides/main.html:1:1", "overrides/mkdocs_theme.yml:1:1", "overrides/partials/search.html:1:1"]
    assert all("AIMS935 the theme folder holds a template" in line for line in findings)


def test_a_zensical_toml_is_named_as_unread(repo: Path) -> None:
    (repo / "zensical.toml").write_text("[project]\nsite_name = 'x'\n", encoding="utf-8")
    vetted = vet(repo, NONE)
    assert vetted.ok and [finding.code for finding in vetted.findings] == ["AIMS936"]


@pytest.mark.parametrize(("text", "expected"), [
    (BASE.replace("site_name: Site", "site_name: <script>alert(1)</script>"), "mkdocs.yml:1:1: error AIMS934 "
     "site_name holds '<', which the theme writes into pages as HTML"),
    (BASE + 'copyright: \'<a href="x">x</a>\'\n', "error AIMS934 copyright holds '<'"),
    (BASE + "nav:\n  - '<img src=x onerror=alert(1)>': index.md\n", "mkdocs.yml:7:5: error AIMS934 the name "
     "'<img src=x onerror=alert(1)>' holds '<'"),
    (BASE + "nav:\n  - Home: 'javascript:alert(1)'\n", "error AIMS934 nav[0].Home 'javascript:alert(1)' is not a page"),
    (BASE + "extra:\n  social:\n    - {icon: x/y, link: 'javascript:alert(1)'}\n", "error AIMS934 "
     "extra.social[0].link 'javascript:alert(1)' is not a page"),
    (BASE + "site_url: 'data:text/html,x'\n", "error AIMS934 site_url 'data:text/html,x' is not a page"),
])
def test_no_value_adds_html_or_a_script_link(repo: Path, text: str, expected: str) -> None:
    findings = refused(repo, text)
    assert any(expected in line for line in findings), findings


def test_escaped_values_and_addresses_pass(repo: Path) -> None:
    text = BASE.replace("site_name: Site", "site_name: 'O&#39;Brien &amp; Sons'") + \
        "site_url: https://aims.example.com/\nnav:\n  - index.md\n  - Intranet: https://intranet.example.com/\n" \
        "extra:\n  social:\n    - {icon: fontawesome/solid/envelope, link: 'mailto:ai@example.com'}\n"
    assert refused(repo, text) == []
