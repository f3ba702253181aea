"""Records past their review date, objectives past their due date and not achieved, and audits and
management reviews whose cycle has run out with none held or planned since."""

from __future__ import annotations

import dataclasses

from aimskit.governance import currency, reviews
from aimskit.governance.fields import text
from aimskit.governance.scoring import parse_date
from aimskit.readiness.facts import Facts
from aimskit.records import kinds


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
    """Overdue records (the schedules of :mod:`aimskit.governance.reviews`, and the audit and management review
    cycles of :func:`cycles_run_out`), the longest overdue first."""
    found = [OverdueReview(item.schedule.kind.name, item.record.id or item.record.stem,
                           text(item.record.data, "title") or text(item.record.data, "name"), item.record.path,
                           text(item.record.data, item.schedule.owner), item.schedule.field, item.due, item.days)
             for item in reviews.overdue(f.repository, f.today)] + cycles_run_out(f)
    return sorted(found, key=lambda o: (o.due, o.kind, o.id))


#: Kinds held once per review cycle: the field saying when one was held, the one saying when one is planned,
#: and who answers for it.
CYCLES = ((kinds.AUDIT, "performed", "planned", "lead_auditor", "next audit"),
          (kinds.MANAGEMENT_REVIEW, "date", "date", "chair", "next review"))


def cycles_run_out(f: Facts) -> list[OverdueReview]:
    """For audits and management reviews: the latest one held, when the review cycle of aims.yml has run out
    since and no other is planned from today on (a 2015 audit is overdue, not current)."""
    found = []
    for kind, held_on, planned_on, owner, label in CYCLES:
        records = f.of(kind)
        held = [(day, r) for r in records if currency.is_effective(r) and (day := parse_date(r.data.get(held_on)))]
        ahead = [r for r in records if not currency.is_effective(r)
                 and (day := parse_date(r.data.get(planned_on))) is not None and day >= f.today]
        if not held or ahead:
            continue
        day, latest = max(held, key=lambda pair: (pair[0], pair[1].path))
        due = currency.add_months(day, f.cycle)
        if due < f.today:
            found.append(OverdueReview(kind.name, latest.id or latest.stem, text(latest.data, "title"), latest.path,
                                       text(latest.data, owner), label, due.isoformat(), (f.today - due).days))
    return found
