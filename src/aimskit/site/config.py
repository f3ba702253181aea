"""Reading ``mkdocs.yml`` into vetted settings, and writing the engine's configuration from them.

``mkdocs.yml`` is part of the repository under review, so a pull request controls it. MkDocs
and Zensical would follow it wherever it points: a ``site_dir`` of ``../victim`` replaces a
folder beside the repository, ``hooks`` and unknown plugins run Python, ``!!python/...`` tags
construct Python objects, ``!ENV`` copies the runner's environment (its secrets) into pages,
``INHERIT`` reads another file, a merge key (``<<``) adds settings that a plain reading does not
see, and a theme's ``custom_dir`` holds Jinja templates that the engine runs.

So the file is read exactly once, here, with the engine's own YAML semantics (PyYAML's YAML 1.1
resolver: ``off`` is the boolean false, ``1.10`` is a number), refusing what would make two
readings differ (merge keys, anchors and aliases, duplicate keys, tags other than the plain
``!!str``/``!!int``/``!!float``/``!!bool``/``!!null``). The data is then checked against a typed
allow-list of settings (:data:`SETTINGS`); anything else is a finding at its line. The engine
never sees the repository's file: :func:`engine_settings` gives the configuration aimskit writes
into the build's staging folder, with aimskit's own theme overrides as the only templates.

Operators (the person or CI running aimskit, never the repository) may allow more plugins and
Markdown extensions with the environment variables :data:`ALLOW_PLUGINS_ENV` and
:data:`ALLOW_EXTENSIONS_ENV`.
"""

from __future__ import annotations

import copy
import dataclasses
import math
import os
import posixpath
import re
import typing as t
from pathlib import Path

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from aimskit import fs
from aimskit.errors import UsageError
from aimskit.records.findings import Finding, error, has_errors, warning
from aimskit.records.loading import MAX_FILE_BYTES
from aimskit.records.model import refused_finding

CONFIG_NAME = "mkdocs.yml"
ZENSICAL_NAME = "zensical.toml"
MAX_DEPTH = 50
MAX_THEME_FILES = 2000
ALLOW_PLUGINS_ENV = "AIMSKIT_ALLOW_PLUGINS"
ALLOW_EXTENSIONS_ENV = "AIMSKIT_ALLOW_EXTENSIONS"
# aimskit's own theme overrides (Jinja templates), shipped in the package: the only templates besides the theme's.
THEME_DIR = Path(__file__).resolve().parent / "theme"

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
_CALLABLE_OPTIONS = frozenset({"slugify", "format", "validator", "emoji_generator", "emoji_index", "custom_fences",
                               "custom_inline", "extend_pygments_lang"})
# Files of a repository's theme folder that are published as they are: never a template.
STATIC_SUFFIXES = frozenset({".css", ".js", ".png", ".jpg", ".jpeg", ".gif", ".svg", ".webp", ".avif", ".ico",
                             ".woff", ".woff2", ".ttf", ".otf"})
_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.\-/]{0,99}")
_PROTECTED_NAMES = frozenset({".git", ".github", ".gitlab", "schemas"})
_PLAIN_TAGS = {f"tag:yaml.org,2002:{name}" for name in ("str", "int", "float", "bool", "null")}
_MERGE_TAG = "tag:yaml.org,2002:merge"
_RESOLVER = yaml.resolver.Resolver()
_COLLECTION_TAGS: dict[type, str] = {SequenceNode: "tag:yaml.org,2002:seq", MappingNode: "tag:yaml.org,2002:map"}

Path_ = tuple[t.Union[str, int], ...]


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


@dataclasses.dataclass
class Vetted:
    """The outcome of vetting: the settings as read, the layout, and findings (the engine must not
    run when there is an error among them)."""

    layout: Layout
    findings: list[Finding]
    settings: dict[str, t.Any] = dataclasses.field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not has_errors(self.findings)


