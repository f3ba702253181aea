"""Reference rules: every role, system, supplier and record a record names exists."""

from __future__ import annotations

import re
import typing as t

from aimskit.records import kinds
from aimskit.records.findings import Finding
from aimskit.records.model import Record, Repository
from aimskit.rules._common import Path, at, did_you_mean, strings
from aimskit.rules.registry import Options, record_rule

ROLE_FIELDS: dict[str, tuple[str, ...]] = {
    "manifest": ("governance_lead",),
    "policy": ("owner", "approver"),
    "role": ("reports_to",),
    "system": ("owner",),
    "risk": ("owner", "acceptance.by", "treatment.actions.*.owner"),
    "impact-assessment": ("owner", "approver"),
    "soa": ("owner", "approver", "controls.*.owner"),
    "objective": ("owner",),
    "supplier": ("owner",),
    "management-review": ("chair", "attendees.*", "actions.*.owner"),
    "nonconformity": ("owner", "corrective_actions.*.owner"),
}
SYSTEM_FIELDS: dict[str, tuple[str, ...]] = {
    "manifest": ("scope.in_scope_systems.*",),
    "risk": ("systems.*",),
    "impact-assessment": ("systems.*",),
    "objective": ("systems.*",),
    "supplier": ("systems.*",),
}
RECORD_FIELDS: dict[str, tuple[str, ...]] = {
    "soa": ("controls.*.implemented_by.*",),
    "impact-assessment": ("impacts.*.risks.*",),
    "audit": ("findings.*.nonconformity",),
}
_RECORD_ID = re.compile(r"^(SYS|RISK|POL|SUP|OBJ|AIA|AUD|MR|NC)-[0-9]{3,}\Z")


def references(repository: Repository, fields: dict[str, tuple[str, ...]]) -> t.Iterator[tuple[Record, tuple, str]]:
    """(record, path, value) for every string in the given fields of every record."""
    for record in repository.all_records():
        for path, value in record_references(record, fields):
            yield record, path, value


def record_references(record: Record, fields: dict[str, tuple[str, ...]]) -> t.Iterator[tuple[tuple, str]]:
    """(path, value) for every string in the given fields of ``record``."""
    for spec in fields.get(record.kind.name, ()):
        yield from strings(record, spec)


def _ids_of(repository: Repository, kind: kinds.Kind) -> frozenset[str]:
    loaded = {record_id for record_id, record in repository.index.items() if record.kind is kind}
    return frozenset(loaded | repository.unloaded_ids(kind))


def _role_ids(repository: Repository) -> frozenset[str]:
    return frozenset({*repository.roles, *repository.unloaded_ids(kinds.ROLE)})


def _record_ids(repository: Repository) -> frozenset[str]:
    return frozenset({*repository.index, *repository.unloaded_ids()})


def _field_name(path: tuple) -> str:
    return ".".join(str(part) for part in path if isinstance(part, str))


@record_rule(context=_role_ids)
def roles_exist(record: Record, known: frozenset[str], options: Options) -> t.Iterator[Finding]:
    """AIMS203: every role named (owners, approvers, action owners, attendees...) is a role."""
    for path, value in record_references(record, ROLE_FIELDS):
        if value not in known:
            yield at(record, path, "AIMS203", f"{_field_name(path)} '{value}' is not a role",
                     did_you_mean(value, known, f"use a role id from roles/, or add roles/{value}.yaml"))


@record_rule(context=lambda repository: _ids_of(repository, kinds.SYSTEM))
def systems_exist(record: Record, known: frozenset[str], options: Options) -> t.Iterator[Finding]:
    """AIMS204: every system named is in the inventory."""
    for path, value in record_references(record, SYSTEM_FIELDS):
        if value not in known:
            yield at(record, path, "AIMS204", f"system '{value}' is not in the inventory",
                     did_you_mean(value, known, f"add systems/{value}.yaml or correct the id"))


def _unknown_suppliers(record: Record, pattern: str, known: frozenset[str]) -> list[tuple[Path, str]]:
    """(path, value) of each supplier id (``SUP-...``) at ``pattern`` that is not a supplier record."""
    return [(path, value) for path, value in strings(record, pattern)
            if value.startswith("SUP-") and value not in known]


@record_rule(kinds.SYSTEM, context=lambda repository: _ids_of(repository, kinds.SUPPLIER))
def suppliers_exist(record: Record, known: frozenset[str], options: Options) -> t.Iterator[Finding]:
    """AIMS205: a system's provider (other than in-house) is a supplier."""
    for path, value in _unknown_suppliers(record, "provider", known):
        yield at(record, path, "AIMS205", f"provider '{value}' is not a supplier",
                 did_you_mean(value, known, f"add suppliers/{value}.yaml or use provider: in-house"))


@record_rule(kinds.SYSTEM, context=lambda repository: _ids_of(repository, kinds.SUPPLIER))
def component_suppliers_exist(record: Record, known: frozenset[str], options: Options) -> t.Iterator[Finding]:
    """AIMS857: a supplier id among a system's components.providers is a supplier record."""
    for path, value in _unknown_suppliers(record, "components.providers.*", known):
        yield at(record, path, "AIMS857", f"components.providers names '{value}', which is not a supplier",
                 did_you_mean(value, known, f"add suppliers/{value}.yaml, or write the provider's name"))


@record_rule(kinds.IMPACT_ASSESSMENT, kinds.SOA, kinds.AUDIT, kinds.NONCONFORMITY, context=_record_ids)
def records_exist(record: Record, known: frozenset[str], options: Options) -> t.Iterator[Finding]:
    """AIMS206: record ids named (SoA implemented_by, impact risks, audit nonconformities) exist."""
    found = [*record_references(record, RECORD_FIELDS), *_nonconformity_sources(record)]
    for path, value in found:
        if _RECORD_ID.match(value) and value not in known:
            yield at(record, path, "AIMS206", f"{_field_name(path)} '{value}' is not a record in this repository",
                     did_you_mean(value, known, "check the id against the file names"))


def _nonconformity_sources(record: Record) -> t.Iterator[tuple[tuple, str]]:
    if record.kind is kinds.NONCONFORMITY:
        for path, value in strings(record, "source"):
            yield path, value.strip()
