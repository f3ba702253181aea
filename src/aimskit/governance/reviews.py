"""Review schedules: which records fall due on which date, and which are overdue.

One table serves validation (AIMS501) and the readiness report, so the warnings and the
dashboard always count the same records.
"""

from __future__ import annotations

import datetime as dt
import typing as t

from aimskit.governance.scoring import parse_date
from aimskit.records import kinds
from aimskit.records.kinds import Kind
from aimskit.records.model import Record, Repository

_REVIEW = "review it, then set next_review to the next date"


class Schedule(t.NamedTuple):
    """A kind's due date: the field holding it, who answers for it, and the states that end it."""

    kind: Kind
    field: str
    owner: str
    finished: tuple[str, ...]
    what: str
    hint: str


SCHEDULES: tuple[Schedule, ...] = (
    Schedule(kinds.POLICY, "next_review", "owner", ("retired",), "next review was due", _REVIEW),
    Schedule(kinds.SYSTEM, "next_review", "owner", (), "next review was due", _REVIEW),
    Schedule(kinds.RISK, "next_review", "owner", ("closed",), "next review was due", _REVIEW),
    Schedule(kinds.IMPACT_ASSESSMENT, "next_review", "owner", ("retired",), "next review was due", _REVIEW),
    Schedule(kinds.SOA, "next_review", "owner", ("retired",), "next review was due", _REVIEW),
    Schedule(kinds.SUPPLIER, "next_review", "owner", (), "next review was due", _REVIEW),
    Schedule(kinds.OBJECTIVE, "due", "owner", ("achieved", "missed"), "objective was due",
             "record the outcome (status achieved or missed) or agree a new due date"),
    Schedule(kinds.AUDIT, "planned", "lead_auditor", ("completed",), "audit was planned for",
             "carry it out and set status completed, or plan a new date"),
    Schedule(kinds.MANAGEMENT_REVIEW, "date", "chair", ("held",), "management review was planned for",
             "hold it and set status held, or plan a new date"),
)


class Overdue(t.NamedTuple):
    record: Record
    schedule: Schedule
    due: str
    days: int


def is_finished(record: Record, schedule: Schedule) -> bool:
    """Whether the record is out of review: in a finishing state, or a retired system."""
    data = record.data if isinstance(record.data, dict) else {}
    return data.get("status") in schedule.finished or data.get("lifecycle_stage") == "retired"


def overdue(repository: Repository, today: dt.date) -> t.Iterator[Overdue]:
    """Records whose due date is before ``today`` and that are not finished."""
    for schedule in SCHEDULES:
        for record in repository.of(schedule.kind):
            item = overdue_on(record, schedule, today)
            if item is not None:
                yield item


def overdue_on(record: Record, schedule: Schedule, today: dt.date) -> Overdue | None:
    """``record`` when, by ``schedule``, it is due before ``today`` and not finished; else None."""
    due = record.data.get(schedule.field) if isinstance(record.data, dict) else None
    due_date = parse_date(due)
    if not is_finished(record, schedule) and due_date is not None and due_date < today:
        return Overdue(record, schedule, str(due), (today - due_date).days)
    return None
