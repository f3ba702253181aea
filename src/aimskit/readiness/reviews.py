"""Records past their review date, and objectives past their due date and not achieved."""

from __future__ import annotations

import dataclasses

from aimskit.governance import reviews
from aimskit.governance.fields import text
from aimskit.readiness.facts import Facts


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
    """Overdue records (the schedules of :mod:`aimskit.governance.reviews`), the longest overdue first."""
    found = [OverdueReview(item.schedule.kind.name, item.record.id or item.record.stem,
                           text(item.record.data, "title") or text(item.record.data, "name"), item.record.path,
                           text(item.record.data, item.schedule.owner), item.schedule.field, item.due, item.days)
             for item in reviews.overdue(f.repository, f.today)]
    return sorted(found, key=lambda o: (o.due, o.kind, o.id))
