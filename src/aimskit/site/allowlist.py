"""What aimskit builds with: the allowed settings, plugins and Markdown extensions, and the checks
of each kind of value (text, true/false, names, site files, folders inside the repository).

The person or CI running aimskit (never the repository) may allow more plugins and Markdown
extensions with the environment variables :data:`ALLOW_PLUGINS_ENV` and :data:`ALLOW_EXTENSIONS_ENV`.
"""

from __future__ import annotations

import math
import os
import posixpath
import re
import typing as t
from pathlib import Path

from aimskit import fs
from aimskit.errors import UsageError
from aimskit.records.findings import Finding, error
from aimskit.site.settings_yaml import CONFIG_NAME, Path_, kind, shown

ALLOW_PLUGINS_ENV = "AIMSKIT_ALLOW_PLUGINS"
ALLOW_EXTENSIONS_ENV = "AIMSKIT_ALLOW_EXTENSIONS"
# Plugins that ship with MkDocs and Material and neither run repository code nor fetch anything.
ALLOWED_PLUGINS = frozenset({"search", "tags", "offline", "material/search", "material/tags", "material/offline"})
_PYTHON_MARKDOWN = ("abbr", "admonition", "attr_list", "def_list", "fenced_code", "footnotes", "md_in_html", "meta",
                    "nl2br", "sane_lists", "smarty", "tables", "toc", "wikilinks", "codehilite", "legacy_attrs",
                    "legacy_em", "extra")
# PyMdown Extensions that read no file and fetch nothing (pymdownx.snippets is checked separately;
# pymdownx.b64 embeds files from any path, so it needs an operator's allowance).
_PYMDOWNX = ("arithmatex", "betterem", "blocks.admonition", "blocks.caption", "blocks.definition", "blocks.details",
             "blocks.html", "blocks.tab", "caret", "critic", "details", "emoji", "escapeall", "extra", "fancylists",
             "highlight", "inlinehilite", "keys", "magiclink", "mark", "pathconverter", "progressbar", "quotes",
             "saneheaders", "smartsymbols", "snippets", "striphtml", "superfences", "tabbed", "tasklist", "tilde")
ALLOWED_EXTENSIONS = frozenset(_PYTHON_MARKDOWN) | {f"markdown.extensions.{name}" for name in _PYTHON_MARKDOWN} \
    | {f"pymdownx.{name}" for name in _PYMDOWNX}
# Extension options that Zensical turns into Python objects by importing the named module and calling it.
CALLABLE_OPTIONS = frozenset({"slugify", "format", "validator", "emoji_generator", "emoji_index", "custom_fences",
                               "custom_inline", "extend_pygments_lang"})
# Files of a repository's theme folder that are published as they are: never a template.
STATIC_SUFFIXES = frozenset({".css", ".js", ".png", ".jpg", ".jpeg", ".gif", ".svg", ".webp", ".avif", ".ico",
                             ".woff", ".woff2", ".ttf", ".otf"})
_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.\-/]{0,99}")
_PROTECTED_NAMES = frozenset({".git", ".github", ".gitlab", "schemas"})
TEXT_SETTINGS = ("site_name", "site_description", "site_author", "copyright", "site_url", "not_in_nav",
                  "exclude_docs", "draft_docs")
FLAG_SETTINGS = ("use_directory_urls", "strict")
# Settings of mkdocs serve and gh-deploy, which aimskit does not run.
COMMAND_SETTINGS = frozenset({"watch", "dev_addr", "remote_branch", "remote_name"})
SETTINGS = frozenset({*TEXT_SETTINGS, *FLAG_SETTINGS, "docs_dir", "site_dir", "theme", "nav", "plugins",
                      "markdown_extensions", "extra", "extra_css", "extra_javascript", "validation"})
THEME_KEYS = frozenset({"name", "custom_dir", "language", "direction", "font", "logo", "favicon", "icon", "palette",
                         "features"})
PALETTE_KEYS = frozenset({"media", "scheme", "primary", "accent", "toggle"})
EXTRA_KEYS = frozenset({"generator", "social", "homepage", "tags", "status", "alternate"})
SNIPPET_TYPES: dict[str, tuple[type, ...]] = {"check_paths": (bool,), "encoding": (str,), "dedent_subsections": (bool,),
                                               "auto_append": (list,), "base_path": (str, list)}
