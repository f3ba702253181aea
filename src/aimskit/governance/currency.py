"""When a document is in force, and when it is current: one answer for rules, readiness and the site."""

from __future__ import annotations

import datetime as dt

from aimskit.governance.fields import items, text
from aimskit.governance.scoring import is_overdue
from aimskit.records import kinds
from aimskit.records.model import Record, Repository

#: The statuses in which a record counts as "in force" rather than a draft or a plan.
EFFECTIVE_STATUS: dict[str, tuple[str, ...]] = {
    kinds.POLICY.name: ("approved",),
    kinds.IMPACT_ASSESSMENT.name: ("approved",),
    kinds.SOA.name: ("approved",),
    kinds.AUDIT.name: ("completed",),
    kinds.MANAGEMENT_REVIEW.name: ("held",),
}
#: Statuses that take a record out of use.
WITHDRAWN_STATUS = ("retired",)


def is_effective(record: Record) -> bool:
    """Approved documents, completed audits, held reviews; other kinds count unless retired."""
    wanted = EFFECTIVE_STATUS.get(record.kind.name)
    if wanted is None:
        return text(record.data, "status") not in WITHDRAWN_STATUS
    return text(record.data, "status") in wanted


def is_current(record: Record, today: dt.date) -> bool:
    """Effective and not past its ``next_review``."""
    return is_effective(record) and not is_overdue(text(record.data, "next_review") or None, today)


def why_not_current(record: Record, today: dt.date) -> str:
    """Why ``record`` is not current, in words ("status draft", "review was due 2026-01-31")."""
    if not is_effective(record):
        return f"status {text(record.data, 'status') or 'missing'}"
    return f"review was due {text(record.data, 'next_review')}"


def assessments_of(repository: Repository, system_id: str | None) -> list[Record]:
    """The impact assessments, not retired, that list ``system_id`` among their systems."""
    return [record for record in repository.of(kinds.IMPACT_ASSESSMENT)
            if system_id is not None and system_id in items(record.data, "systems")
            and text(record.data, "status") not in WITHDRAWN_STATUS]
