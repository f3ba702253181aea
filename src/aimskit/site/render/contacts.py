"""The contacts page: whom to ask about what, with names and contact routes (vacant roles said so)."""

from __future__ import annotations

from aimskit.site.render import escape, links, people
from aimskit.site.render.context import RenderContext
from aimskit.site.render.tables import page


#: How much higher the contacts page ranks in search, and the questions it is tagged with: "who do I ask",
#: "who to contact", "help" find it first. MkDocs ranks by tags and boost; Zensical ignores both (its tags
#: are search filters) and ranks by the words of a section's title, then its text, so the heading and
#: the first sentence carry the questions' words too.
CONTACTS_BOOST = 10
QUESTIONS = ("who do I ask", "who to contact", "help")


def render(context: RenderContext) -> dict[str, str]:
    link = context.linker(links.CONTACTS)
    lead = context.repository.manifest.get("governance_lead")
    roles = sorted(context.repository.roles.items(), key=lambda kv: (kv[0] != lead, str(kv[1].data.get("title"))))
    parts = ["# Help and contacts: who to ask\n",
             "Who do I ask for help with AI at work, and how do I reach them? For a question about a "
             "policy, ask its owner (named on the policy's "
             "page); for anything else, or to raise a concern about an AI system, ask the "
             + (link.role(lead) if lead in context.repository.roles else "AI governance lead") + ".\n"]
    for role_id, record in roles:
        data = record.data
        named = people.holders(record)
        parts.append(escape.heading(2, data.get("title") or role_id, role_id) + "\n")
        if data.get("description"):
            parts.append(escape.paragraph(data["description"]) + "\n")
        if named:
            parts.append("\n".join(f"- {people.holder_line(h)}" for h in named) + "\n")
        else:
            fallback = people.fallback(link, role_id, " ")
            parts.append(f"*{people.VACANT}*" + (f" {fallback.strip()[:1].upper()}{fallback.strip()[1:]}."
                                                  if fallback else "") + "\n")
        parts.append(f"More about this role: {link.to('responsibilities', links.ROLES, role_id)}.\n")
    return {links.CONTACTS: page("Contacts: who to ask for help", "\n".join(parts), tags=QUESTIONS,
                                search_boost=CONTACTS_BOOST)}
