"""Jinja extensions for the template: where the template lives, and safe quoting of user strings."""

from __future__ import annotations

import re
from pathlib import Path

import yaml
from jinja2.ext import Extension

ROOT = Path(__file__).resolve().parent


def _aimskit_version() -> str:
    for candidate in (ROOT / "src" / "aimskit" / "__init__.py", ROOT.parent.parent / "__init__.py"):
        if candidate.is_file():
            match = re.search(r'__version__ = "([^"]+)"', candidate.read_text(encoding="utf-8"))
            if match:
                return match.group(1)
    return "0.1.0"


class TemplateRootExtension(Extension):
    """Exposes ``template_root`` (this folder) and ``aimskit_version`` to templates and hooks."""

    def __init__(self, environment):
        super().__init__(environment)
        environment.globals["template_root"] = str(ROOT)
        environment.globals["aimskit_version"] = _aimskit_version()


def yaml_quote(value: object) -> str:
    """A double-quoted YAML scalar that loads back to exactly ``str(value)``."""
    dumped = yaml.safe_dump(str(value), allow_unicode=True, default_style='"', width=float("inf"))
    return dumped.rstrip("\n").removesuffix("\n...").rstrip("\n")


class YamlQuoteExtension(Extension):
    """The ``yaml_quote`` filter: quote a user string for YAML (and YAML front matter)."""

    def __init__(self, environment):
        super().__init__(environment)
        environment.filters["yaml_quote"] = yaml_quote
