"""Treatment rules: who approved a treatment plan (6.1.3), and when an achieved residual counts (8.3)."""

from __future__ import annotations

import typing as t

from aimskit.governance import authority
from aimskit.governance.fields import field
from aimskit.records import kinds
from aimskit.records.findings import Finding
from aimskit.records.model import Record, Repository
from aimskit.rules._common import at, authorities_by_role, risk_method
from aimskit.rules.registry import Options, record_rule

UNFINISHED = ("planned", "in-progress")


def _plan_authorities(repository: Repository) -> tuple[frozenset[str], dict[str, tuple[t.Any, ...]]]:
    """The authorities that may approve a treatment plan, and each role's authorities."""
    return authority.treatment_plan_authorities(risk_method(repository)), authorities_by_role(repository)


@record_rule(kinds.RISK, context=_plan_authorities)
def treatment_approved_by_authority(risk: Record, context: tuple[frozenset[str], dict[str, tuple[t.Any, ...]]],
                                    options: Options) -> t.Iterator[Finding]:
    """AIMS423: the role that approved a treatment plan holds approve-treatment or the risk acceptance authority."""
    wanted, authorities = context
    by = field(risk.data, "treatment", "approved_by")
    held = authorities.get(by) if isinstance(by, str) else None
    if held is not None and not wanted & set(map(str, held)):
        yield at(risk, ("treatment", "approved_by"), "AIMS423",
                 f"role '{by}' does not hold the authority to approve a treatment plan",
                 f"name a role holding {' or '.join(sorted(wanted))}, or add one to roles/{by}.yaml")


@record_rule(kinds.RISK)
def achieved_residual_after_the_actions(risk: Record, context: None, options: Options) -> t.Iterator[Finding]:
    """AIMS422: an achieved residual score is recorded only once every treatment action is done."""
    if not isinstance(field(risk.data, "residual", "achieved"), dict):
        return
    actions = field(risk.data, "treatment", "actions")
    for index, action in enumerate(actions if isinstance(actions, list) else []):
        if isinstance(action, dict) and action.get("status") in UNFINISHED:
            yield at(risk, ("treatment", "actions", index, "status"), "AIMS422",
                     f"residual.achieved is recorded but this treatment action is still {action['status']}",
                     "finish the action and check its effectiveness first, or remove residual.achieved")