def vet(root: Path, allowances: Allowances | None = None) -> Vetted:
    """Read ``root/mkdocs.yml`` once, and refuse as findings what aimskit does not build with."""
    allowances = Allowances.from_environment() if allowances is None else allowances
    default = Layout("docs", "site", None)
    try:
        raw = fs.read_bytes(root, CONFIG_NAME, MAX_FILE_BYTES)
    except fs.RefusedPath as exc:
        if exc.reason == fs.RefusedPath.MISSING:
            return Vetted(default, [error(CONFIG_NAME, 1, 1, "AIMS900", "the site needs a mkdocs.yml and there is none",
                                          "restore mkdocs.yml from the aimskit template")])
        return Vetted(default, [refused_finding(exc)])
    reader = _Reader()
    settings = reader.read(raw)
    if reader.findings or not isinstance(settings, dict):
        if not reader.findings:
            reader.findings.append(error(CONFIG_NAME, 1, 1, "AIMS900", "mkdocs.yml must be a mapping of settings"))
        return Vetted(default, reader.findings)
    checker = _Checker(root, reader.positions, allowances)
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


# -- reading ----------------------------------------------------------------------------------


class _Reader:
    """mkdocs.yml as plain data with PyYAML's semantics, refusing what a second reader could read otherwise."""

    def __init__(self) -> None:
        self.findings: list[Finding] = []
        self.positions: dict[Path_, tuple[int, int]] = {}
        self._constructor = yaml.SafeLoader("")

    def read(self, raw: bytes) -> t.Any:
        try:
            text = raw.decode("utf-8-sig")
            self._anchors(text)
            if self.findings:
                return None
            node = yaml.compose(text, Loader=yaml.SafeLoader)
        except (UnicodeDecodeError, yaml.YAMLError, RecursionError) as exc:
            mark = getattr(exc, "problem_mark", None)
            line, column = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
            self.findings.append(error(CONFIG_NAME, line, column, "AIMS900", "mkdocs.yml is not valid YAML",
                                       "check its indentation and quoting"))
            return None
        if node is None:
            return {}
        return self._value(node, (), 0)

    def _anchors(self, text: str) -> None:
        for event in yaml.parse(text, Loader=yaml.SafeLoader):
            mark = event.start_mark
            anchor = getattr(event, "anchor", None)
            if isinstance(event, yaml.AliasEvent):
                self._refuse(mark, "AIMS931", f"alias *{_shown(anchor)} repeats another setting",
                             "write the value out in full; aimskit reads mkdocs.yml without anchors and aliases")
            elif anchor is not None:
                self._refuse(mark, "AIMS931", f"anchor &{_shown(anchor)} is not allowed in mkdocs.yml",
                             "write the value out in full; aimskit reads mkdocs.yml without anchors and aliases")

    def _refuse(self, mark: t.Any, code: str, message: str, hint: str) -> None:
        self.findings.append(error(CONFIG_NAME, mark.line + 1, mark.column + 1, code, message, hint))

    def _value(self, node: Node, path: Path_, depth: int) -> t.Any:
        if depth > MAX_DEPTH:
            self._refuse(node.start_mark, "AIMS904", f"mkdocs.yml is nested more than {MAX_DEPTH} levels deep",
                         "flatten the setting")
            return None
        if not self._tag_ok(node):
            return None
        if isinstance(node, ScalarNode):
            try:
                return self._constructor.construct_object(node, deep=True)
            except Exception:  # noqa: BLE001  PyYAML's constructors raise what they meet: !!int '' is an IndexError
                self._refuse(node.start_mark, "AIMS934", f"'{_shown(node.value)}' is not a valid {_tag_name(node.tag)}",
                             "write the value in quotes, or as a plain number")
                return None
        if isinstance(node, SequenceNode):
            items = []
            for index, child in enumerate(node.value):
                self.positions[path + (index,)] = _where(child)
                items.append(self._value(child, (*path, index), depth + 1))
            return items
        mapping: dict[t.Any, t.Any] = {}
        lines: dict[t.Any, int] = {}
        assert isinstance(node, MappingNode)
        for key_node, value_node in node.value:
            if key_node.tag == _MERGE_TAG:
                self._refuse(key_node.start_mark, "AIMS930", "merge key '<<' adds settings that are not written out",
                             "write each setting itself; aimskit reads mkdocs.yml without merge keys")
                continue
            if not isinstance(key_node, ScalarNode):
                self._refuse(key_node.start_mark, "AIMS934", "a setting's name must be text, not a list or a mapping",
                             "write the name as plain text")
                continue
            key = self._value(key_node, path, depth + 1)
            if not isinstance(key, str):
                self._refuse(key_node.start_mark, "AIMS934", f"the name '{_shown(key_node.value)}' is read as "
                             f"{_kind(key)}, not as text", f"write it in quotes: \"{_shown(key_node.value)}\"")
                continue
            if key in mapping:
                self._refuse(key_node.start_mark, "AIMS932", f"'{_shown(key)}' is set twice (first on line {lines[key]})",
                             "keep one of them; YAML would silently keep the last")
                continue
            lines[key] = key_node.start_mark.line + 1
            self.positions[path + (key,)] = _where(key_node)
            mapping[key] = self._value(value_node, (*path, key), depth + 1)
        return mapping

    def _tag_ok(self, node: Node) -> bool:
        if isinstance(node, ScalarNode):
            implicit = node.tag == _RESOLVER.resolve(ScalarNode, node.value, (True, False)) or \
                (node.tag == "tag:yaml.org,2002:str" and node.style is not None)
            if implicit or node.tag in _PLAIN_TAGS:
                return True
        elif node.tag == _COLLECTION_TAGS.get(type(node)):
            return True
        shown = node.tag.replace("tag:yaml.org,2002:", "!!")
        if "python/" in node.tag:
            self._refuse(node.start_mark, "AIMS903", f"tag {_shown(shown)} would load Python code",
                         "remove the tag; the site is built without running code from the repository")
        else:
            self._refuse(node.start_mark, "AIMS903", f"tag {_shown(shown)} is not allowed in mkdocs.yml",
                         "write the value itself; !ENV would copy the build's environment into the site")
        return False


