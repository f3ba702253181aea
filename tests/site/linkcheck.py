"""A link and fragment checker for a built site: every local link must reach a file, every #fragment an id."""

from __future__ import annotations

import html.parser
import posixpath
import typing as t
import urllib.parse
from pathlib import Path

_SKIP_SCHEMES = ("mailto:", "https:", "http:", "javascript:", "data:", "tel:")


class _Page(html.parser.HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.links: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        for key in ("id", "name"):
            if values.get(key) and (key == "id" or tag == "a"):
                self.ids.add(values[key] or "")
        if tag == "a" and values.get("href") is not None:
            self.links.append(values["href"] or "")
        elif tag in ("link", "script", "img") and (values.get("href") or values.get("src")):
            self.links.append(values.get("href") or values.get("src") or "")


class Broken(t.NamedTuple):
    page: str
    href: str
    reason: str


def check_site(site: Path) -> tuple[int, list[Broken]]:
    """Check every link of every HTML page under ``site``; return (links checked, broken links)."""
    parsed: dict[str, _Page] = {}

    def page_of(relative: str) -> _Page:
        if relative not in parsed:
            parser = _Page()
            parser.feed((site / relative).read_text(encoding="utf-8"))
            parsed[relative] = parser
        return parsed[relative]

    broken: list[Broken] = []
    checked = 0
    for file in sorted(site.rglob("*.html")):
        relative = file.relative_to(site).as_posix()
        for href in page_of(relative).links:
            if not href or href.startswith(_SKIP_SCHEMES) or href.startswith("//"):
                continue
            checked += 1
            target, reason = _resolve(site, relative, href)
            if reason:
                broken.append(Broken(relative, href, reason))
                continue
            fragment = urllib.parse.unquote(urllib.parse.urlsplit(href).fragment)
            if fragment and target.endswith(".html") and fragment not in page_of(target).ids:
                broken.append(Broken(relative, href, f"no element with id {fragment!r} in {target}"))
    return checked, broken


def _resolve(site: Path, page: str, href: str) -> tuple[str, str]:
    path = urllib.parse.unquote(urllib.parse.urlsplit(href).path)
    if not path:
        return page, ""
    base = "" if path.startswith("/") else posixpath.dirname(page)  # the 404 page links from the site root
    joined = posixpath.normpath(posixpath.join(base, path.lstrip("/")))
    if joined.startswith(".."):
        return "", "leaves the site"
    if (site / joined).is_dir() or path.endswith("/"):
        joined = posixpath.join(joined, "index.html")
    if not (site / joined).is_file():
        return "", "no such file"
    return posixpath.normpath(joined), ""
