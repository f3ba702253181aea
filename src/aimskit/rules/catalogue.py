"""Catalogue rules: controls, clauses and Annex C ids are those of ISO/IEC 42001."""

from __future__ import annotations

import typing as t

from aimskit import reference
from aimskit.records.findings import Finding
from aimskit.records.model import Repository
from aimskit.rules._common import at, did_you_mean
from aimskit.rules.references import references
from aimskit.rules.registry import Options, rule

CONTROL_FIELDS: dict[str, tuple[str, ...]] = {
    "policy": ("controls.*",),
    "risk": ("treatment.controls.*",),
    "impact-assessment": ("controls.*",),
    "soa": ("controls.*.control",),
    "objective": ("controls.*",),
    "audit": ("controls.*", "findings.*.control"),
    "nonconformity": ("controls.*",),
}
CLAUSE_FIELDS: dict[str, tuple[str, ...]] = {
    "policy": ("clauses.*",),
    "objective": ("clauses.*",),
    "audit": ("clauses.*", "findings.*.clause"),
    "nonconformity": ("clauses.*",),
}
ANNEX_C_FIELDS: dict[str, tuple[str, ...]] = {"risk": ("source", "objectives.*")}


@rule
def controls_exist(repository: Repository, options: Options) -> t.Iterator[Finding]:
    """AIMS207: every control id is one of the 38 Annex A controls."""
    known = reference.controls()
    for record, path, value in references(repository, CONTROL_FIELDS):
        if value not in known:
            yield at(record, path, "AIMS207", f"'{value}' is not an ISO/IEC 42001 Annex A control",
                     did_you_mean(value, known, "Annex A controls run from A.2.2 to A.10.4"))


@rule
def clauses_exist(repository: Repository, options: Options) -> t.Iterator[Finding]:
    """AIMS208: every clause is a clause or subclause of clauses 4 to 10."""
    known = reference.clauses()
    for record, path, value in references(repository, CLAUSE_FIELDS):
        if value not in known:
            yield at(record, path, "AIMS208", f"'{value}' is not a clause of ISO/IEC 42001 (4 to 10)",
                     did_you_mean(value, known, "quote clause numbers, e.g. \"6.1.2\""))


@rule
def annex_c_ids_exist(repository: Repository, options: Options) -> t.Iterator[Finding]:
    """AIMS210: a risk's source and objectives are Annex C risk sources and objectives."""
    sources, objectives = reference.risk_sources(), reference.annex_c_objectives()
    for record, path, value in references(repository, ANNEX_C_FIELDS):
        known, what = (sources, "risk source") if path[0] == "source" else (objectives, "objective")
        if value not in known:
            listing = ", ".join(f"{key} {title}" for key, title in known.items())
            yield at(record, path, "AIMS210", f"'{value}' is not an Annex C {what}",
                     did_you_mean(value, known, f"Annex C {what}s: {listing}"))
