"""When a document is in force, and when it is current: one answer for rules, readiness and the site."""

from __future__ import annotations

import calendar
import datetime as dt
import typing as t

from aimskit.governance.fields import items, text
from aimskit.governance.scoring import is_overdue, parse_date
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


#: The review cycle when aims.yml gives none (months).
DEFAULT_CYCLE_MONTHS = 12


def cycle_months(manifest: t.Any) -> int:
    """The review cycle of aims.yml (``review.cycle_months``, 1-36), else :data:`DEFAULT_CYCLE_MONTHS`."""
    review = manifest.get("review") if isinstance(manifest, dict) else None
    months = review.get("cycle_months") if isinstance(review, dict) else None
    return months if isinstance(months, int) and not isinstance(months, bool) and 1 <= months <= 36 \
        else DEFAULT_CYCLE_MONTHS


def add_months(day: dt.date, months: int) -> dt.date:
    """The date ``months`` after ``day``, clamped to the month's last day."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def within_cycle(record: Record, held: t.Any, today: dt.date, months: int) -> bool:
    """Whether an audit, review or assessment held on ``held`` still counts on ``today``: by the
    record's own ``next_review`` when it gives one, else within ``months`` of when it was held."""
    day = parse_date(held)
    if day is None or day > today:
        return False
    own = parse_date(record.data.get("next_review")) if isinstance(record.data, dict) else None
    if own is not None:
        return own >= today
    return add_months(day, months) >= today


def why_out_of_cycle(record: Record, held: t.Any, today: dt.date, months: int) -> str:
    """Why :func:`within_cycle` is false, in words."""
    day = parse_date(held)
    if day is None:
        return "no date it was held"
    if day > today:
        return f"dated {day.isoformat()}, after the day assessed"
    own = parse_date(record.data.get("next_review")) if isinstance(record.data, dict) else None
    if own is not None:
        return f"its next review was due {own.isoformat()}"
    return f"held {day.isoformat()}, more than the {months}-month review cycle ago"
