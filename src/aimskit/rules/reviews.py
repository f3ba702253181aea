"""Review-date rules: overdue reviews and actions are warnings (errors with --strict-reviews)."""

from __future__ import annotations

import typing as t

from aimskit.governance import reviews
from aimskit.governance.fields import field
from aimskit.governance.scoring import is_overdue
from aimskit.records import kinds
from aimskit.records.findings import Finding
from aimskit.records.model import Record, Repository
from aimskit.rules._common import at, walk
from aimskit.rules.registry import Options, record_rule

ACTIONS = {kinds.RISK: "treatment.actions.*", kinds.MANAGEMENT_REVIEW: "actions.*",
           kinds.NONCONFORMITY: "corrective_actions.*"}
OPEN_ACTIONS = ("planned", "in-progress")


def holder_names(repository: Repository) -> dict[str, list[str]]:
    """The names of each role's holders, by role id: a record rule's context."""
    names = {}
    for role_id, role in repository.roles.items():
        holders = field(role.data, "holders")
        names[role_id] = [h["name"] for h in holders if isinstance(h, dict) and isinstance(h.get("name"), str)] \
            if isinstance(holders, list) else []
    return names


def owner_text(names: dict[str, list[str]], role_id: t.Any) -> str:
    """'owner <role> (<holder names>)', or the role id alone when it has no named holders."""
    held = names.get(role_id) if isinstance(role_id, str) else None
    return f"{role_id} ({', '.join(held)})" if held else str(role_id)


@record_rule(*(schedule.kind for schedule in reviews.SCHEDULES), context=holder_names)
def reviews_not_overdue(record: Record, names: dict[str, list[str]], options: Options) -> t.Iterator[Finding]:
    """AIMS501: no record is past its review or due date (next_review; objectives: due; audits and
    management reviews: their planned date)."""
    for schedule in reviews.SCHEDULES:
        item = reviews.overdue_on(record, schedule, options.today) if schedule.kind is record.kind else None
        if item is None:
            continue
        owner = owner_text(names, record.data.get(schedule.owner))
        label = "owner" if schedule.owner == "owner" else schedule.owner.replace("_", " ")
        yield at(record, (schedule.field,), "AIMS501", f"{schedule.what} {item.due}; {label} {owner}",
                 schedule.hint, severity=options.review_severity)


@record_rule(*ACTIONS, context=holder_names)
def actions_not_overdue(record: Record, names: dict[str, list[str]], options: Options) -> t.Iterator[Finding]:
    """AIMS502: an open action (risk treatment, review, corrective) is not past its due date."""
    for path, action in walk(record.data, ACTIONS[record.kind]):
        if not isinstance(action, dict) or action.get("status") not in OPEN_ACTIONS \
                or not is_overdue(action.get("due"), options.today):
            continue
        yield at(record, (*path, "due"), "AIMS502",
                 f"action was due {action['due']} and is {action['status']}; "
                 f"owner {owner_text(names, action.get('owner'))}",
                 "finish the action (status: done), cancel it, or agree a new due date",
                 severity=options.review_severity)