TOKEN = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.\-]{0,99}")
ICON = re.compile(r"[a-z0-9][a-z0-9_\-]*(/[a-z0-9][a-z0-9_\-]*)+")
LANGUAGE = re.compile(r"[a-z]{2,3}([_-][A-Za-z0-9]{2,4})?")
SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.\-]*:|//")
LINK_SCHEME = re.compile(r"(https?|mailto|tel):", re.IGNORECASE)
MARKUP = re.compile(r'[<>"]')


class Allowances(t.NamedTuple):
    """Plugins and Markdown extensions that the operator allows beyond aimskit's own list."""

    plugins: frozenset[str] = frozenset()
    extensions: frozenset[str] = frozenset()

    @classmethod
    def from_environment(cls, environ: t.Mapping[str, str] | None = None) -> Allowances:
        """Read :data:`ALLOW_PLUGINS_ENV` and :data:`ALLOW_EXTENSIONS_ENV` (names separated by commas
        or spaces); UsageError for a name that is not a plain module or plugin name."""
        environ = os.environ if environ is None else environ
        return cls(_names_from(environ, ALLOW_PLUGINS_ENV), _names_from(environ, ALLOW_EXTENSIONS_ENV))


def _names_from(environ: t.Mapping[str, str], variable: str) -> frozenset[str]:
    names = frozenset(part for part in re.split(r"[,\s]+", environ.get(variable, "")) if part)
    for name in names:
        if not _NAME.fullmatch(name):
            raise UsageError(f"{variable} holds {name[:80]!r}, which is not a plugin or module name "
                             "(letters, digits, '.', '_', '-' and '/')")
    return names


class Layout(t.NamedTuple):
    """Where the engine reads pages and writes the site, relative to the configuration file; and the
    repository's theme folder, whose static files (only) are published with the pages."""

    docs_dir: str
    site_dir: str
    custom_dir: str | None


