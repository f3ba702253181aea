"""Who may do what: the authorities a role holds (roles/*.yaml ``authorities``)."""

from __future__ import annotations

from aimskit.governance.fields import items
from aimskit.governance.scoring import RiskMethod
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


#: The authority approving a treatment plan takes; the risk acceptance authority also may.
PLAN_AUTHORITY = "approve-treatment"
DEFAULT_ACCEPTANCE_AUTHORITY = "accept-risk"


def treatment_plan_authorities(method: RiskMethod | None) -> frozenset[str]:
    """The authorities that may approve a treatment plan (6.1.3): ``approve-treatment``, or the
    risk acceptance authority that aims.yml configures (``risk_method.acceptance_authority``)."""
    return frozenset({PLAN_AUTHORITY, method.acceptance_authority if method else DEFAULT_ACCEPTANCE_AUTHORITY})


def may_approve_treatment(role: Record | None, method: RiskMethod | None) -> bool:
    """Whether ``role`` holds an authority that may approve a treatment plan."""
    return any(holds(role, authority) for authority in treatment_plan_authorities(method))
