"""Who may do what: the authorities a role holds (roles/*.yaml ``authorities``)."""

from __future__ import annotations

from aimskit.governance.fields import items
from aimskit.records.model import Record

#: The authority that approving each kind of document takes (by kind name).
APPROVAL_AUTHORITY = {
    "policy": "approve-policy",
    "impact-assessment": "approve-impact-assessment",
    "soa": "approve-soa",
}


def holds(role: Record | None, authority: str) -> bool:
    """Whether ``role`` lists ``authority`` among its authorities."""
    return role is not None and authority in items(role.data, "authorities")