class Kinds:
    """The checks of each kind of value, collecting findings at the lines of the values."""


    def __init__(self, root: Path, positions: dict[Path_, tuple[int, int]], allowances: Allowances) -> None:
        self.root, self.positions, self.allowances = root, positions, allowances
        self.findings: list[Finding] = []

    def refuse(self, path: Path_, code: str, message: str, hint: str | None = None) -> None:
        where = path
        while where and where not in self.positions:
            where = where[:-1]
        self.findings.append(error(CONFIG_NAME, *self.positions.get(where, (1, 1)), code, message, hint))

    def text(self, path: Path_, value: t.Any, optional: bool = False) -> bool:
        if isinstance(value, str) or (optional and value is None):
            return True
        self.refuse(path, "AIMS934", f"{label(path)} must be text, but YAML reads it as {kind(value)}",
                    "write it in quotes (YAML 1.1 reads yes, no, on, off, dates and numbers as other types)")
        return False

    def flag(self, path: Path_, value: t.Any) -> bool:
        if isinstance(value, bool):
            return True
        self.refuse(path, "AIMS934", f"{label(path)} must be true or false, not {kind(value)}",
                    "write true or false without quotes")
        return False

    def token(self, path: Path_, value: t.Any, pattern: re.Pattern[str] = TOKEN) -> bool:
        if self.text(path, value) and not pattern.fullmatch(value):
            self.refuse(path, "AIMS934", f"{label(path)} '{shown(value)}' is not a name aimskit accepts here",
                        "use letters, digits, '.', '_', '-' (and '/' in an icon name)")
            return False
        return isinstance(value, str)

    def mapping(self, path: Path_, value: t.Any, keys: frozenset[str] | None = None) -> dict[str, t.Any]:
        if not isinstance(value, dict):
            self.refuse(path, "AIMS934", f"{label(path)} must be a mapping, not {kind(value)}")
            return {}
        for key in value:
            if keys is not None and key not in keys:
                self.refuse((*path, key), "AIMS933", f"{label((*path, key))} is not a setting aimskit builds with",
                            f"aimskit reads {', '.join(sorted(keys))} here")
        return {key: item for key, item in value.items() if keys is None or key in keys}

    def items(self, path: Path_, value: t.Any) -> list[t.Any]:
        if not isinstance(value, list):
            self.refuse(path, "AIMS934", f"{label(path)} must be a list, not {kind(value)}")
            return []
        return value

    def plain(self, path: Path_, value: t.Any, nested: bool = True) -> None:
        """Text, numbers, booleans and null; lists and mappings of them where ``nested``."""
        if isinstance(value, float) and not math.isfinite(value):
            self.refuse(path, "AIMS934", f"{label(path)} is not a finite number", "write a number or quote the text")
        elif isinstance(value, (list, dict)) and nested:
            for key, item in (value.items() if isinstance(value, dict) else enumerate(value)):
                self.plain((*path, key), item)
        elif isinstance(value, list) and all(scalar(item) for item in value):
            pass
        elif not scalar(value):
            self.refuse(path, "AIMS934", f"{label(path)} must be text, a number, true or false, not {kind(value)}",
                        "write dates and other values in quotes")

    def link(self, path: Path_, value: t.Any) -> None:
        """A page of the site or an address: relative, or http, https, mailto or tel (never javascript:)."""
        if self.text(path, value) and SCHEME.match(value) and not LINK_SCHEME.match(value):
            self.refuse(path, "AIMS934", f"{label(path)} '{shown(value)}' is not a page or an address the site links to",
                        "link to a page of the site, or to an http, https, mailto or tel address")

    def markup(self, path: Path_, value: t.Any, depth: int = 0) -> None:
        """Every text (names included) is written into pages unescaped by the theme: no HTML in it."""
        if isinstance(value, str):
            self._no_markup(path, value, label(path))
        elif isinstance(value, (dict, list)) and depth < 64:
            for key, item in value.items() if isinstance(value, dict) else enumerate(value):
                if isinstance(key, str):
                    self._no_markup((*path, key), key, f"the name '{shown(key)}'")
                self.markup((*path, key), item, depth + 1)

    def _no_markup(self, path: Path_, text: str, name: str) -> None:
        found = MARKUP.search(text)
        if found:
            self.refuse(path, "AIMS934", f"{name} holds '{found.group()}', which the theme writes into pages as HTML",
                        "write &lt;, &gt; or &quot; instead")

    def asset(self, path: Path_, value: t.Any) -> None:
        """A file of the site (a stylesheet, script or image): a path inside docs/, no address of another host."""
        if not self.text(path, value):
            return
        if SCHEME.match(value) or value.startswith(("/", "\\")) or ".." in value.replace("\\", "/").split("/"):
            self.refuse(path, "AIMS934", f"{label(path)} '{shown(value)}' is not a file of the site",
                        "put the file under docs/ and name it relative to docs/; the site loads nothing from another host")

    def folder(self, path: Path_, value: t.Any) -> None:
        problem = path_problem(self.root, value)
        if problem:
            self.refuse(path, "AIMS901", f"{path[-1]} {problem}",
                        f"name a folder inside the repository, e.g. {path[-1]}: {DEFAULTS.get(str(path[-1]), 'docs')}")


def typed(value: t.Any, types: tuple[type, ...]) -> bool:
    return isinstance(value, types) and (bool in types or not isinstance(value, bool))


def scalar(value: t.Any) -> bool:
    return value is None or isinstance(value, (str, bool, int)) or (isinstance(value, float) and math.isfinite(value))


def label(path: Path_) -> str:
    return ".".join(str(part) if isinstance(part, str) else f"[{part}]" for part in path).replace(".[", "[") or "mkdocs.yml"


DEFAULTS = {"docs_dir": "docs", "site_dir": "site", "custom_dir": "overrides"}


def normal(value: t.Any) -> str:
    return posixpath.normpath(str(value).replace("\\", "/")) if isinstance(value, str) else "."


def path_problem(root: Path, value: t.Any) -> str | None:
    if not isinstance(value, str) or not value.strip():
        return "is not a folder name"
    if any(ord(char) < 32 for char in value):
        return "holds a control character"
    folder = normal(value)
    if value.startswith(("/", "\\")) or (len(value) > 1 and value[1] == ":"):
        return f"'{folder}' is an absolute path"
    if folder == ".":
        return "is the repository itself"
    if folder == ".." or folder.startswith("../"):
        return f"'{folder}' points outside the repository"
    if folder.split("/")[0] in _PROTECTED_NAMES or folder.startswith(".aimskit"):
        return f"'{folder}' is a folder aimskit will not build into or from"
    try:
        fs.resolve_inside(root, folder)
    except fs.RefusedPath as exc:
        return f"'{folder}' {exc.detail}"
    return None


def overlap(first: str, second: str) -> bool:
    a, b = normal(first), normal(second)
    return a == b or a.startswith(b + "/") or b.startswith(a + "/")
