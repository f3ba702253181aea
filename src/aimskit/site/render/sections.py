"""The sections of the site (the top navigation tabs) and the breadcrumb of every generated page.

Records are not listed in the global navigation (MkDocs repeats it on every page, so listing
10,000 risks would make the site grow with the square of the records). Each record page is
reached from its section's index, carries a breadcrumb back to it, and marks its section so
the stylesheet can highlight the section's tab (``data-aims-tab``, a CSS-only highlight).

``SECTIONS`` follows the order of the top-level entries of the template's ``mkdocs.yml`` nav;
a test keeps the two in step.
"""

from __future__ import annotations

import posixpath
import typing as t

from aimskit.site.render import escape, links

HOME_PAGE = "../index.md"  # the hand-written home page, relative to the generated folder


class Section(t.NamedTuple):
    key: str
    title: str
    page: str  # the section's index page


SECTIONS: tuple[Section, ...] = (
    Section("home", "Home", HOME_PAGE),
    Section("policies", "Policies", links.POLICIES),
    Section("systems", "AI systems", links.SYSTEMS),
    Section("risks", "Risks", links.RISKS),
    Section("assessments", "Assessments", links.ASSESSMENTS),
    Section("organisation", "Organisation", links.SCOPE),
    Section("requirements", "Requirements", links.FRAMEWORKS),
    Section("contacts", "Contacts", links.CONTACTS),
)
_BY_KEY = {section.key: section for section in SECTIONS}

# Which section a generated page belongs to, by its folder or its name.
_FOLDERS = {"policies": "policies", "systems": "systems", "suppliers": "systems", "risks": "risks",
            "impact-assessments": "assessments", "audits": "assessments", "management-reviews": "assessments",
            "nonconformities": "assessments", "frameworks": "requirements"}
_PAGES = {links.DASHBOARD: "home", links.SOA: "assessments", links.ROLES: "organisation",
          links.CONTACTS: "contacts", links.SCOPE: "organisation", links.GLOSSARY: "organisation",
          links.OBJECTIVES: "organisation", links.CLAUSES: "requirements", links.TAGS: "requirements"}
# Register pages between a section and its records (folder → (label, index page)).
_REGISTERS = {"suppliers": ("Suppliers", links.SUPPLIERS), "audits": ("Internal audits", links.AUDITS),
              "management-reviews": ("Management reviews", links.REVIEWS),
              "nonconformities": ("Nonconformities", links.NONCONFORMITIES),
              "impact-assessments": ("Impact assessments", links.ASSESSMENTS)}


def section_of(page: str) -> Section:
    """The section a generated page belongs to."""
    folder = posixpath.dirname(page)
    return _BY_KEY[_PAGES.get(page) or _FOLDERS.get(folder) or "home"]


def tab_number(section: Section) -> int:
    """The position of the section's tab (1 = Home)."""
    return SECTIONS.index(section) + 1


def breadcrumb(page: str, current: t.Any) -> str:
    """A breadcrumb (Home › section › register › this page) with its section marker: HTML with Markdown links."""
    section = section_of(page)
    link = links.Linker(page)
    steps = [link.to("Home", HOME_PAGE)]
    if section.key != "home" and section.page != page:
        steps.append(link.to(section.title, section.page))
    folder = posixpath.dirname(page)
    register = _REGISTERS.get(folder)
    if register and register[1] not in (page, section.page):
        steps.append(link.to(register[0], register[1]))
    steps.append(f'<span aria-current="page">{escape.text(current) or "(untitled)"}</span>')
    return (f'<nav class="aims-breadcrumb" aria-label="Breadcrumb" data-aims-tab="{tab_number(section)}" '
            f'data-search-exclude markdown="span">{" › ".join(steps)}</nav>\n')
