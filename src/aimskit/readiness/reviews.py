"""Records past their review date, and objectives past their due date and not achieved."""

from __future__ import annotations

import dataclasses

from aimskit import kinds
from aimskit.kinds import Kind
from aimskit.readiness.facts import Facts, text
from aimskit.scoring import is_overdue, parse_date

# (kind, date field, owner field, statuses that take the record out of review)
SCHEDULES: tuple[tuple[Kind, str, str, tuple[str, ...]], ...] = (
    (kinds.POLICY, "next_review", "owner", ("retired",)),
    (kinds.SYSTEM, "next_review", "owner", ()),
    (kinds.RISK, "next_review", "owner", ("closed",)),
    (kinds.IMPACT_ASSESSMENT, "next_review", "owner", ("retired",)),
    (kinds.SOA, "next_review", "owner", ("retired",)),
    (kinds.SUPPLIER, "next_review", "owner", ()),
    (kinds.OBJECTIVE, "due", "owner", ("achieved",)),
    (kinds.AUDIT, "planned", "lead_auditor", ("completed",)),
    (kinds.MANAGEMENT_REVIEW, "date", "chair", ("held",)),
)


@dataclasses.dataclass(frozen=True)
class OverdueReview:
    """A record whose ``field`` date (``next_review``; ``due`` for objectives; ``planned`` for
    audits; ``date`` for planned management reviews) is before today."""

    kind: str
    id: str
    title: str
    path: str
    owner: str
    field: str
    due: str
    days_overdue: int


def overdue_reviews(f: Facts) -> list[OverdueReview]:
    """Overdue records, the longest overdue first."""
    found = []
    for kind, field, owner, done in SCHEDULES:
        for record in f.of(kind):
            due = record.data.get(field)
            if text(record.data, "status") in done or text(record.data, "lifecycle_stage") == "retired":
                continue
            if is_overdue(due, f.today):
                found.append(OverdueReview(
                    kind.name, record.id or record.stem, text(record.data, "title") or text(record.data, "name"),
                    record.path, text(record.data, owner), field, due,
                    (f.today - parse_date(due)).days))
    return sorted(found, key=lambda o: (o.due, o.kind, o.id))

