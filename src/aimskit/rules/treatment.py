"""Treatment rules: who approved a treatment plan (6.1.3), and when an achieved residual counts (8.3)."""

from __future__ import annotations

import typing as t

from aimskit.governance.fields import field
from aimskit.records import kinds
from aimskit.records.findings import Finding
from aimskit.records.model import Repository
from aimskit.rules._common import at, risk_method
from aimskit.rules.registry import Options, rule

PLAN_AUTHORITY = "approve-treatment"
UNFINISHED = ("planned", "in-progress")


@rule
def treatment_approved_by_authority(repository: Repository, options: Options) -> t.Iterator[Finding]:
    """AIMS421: the role that approved a treatment plan holds approve-treatment or the risk acceptance authority."""
    method = risk_method(repository)
    wanted = {PLAN_AUTHORITY, method.acceptance_authority if method else "accept-risk"}
    for risk in repository.of(kinds.RISK):
        by = field(risk.data, "treatment", "approved_by")
        role = repository.roles.get(by) if isinstance(by, str) else None
        authorities = field(role.data, "authorities") if role is not None else None
        if role is not None and not (isinstance(authorities, list) and wanted & set(map(str, authorities))):
            yield at(risk, ("treatment", "approved_by"), "AIMS421",
                     f"role '{by}' does not hold the authority to approve a treatment plan",
                     f"name a role holding {' or '.join(sorted(wanted))}, or add one to roles/{by}.yaml")


@rule
def achieved_residual_after_the_actions(repository: Repository, options: Options) -> t.Iterator[Finding]:
    """AIMS422: an achieved residual score is recorded only once every treatment action is done."""
    for risk in repository.of(kinds.RISK):
        if not isinstance(field(risk.data, "residual", "achieved"), dict):
            continue
        actions = field(risk.data, "treatment", "actions")
        for index, action in enumerate(actions if isinstance(actions, list) else []):
            if isinstance(action, dict) and action.get("status") in UNFINISHED:
                yield at(risk, ("treatment", "actions", index, "status"), "AIMS422",
                         f"residual.achieved is recorded but this treatment action is still {action['status']}",
                         "finish the action and check its effectiveness first, or remove residual.achieved")
