"""Reading ``mkdocs.yml`` into vetted settings, and writing the engine's configuration from them.

``mkdocs.yml`` is part of the repository under review, so a pull request controls it. MkDocs
and Zensical would follow it wherever it points: a ``site_dir`` of ``../victim`` replaces a
folder beside the repository, ``hooks`` and unknown plugins run Python, ``!!python/...`` tags
construct Python objects, ``!ENV`` copies the runner's environment (its secrets) into pages,
``INHERIT`` reads another file, a merge key (``<<``) adds settings that a plain reading does not
see, and a theme's ``custom_dir`` holds Jinja templates that the engine runs.

So :func:`vet` reads the file exactly once, with the engines' own YAML semantics
(:mod:`aimskit.site.settings_yaml`), checks the data against a typed allow-list
(:mod:`aimskit.site.settings_check`), and refuses the repository's theme templates. The engine
never sees the repository's file: :func:`engine_settings` is the configuration aimskit writes
into the build's staging folder, with aimskit's own theme overrides as the only templates.
"""

from __future__ import annotations

import copy
import dataclasses
import os
import posixpath
import typing as t
from pathlib import Path

import yaml

from aimskit import fs
from aimskit.records.findings import Finding, error, has_errors, warning
from aimskit.records.loading import MAX_FILE_BYTES
from aimskit.records.model import refused_finding
from aimskit.site.allowlist import ALLOW_EXTENSIONS_ENV, ALLOW_PLUGINS_ENV, Allowances, Layout
from aimskit.site.settings_check import Checker
from aimskit.site.settings_yaml import CONFIG_NAME, Reader

__all__ = ["ALLOW_EXTENSIONS_ENV", "ALLOW_PLUGINS_ENV", "CONFIG_NAME", "STATIC_SUFFIXES", "THEME_DIR", "Allowances",
           "Layout", "Vetted", "dump", "engine_settings", "theme_file_is_static", "vet"]

ZENSICAL_NAME = "zensical.toml"
MAX_THEME_FILES = 2000
# aimskit's own theme overrides (Jinja templates), shipped in the package: the only templates besides the theme's.
THEME_DIR = Path(__file__).resolve().parent / "theme"
# Files of a repository's theme folder that are published as they are: never a template.
STATIC_SUFFIXES = frozenset({".css", ".js", ".png", ".jpg", ".jpeg", ".gif", ".svg", ".webp", ".avif", ".ico",
                             ".woff", ".woff2", ".ttf", ".otf"})


@dataclasses.dataclass
class Vetted:
    """The outcome of vetting: the settings as read, the layout, and findings (the engine must not
    run when there is an error among them; the settings are empty then)."""

    layout: Layout
    findings: list[Finding]
    settings: dict[str, t.Any] = dataclasses.field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not has_errors(self.findings)


def vet(root: Path, allowances: Allowances | None = None) -> Vetted:
    """Read ``root/mkdocs.yml`` once, and refuse as findings what aimskit does not build with.
    ``allowances`` default to the operator's environment (:meth:`Allowances.from_environment`)."""
    allowances = Allowances.from_environment() if allowances is None else allowances
    default = Layout("docs", "site", None)
    try:
        raw = fs.read_bytes(root, CONFIG_NAME, MAX_FILE_BYTES)
    except fs.RefusedPath as exc:
        if exc.reason == fs.RefusedPath.MISSING:
            return Vetted(default, [error(CONFIG_NAME, 1, 1, "AIMS900", "the site needs a mkdocs.yml and there is none",
                                          "restore mkdocs.yml from the aimskit template")])
        return Vetted(default, [refused_finding(exc)])
    reader = Reader()
    settings = reader.read(raw)
    if reader.findings or not isinstance(settings, dict):
        if not reader.findings:
            reader.findings.append(error(CONFIG_NAME, 1, 1, "AIMS900", "mkdocs.yml must be a mapping of settings"))
        return Vetted(default, reader.findings)
    checker = Checker(root, reader.positions, allowances)
    checker.settings(settings)
    layout = checker.layout(settings)
    findings = checker.findings
    if not has_errors(findings) and layout.custom_dir:
        findings += _theme_folder_findings(root, layout)
    if (root / ZENSICAL_NAME).exists():
        findings.append(warning(ZENSICAL_NAME, 1, 1, "AIMS936", "zensical.toml is not read: both engines build from the "
                                "settings aimskit reads in mkdocs.yml", "move its settings into mkdocs.yml, then delete it"))
    return Vetted(layout, findings, settings if not has_errors(findings) else {})


