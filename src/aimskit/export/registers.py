"""The registers an auditor samples beyond the SoA and the risk register, as tables: impact
assessments, objectives, suppliers, audits, management reviews, nonconformities and the
competence evidence of each role holder. Records in, rows out; every row says whether it comes
from an example record (``example``).
"""

from __future__ import annotations

import typing as t

from aimskit.governance.fields import items, mapping, mappings
from aimskit.governance.placeholders import names_nobody
from aimskit.governance.starter import is_example
from aimskit.records import kinds
from aimskit.records.model import Repository

Row = dict[str, t.Any]

COLUMNS: dict[str, tuple[str, ...]] = {
    "impact_assessments": ("id", "title", "systems", "owner", "approver", "version", "status", "assessed",
                           "approved_on", "next_review", "affected_parties", "impacts", "controls", "example"),
    "objectives": ("id", "title", "measure", "target", "baseline", "owner", "due", "status", "clauses", "controls",
                   "systems", "last_measured", "last_value", "example"),
    "suppliers": ("id", "name", "relationship", "services", "owner", "systems", "last_assessed", "outcome",
                  "evidence", "next_review", "example"),
    "audits": ("id", "title", "type", "scope", "lead_auditor", "planned", "performed", "status", "clauses",
               "controls", "findings", "report", "example"),
    "management_reviews": ("id", "title", "date", "chair", "attendees", "inputs", "decisions", "actions", "status",
                           "example"),
    "nonconformities": ("id", "title", "description", "raised", "source", "clauses", "controls", "owner", "severity",
                        "root_cause", "correction", "corrective_actions", "status", "closed", "effectiveness",
                        "example"),
    "competence": ("role", "role_title", "holder", "handle", "names_a_person", "requirement", "record", "date",
                   "location", "location_description", "example"),
}


def evidence_text(reference: t.Any) -> t.Any:
    """An evidence entry as a cell: a path or link as it is, an external reference as its url."""
    return reference.get("url") if isinstance(reference, dict) else reference


def _data(repository: Repository, kind: kinds.Kind) -> list[dict[str, t.Any]]:
    return [record.data for record in repository.of(kind) if isinstance(record.data, dict)]


def _actions(values: t.Any) -> list[str]:
    return [f"{a.get('description')} ({a.get('owner')}, due {a.get('due')}, {a.get('status')})"
            for a in values if isinstance(a, dict)] if isinstance(values, list) else []


def impact_assessment_rows(repository: Repository) -> list[Row]:
    return [{"id": d.get("id"), "title": d.get("title"), "systems": items(d, "systems"), "owner": d.get("owner"),
             "approver": d.get("approver"), "version": d.get("version"), "status": d.get("status"),
             "assessed": d.get("assessed"), "approved_on": d.get("approved_on"), "next_review": d.get("next_review"),
             "affected_parties": items(d, "affected_parties"),
             "impacts": [f"{i.get('area')} ({i.get('severity')}): {i.get('description')}"
                         for i in mappings(d, "impacts")],
             "controls": items(d, "controls"), "example": is_example(d)}
            for d in _data(repository, kinds.IMPACT_ASSESSMENT)]


def objective_rows(repository: Repository) -> list[Row]:
    rows = []
    for d in _data(repository, kinds.OBJECTIVE):
        progress = [p for p in mappings(d, "progress") if p.get("date")]
        last = max(progress, key=lambda p: str(p.get("date"))) if progress else {}
        rows.append({"id": d.get("id"), "title": d.get("title"), "measure": d.get("measure"), "target": d.get("target"),
                     "baseline": d.get("baseline"), "owner": d.get("owner"), "due": d.get("due"),
                     "status": d.get("status"), "clauses": items(d, "clauses"), "controls": items(d, "controls"),
                     "systems": items(d, "systems"), "last_measured": last.get("date"), "last_value": last.get("value"),
                     "example": is_example(d)})
    return rows


