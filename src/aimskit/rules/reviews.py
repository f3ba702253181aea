"""Review-date rules: overdue reviews and actions are warnings (errors with --strict)."""

from __future__ import annotations

import typing as t

from aimskit import kinds
from aimskit.findings import Finding
from aimskit.model import Record, Repository
from aimskit.rules._common import at, field, walk
from aimskit.rules.registry import Options, rule
from aimskit.scoring import is_overdue

REVIEWED = (kinds.POLICY, kinds.RISK, kinds.SYSTEM, kinds.IMPACT_ASSESSMENT, kinds.SOA, kinds.SUPPLIER)
#: Records in these states are no longer reviewed.
FINISHED = ("retired", "closed", "achieved", "missed")
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


def _finished(record: Record) -> bool:
    return record.data.get("status") in FINISHED or record.data.get("lifecycle_stage") == "retired"


@rule
def reviews_not_overdue(repository: Repository, options: Options) -> t.Iterator[Finding]:
    """AIMS501: next_review (objectives: due) is not in the past."""
    for kind in (*REVIEWED, kinds.OBJECTIVE):
        key = "due" if kind is kinds.OBJECTIVE else "next_review"
        what = "objective was due" if kind is kinds.OBJECTIVE else "next review was due"
        for record in repository.of(kind):
            due = record.data.get(key)
            if _finished(record) or not is_overdue(due, options.today):
                continue
            owner = owner_text(repository, record.data.get("owner"))
            yield at(record, (key,), "AIMS501", f"{what} {due}; owner {owner}",
                     f"review it, then set {key} to the next date" if key == "next_review"
                     else "record the outcome (status achieved or missed) or agree a new due date",
                     severity=options.review_severity)


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
