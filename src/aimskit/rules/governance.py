"""Governance rules: segregation of duties on approved documents, closed records complete."""

from __future__ import annotations

import typing as t

from aimskit.governance.authority import APPROVAL_AUTHORITY
from aimskit.records import kinds
from aimskit.records.findings import Finding
from aimskit.records.model import Record
from aimskit.rules._common import at, authorities_by_role
from aimskit.rules.registry import Options, record_rule

APPROVED_DOCUMENTS = (kinds.POLICY, kinds.IMPACT_ASSESSMENT, kinds.SOA)


@record_rule(*APPROVED_DOCUMENTS)
def approver_is_not_owner(record: Record, context: None, options: Options) -> t.Iterator[Finding]:
    """AIMS411: an approved policy, impact assessment or SoA is approved by a role other than its owner."""
    owner, approver = record.data.get("owner"), record.data.get("approver")
    if record.data.get("status") == "approved" and isinstance(owner, str) and owner == approver:
        yield at(record, ("approver",), "AIMS411", f"approved by its own owner '{owner}'",
                 "a document is approved by a role other than the one that owns it")


@record_rule(*APPROVED_DOCUMENTS, context=authorities_by_role)
def approver_holds_the_authority(record: Record, authorities: dict[str, tuple[t.Any, ...]],
                                 options: Options) -> t.Iterator[Finding]:
    """AIMS419: the approver of an approved policy, impact assessment or SoA holds the approval authority."""
    authority = APPROVAL_AUTHORITY[record.kind.name]
    approver = record.data.get("approver")
    held = authorities.get(approver) if isinstance(approver, str) else None
    if record.data.get("status") == "approved" and held is not None and authority not in held:
        yield at(record, ("approver",), "AIMS419",
                 f"approver '{approver}' does not hold the '{authority}' authority",
                 f"add '{authority}' to roles/{approver}.yaml authorities, or name a role that holds it")


@record_rule(kinds.RISK)
def modify_treatment_names_controls_or_actions(record: Record, context: None, options: Options) -> t.Iterator[Finding]:
    """AIMS420: a risk treated by 'modify' names the controls or actions that modify it."""
    treatment = record.data.get("treatment")
    if isinstance(treatment, dict) and treatment.get("option") == "modify" \
            and not treatment.get("controls") and not treatment.get("actions"):
        yield at(record, ("treatment", "option"), "AIMS420", "treatment 'modify' names no controls and no actions",
                 "list the Annex A controls applied (treatment.controls) "
                 "or the actions planned (treatment.actions)")


@record_rule(kinds.NONCONFORMITY)
def closed_nonconformity_has_date(record: Record, context: None, options: Options) -> t.Iterator[Finding]:
    """AIMS417: a closed nonconformity records when it was closed."""
    if record.data.get("status") == "closed" and not record.data.get("closed"):
        yield at(record, ("status",), "AIMS417", "status is 'closed' but there is no closed date",
                 "add closed: YYYY-MM-DD and how effectiveness was checked")
