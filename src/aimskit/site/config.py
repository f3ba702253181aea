"""Vetting ``mkdocs.yml`` before any site engine runs.

``mkdocs.yml`` is part of the repository under review, so a pull request controls it. MkDocs
and Zensical would follow it wherever it points: a ``site_dir`` of ``../victim`` replaces a
folder beside the repository, ``hooks`` and unknown plugins run Python, ``!!python/...`` tags
construct Python objects, ``!ENV`` copies the runner's environment (its secrets) into pages and
``INHERIT`` reads another file. :func:`vet` reads the file with the same containment as the
records and turns each such setting into a finding; the engine runs only on a clean result.
"""

from __future__ import annotations

import dataclasses
import posixpath
import typing as t
from pathlib import Path

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from aimskit import fs
from aimskit.records.findings import Finding, error
from aimskit.records.loading import MAX_FILE_BYTES
from aimskit.records.model import refused_finding

CONFIG_NAME = "mkdocs.yml"
MAX_DEPTH = 50
# Plugins that ship with MkDocs and Material and neither run repository code nor fetch anything.
ALLOWED_PLUGINS = frozenset({"search", "tags", "offline", "material/search", "material/tags", "material/offline"})
# Markdown extensions that ship with Python-Markdown, PyMdown Extensions and Material.
ALLOWED_EXTENSION_PREFIXES = ("markdown.extensions.", "pymdownx.", "material.")
ALLOWED_EXTENSIONS = frozenset({
    "abbr", "admonition", "attr_list", "def_list", "fenced_code", "footnotes", "md_in_html", "meta", "nl2br",
    "sane_lists", "smarty", "tables", "toc", "wikilinks", "codehilite", "legacy_attrs", "legacy_em", "extra",
})
_PATH_KEYS = ("docs_dir", "site_dir")
_PROTECTED_NAMES = frozenset({".git", ".github", ".gitlab", "schemas"})


class Layout(t.NamedTuple):
    """Where the engine reads pages and writes the site, relative to the configuration file."""

    docs_dir: str
    site_dir: str
    custom_dir: str | None


@dataclasses.dataclass
class Vetted:
    """The outcome of vetting: the layout, and findings (the engine must not run when there are any)."""

    layout: Layout
    findings: list[Finding]

    @property
    def ok(self) -> bool:
        return not self.findings


def vet(root: Path) -> Vetted:
    """Read ``root/mkdocs.yml`` and refuse what would reach outside or run code, as findings."""
    default = Layout("docs", "site", None)
    try:
        raw = fs.read_bytes(root, CONFIG_NAME, MAX_FILE_BYTES)
    except fs.RefusedPath as exc:
        if exc.reason == fs.RefusedPath.MISSING:
            return Vetted(default, [error(CONFIG_NAME, 1, 1, "AIMS900", "the site needs a mkdocs.yml and there is none",
                                          "restore mkdocs.yml from the aimskit template")])
        return Vetted(default, [refused_finding(exc)])
    try:
        node = _compose(raw.decode("utf-8-sig"))
    except (UnicodeDecodeError, yaml.YAMLError, RecursionError) as exc:
        mark = getattr(exc, "problem_mark", None)
        line, column = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
        return Vetted(default, [error(CONFIG_NAME, line, column, "AIMS900", "mkdocs.yml is not valid YAML",
                                      "check its indentation and quoting")])
    findings = list(_tag_findings(node))
    if findings:
        return Vetted(default, findings)
    config = _plain(node)
    if not isinstance(config, dict):
        return Vetted(default, [error(CONFIG_NAME, 1, 1, "AIMS900", "mkdocs.yml must be a mapping of settings")])
    layout, findings = _layout(root, config, node)
    findings += _code_findings(config, node)
    findings += _snippet_findings(root, config, node)
    return Vetted(layout, findings)


def _compose(text: str) -> Node | None:
    return yaml.compose(text, Loader=yaml.SafeLoader)


