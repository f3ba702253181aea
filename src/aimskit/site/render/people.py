"""Who holds a role and how to reach them, as staff read it (placeholder holders shown as vacant)."""

from __future__ import annotations

import typing as t

from aimskit.governance.placeholders import real_holders
from aimskit.site.render import escape, links

VACANT = "Vacant: no one is named for this role yet."


def holders(role: t.Any) -> list[dict[str, t.Any]]:
    """The holders of a role record that name someone."""
    data = getattr(role, "data", None)
    return real_holders(data.get("holders")) if isinstance(data, dict) else []


def contact_routes(holder: t.Mapping[str, t.Any]) -> list[str]:
    """A holder's contact routes as escaped HTML/Markdown fragments (email link, channel, code-host handle)."""
    routes = []
    email = holder.get("email")
    if isinstance(email, str) and "@" in email:
        routes.append(f'<a href="mailto:{escape.url(email.strip(), None).replace("%40", "@")}">'
                      f'{escape.text(email)}</a>')
    channel = holder.get("channel")
    if isinstance(channel, str) and channel.strip():
        target = escape.external_url(channel.strip())
        if target:
            routes.append(f'<a href="{target}">{escape.text(channel)}</a>')
        else:
            routes.append(escape.text(channel))
    return routes


def holder_line(holder: t.Mapping[str, t.Any]) -> str:
    """``Name — email · channel`` for one holder."""
    routes = contact_routes(holder)
    return escape.text(holder.get("name")) + (" — " + " · ".join(routes) if routes else "")


def who(link: links.Linker, role_id: t.Any) -> str:
    """A role by its title, linked to the contacts page, with its holders and their contact routes;
    a vacant role points to the governance lead and their contact routes."""
    role = link.roles.get(role_id) if isinstance(role_id, str) else None
    if role is None:
        return escape.text(role_id) if role_id else "&nbsp;"
    named = holders(role)
    people = "; ".join(holder_line(h) for h in named) if named else "vacant" + fallback(link, role_id, "; ")
    return f"{_title_link(link, role_id, role)}: {people}"


def fallback(link: links.Linker, role_id: t.Any, lead_in: str = " ") -> str:
    """For a vacant role: whom to ask until it is filled (the governance lead, with their contact), or ""."""
    lead = link.roles.get(link.lead) if link.lead and link.lead != role_id else None
    named = holders(lead) if lead is not None else []
    if not named:
        return ""
    return (f"{lead_in}until someone is named, ask the {_title_link(link, link.lead, lead)}: "
            + "; ".join(holder_line(h) for h in named))


def _title_link(link: links.Linker, role_id: t.Any, role: t.Any) -> str:
    title = role.data.get("title") if isinstance(role.data, dict) else None
    return link.to(title or role_id, links.CONTACTS, role_id)
