"""The home page for staff: using AI at work, whom to ask, how to raise a concern, the scope, what changed.

It is rendered as a fragment (``partials/home.txt``) that the template's ``docs/index.md`` includes
with the ``pymdownx.snippets`` Markdown extension, so its links are written relative to the site's
home page (``docs/index.md``), not to the generated folder.
"""

from __future__ import annotations

import typing as t

from aimskit.records import kinds
from aimskit.records.model import Record
from aimskit.site.render import changes, escape, links, people, plain
from aimskit.site.render.context import RenderContext
from aimskit.site.render.tables import admonition, bullet_list

HOME_FRAGMENT = "partials/home.txt"
LATEST = 8


class _HomeLinker(links.Linker):
    """Links written from ``docs/index.md`` to the generated pages (one folder down)."""

    def to(self, label: t.Any, page: str, fragment: str | None = None) -> str:
        return f"[{escape.text(label) or '(untitled)'}]({escape.url('generated/' + page, fragment)})"


def render(context: RenderContext) -> dict[str, str]:
    link = _HomeLinker("../index.md", context.ids, context.repository.roles, context.governance_lead)
    manifest = context.repository.manifest
    lead = manifest.get("governance_lead")
    lead_line = people.who(link, lead) if lead in context.repository.roles else "the AI governance lead"
    parts = [escape.heading(1, context.site_title) + "\n",
             "What you may do with AI at work, whom to ask, which AI systems we run and their risks, and what "
             "changed. Everything here comes from the records of our AI management system (AIMS), and changes "
             "only through a reviewed and approved change.\n",
             "## Using AI at work\n", _using_ai(context, link, lead_line),
             "## Who to ask\n", f"Ask the {lead_line}.\n\n" + "For everyone else, see the "
             + link.to("contacts", links.CONTACTS) + ".\n",
             "## How to raise a concern\n",
             "If you think an AI system is treating people unfairly, giving wrong or unsafe results, exposing "
             "personal or confidential data, or being used for something it was not meant for, tell the "
             f"{lead_line}. You can raise a concern in confidence and without blame. Concerns are investigated, "
             f"and confirmed problems are recorded as {link.to('nonconformities', links.NONCONFORMITIES)} with "
             "their corrective actions.\n",
             "## What our AI management system covers\n", _scope(link, manifest),
             "## Latest changes\n", _latest(context, link),
             "## Find your way\n", bullet_list([
                 link.to("Policies", links.POLICIES) + ": the rules, with their owners and dates.",
                 link.to("AI systems", links.SYSTEMS) + ": the AI systems we run or buy, and their risks.",
                 link.to("Risk register", links.RISKS) + " and " + link.to("heat maps", links.HEAT_MAPS) + ".",
                 link.to("Impact assessments", links.ASSESSMENTS) + " and the "
                 + link.to("Statement of Applicability", links.SOA) + ".",
                 link.to("Contacts", links.CONTACTS) + ", " + link.to("roles", links.ROLES) + " and the "
                 + link.to("glossary", links.GLOSSARY) + " of the words used on this site.",
                 link.to("Dashboard", links.DASHBOARD) + ": how ready the AIMS is and what is overdue."])]
    return {HOME_FRAGMENT: "\n".join(parts)}


def responsible_use_policy(repository: t.Any) -> Record | None:
    """The policy on using AI at work: tagged ``use`` or ``responsible-use``, else one citing control A.9.2."""
    policies = sorted((p for p in repository.of(kinds.POLICY) if isinstance(p.data, dict)), key=lambda p: str(p.id))
    for test in (lambda d: {"use", "responsible-use"} & set(map(str, d.get("tags") or [])),
                 lambda d: "responsible use" in str(d.get("title", "")).lower(),
                 lambda d: "A.9.2" in map(str, d.get("controls") or [])):
        for policy in policies:
            if test(policy.data):
                return policy
    return None


def _using_ai(context: RenderContext, link: links.Linker, lead_line: str) -> str:
    policy = responsible_use_policy(context.repository)
    tools = ("generative AI assistants such as ChatGPT, Copilot or Gemini, and the AI features of everyday "
             "tools")
    if policy is not None and policy.data.get("status") == "approved" and policy.id in context.ids:
        data = policy.data
        summary = escape.paragraph(data.get("summary")) + "\n\n" if data.get("summary") else ""
        return (f"The {link.record(policy.id, data.get('title') or policy.id)} sets the rules for using AI at "
                f"work, including {tools}.\n\n{summary}Its owner: {people.who(link, data.get('owner'))}.\n")
    name = "policy on using AI at work"
    if policy is not None and policy.id in context.ids:
        name = link.record(policy.id, policy.data.get("title") or policy.id)
    top = _approved_ai_policy(context, policy)
    follow = f"follow the {link.record(top.id, top.data.get('title') or top.id)}, " if top is not None else ""
    body = (f"Our {name} is in preparation and does not apply yet. It will cover {tools}. Until it is approved, "
            f"{follow}do not enter personal, confidential or customer data into an AI tool that is "
            f"not listed among our AI systems, and ask the {lead_line} before you start.")
    return admonition("warning", "In preparation", body)


def _approved_ai_policy(context: RenderContext, besides: Record | None) -> Record | None:
    """The organisation's top-level AI policy (the one for control A.2.2), when it is approved and
    shown: a draft is never given as the rule to follow."""
    for record in context.of(kinds.POLICY):
        data = record.data
        if record is not besides and "A.2.2" in map(str, data.get("controls") or []) \
                and data.get("status") == "approved" and record.id in context.ids:
            return record
    return None


def _scope(link: links.Linker, manifest: t.Mapping[str, t.Any]) -> str:
    scope: dict[str, t.Any] = manifest["scope"] if isinstance(manifest.get("scope"), dict) else {}
    parts = []
    if scope.get("statement"):
        parts.append("**What is in:** " + plain.written(scope["statement"]) + "\n")
    if scope.get("boundaries"):
        parts.append("**Where it stops:** " + plain.written(scope["boundaries"]) + "\n")
    exclusions = [e for e in scope.get("exclusions") or [] if isinstance(e, dict)]
    if exclusions:
        parts.append("**What is left out, and why:**\n\n" + bullet_list(
            f"{escape.text(e.get('item'))}: {escape.text(e.get('justification'))}" for e in exclusions))
    parts.append("More in " + link.to("scope and context", links.SCOPE) + ".\n")
    return "\n".join(parts)


def _latest(context: RenderContext, link: links.Linker) -> str:
    """Policy versions that took effect, the latest first, each with what changed in it."""
    found = changes.latest(context, context.of(kinds.POLICY), LATEST)
    if not found:
        return "No changes yet: every policy is still at its first version.\n"
    rows = []
    for version, record in found:
        note = escape.text(version.note) if version.note else "no change note was written"
        rows.append(f"{escape.text(version.effective)}: {link.record(record.id, record.data.get('title') or record.id)}"
                    f", version {escape.text(version.version)}: {note}")
    return "Policy versions that took effect, the latest first.\n\n" + bullet_list(rows)
