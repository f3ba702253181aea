"""What the gate checks for one change: the roles it needs, their holders at the base, and the
approvals its records name."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from aimskit import git
from aimskit.approvals.needs import NamedApproval, Need, holders, named_approvals, process_kind, required_approvals


@dataclasses.dataclass
class Change:
    """The roles a change from ``base`` to ``head`` needs, with their holders at the base."""

    needs: list[Need]
    holders: dict[str, list[dict[str, str]]]
    named: list[NamedApproval]


def change_between(root: Path, base: str, head: str) -> Change:
    """Load both sides (from their merge base) and work out who must approve."""
    sides = git.load_sides(root, git.comparison_range(root, f"{base}...{head}"))
    process = [entry.path for entry in sides.changed
               if process_kind(entry.path) or (entry.old_path and process_kind(entry.old_path))]
    needs = required_approvals(sides.base, sides.head, process)
    named = named_approvals(sides.base, sides.head)
    roles = {need.role for need in needs} | {approval.role for approval in named}
    return Change(needs, {role: holders(sides.base, role) for role in roles}, named)