def _where(node: Node) -> tuple[int, int]:
    return node.start_mark.line + 1, node.start_mark.column + 1


def _tag_name(tag: str) -> str:
    return {"tag:yaml.org,2002:int": "whole number", "tag:yaml.org,2002:float": "number",
            "tag:yaml.org,2002:bool": "boolean", "tag:yaml.org,2002:timestamp": "date"}.get(tag, "value")


def _kind(value: t.Any) -> str:
    if isinstance(value, bool):
        return f"the boolean {str(value).lower()}"
    if value is None:
        return "null"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, (list, dict)):
        return "a list" if isinstance(value, list) else "a mapping"
    return f"a {type(value).__name__}"


def _shown(name: t.Any) -> str:
    return "".join(char if char.isprintable() else "?" for char in str(name))[:80]


# -- the typed allow-list ---------------------------------------------------------------------


_TEXT_SETTINGS = ("site_name", "site_description", "site_author", "copyright", "site_url", "not_in_nav",
                  "exclude_docs", "draft_docs")
_FLAG_SETTINGS = ("use_directory_urls", "strict")
# Settings aimskit refuses, each with the reason shown to the user.
_REFUSED = {
    "extra_templates": ("AIMS935", "extra_templates renders files of docs/ as Jinja templates, which run code",
                        "write pages in Markdown; templates come only from aimskit and the theme"),
    "watch": ("AIMS933", "watch is for mkdocs serve", "aimskit serve watches the records, docs/ and mkdocs.yml"),
    "dev_addr": ("AIMS933", "dev_addr is for mkdocs serve", "run aimskit serve --port PORT"),
    "remote_branch": ("AIMS933", "remote_branch is for mkdocs gh-deploy", "publish the built site from CI (see docs/ci.md)"),
    "remote_name": ("AIMS933", "remote_name is for mkdocs gh-deploy", "publish the built site from CI (see docs/ci.md)"),
    "repo_url": ("AIMS933", "repo_url makes the theme fetch the repository's details from the code host",
                 "set site.repo_url in aims.yml: revision history links to it without a request from the reader"),
}
SETTINGS = frozenset({*_TEXT_SETTINGS, *_FLAG_SETTINGS, "docs_dir", "site_dir", "theme", "nav", "plugins",
                      "markdown_extensions", "extra", "extra_css", "extra_javascript", "validation"})
_THEME_KEYS = frozenset({"name", "custom_dir", "language", "direction", "font", "logo", "favicon", "icon", "palette",
                         "features"})
