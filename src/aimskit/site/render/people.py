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
    """A role by its title, linked to the contacts page, with its holders and their contact routes."""
    role = link.roles.get(role_id) if isinstance(role_id, str) else None
    if role is None:
        return escape.text(role_id) if role_id else "&nbsp;"
    title = role.data.get("title") if isinstance(role.data, dict) else None
    named = holders(role)
    people = "; ".join(holder_line(h) for h in named) if named else "vacant"
    return f"{link.to(title or role_id, links.CONTACTS, role_id)}: {people}"