def _walk(node: Node | None, depth: int = 0, seen: set[int] | None = None) -> t.Iterator[tuple[Node, int]]:
    seen = set() if seen is None else seen
    if node is None or id(node) in seen:  # an alias is walked once, so work stays linear
        return
    seen.add(id(node))
    yield node, depth
    if depth > MAX_DEPTH:
        return
    if isinstance(node, SequenceNode):
        for child in node.value:
            yield from _walk(child, depth + 1, seen)
    elif isinstance(node, MappingNode):
        for key, value in node.value:
            yield from _walk(key, depth + 1, seen)
            yield from _walk(value, depth + 1, seen)


def _tag_findings(root_node: Node | None) -> t.Iterator[Finding]:
    for node, depth in _walk(root_node):
        line, column = node.start_mark.line + 1, node.start_mark.column + 1
        if depth > MAX_DEPTH:
            yield error(CONFIG_NAME, line, column, "AIMS904", f"mkdocs.yml is nested more than {MAX_DEPTH} levels deep",
                        "flatten the setting")
            return
        if _explicit_tag(node):
            shown = node.tag.replace("tag:yaml.org,2002:", "!!")
            if "python/" in node.tag:
                yield error(CONFIG_NAME, line, column, "AIMS903", f"tag {shown} would load Python code",
                            "remove the tag; the site is built without running code from the repository")
            else:
                yield error(CONFIG_NAME, line, column, "AIMS903", f"tag {shown} is not allowed in mkdocs.yml",
                            "write the value itself; !ENV would copy the build's environment into the site")


_RESOLVER = yaml.resolver.Resolver()
_COLLECTION_TAGS: dict[type, str] = {SequenceNode: "tag:yaml.org,2002:seq", MappingNode: "tag:yaml.org,2002:map"}


def _explicit_tag(node: Node) -> bool:
    if isinstance(node, ScalarNode):
        return node.tag not in (_RESOLVER.resolve(ScalarNode, node.value, (True, False)), "tag:yaml.org,2002:str")
    return node.tag != _COLLECTION_TAGS.get(type(node))


def _plain(node: Node | None, memo: dict[int, t.Any] | None = None) -> t.Any:
    """The settings as plain values; an alias gives the same object, so work stays linear."""
    memo = {} if memo is None else memo
    if node is None:
        return None
    if id(node) in memo:
        return memo[id(node)]
    if isinstance(node, ScalarNode):
        return node.value
    if isinstance(node, SequenceNode):
        items: list[t.Any] = []
        memo[id(node)] = items
        items.extend(_plain(child, memo) for child in node.value)
        return items
    mapping: dict[str, t.Any] = {}
    memo[id(node)] = mapping
    for key, value in node.value:
        mapping[str(key.value) if isinstance(key, ScalarNode) else ""] = _plain(value, memo)
    return mapping


def _position(node: Node | None, *path: str) -> tuple[int, int]:
    for part in path:
        found = None
        if isinstance(node, MappingNode):
            found = next((value for key, value in node.value if isinstance(key, ScalarNode) and key.value == part), None)
        if found is None:
            break
        node = found
    return (node.start_mark.line + 1, node.start_mark.column + 1) if node is not None else (1, 1)


