"""AI system rules: high-risk systems assessed, in-scope systems risk-assessed, providers sound."""

from __future__ import annotations

import typing as t

from aimskit.governance.currency import assessments_of, is_current, why_not_current
from aimskit.governance.scope import in_scope_systems, is_high_risk, is_live
from aimskit.records import kinds
from aimskit.records.findings import Finding, Severity
from aimskit.records.model import Repository
from aimskit.rules._common import at, strings
from aimskit.rules.registry import Options, rule


@rule
def high_risk_systems_assessed(repository: Repository, options: Options) -> t.Iterator[Finding]:
    """AIMS409: a live high-risk system (EU AI Act) has an approved, current impact assessment."""
    if repository.unloaded_ids(kinds.IMPACT_ASSESSMENT):
        return  # an assessment that does not load may be the one; its own finding comes first
    for system in repository.of(kinds.SYSTEM):
        if not (is_high_risk(system) and is_live(system)) or system.id is None:
            continue
        assessments = assessments_of(repository, system.id)
        if any(is_current(a, options.today) for a in assessments):
            continue
        if assessments:
            names = ", ".join(f"{a.id or a.path} ({why_not_current(a, options.today)})" for a in assessments)
            message = f"high-risk system {system.id} has no current impact assessment: {names}"
        else:
            message = f"high-risk system {system.id} has no impact assessment"
        yield at(system, ("eu_ai_act", "tier"), "AIMS409", message,
                 "approve an impact assessment in impact-assessments/ that lists this system and is not overdue")


@rule
def in_scope_systems_have_risks(repository: Repository, options: Options) -> t.Iterator[Finding]:
    """AIMS410: every in-scope system has at least one risk assessed."""
    if repository.unloaded_ids(kinds.RISK):
        return  # a risk that does not load may be the one; its own finding comes first
    # case-blind: a risk naming 'sys-001' has its own finding (AIMS204) and did assess SYS-001
    assessed = {value.casefold() for risk in repository.of(kinds.RISK) for _, value in strings(risk, "systems.*")}
    for system in in_scope_systems(repository):
        if system.id is not None and system.id.casefold() not in assessed:
            yield at(system, ("id",), "AIMS410", f"in-scope system {system.id} has no risk in the register",
                     f"assess its risks (risks/RISK-###.yaml with systems: [{system.id}]) or mark it in_scope: false")


@rule
def provider_is_a_provider(repository: Repository, options: Options) -> t.Iterator[Finding]:
    """AIMS415: a system's supplier is recorded with relationship: provider."""
    index = repository.index
    for system in repository.of(kinds.SYSTEM):
        for path, provider in strings(system, "provider"):
            supplier = index.get(provider)
            relationship = supplier.data.get("relationship") if supplier and supplier.kind is kinds.SUPPLIER else None
            if supplier is not None and isinstance(relationship, str) and relationship != "provider":
                yield at(system, path, "AIMS415",
                         f"provider {provider} is recorded as a {relationship}, not a provider",
                         f"set relationship: provider in {supplier.path} or correct the system's provider",
                         severity=Severity.WARNING)
