"""Review-date rules: overdue reviews and actions are warnings (errors with --strict)."""

from __future__ import annotations

import typing as t

from aimskit.governance import reviews
from aimskit.governance.fields import field
from aimskit.governance.scoring import is_overdue
from aimskit.records import kinds
from aimskit.records.findings import Finding
from aimskit.records.model import Repository
from aimskit.rules._common import at, walk
from aimskit.rules.registry import Options, rule

ACTIONS = {kinds.RISK: "treatment.actions.*", kinds.MANAGEMENT_REVIEW: "actions.*",
           kinds.NONCONFORMITY: "corrective_actions.*"}
OPEN_ACTIONS = ("planned", "in-progress")


def owner_text(repository: Repository, role_id: t.Any) -> str:
    """'owner <role> (<holder names>)', or the role id alone when it has no named holders."""
    role = repository.roles.get(role_id) if isinstance(role_id, str) else None
    holders = field(role.data, "holders") if role else None
    names = [h["name"] for h in holders or [] if isinstance(h, dict) and isinstance(h.get("name"), str)] \
        if isinstance(holders, list) else []
    return f"{role_id} ({', '.join(names)})" if names else str(role_id)


@rule
def reviews_not_overdue(repository: Repository, options: Options) -> t.Iterator[Finding]:
    """AIMS501: no record is past its review or due date (next_review; objectives: due; audits and
    management reviews: their planned date)."""
    for item in reviews.overdue(repository, options.today):
        schedule = item.schedule
        owner = owner_text(repository, item.record.data.get(schedule.owner))
        label = "owner" if schedule.owner == "owner" else schedule.owner.replace("_", " ")
        yield at(item.record, (schedule.field,), "AIMS501", f"{schedule.what} {item.due}; {label} {owner}",
                 schedule.hint, severity=options.review_severity)


@rule
def actions_not_overdue(repository: Repository, options: Options) -> t.Iterator[Finding]:
    """AIMS502: an open action (risk treatment, review, corrective) is not past its due date."""
    for kind, spec in ACTIONS.items():
        for record in repository.of(kind):
            for path, action in walk(record.data, spec):
                if not isinstance(action, dict) or action.get("status") not in OPEN_ACTIONS \
                        or not is_overdue(action.get("due"), options.today):
                    continue
                yield at(record, (*path, "due"), "AIMS502",
                         f"action was due {action['due']} and is {action['status']}; "
                         f"owner {owner_text(repository, action.get('owner'))}",
                         "finish the action (status: done), cancel it, or agree a new due date",
                         severity=options.review_severity)