def engine_settings(vetted: Vetted, theme_dir: str) -> dict[str, t.Any]:
    """The configuration aimskit writes for the engine: the vetted settings, with the layout made
    explicit, ``theme_dir`` (a folder holding aimskit's overrides, relative to the written file) as
    the only template folder, and the lists both engines would otherwise default differently."""
    settings = copy.deepcopy(vetted.settings)
    settings["docs_dir"], settings["site_dir"] = vetted.layout.docs_dir, vetted.layout.site_dir
    theme = settings.get("theme")
    theme = {"name": theme} if isinstance(theme, str) else dict(theme or {})
    theme["custom_dir"] = theme_dir
    settings["theme"] = theme
    settings.setdefault("plugins", ["search"])  # MkDocs' default; Zensical would otherwise add none
    settings.setdefault("markdown_extensions", [])  # MkDocs' default; Zensical would otherwise add a dozen
    return settings


def dump(settings: dict[str, t.Any]) -> str:
    """The YAML text of ``settings``: plain, untagged, every string that YAML would read otherwise quoted."""
    return yaml.safe_dump(settings, sort_keys=False, allow_unicode=True, default_flow_style=False, width=1 << 16)


def theme_file_is_static(relative: str) -> bool:
    """Whether a file of the repository's theme folder is published as it is (never run as a template)."""
    return posixpath.splitext(relative)[1].lower() in STATIC_SUFFIXES


def _theme_folder_findings(root: Path, layout: Layout) -> list[Finding]:
    """Templates in the repository's ``custom_dir`` would run code during the build: each is a finding,
    except a file identical to aimskit's own override at the same place (older repositories carry one)."""
    assert layout.custom_dir is not None
    folder = root / layout.custom_dir
    findings: list[Finding] = []
    if not folder.is_dir():
        return findings
    docs = root / layout.docs_dir
    count = 0
    for current, folders, files in os.walk(folder):  # links are not followed; copy_tree checks them when staging
        folders.sort()
        for name in sorted(files):
            count += 1
            if count > MAX_THEME_FILES:
                return findings + [error(layout.custom_dir, 1, 1, "AIMS935", f"theme folder holds more than "
                                         f"{MAX_THEME_FILES} files", "keep only the stylesheets, scripts and images")]
            path = Path(current, name)
            relative = path.relative_to(folder).as_posix()
            shown = f"{layout.custom_dir}/{relative}"
            if theme_file_is_static(relative):
                if (docs / relative).exists():
                    findings.append(error(shown, 1, 1, "AIMS935", f"{shown} and {layout.docs_dir}/{relative} are both "
                                          "published at the same address", "keep one of them"))
            elif not _same_as_ours(path, relative):
                findings.append(error(shown, 1, 1, "AIMS935", "the theme folder holds a template or theme setting, "
                                      "which would run code during the build; only stylesheets, scripts, images and "
                                      "fonts are published from it",
                                      "delete it: aimskit supplies the templates; brand the site with theme.logo, "
                                      "theme.palette and extra_css (see docs/site.md)"))
    return findings


def _same_as_ours(path: Path, relative: str) -> bool:
    ours = THEME_DIR / relative
    try:
        return not path.is_symlink() and ours.is_file() and path.stat().st_size == ours.stat().st_size \
            and path.read_bytes() == ours.read_bytes()
    except OSError:
        return False
