"""Governance rules: segregation of duties on approved documents, closed records complete."""

from __future__ import annotations

import typing as t

from aimskit import kinds
from aimskit.findings import Finding
from aimskit.model import Repository
from aimskit.rules._common import at
from aimskit.rules.registry import Options, rule

APPROVED_DOCUMENTS = (kinds.POLICY, kinds.IMPACT_ASSESSMENT, kinds.SOA)


@rule
def approver_is_not_owner(repository: Repository, options: Options) -> t.Iterator[Finding]:
    """AIMS411: an approved policy, impact assessment or SoA is approved by a role other than its owner."""
    for kind in APPROVED_DOCUMENTS:
        for record in repository.of(kind):
            owner, approver = record.data.get("owner"), record.data.get("approver")
            if record.data.get("status") == "approved" and isinstance(owner, str) and owner == approver:
                yield at(record, ("approver",), "AIMS411", f"approved by its own owner '{owner}'",
                         "a document is approved by a role other than the one that owns it")


@rule
def closed_nonconformity_has_date(repository: Repository, options: Options) -> t.Iterator[Finding]:
    """AIMS417: a closed nonconformity records when it was closed."""
    for record in repository.of(kinds.NONCONFORMITY):
        if record.data.get("status") == "closed" and not record.data.get("closed"):
            yield at(record, ("status",), "AIMS417", "status is 'closed' but there is no closed date",
                     "add closed: YYYY-MM-DD and how effectiveness was checked")
