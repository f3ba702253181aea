"""Catalogue rules: controls, clauses and Annex C ids are those of ISO/IEC 42001."""

from __future__ import annotations

import typing as t

from aimskit import reference
from aimskit.records import kinds
from aimskit.records.findings import Finding
from aimskit.records.model import Record
from aimskit.rules._common import at, did_you_mean
from aimskit.rules.references import record_references
from aimskit.rules.registry import Options, record_rule

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


@record_rule(context=lambda repository: reference.controls())
def controls_exist(record: Record, known: dict[str, t.Any], options: Options) -> t.Iterator[Finding]:
    """AIMS207: every control id is one of the 38 Annex A controls."""
    for path, value in record_references(record, CONTROL_FIELDS):
        if value not in known:
            yield at(record, path, "AIMS207", f"'{value}' is not an ISO/IEC 42001 Annex A control",
                     did_you_mean(value, known, "Annex A controls run from A.2.2 to A.10.4"))


@record_rule(context=lambda repository: reference.clauses())
def clauses_exist(record: Record, known: dict[str, t.Any], options: Options) -> t.Iterator[Finding]:
    """AIMS208: every clause is a clause or subclause of clauses 4 to 10."""
    for path, value in record_references(record, CLAUSE_FIELDS):
        if value not in known:
            yield at(record, path, "AIMS208", f"'{value}' is not a clause of ISO/IEC 42001 (4 to 10)",
                     did_you_mean(value, known, "quote clause numbers, e.g. \"6.1.2\""))


@record_rule(kinds.RISK, context=lambda repository: (reference.risk_sources(), reference.annex_c_objectives()))
def annex_c_ids_exist(record: Record, annex_c: tuple[dict[str, str], dict[str, str]],
                      options: Options) -> t.Iterator[Finding]:
    """AIMS210: a risk's source and objectives are Annex C risk sources and objectives."""
    sources, objectives = annex_c
    for path, value in record_references(record, ANNEX_C_FIELDS):
        known, what = (sources, "risk source") if path[0] == "source" else (objectives, "objective")
        if value not in known:
            listing = ", ".join(f"{key} {title}" for key, title in known.items())
            yield at(record, path, "AIMS210", f"'{value}' is not an Annex C {what}",
                     did_you_mean(value, known, f"Annex C {what}s: {listing}"))