def _layout(root: Path, config: dict[str, t.Any], node: Node | None) -> tuple[Layout, list[Finding]]:
    findings: list[Finding] = []
    theme: dict[str, t.Any] = config["theme"] if isinstance(config.get("theme"), dict) else {}
    values = {"docs_dir": config.get("docs_dir") or "docs", "site_dir": config.get("site_dir") or "site",
              "custom_dir": theme.get("custom_dir") or None}
    for key, value in values.items():
        if value is None:
            continue
        where = _position(node, "theme", key) if key == "custom_dir" else _position(node, key)
        problem = _path_problem(root, value)
        if problem:
            findings.append(error(CONFIG_NAME, *where, "AIMS901", f"{key} {problem}",
                                  f"name a folder inside the repository, e.g. {key}: {_DEFAULTS[key]}"))
    if not findings and _overlap(str(values["docs_dir"]), str(values["site_dir"])):
        findings.append(error(CONFIG_NAME, *_position(node, "site_dir"), "AIMS901",
                              "site_dir and docs_dir overlap, so the build would replace the pages",
                              "keep them apart, e.g. docs_dir: docs and site_dir: site"))
    if "INHERIT" in config:
        findings.append(error(CONFIG_NAME, *_position(node, "INHERIT"), "AIMS901",
                              "INHERIT reads another configuration file and is not allowed",
                              "write the settings into mkdocs.yml itself"))
    custom = values["custom_dir"]
    layout = Layout(_normal(values["docs_dir"]), _normal(values["site_dir"]), _normal(custom) if custom else None)
    return layout, findings


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
    if normal.split("/")[0] in _PROTECTED_NAMES:
        return f"'{normal}' is a folder aimskit will not build into or from"
    try:
        fs.resolve_inside(root, normal)
    except fs.RefusedPath as exc:
        return f"'{normal}' {exc.detail}"
    return None


def _overlap(first: str, second: str) -> bool:
    a, b = _normal(first), _normal(second)
    return a == b or a.startswith(b + "/") or b.startswith(a + "/")


def _code_findings(config: dict[str, t.Any], node: Node | None) -> t.Iterator[Finding]:
    if config.get("hooks"):
        yield error(CONFIG_NAME, *_position(node, "hooks"), "AIMS902", "hooks run Python files and are not allowed",
                    "remove hooks; the site is built without running code from the repository")
    for name in _names(config.get("plugins")):
        if name not in ALLOWED_PLUGINS:
            yield error(CONFIG_NAME, *_position(node, "plugins"), "AIMS902", f"plugin '{_shown(name)}' is not allowed",
                        f"aimskit builds with these plugins only: {', '.join(sorted(ALLOWED_PLUGINS))}")
    for name in _names(config.get("markdown_extensions")):
        if name not in ALLOWED_EXTENSIONS and not name.startswith(ALLOWED_EXTENSION_PREFIXES):
            yield error(CONFIG_NAME, *_position(node, "markdown_extensions"), "AIMS902",
                        f"Markdown extension '{_shown(name)}' is not allowed",
                        "use the extensions of Python-Markdown, PyMdown Extensions or Material")


def _names(value: t.Any) -> list[str]:
    if isinstance(value, dict):
        return [str(key) for key in value]
    if isinstance(value, list):
        return [str(next(iter(item), "")) if isinstance(item, dict) else str(item) for item in value]
    return [] if value is None else [str(value)]


def _shown(name: str) -> str:
    return "".join(char if char.isprintable() else "?" for char in name)[:80]


def _snippet_findings(root: Path, config: dict[str, t.Any], node: Node | None) -> t.Iterator[Finding]:
    """pymdownx.snippets includes files into pages: only from folders inside the repository, never URLs."""
    entries = config.get("markdown_extensions")
    options = [item.get("pymdownx.snippets") for item in entries if isinstance(item, dict)] \
        if isinstance(entries, list) else [entries.get("pymdownx.snippets")] if isinstance(entries, dict) else []
    for option in (o for o in options if isinstance(o, dict)):
        where = _position(node, "markdown_extensions")
        bases = option.get("base_path", ["."])
        for base in bases if isinstance(bases, list) else [bases]:
            problem = _path_problem(root, base) if base not in (".", "") else None
            if problem and "repository itself" not in problem:
                yield error(CONFIG_NAME, *where, "AIMS901", f"pymdownx.snippets base_path {problem}",
                            "include snippets from a folder inside the repository, e.g. base_path: [docs]")
        if str(option.get("restrict_base_path", "true")).lower() == "false" or \
                str(option.get("url_download", "false")).lower() == "true":
            yield error(CONFIG_NAME, *where, "AIMS901", "pymdownx.snippets may read outside its base_path or download",
                        "keep restrict_base_path: true and url_download: false")