_PALETTE_KEYS = frozenset({"media", "scheme", "primary", "accent", "toggle"})
_EXTRA_KEYS = frozenset({"generator", "social", "homepage", "tags", "status", "alternate"})
_SNIPPET_TYPES: dict[str, tuple[type, ...]] = {"check_paths": (bool,), "encoding": (str,), "dedent_subsections": (bool,),
                                               "auto_append": (list,), "base_path": (str, list)}
_TOKEN = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.\-]{0,99}")
_ICON = re.compile(r"[a-z0-9][a-z0-9_\-]*(/[a-z0-9][a-z0-9_\-]*)+")
_LANGUAGE = re.compile(r"[a-z]{2,3}([_-][A-Za-z0-9]{2,4})?")
_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.\-]*:|//")


class _Checker:
    """Checks the settings against the allow-list, collecting findings at the lines of the values."""

    def __init__(self, root: Path, positions: dict[Path_, tuple[int, int]], allowances: Allowances) -> None:
        self.root, self.positions, self.allowances = root, positions, allowances
        self.findings: list[Finding] = []

    def refuse(self, path: Path_, code: str, message: str, hint: str | None = None) -> None:
        where = path
        while where and where not in self.positions:
            where = where[:-1]
        self.findings.append(error(CONFIG_NAME, *self.positions.get(where, (1, 1)), code, message, hint))

    def settings(self, settings: dict[str, t.Any]) -> None:
        if "site_name" not in settings:
            self.refuse((), "AIMS933", "site_name is missing", "name the site: site_name: \"…\"")
        if "theme" not in settings:
            self.refuse((), "AIMS933", "theme is missing", "build with Material: theme: {name: material}")
        for key, value in settings.items():
            path = (key,)
            if key == "hooks":
                self.refuse(path, "AIMS902", "hooks run Python files and are not allowed",
                            "remove hooks; the site is built without running code from the repository")
            elif key == "INHERIT":
                self.refuse(path, "AIMS901", "INHERIT reads another configuration file and is not allowed",
                            "write the settings into mkdocs.yml itself")
            elif key in _REFUSED:
                self.refuse(path, *_REFUSED[key])
            elif key not in SETTINGS:
                self.refuse(path, "AIMS933", f"setting '{_shown(key)}' is not one aimskit builds with",
                            f"remove it; aimskit reads {', '.join(sorted(SETTINGS))}")
            elif key in _TEXT_SETTINGS:
                self.text(path, value)
            elif key in _FLAG_SETTINGS:
                self.flag(path, value)
            elif key in ("docs_dir", "site_dir"):
                self.folder(path, value)
            else:
                getattr(self, key)(path, value)

    # -- value kinds

    def text(self, path: Path_, value: t.Any, optional: bool = False) -> bool:
        if isinstance(value, str) or (optional and value is None):
            return True
        self.refuse(path, "AIMS934", f"{_label(path)} must be text, but YAML reads it as {_kind(value)}",
                    "write it in quotes (YAML 1.1 reads yes, no, on, off, dates and numbers as other types)")
        return False

    def flag(self, path: Path_, value: t.Any) -> bool:
        if isinstance(value, bool):
            return True
        self.refuse(path, "AIMS934", f"{_label(path)} must be true or false, not {_kind(value)}",
                    "write true or false without quotes")
        return False

    def token(self, path: Path_, value: t.Any, pattern: re.Pattern[str] = _TOKEN) -> bool:
        if self.text(path, value) and not pattern.fullmatch(value):
            self.refuse(path, "AIMS934", f"{_label(path)} '{_shown(value)}' is not a name aimskit accepts here",
                        "use letters, digits, '.', '_', '-' (and '/' in an icon name)")
            return False
        return isinstance(value, str)

    def mapping(self, path: Path_, value: t.Any, keys: frozenset[str] | None = None) -> dict[str, t.Any]:
        if not isinstance(value, dict):
            self.refuse(path, "AIMS934", f"{_label(path)} must be a mapping, not {_kind(value)}")
            return {}
        for key in value:
            if keys is not None and key not in keys:
                self.refuse((*path, key), "AIMS933", f"{_label((*path, key))} is not a setting aimskit builds with",
                            f"aimskit reads {', '.join(sorted(keys))} here")
        return {key: item for key, item in value.items() if keys is None or key in keys}

    def items(self, path: Path_, value: t.Any) -> list[t.Any]:
        if not isinstance(value, list):
            self.refuse(path, "AIMS934", f"{_label(path)} must be a list, not {_kind(value)}")
            return []
        return value

    def plain(self, path: Path_, value: t.Any, nested: bool = True) -> None:
        """Text, numbers, booleans and null; lists and mappings of them where ``nested``."""
        if isinstance(value, float) and not math.isfinite(value):
            self.refuse(path, "AIMS934", f"{_label(path)} is not a finite number", "write a number or quote the text")
        elif isinstance(value, (list, dict)) and nested:
            for key, item in (value.items() if isinstance(value, dict) else enumerate(value)):
                self.plain((*path, key), item)
        elif isinstance(value, list) and all(_scalar(item) for item in value):
            pass
        elif not _scalar(value):
            self.refuse(path, "AIMS934", f"{_label(path)} must be text, a number, true or false, not {_kind(value)}",
                        "write dates and other values in quotes")

    def asset(self, path: Path_, value: t.Any) -> None:
        """A file of the site (a stylesheet, script or image): a path inside docs/, no address of another host."""
        if not self.text(path, value):
            return
        if _SCHEME.match(value) or value.startswith(("/", "\\")) or ".." in value.replace("\\", "/").split("/"):
            self.refuse(path, "AIMS934", f"{_label(path)} '{_shown(value)}' is not a file of the site",
                        "put the file under docs/ and name it relative to docs/; the site loads nothing from another host")

    def folder(self, path: Path_, value: t.Any) -> None:
        problem = _path_problem(self.root, value)
        if problem:
            self.refuse(path, "AIMS901", f"{path[-1]} {problem}",
                        f"name a folder inside the repository, e.g. {path[-1]}: {_DEFAULTS.get(str(path[-1]), 'docs')}")

    # -- settings with a structure

    def theme(self, path: Path_, value: t.Any) -> None:
        theme = {"name": value} if isinstance(value, str) else self.mapping(path, value, _THEME_KEYS)
        if theme.get("name") != "material":
            self.refuse((*path, "name") if "name" in theme else path, "AIMS934",
                        f"theme.name must be material, not {_kind(theme.get('name')) if not isinstance(theme.get('name'), str) else repr(_shown(theme['name']))}",
                        "aimskit's pages are made for Material for MkDocs (and Zensical, which reads the same)")
        for key, item in theme.items():
            where = (*path, key)
            if key == "custom_dir":
                self.folder(where, item)
            elif key == "language":
                self.token(where, item, _LANGUAGE)
            elif key == "direction":
                if item not in ("ltr", "rtl"):
                    self.refuse(where, "AIMS934", "theme.direction must be ltr or rtl")
            elif key == "font" and item is not False:
                self.refuse(where, "AIMS934", "theme.font must be false: web fonts are loaded from Google",
                            "keep font: false; the site makes no third-party requests")
            elif key in ("logo", "favicon"):
                self.asset(where, item)
            elif key == "icon":
                for name, icon in self.mapping(where, item).items():
                    icons = self.mapping((*where, name), icon) if isinstance(icon, dict) else {None: icon}
                    for sub, one in icons.items():
                        self.token((*where, name) if sub is None else (*where, name, sub), one, _ICON)
            elif key == "palette":
                for index, entry in enumerate(item if isinstance(item, list) else [item]):
                    self.palette((*where, index) if isinstance(item, list) else where, entry)
            elif key == "features":
                for index, feature in enumerate(self.items(where, item)):
                    self.token((*where, index), feature)

    def palette(self, path: Path_, value: t.Any) -> None:
        for key, item in self.mapping(path, value, _PALETTE_KEYS).items():
            if key == "toggle":
                for sub, one in self.mapping((*path, key), item, frozenset({"icon", "name"})).items():
                    self.token((*path, key, sub), one, _ICON) if sub == "icon" else self.text((*path, key, sub), one)
            else:
                self.text((*path, key), item)

    def nav(self, path: Path_, value: t.Any, depth: int = 0) -> None:
        for index, entry in enumerate(self.items(path, value)):
            where = (*path, index)
            if isinstance(entry, dict) and len(entry) == 1:
                title, target = next(iter(entry.items()))
                if isinstance(target, list):
                    self.nav((*where, title), target, depth + 1)
                else:
                    self.text((*where, title), target)
            elif not isinstance(entry, str):
                self.refuse(where, "AIMS934", f"{_label(where)} must be a page, or one title with a page or a list",
                            "write - Title: page.md or - page.md")

    def plugins(self, path: Path_, value: t.Any) -> None:
        allowed = ALLOWED_PLUGINS | self.allowances.plugins
        for where, name, options in self.named(path, value):
            if name not in allowed:
                self.refuse(where, "AIMS902", f"plugin '{_shown(name)}' is not allowed",
                            f"aimskit builds with {', '.join(sorted(ALLOWED_PLUGINS))}; the person or CI running "
                            f"aimskit may allow more with {ALLOW_PLUGINS_ENV} (see docs/site.md)")
            elif options is not None:
                for key, option in self.mapping(where, options).items():
                    self.plain((*where, key), option, nested=name in self.allowances.plugins)

    def markdown_extensions(self, path: Path_, value: t.Any) -> None:
        allowed = ALLOWED_EXTENSIONS | self.allowances.extensions
        for where, name, options in self.named(path, value):
            if name not in allowed:
                self.refuse(where, "AIMS902", f"Markdown extension '{_shown(name)}' is not allowed",
                            "use the extensions of Python-Markdown or PyMdown Extensions; the person or CI running "
                            f"aimskit may allow more with {ALLOW_EXTENSIONS_ENV} (see docs/site.md)")
                continue
            if options is None:
                options = {}
            elif not isinstance(options, dict):
                self.refuse(where, "AIMS934", f"the options of {_shown(name)} must be a mapping, not {_kind(options)}")
                continue
            trusted = name in self.allowances.extensions
            for key, option in options.items():
                if key in _CALLABLE_OPTIONS and not trusted:
                    self.refuse((*where, key), "AIMS902", f"option {_shown(name)}: {_shown(key)} names Python code to run",
                                f"remove it, or have the person running aimskit allow {_shown(name)} with "
                                f"{ALLOW_EXTENSIONS_ENV}")
                else:
                    self.plain((*where, key), option, nested=trusted)
            if name in ("pymdownx.snippets", "snippets"):
                self.snippets(where, options)

    def named(self, path: Path_, value: t.Any) -> t.Iterator[tuple[Path_, str, t.Any]]:
        """``- name``, ``- name: {options}`` or ``name: {options}`` entries, as (where, name, options)."""
        if isinstance(value, dict):
            entries: list[tuple[Path_, t.Any]] = [((*path, key), {key: item}) for key, item in value.items()]
        else:
            entries = [((*path, index), entry) for index, entry in enumerate(self.items(path, value))]
        for where, entry in entries:
            if isinstance(entry, dict) and len(entry) == 1:
                name, options = next(iter(entry.items()))
                yield (where if isinstance(value, dict) else (*where, name)), name, options
            elif isinstance(entry, str):
                yield where, entry, None
            else:
                self.refuse(where, "AIMS934", f"{_label(where)} must be a name, or one name with its options")

    def snippets(self, path: Path_, options: dict[str, t.Any]) -> None:
        """pymdownx.snippets includes files into pages: only from folders inside the repository, never URLs."""
        for key, option in options.items():
            if key == "restrict_base_path" and option is not True:
                self.refuse((*path, key), "AIMS901", f"pymdownx.snippets restrict_base_path is {_kind(option)}: "
                            "snippets could be read from outside base_path", "keep restrict_base_path: true")
            elif key == "url_download" and option is not False:
                self.refuse((*path, key), "AIMS901", f"pymdownx.snippets url_download is {_kind(option)}: "
                            "snippets could be downloaded", "keep url_download: false")
            elif key.startswith("url_") or key == "restrict_base_path":
                continue
            elif not _typed(option, _SNIPPET_TYPES.get(key, ())) or \
                    (isinstance(option, list) and not all(isinstance(item, str) for item in option)):
                self.refuse((*path, key), "AIMS934", f"pymdownx.snippets {_shown(key)} is not an option aimskit accepts "
                            f"as {_kind(option)}", f"aimskit reads {', '.join(sorted(_SNIPPET_TYPES))} and "
                            "restrict_base_path: true, url_download: false")
        bases = options.get("base_path", ["."])
        for index, base in enumerate(bases if isinstance(bases, list) else [bases]):
            where = (*path, "base_path", index) if isinstance(bases, list) else (*path, "base_path")
            problem = _path_problem(self.root, base) if base not in (".", "") else None
            if problem and "repository itself" not in problem:
                self.refuse(where, "AIMS901", f"pymdownx.snippets base_path {problem}",
                            "include snippets from a folder inside the repository, e.g. base_path: [docs]")

    def extra(self, path: Path_, value: t.Any) -> None:
        for key, item in self.mapping(path, value, _EXTRA_KEYS).items():
            if key == "generator":
                self.flag((*path, key), item)
            elif key == "homepage":
                self.text((*path, key), item)
            else:
                self.plain((*path, key), item)

    def extra_css(self, path: Path_, value: t.Any) -> None:
        for index, entry in enumerate(self.items(path, value)):
            self.asset((*path, index), entry)

    def extra_javascript(self, path: Path_, value: t.Any) -> None:
        for index, entry in enumerate(self.items(path, value)):
            where = (*path, index)
            if isinstance(entry, dict):
                script = self.mapping(where, entry, frozenset({"path", "type", "async", "defer"}))
                self.asset((*where, "path"), script.get("path"))
                for key in ("async", "defer"):
                    if key in script:
                        self.flag((*where, key), script[key])
                if "type" in script:
                    self.text((*where, "type"), script["type"])
            else:
                self.asset(where, entry)

    def validation(self, path: Path_, value: t.Any) -> None:
        for key, item in self.mapping(path, value).items():
            self.plain((*path, key), item)

    def layout(self, settings: dict[str, t.Any]) -> Layout:
        values = {"docs_dir": settings.get("docs_dir", "docs"), "site_dir": settings.get("site_dir", "site")}
        theme = settings.get("theme")
        custom = theme.get("custom_dir") if isinstance(theme, dict) else None
        if has_errors(self.findings):
            return Layout(_normal(values["docs_dir"]), _normal(values["site_dir"]), None)
        if _overlap(str(values["docs_dir"]), str(values["site_dir"])):
            self.refuse(("site_dir",), "AIMS901", "site_dir and docs_dir overlap, so the build would replace the pages",
                        "keep them apart, e.g. docs_dir: docs and site_dir: site")
        return Layout(_normal(values["docs_dir"]), _normal(values["site_dir"]), _normal(custom) if custom else None)


