"""One reading of mkdocs.yml: hostile configurations (merge keys, anchors, aliases, tags, every
YAML 1.1 boolean spelling, duplicate keys) are either refused by aimskit, or the configuration the
engine loads through its own loader equals what aimskit vetted.

For each accepted file three readings are compared with aimskit's: MkDocs' own YAML loader and
Zensical's on the repository's file (same semantics), and MkDocs' ``load_config`` on the file
aimskit writes for the engine (what the build would really use). No site is built per example.
"""

from __future__ import annotations

import io
import shutil
import typing as t
from pathlib import Path

import pytest
from hypothesis import HealthCheck, Phase, assume, given, settings
from hypothesis import strategies as st
from mkdocs.config import load_config
from mkdocs.utils import yaml as mkdocs_yaml
from zensical import config as zensical_config

from aimskit.site import config as site_config
from aimskit.site.engine import THEME_FOLDER

# Every spelling PyYAML (YAML 1.1) reads as a boolean, and some it keeps as text.
BOOLEANS = [word for base in ("yes", "no", "true", "false", "on", "off") for word in (base, base.title(), base.upper())]
NOT_BOOLEANS = ["y", "n", "Y", "N", "yEs", "oN", "'off'", '"on"', "'no'", '"true"']
OTHER_SCALARS = ["1.10", "0o17", "0x1F", "1_000", "~", "null", "Null", "", "2024-01-31", "12:30:00", ".inf", ".NaN",
                 "'plain text'", '"quoted: yes"', "text with spaces", "'{{ config }}'", "docs", "../outside", "/etc"]
TAGS = ["!!str", "!!bool", "!!int", "!!float", "!!null", "!!binary", "!!timestamp", "!ENV", "!relative",
        "!!python/name:os.system", "!!python/object/apply:os.system", "!custom", "!", "!!set", "!!omap"]
SCALARS = st.sampled_from(BOOLEANS + NOT_BOOLEANS + OTHER_SCALARS)
HOSTILE_KEYS = ["hooks", "site_dir", "docs_dir", "INHERIT", "restrict_base_path", "url_download", "custom_dir",
                "use_directory_urls", "font", "site_name", "extra_templates"]
HOSTILE_VALUES = ["[docs/hook.py]", "/tmp/outside", "../outside", "../base.yml", "off", "on", "overrides", "'x'"]


@st.composite
def scalar(draw: st.DrawFn) -> str:
    value = draw(SCALARS)
    if draw(st.integers(0, 9)) == 0:
        tag = draw(st.sampled_from(TAGS))
        value = f"{tag} {value}".rstrip()
    return value


@st.composite
def flag(draw: st.DrawFn) -> str:
    """Mostly a boolean spelling (so that files get accepted), sometimes anything."""
    return draw(st.sampled_from(BOOLEANS)) if draw(st.integers(0, 4)) else draw(scalar())


@st.composite
def text(draw: st.DrawFn) -> str:
    return draw(st.sampled_from(["Northwind", "'on'", '"NO"', "AI site: policies", "'1.10'"])) \
        if draw(st.integers(0, 2)) else draw(scalar())


@st.composite
def merge(draw: st.DrawFn) -> str:
    key, value = draw(st.sampled_from(HOSTILE_KEYS)), draw(st.sampled_from(HOSTILE_VALUES))
    return f"<<: {{{key}: {value}}}"


@st.composite
def document(draw: st.DrawFn) -> str:
    """mkdocs.yml text: the template's kind of settings, with hostile spellings mixed in."""
    lines = [f"site_name: {draw(text())}"]
    if draw(st.booleans()):
        lines.append(f"use_directory_urls: {draw(flag())}")
    theme = ["theme:", "  name: material", f"  font: {draw(flag())}"]
    if draw(st.booleans()):
        theme.append(f"  language: {draw(st.sampled_from(['en', 'de', 'on', 'no', 'NO']))}")
    features = draw(st.lists(st.sampled_from(["navigation.tabs", "navigation.sections", "search.suggest", "on", "yes"]),
                             max_size=3))
    theme.append(f"  features: [{', '.join(features)}]")
    lines += theme
    snippets = ["markdown_extensions:", "  - admonition", "  - pymdownx.snippets:", "      base_path: [docs]"]
    for option in ("restrict_base_path", "url_download", "check_paths"):
        if draw(st.booleans()):
            snippets.append(f"      {option}: {draw(flag())}")
    lines += snippets
    lines.append("plugins: []")
    if draw(st.booleans()):
        lines += ["extra:", f"  generator: {draw(flag())}", f"  homepage: {draw(text())}"]
    # Hostile additions, each at the top level or indented into a mapping above.
    for _ in range(draw(st.integers(1, 3)) if draw(st.booleans()) else 0):
        kind = draw(st.sampled_from(["merge", "anchor", "alias", "duplicate", "tagged", "setting"]))
        if kind == "merge":
            addition = draw(merge())
        elif kind == "anchor":
            addition = f"x_anchor: &a {{{draw(st.sampled_from(HOSTILE_KEYS))}: {draw(st.sampled_from(HOSTILE_VALUES))}}}"
        elif kind == "alias":
            addition = "<<: *a" if draw(st.booleans()) else "copy: *a"
        elif kind == "duplicate":
            addition = f"{draw(st.sampled_from(['site_name', 'font', 'restrict_base_path', 'name']))}: {draw(scalar())}"
        elif kind == "tagged":
            addition = f"{draw(st.sampled_from(['copyright', 'site_description', 'restrict_base_path']))}: " \
                       f"{draw(st.sampled_from(TAGS))} {draw(SCALARS)}".rstrip()
        else:
            addition = f"{draw(st.sampled_from(HOSTILE_KEYS))}: {draw(st.sampled_from(HOSTILE_VALUES))}"
        where = "top" if kind == "setting" else draw(st.sampled_from(["top", "theme", "snippets"]))
        if where == "top":
            lines.append(addition)
        elif where == "theme":
            lines.insert(lines.index("theme:") + 1, "  " + addition)
        else:
            lines.insert(lines.index("  - pymdownx.snippets:") + 1, "      " + addition)
    return "\n".join(lines) + "\n"


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("config-property")
    (root / "docs").mkdir()
    (root / "engine" / "docs").mkdir(parents=True)
    shutil.copytree(site_config.THEME_DIR, root / "engine" / THEME_FOLDER)
    return root


