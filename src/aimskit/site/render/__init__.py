"""Rendering: validated records in, Markdown pages out (a pure step, no site-engine plugin).

``render(context)`` returns ``{relative path: text}`` for the generated folder of the site
(``docs/generated/``). Every record value goes through :mod:`aimskit.site.render.escape`.
"""

from __future__ import annotations

from aimskit.site.render import (
    assessments,
    assets,
    clauses,
    dashboard,
    frameworks,
    policies,
    records,
    risks,
    roles,
    soa,
    systems,
)
from aimskit.site.render.context import RenderContext

__all__ = ["RenderContext", "render", "PAGE_MODULES"]

PAGE_MODULES = (dashboard, policies, risks, systems, assessments, soa, roles, records, clauses, frameworks, assets)


def render(context: RenderContext) -> dict[str, str]:
    """Every generated page (and the level stylesheet) as ``{path: text}``."""
    pages: dict[str, str] = {}
    for module in PAGE_MODULES:
        pages.update(module.render(context))
    return pages
