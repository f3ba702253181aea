"""Where each record lives on the generated site, and relative links between pages."""

from __future__ import annotations

import posixpath
import typing as t

from aimskit.records import kinds
from aimskit.site.render import escape

DASHBOARD = "dashboard.md"
POLICIES = "policies/index.md"
RISKS = "risks/index.md"
HEAT_MAPS = "risks/heat-maps.md"
SYSTEMS = "systems/index.md"
ASSESSMENTS = "impact-assessments/index.md"
SOA = "soa.md"
ROLES = "roles.md"
CONTACTS = "contacts.md"
SCOPE = "scope.md"
GLOSSARY = "glossary.md"
HOME = "home.md"
OBJECTIVES = "objectives.md"
AUDITS = "audits/index.md"
REVIEWS = "management-reviews/index.md"
NONCONFORMITIES = "nonconformities/index.md"
SUPPLIERS = "suppliers/index.md"
CLAUSES = "clauses.md"
FRAMEWORKS = "frameworks/index.md"
NIST = "frameworks/nist-ai-rmf.md"
EU_AI_ACT = "frameworks/eu-ai-act.md"
TAGS = "tags.md"

#: Repository paths as staff know them: the name of the page that shows them, and that page.
PLACES = {
    "aims.yml": ("the scope and context", SCOPE), "soa.yaml": ("the Statement of Applicability", SOA),
    "roles/": ("the roles", ROLES), "risks/": ("the risk register", RISKS),
    "systems/": ("the AI system inventory", SYSTEMS), "suppliers/": ("the supplier register", SUPPLIERS),
    "objectives/": ("the AI objectives", OBJECTIVES),
    "impact-assessments/": ("the impact assessments", ASSESSMENTS),
    "policies/": ("the policies", POLICIES),
    "records/audits/": ("the internal audits", AUDITS),
    "records/management-reviews/": ("the management reviews", REVIEWS),
    "records/nonconformities/": ("the nonconformities", NONCONFORMITIES),
}

# Records with a page of their own (in the folder of their register); objectives are sections of one page.
_OWN_PAGE = {kinds.POLICY.prefix: "policies", kinds.SYSTEM.prefix: "systems",
             kinds.IMPACT_ASSESSMENT.prefix: "impact-assessments", kinds.RISK.prefix: "risks",
             kinds.SUPPLIER.prefix: "suppliers", kinds.AUDIT.prefix: "audits",
             kinds.MANAGEMENT_REVIEW.prefix: "management-reviews", kinds.NONCONFORMITY.prefix: "nonconformities"}
_ON_REGISTER = {kinds.OBJECTIVE.prefix: OBJECTIVES}


def record_page(record_id: str) -> str:
    """The page of a record that has one (``RISK-001`` → ``risks/RISK-001.md``)."""
    return f"{_OWN_PAGE[record_id.partition('-')[0]]}/{record_id}.md"


def record_target(record_id: str) -> tuple[str, str | None] | None:
    """(page, anchor) of a record id, or None for an id of no known kind."""
    prefix = record_id.partition("-")[0]
    if prefix in _OWN_PAGE:
        return f"{_OWN_PAGE[prefix]}/{record_id}.md", None
    if prefix in _ON_REGISTER:
        return _ON_REGISTER[prefix], record_id
    return None


def href(from_page: str, to_page: str, fragment: str | None = None) -> str:
    """A relative link from one generated page to another."""
    return escape.url(relative_path(to_page, posixpath.dirname(from_page)), fragment)


def relative_path(to_page: str, start: str) -> str:
    """``posixpath.relpath(to_page, start)`` for paths inside the site, computed from the strings alone.

    ``posixpath.relpath`` makes both paths absolute with the working directory first; a site has
    hundreds of thousands of links, so that became a large part of rendering it.
    """
    start = posixpath.normpath(start or ".")
    base = [] if start == "." else start.split("/")
    if ".." in base:  # a start above the generated folder: only the working directory can tell
        return posixpath.relpath(to_page, start)
    target = posixpath.normpath(to_page).split("/")
    common = 0
    while common < len(base) and common < len(target) and base[common] == target[common]:
        common += 1
    return "/".join([".."] * (len(base) - common) + target[common:]) or "."