def _typed(value: t.Any, types: tuple[type, ...]) -> bool:
    return isinstance(value, types) and (bool in types or not isinstance(value, bool))


def _scalar(value: t.Any) -> bool:
    return value is None or isinstance(value, (str, bool, int)) or (isinstance(value, float) and math.isfinite(value))


def _label(path: Path_) -> str:
    return ".".join(str(part) if isinstance(part, str) else f"[{part}]" for part in path).replace(".[", "[") or "mkdocs.yml"


_DEFAULTS = {"docs_dir": "docs", "site_dir": "site", "custom_dir": "overrides"}


def _normal(value: t.Any) -> str:
    return posixpath.normpath(str(value).replace("\\", "/")) if isinstance(value, str) else "."


def _path_problem(root: Path, value: t.Any) -> str | None:
    if not isinstance(value, str) or not value.strip():
        return "is not a folder name"
    if any(ord(char) < 32 for char in value):
        return "holds a control character"
    normal = _normal(value)
    if value.startswith(("/", "\\")) or (len(value) > 1 and value[1] == ":"):
        return f"'{normal}' is an absolute path"
    if normal == ".":
        return "is the repository itself"
    if normal == ".." or normal.startswith("../"):
        return f"'{normal}' points outside the repository"
    if normal.split("/")[0] in _PROTECTED_NAMES or normal.startswith(".aimskit"):
        return f"'{normal}' is a folder aimskit will not build into or from"
    try:
        fs.resolve_inside(root, normal)
    except fs.RefusedPath as exc:
        return f"'{normal}' {exc.detail}"
    return None


def _overlap(first: str, second: str) -> bool:
    a, b = _normal(first), _normal(second)
    return a == b or a.startswith(b + "/") or b.startswith(a + "/")


# -- the repository's theme folder ------------------------------------------------------------


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
