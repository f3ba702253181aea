"""Checking the settings read from ``mkdocs.yml`` against the typed allow-list.

Each setting aimskit builds with has a kind (:mod:`aimskit.site.allowlist`); a setting that is
not on the list, or whose value is not of its kind, is a finding at its line. The checks that
keep the engine inside the repository and away from code are here too: ``hooks``, ``INHERIT``,
plugins and extensions beyond the allowance, extension options that name Python code, and
``pymdownx.snippets`` reading outside its folders or downloading.
"""

from __future__ import annotations

import typing as t

from aimskit.records.findings import has_errors
from aimskit.site.allowlist import (
    ALLOW_EXTENSIONS_ENV,
    ALLOW_PLUGINS_ENV,
    ALLOWED_EXTENSIONS,
    ALLOWED_PLUGINS,
    CALLABLE_OPTIONS,
    COMMAND_SETTINGS,
    EXTRA_KEYS,
    FLAG_SETTINGS,
    ICON,
    LANGUAGE,
    PALETTE_KEYS,
    SETTINGS,
    SNIPPET_TYPES,
    TEXT_SETTINGS,
    THEME_KEYS,
    Kinds,
    Layout,
    label,
    normal,
    overlap,
    path_problem,
    typed,
)
from aimskit.site.settings_yaml import Path_, kind, shown