class Linker:
    """Links from one page to records, roles, controls and clauses (escaped)."""

    def __init__(self, page: str, known_ids: t.Container[str] = (), roles: t.Mapping[str, t.Any] | None = None,
                 lead: str | None = None):
        self.page = page
        self.known_ids = known_ids
        self.roles = roles or {}
        self.lead = lead  # the governance lead's role: whom to ask when a role is vacant

    def to(self, label: t.Any, page: str, fragment: str | None = None) -> str:
        return f"[{escape.text(label) or '(untitled)'}]({href(self.page, page, fragment)})"

    def record(self, record_id: t.Any, label: t.Any = None) -> str:
        target = record_target(record_id) if isinstance(record_id, str) and record_id in self.known_ids else None
        if target is None:
            return escape.text(label if label is not None else record_id)
        return self.to(label if label is not None else record_id, *target)

    def records(self, ids: t.Any) -> str:
        return ", ".join(self.record(i) for i in ids or []) or "&nbsp;"

    def role(self, role_id: t.Any, with_id: bool = False) -> str:
        """A link to a role by its title (and its id, in document headers)."""
        record = self.roles.get(role_id) if isinstance(role_id, str) else None
        if record is None:
            return escape.text(role_id)
        title = record.data.get("title") if isinstance(record.data, dict) else None
        linked = self.to(title or role_id, ROLES, role_id)
        return f"{linked} (<code>{escape.text(role_id)}</code>)" if with_id else linked

    def control(self, control_id: t.Any) -> str:
        return self.to(control_id, SOA, control_id)

    def controls(self, ids: t.Any) -> str:
        """Annex A controls in the standard's numeric order (A.4.6 before A.10.3), each linked to the SoA."""
        return ", ".join(self.control(c) for c in sorted(map(str, ids or []), key=control_order)) or "&nbsp;"

    def clause(self, clause_id: t.Any) -> str:
        return self.to(clause_id, CLAUSES, f"clause-{clause_id}")

    def clauses(self, ids: t.Any) -> str:
        return ", ".join(self.clause(c) for c in ids or []) or "&nbsp;"

    def iso(self, ref: t.Any) -> str:
        """A control (A.x.y) or a clause number, linked to its page."""
        return self.control(ref) if str(ref).startswith("A.") else self.clause(ref)


def control_order(control_id: str) -> tuple[int, ...]:
    """An Annex A id as numbers, so ids sort as the standard numbers them (A.4.6 before A.10.3)."""
    return tuple(int(p) for p in str(control_id).removeprefix("A.").split(".") if p.isdigit())


def evidence(linker: Linker, paths: t.Iterable[str], limit: int = 6) -> str:
    """Repository paths shown as links to the pages of their records (long lists summarised by folder)."""
    paths = list(paths)
    if len(paths) > limit:
        folders: dict[str, int] = {}
        for path in paths:
            folders[posixpath.dirname(path) or "."] = folders.get(posixpath.dirname(path) or ".", 0) + 1
        return ", ".join(_place(linker, folder + "/", f" ({count})") for folder, count in folders.items())
    return ", ".join(_evidence_link(linker, p) for p in paths) or "&nbsp;"


def _place(linker: Linker, path: str, suffix: str = "") -> str:
    """A repository path by the name of the page that shows it (linked), or the path as code."""
    if path in PLACES:
        label, page = PLACES[path]
        return linker.to(label[:1].upper() + label[1:].replace("the ", "", 1) + suffix, page) \
            if label.startswith("the ") else linker.to(label + suffix, page)
    return f"<code>{escape.text(path)}</code>" + escape.text(suffix)


def _evidence_link(linker: Linker, path: str) -> str:
    stem = posixpath.basename(path).split(".")[0]
    if path in PLACES:
        return _place(linker, path)
    if path.startswith("roles/"):
        return linker.role(stem)
    if stem in linker.known_ids:
        return linker.record(stem)
    return f"<code>{escape.text(path)}</code>"
