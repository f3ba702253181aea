"""Rendering: validated records in, Markdown pages out (a pure step, no site-engine plugin).

``render(context)`` returns ``{relative path: text}`` for the generated folder of the site
(``docs/generated/``). Every record value goes through :mod:`aimskit.site.render.escape`.
Every page but the home fragment starts with a breadcrumb that marks its section.
"""

from __future__ import annotations

import html
import re

import yaml

from aimskit.site.render import (
    assessments,
    assets,
    clauses,
    contacts,
    dashboard,
    escape,
    frameworks,
    glossary,
    home,
    policies,
    records,
    risk_pages,
    risks,
    roles,
    scope,
    sections,
    soa,
    systems,
)
from aimskit.site.render.context import RenderContext

_RECORD_ID = re.compile(r"^[A-Z]+-[0-9]{3,}$")

__all__ = ["RenderContext", "render", "PAGE_MODULES"]

PAGE_MODULES = (home, dashboard, policies, risks, risk_pages, systems, assessments, soa, roles, contacts, scope,
                glossary, records, clauses, frameworks, assets)


def render(context: RenderContext) -> dict[str, str]:
    """Every generated page (and the level stylesheet and the home fragment) as ``{path: text}``."""
    pages: dict[str, str] = {}
    for module in PAGE_MODULES:
        pages.update(module.render(context))
    organisation = context.organisation
    built = context.today.isoformat()
    return {path: with_breadcrumb(path, text, organisation, built) if path.endswith(".md") else text
            for path, text in pages.items()}


def with_breadcrumb(path: str, text: str, organisation: str = "", built: str = "") -> str:
    """Insert the page's print header and breadcrumb after its front matter.

    The breadcrumb is labelled with the record id or the page title. The print header (shown only
    on paper) names the organisation, the document, its version and the date: the print date when
    the browser runs the small print script, else the date the site was built.
    """
    if not text.startswith("---\n"):
        return text
    end = text.index("\n---\n", 3) + 5
    fields = yaml.load(text[4:end - 4], Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)) or {}
    title = html.unescape(str(fields.get("title") or ""))
    first = title.split(" ", 1)[0]
    label = first if _RECORD_ID.match(first) else title
    version = fields.get("aims_version")
    version = f" · version {escape.html_text(html.unescape(str(version)))}" if version else ""
    # a raw HTML block: the engine does not parse its content as Markdown, so HTML escaping only
    # data-search-exclude: the search index leaves it out (it would start every page's search text)
    printed = (f'<div class="aims-print-header" data-search-exclude>'
               f'{escape.html_text(organisation)} · {escape.html_text(title)}{version} · '
               f'printed <span class="aims-print-date">{escape.html_text(built)}</span></div>\n')
    return text[:end] + "\n" + printed + sections.breadcrumb(path, label) + text[end:]
