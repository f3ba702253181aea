"""What the gate checks for one change: the roles it needs, their holders at the base branch's
current tip, and the approvals its records name."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from aimskit import git
from aimskit.approvals.needs import (
    NamedApproval,
    Need,
    OtherFile,
    holders,
    named_approvals,
    other_files,
    process_kind,
    record_paths,
    required_approvals,
)


@dataclasses.dataclass
class Change:
    """The roles a change from ``base`` to ``head`` needs, with their holders where they are read
    (``holders_at``: the base branch's current tip, or the merge base)."""

    needs: list[Need]
    holders: dict[str, list[dict[str, str]]]
    named: list[NamedApproval]
    holders_at: str | None = None
    others: list[OtherFile] = dataclasses.field(default_factory=list)


def change_between(root: Path, base: str, head: str, holders_at: str | None = None) -> Change:
    """Load both sides (from their merge base) and work out who must approve; the holders of the
    roles are read at ``holders_at`` (the base branch's tip as the code host reports it) when
    given: a holder removed there since the request was opened no longer counts."""
    sides = git.load_sides(root, git.comparison_range(root, f"{base}...{head}"))
    process = [entry.path for entry in sides.changed if process_kind(entry.path, entry.prefix)
               or (entry.old_path and process_kind(entry.old_path, entry.prefix))]
    needs = required_approvals(sides.base, sides.head, process)
    named = named_approvals(sides.base, sides.head)
    roles = {need.role for need in needs} | {approval.role for approval in named}
    people = git.roles_at(root, sides.base, holders_at) if holders_at else sides.base
    others = other_files(sides.changed, record_paths(sides.base) | record_paths(sides.head))
    return Change(needs, {role: holders(people, role) for role in roles}, named,
                  holders_at or sides.span.base.hexsha, others)

