"""Jinja extensions for the template: where the template lives, safe quoting of user strings,
dates relative to the day of generation and rescaling of risk values to the chosen matrix."""

from __future__ import annotations

import calendar
import html
import datetime as dt
import math
import os
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


def html_text(value: object) -> str:
    """``value`` with ``& < > "`` escaped, apostrophes kept: safe in HTML text and double-quoted attributes,
    and not shown as ``&#39;`` where an engine escapes the value once more (a tooltip)."""
    return html.escape(str(value), quote=False).replace('"', "&quot;")


class YamlQuoteExtension(Extension):
    """The ``yaml_quote`` filter: quote a user string for YAML (and YAML front matter)."""

    def __init__(self, environment):
        super().__init__(environment)
        environment.filters["yaml_quote"] = yaml_quote
        environment.filters["html_text"] = html_text


def rescale(value: object, matrix: object) -> int:
    """Map ``value`` on a 1-5 scale onto the chosen matrix (``"3x3"`` → 1-3): ceil(v × n / 5), at least 1."""
    size = int(str(matrix).lower().partition("x")[0])
    return max(1, math.ceil(int(value) * size / 5))


def add_months(day: object, months: object) -> str:
    """The ISO date ``months`` after ``day`` (an ISO date string), clamped to the month's last day."""
    start = dt.date.fromisoformat(str(day))
    index = start.month - 1 + int(months)
    year, month = start.year + index // 12, index % 12 + 1
    return dt.date(year, month, min(start.day, calendar.monthrange(year, month)[1])).isoformat()


def add_days(day: object, days: object) -> str:
    """The ISO date ``days`` after ``day`` (negative for earlier)."""
    return (dt.date.fromisoformat(str(day)) + dt.timedelta(days=int(days))).isoformat()


_MARKDOWN_ESCAPES = re.compile(r"([\\`*_{}\[\]()#+\-.!])")
# Characters some Markdown dialects cannot backslash-escape become HTML character references.
_MARKDOWN_ENTITIES = {"&": "&amp;", "<": "&lt;", ">": "&gt;", "|": "&#124;", "~": "&#126;"}


def md_escape(value: object) -> str:
    """``str(value)`` as inline Markdown text: one line, Markdown and HTML characters escaped."""
    text = " ".join(str(value).split())
    text = _MARKDOWN_ESCAPES.sub(r"\\\1", text)
    return "".join(_MARKDOWN_ENTITIES.get(char, char) for char in text)


def default_slug(organisation: object) -> str:
    """A folder name for ``organisation``'s repository that the template accepts, whatever the name.

    Non-Latin scripts are transliterated (``Ελληνικά`` → ``ellinika-aims``); a name of symbols
    only, or one that transliterates to nothing, gives plain ``aims``.
    """
    from slugify import slugify

    stem = slugify(str(organisation), max_length=60, word_boundary=True)
    return f"{stem}-aims" if stem else "aims"


class SlugExtension(Extension):
    """The ``default_slug`` filter: the default repository folder name for an organisation."""

    def __init__(self, environment):
        super().__init__(environment)
        environment.filters["default_slug"] = default_slug


def generation_day() -> str:
    """Today (UTC), or ``$AIMSKIT_TODAY``: ``aimskit upgrade`` regenerates with the original day, so
    that dates the template derives from it do not show up as changes."""
    fixed = os.environ.get("AIMSKIT_TODAY", "")
    try:
        return dt.date.fromisoformat(fixed).isoformat()
    except ValueError:
        return dt.datetime.now(dt.timezone.utc).date().isoformat()


class DatesAndScalesExtension(Extension):
    """``today`` (UTC, ISO) plus the ``add_months``, ``add_days``, ``rescale`` and ``md_escape`` filters."""

    def __init__(self, environment):
        super().__init__(environment)
        environment.globals["today"] = generation_day()
        environment.filters["add_months"] = add_months
        environment.filters["add_days"] = add_days
        environment.filters["rescale"] = rescale
        environment.filters["md_escape"] = md_escape