def supplier_rows(repository: Repository) -> list[Row]:
    return [{"id": d.get("id"), "name": d.get("name"), "relationship": d.get("relationship"),
             "services": d.get("services"), "owner": d.get("owner"), "systems": items(d, "systems"),
             "last_assessed": mapping(d, "due_diligence").get("last_assessed"),
             "outcome": mapping(d, "due_diligence").get("outcome"),
             "evidence": [evidence_text(e) for e in items(mapping(d, "due_diligence"), "evidence")],
             "next_review": d.get("next_review"), "example": is_example(d)}
            for d in _data(repository, kinds.SUPPLIER)]


def audit_rows(repository: Repository) -> list[Row]:
    return [{"id": d.get("id"), "title": d.get("title"), "type": d.get("type"), "scope": d.get("scope"),
             "lead_auditor": d.get("lead_auditor"), "planned": d.get("planned"), "performed": d.get("performed"),
             "status": d.get("status"), "clauses": items(d, "clauses"), "controls": items(d, "controls"),
             "findings": [f"{f.get('type')}: {f.get('description')}" for f in mappings(d, "findings")],
             "report": d.get("report"), "example": is_example(d)}
            for d in _data(repository, kinds.AUDIT)]


def management_review_rows(repository: Repository) -> list[Row]:
    return [{"id": d.get("id"), "title": d.get("title"), "date": d.get("date"), "chair": d.get("chair"),
             "attendees": items(d, "attendees"), "inputs": [i.get("topic") for i in mappings(d, "inputs")],
             "decisions": items(d, "decisions"), "actions": _actions(d.get("actions")), "status": d.get("status"),
             "example": is_example(d)}
            for d in _data(repository, kinds.MANAGEMENT_REVIEW)]


def nonconformity_rows(repository: Repository) -> list[Row]:
    return [{"id": d.get("id"), "title": d.get("title"), "description": d.get("description"), "raised": d.get("raised"),
             "source": d.get("source"), "clauses": items(d, "clauses"), "controls": items(d, "controls"),
             "owner": d.get("owner"), "severity": d.get("severity"), "root_cause": d.get("root_cause"),
             "correction": d.get("correction"), "corrective_actions": _actions(d.get("corrective_actions")),
             "status": d.get("status"), "closed": d.get("closed"), "effectiveness": d.get("effectiveness"),
             "example": is_example(d)}
            for d in _data(repository, kinds.NONCONFORMITY)]


def competence_rows(repository: Repository) -> list[Row]:
    """One row per competence requirement of a role and holder, with the holder's evidence for it (blank
    where there is none); ``names_a_person`` is false for placeholder holders and the template's default lead."""
    rows = []
    for role in _data(repository, kinds.ROLE):
        required = [str(c.get("requirement")) for c in mappings(role, "competence")]
        for holder in mappings(role, "holders"):
            evidence = mappings(holder, "competence_evidence")
            wanted = list(dict.fromkeys(required + [str(e.get("requirement")) for e in evidence]))
            for requirement in wanted:
                found = next((e for e in evidence if str(e.get("requirement")) == requirement), {})
                location = found.get("location")
                rows.append({"role": role.get("id"), "role_title": role.get("title"), "holder": holder.get("name"),
                             "handle": holder.get("handle"), "names_a_person": not names_nobody(holder),
                             "requirement": requirement, "record": found.get("record"), "date": found.get("date"),
                             "location": evidence_text(location),
                             "location_description": location.get("description") if isinstance(location, dict)
                             else None, "example": is_example(role)})
    return rows


def register_tables(repository: Repository) -> dict[str, list[Row]]:
    """Every register table by file stem (the keys of :data:`COLUMNS`)."""
    return {"impact_assessments": impact_assessment_rows(repository), "objectives": objective_rows(repository),
            "suppliers": supplier_rows(repository), "audits": audit_rows(repository),
            "management_reviews": management_review_rows(repository),
            "nonconformities": nonconformity_rows(repository), "competence": competence_rows(repository)}