class Checker(Kinds):
    """Checks the settings against the allow-list, collecting findings at the lines of the values."""

    def settings(self, settings: dict[str, t.Any]) -> None:
        if "site_name" not in settings:
            self.refuse((), "AIMS933", "site_name is missing", "name the site: site_name: \"…\"")
        if "theme" not in settings:
            self.refuse((), "AIMS933", "theme is missing", "build with Material: theme: {name: material}")
        self.markup((), settings)
        for key, value in settings.items():
            path = (key,)
            if key == "hooks":
                self.refuse(path, "AIMS902", "hooks run Python files and are not allowed",
                            "remove hooks; the site is built without running code from the repository")
            elif key == "INHERIT":
                self.refuse(path, "AIMS901", "INHERIT reads another configuration file and is not allowed",
                            "write the settings into mkdocs.yml itself")
            elif key == "extra_templates":
                self.refuse(path, "AIMS935", "extra_templates renders files of docs/ as Jinja templates, which run code",
                            "write pages in Markdown; templates come only from aimskit and the theme")
            elif key == "repo_url":
                self.refuse(path, "AIMS933", "repo_url makes the theme fetch the repository's details from the code host",
                            "set site.repo_url in aims.yml: revisions link to it without a request from the reader")
            elif key in COMMAND_SETTINGS:
                self.refuse(path, "AIMS933", f"{key} is a setting of mkdocs serve or gh-deploy, which aimskit does not run",
                            "remove it: aimskit serve previews the site, CI publishes it (see docs/ci.md)")
            elif key not in SETTINGS:
                self.refuse(path, "AIMS933", f"setting '{shown(key)}' is not one aimskit builds with",
                            f"remove it; aimskit reads {', '.join(sorted(SETTINGS))}")
            elif key == "site_url":
                self.link(path, value)
            elif key in TEXT_SETTINGS:
                self.text(path, value)
            elif key in FLAG_SETTINGS:
                self.flag(path, value)
            elif key in ("docs_dir", "site_dir"):
                self.folder(path, value)
            else:
                getattr(self, key)(path, value)

    def theme(self, path: Path_, value: t.Any) -> None:
        theme = {"name": value} if isinstance(value, str) else self.mapping(path, value, THEME_KEYS)
        if theme.get("name") != "material":
            self.refuse((*path, "name") if "name" in theme else path, "AIMS934",
                        f"theme.name must be material, not {kind(theme.get('name')) if not isinstance(theme.get('name'), str) else repr(shown(theme['name']))}",
                        "aimskit's pages are made for Material for MkDocs (and Zensical, which reads the same)")
        for key, item in theme.items():
            where = (*path, key)
            if key == "custom_dir":
                self.folder(where, item)
            elif key == "language":
                self.token(where, item, LANGUAGE)
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
                        self.token((*where, name) if sub is None else (*where, name, sub), one, ICON)
            elif key == "palette":
                for index, entry in enumerate(item if isinstance(item, list) else [item]):
                    self.palette((*where, index) if isinstance(item, list) else where, entry)
            elif key == "features":
                for index, feature in enumerate(self.items(where, item)):
                    self.token((*where, index), feature)

    def palette(self, path: Path_, value: t.Any) -> None:
        for key, item in self.mapping(path, value, PALETTE_KEYS).items():
            if key == "toggle":
                for sub, one in self.mapping((*path, key), item, frozenset({"icon", "name"})).items():
                    self.token((*path, key, sub), one, ICON) if sub == "icon" else self.text((*path, key, sub), one)
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
                    self.link((*where, title), target)
            elif isinstance(entry, str):
                self.link(where, entry)
            else:
                self.refuse(where, "AIMS934", f"{label(where)} must be a page, or one title with a page or a list",
                            "write - Title: page.md or - page.md")

    def plugins(self, path: Path_, value: t.Any) -> None:
        allowed = ALLOWED_PLUGINS | self.allowances.plugins
        for where, name, options in self.named(path, value):
            if name not in allowed:
                self.refuse(where, "AIMS902", f"plugin '{shown(name)}' is not allowed",
                            f"aimskit builds with {', '.join(sorted(ALLOWED_PLUGINS))}; the person or CI running "
                            f"aimskit may allow more with {ALLOW_PLUGINS_ENV} (see docs/site.md)")
            elif options is not None:
                for key, option in self.mapping(where, options).items():
                    self.plain((*where, key), option, nested=name in self.allowances.plugins)

    def markdown_extensions(self, path: Path_, value: t.Any) -> None:
        allowed = ALLOWED_EXTENSIONS | self.allowances.extensions
        for where, name, options in self.named(path, value):
            if name not in allowed:
                self.refuse(where, "AIMS902", f"Markdown extension '{shown(name)}' is not allowed",
                            "use the extensions of Python-Markdown or PyMdown Extensions; the person or CI running "
                            f"aimskit may allow more with {ALLOW_EXTENSIONS_ENV} (see docs/site.md)")
                continue
            if options is None:
                options = {}
            elif not isinstance(options, dict):
                self.refuse(where, "AIMS934", f"the options of {shown(name)} must be a mapping, not {kind(options)}")
                continue
            trusted = name in self.allowances.extensions
            for key, option in options.items():
                if key in CALLABLE_OPTIONS and not trusted:
                    self.refuse((*where, key), "AIMS902", f"option {shown(name)}: {shown(key)} names Python code to run",
                                f"remove it, or have the person running aimskit allow {shown(name)} with "
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
                self.refuse(where, "AIMS934", f"{label(where)} must be a name, or one name with its options")

    def snippets(self, path: Path_, options: dict[str, t.Any]) -> None:
        """pymdownx.snippets includes files into pages: only from folders inside the repository, never URLs."""
        for key, option in options.items():
            if key == "restrict_base_path" and option is not True:
                self.refuse((*path, key), "AIMS901", f"pymdownx.snippets restrict_base_path is {kind(option)}: "
                            "snippets could be read from outside base_path", "keep restrict_base_path: true")
            elif key == "url_download" and option is not False:
                self.refuse((*path, key), "AIMS901", f"pymdownx.snippets url_download is {kind(option)}: "
                            "snippets could be downloaded", "keep url_download: false")
            elif key.startswith("url_") or key == "restrict_base_path":
                continue
            elif not typed(option, SNIPPET_TYPES.get(key, ())) or \
                    (isinstance(option, list) and not all(isinstance(item, str) for item in option)):
                self.refuse((*path, key), "AIMS934", f"pymdownx.snippets {shown(key)} is not an option aimskit accepts "
                            f"as {kind(option)}", f"aimskit reads {', '.join(sorted(SNIPPET_TYPES))} and "
                            "restrict_base_path: true, url_download: false")
        bases = options.get("base_path", ["."])
        for index, base in enumerate(bases if isinstance(bases, list) else [bases]):
            where = (*path, "base_path", index) if isinstance(bases, list) else (*path, "base_path")
            problem = path_problem(self.root, base) if base not in (".", "") else None
            if problem and "repository itself" not in problem:
                self.refuse(where, "AIMS901", f"pymdownx.snippets base_path {problem}",
                            "include snippets from a folder inside the repository, e.g. base_path: [docs]")

    def extra(self, path: Path_, value: t.Any) -> None:
        for key, item in self.mapping(path, value, EXTRA_KEYS).items():
            if key == "generator":
                self.flag((*path, key), item)
            elif key == "homepage":
                self.link((*path, key), item)
            else:
                self.plain((*path, key), item)
                for index, entry in enumerate(item if key in ("social", "alternate") and isinstance(item, list) else []):
                    if isinstance(entry, dict) and "link" in entry:
                        self.link((*path, key, index, "link"), entry["link"])

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
            return Layout(normal(values["docs_dir"]), normal(values["site_dir"]), None)
        if overlap(str(values["docs_dir"]), str(values["site_dir"])):
            self.refuse(("site_dir",), "AIMS901", "site_dir and docs_dir overlap, so the build would replace the pages",
                        "keep them apart, e.g. docs_dir: docs and site_dir: site")
        return Layout(normal(values["docs_dir"]), normal(values["site_dir"]), normal(custom) if custom else None)