@settings(derandomize=True, max_examples=500, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(text=document())
def test_the_engine_loads_what_aimskit_vetted_or_aimskit_refused(folder: Path, text: str) -> None:
    (folder / "mkdocs.yml").write_text(text, encoding="utf-8")
    vetted = site_config.vet(folder, site_config.Allowances())
    if not vetted.ok:
        assert all(f.path == "mkdocs.yml" and f.line >= 1 and f.code.startswith("AIMS9") for f in vetted.findings)
        assert vetted.settings == {}
        return
    settings_ = vetted.settings
    # The same semantics as the engines' own YAML readers on the repository's file.
    assert mkdocs_yaml.yaml_load(io.StringIO(text)) == settings_
    assert zensical_config._yaml_load(io.StringIO(text)) == settings_
    # Nothing hostile survived vetting.
    assert not {"hooks", "INHERIT", "<<", "extra_templates"} & set(settings_)
    snippets = settings_["markdown_extensions"][1]["pymdownx.snippets"]
    assert snippets.get("restrict_base_path", True) is True and snippets.get("url_download", False) is False
    assert settings_["theme"]["font"] is False and "custom_dir" not in settings_["theme"]
    # What the engine loads from the file aimskit writes is what aimskit vetted.
    written = site_config.engine_settings(vetted, THEME_FOLDER)
    config_file = folder / "engine" / "mkdocs.yml"
    config_file.write_text(site_config.dump(written), encoding="utf-8")
    loaded = load_config(config_file=str(config_file))
    assert_loaded_equals(loaded, written, folder / "engine")


@settings(derandomize=True, max_examples=20, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.filter_too_much])
@given(text=document())
def test_zensical_loads_what_aimskit_vetted(folder: Path, text: str) -> None:
    """Zensical's own configuration loader on the written file (slower: fewer examples)."""
    (folder / "mkdocs.yml").write_text(text, encoding="utf-8")
    vetted = site_config.vet(folder, site_config.Allowances())
    assume(vetted.ok)
    written = site_config.engine_settings(vetted, THEME_FOLDER)
    config_file = folder / "engine" / "mkdocs.yml"
    config_file.write_text(site_config.dump(written), encoding="utf-8")
    loaded = zensical_config.parse_mkdocs_config(str(config_file))
    assert loaded["site_name"] == written["site_name"]
    assert loaded["use_directory_urls"] == written.get("use_directory_urls", True)
    assert loaded["theme"]["custom_dir"] == THEME_FOLDER
    for key in ("font", "features", "language"):
        if key in written["theme"]:
            assert loaded["theme"][key] == written["theme"][key], key
    snippets = written["markdown_extensions"][1]["pymdownx.snippets"]
    assert {key: loaded["mdx_configs"]["pymdownx.snippets"][key] for key in snippets} == snippets
    assert "hooks" not in loaded and "INHERIT" not in loaded


def assert_loaded_equals(loaded: t.Any, written: dict[str, t.Any], folder: Path) -> None:
    """Each setting aimskit wrote, as MkDocs loaded it."""
    for key in ("site_name", "use_directory_urls", "nav", "extra_css", "copyright", "site_description"):
        if key in written:
            assert loaded[key] == written[key], key
    assert loaded["docs_dir"] == str(folder / written["docs_dir"])
    assert loaded["site_dir"] == str(folder / written["site_dir"])
    assert loaded["theme"].name == "material"
    assert loaded["theme"].custom_dir == str(folder / THEME_FOLDER)
    for key, value in written["theme"].items():
        if key not in ("name", "custom_dir"):
            assert loaded["theme"][key] == value, key
    assert list(loaded["plugins"]) == written["plugins"]
    for entry in written["markdown_extensions"]:
        name, options = next(iter(entry.items())) if isinstance(entry, dict) else (entry, None)
        assert name in loaded["markdown_extensions"]
        assert loaded["mdx_configs"].get(name, {}) == (options or {}), name
    if "extra" in written:
        assert dict(loaded["extra"]) == written["extra"]


def test_the_generator_reaches_each_outcome(folder: Path) -> None:
    """The property is not vacuous: generated files are accepted, and refused for each reason."""
    seen: set[str] = set()

    @settings(derandomize=True, max_examples=400, deadline=None, database=None, phases=[Phase.generate])
    @given(text=document())
    def collect(text: str) -> None:
        (folder / "mkdocs.yml").write_text(text, encoding="utf-8")
        vetted = site_config.vet(folder, site_config.Allowances())
        seen.update({finding.code for finding in vetted.findings} if not vetted.ok else {"accepted"})

    collect()
    assert {"accepted", "AIMS930", "AIMS931", "AIMS932", "AIMS903", "AIMS934", "AIMS901", "AIMS902", "AIMS933"} <= seen
