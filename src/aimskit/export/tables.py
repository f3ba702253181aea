"""What an auditor asks for, as tables: the SoA, the risk register, the AI systems, the policies
and their approvals. Records (and their approval history) in, rows out; nothing is written here.

Cells keep their types (lists, booleans, integers, None): the CSV writer flattens them, the JSON
export keeps them.
"""

from __future__ import annotations

import datetime as dt
import typing as t

from aimskit import reference
from aimskit.export import registers
from aimskit.governance import scope, scoring
from aimskit.governance.fields import items, mapping, mappings
from aimskit.governance.starter import is_example
from aimskit.readiness import assess
from aimskit.records import kinds
from aimskit.records.model import Record, Repository

Row = dict[str, t.Any]
Approvals = dict[str, list[dict[str, t.Any]]]  # policy id → approval rows, newest first

UNDECIDED = "undecided"

COLUMNS: dict[str, tuple[str, ...]] = {
    "soa": ("control", "title", "applicable", "justification", "status", "implemented_by", "evidence", "owner",
            "example"),
    "risks": ("id", "title", "description", "systems", "source", "objectives", "owner", "likelihood", "impact", "inherent_score",
              "inherent_level", "treatment", "controls", "treatment_approved_by", "treatment_approved_on",
              "residual_likelihood", "residual_impact",
              "residual_score", "residual_level", "above_appetite", "acceptance_required", "achieved_likelihood", "achieved_impact",
              "achieved_score", "achieved_level", "achieved_checked", "achieved_evidence",
              "achieved_evidence_description", "achieved_evidence_date", "accepted_by", "accepted_on",
              "acceptance_rationale", "status",
              "identified", "next_review", "example"),
    "systems": ("id", "name", "description", "owner", "lifecycle_stage", "provider", "ai_role", "in_scope", "eu_ai_act_tier",
                "eu_ai_act_rationale", "purpose", "intended_use", "foreseeable_misuse", "affected_parties", "human_oversight",
                "models", "data_sources", "risks", "impact_assessments", "next_review", "example"),
    "policies": ("id", "title", "owner", "approver", "version", "status", "effective", "approved_on",
                 "next_review", "controls", "clauses", "last_approved_version", "last_approved_by",
                 "merged_by", "merge_commit", "example"),
    "actions": ("risk", "description", "owner", "due", "status", "example"),
    "data_sources": ("system", "name", "provenance", "personal_data", "quality_checks", "example"),
    "approvals": ("policy", "version", "status", "approval", "approved_by", "approver", "approved_on",
                  "text_as_approved", "merged_by", "pull_request", "merge_subject", "date", "commit", "author",
                  "host_check", "host_evidence", "example"),
    "readiness": ("clause", "item", "status", "examples_alone", "evidence", "note", "met_when"),
    "acceptances": ("risk", "accepted_by", "accepted_on", "text_as_accepted", "pull_request", "merged_by",
                    "merge_subject", "date", "commit", "author", "host_check", "host_evidence", "example"),
    **registers.COLUMNS,
}


def soa_rows(repository: Repository) -> list[Row]:
    """One row per Annex A control in the standard's order; "undecided" where the SoA is silent."""
    soa = repository.single(kinds.SOA)
    entries = {entry.get("control"): entry for entry in mappings(soa.data if soa else None, "controls")}
    rows = []
    for control, facts in reference.controls().items():
        entry = entries.get(control)
        rows.append({
            "control": control, "title": facts.get("title"),
            "applicable": entry.get("applicable", UNDECIDED) if entry else UNDECIDED,
            "justification": entry.get("justification") if entry else None,
            "status": entry.get("status", UNDECIDED) if entry else UNDECIDED,
            "implemented_by": items(entry, "implemented_by"), "evidence": items(entry, "evidence"),
            "owner": entry.get("owner") if entry else None, "example": is_example(soa.data) if soa else False,
        })
    return rows


def risk_rows(repository: Repository) -> list[Row]:
    """The risk register with inherent and residual scores and levels from the risk method."""
    method = scoring.RiskMethod.from_manifest(repository.manifest)
    rows = []
    for risk in _data(repository, kinds.RISK):
        treatment, acceptance = mapping(risk, "treatment"), mapping(risk, "acceptance")
        residual = mapping(risk, "residual") or risk
        inherent, remaining = scoring.inherent_score(risk), scoring.residual_score(risk)
        rows.append({
            "id": risk.get("id"), "title": risk.get("title"), "description": risk.get("description"),
            "systems": items(risk, "systems"), "source": risk.get("source"), "objectives": items(risk, "objectives"),
            "owner": risk.get("owner"),
            "likelihood": risk.get("likelihood"), "impact": risk.get("impact"),
            "inherent_score": inherent, "inherent_level": method.level_name(inherent),
            "treatment": treatment.get("option"), "controls": items(treatment, "controls"),
            "treatment_approved_by": treatment.get("approved_by"), "treatment_approved_on": treatment.get("approved_on"),
            "residual_likelihood": residual.get("likelihood"), "residual_impact": residual.get("impact"),
            "residual_score": remaining, "residual_level": method.level_name(remaining),
            "above_appetite": method.above_appetite(remaining),
            "acceptance_required": method.acceptance_required(risk), **_achieved(residual, method),
            "accepted_by": acceptance.get("by"), "accepted_on": acceptance.get("date"),
            "acceptance_rationale": acceptance.get("rationale"),
            "status": risk.get("status"), "identified": risk.get("identified"),
            "next_review": risk.get("next_review"), "example": is_example(risk),
        })
    return rows


def _achieved(residual: dict[str, t.Any], method: scoring.RiskMethod) -> Row:
    """The residual score achieved (residual.achieved), its check and evidence, as cells."""
    achieved = mapping(residual, "achieved")
    achieved_score = scoring.score(achieved.get("likelihood"), achieved.get("impact"))
    evidence = achieved.get("evidence")
    external = evidence if isinstance(evidence, dict) else {}
    return {"achieved_likelihood": achieved.get("likelihood"), "achieved_impact": achieved.get("impact"),
            "achieved_score": achieved_score, "achieved_level": method.level_name(achieved_score),
            "achieved_checked": achieved.get("checked"), "achieved_evidence": registers.evidence_text(evidence),
            "achieved_evidence_description": external.get("description"),
            "achieved_evidence_date": external.get("date")}


def system_rows(repository: Repository) -> list[Row]:
    """The AI system inventory, with the risks and impact assessments that cite each system."""
    risks, assessments = _citing(repository, kinds.RISK), _citing(repository, kinds.IMPACT_ASSESSMENT)
    rows = []
    for record in repository.of(kinds.SYSTEM):
        system = record.data
        tier = mapping(system, "eu_ai_act")
        rows.append({
            "id": system.get("id"), "name": system.get("name"), "description": system.get("description"),
            "owner": system.get("owner"),
            "lifecycle_stage": system.get("lifecycle_stage"), "provider": system.get("provider"),
            "ai_role": system.get("ai_role"), "in_scope": scope.in_scope(record, repository),
            "eu_ai_act_tier": tier.get("tier"), "eu_ai_act_rationale": tier.get("rationale"),
            "purpose": system.get("purpose"), "intended_use": system.get("intended_use"),
            "foreseeable_misuse": system.get("foreseeable_misuse"),
            "affected_parties": items(system, "affected_parties"),
            "human_oversight": system.get("human_oversight"), "models": items(system, "models"),
            "data_sources": [source.get("name") for source in mappings(system, "data_sources")],
            "risks": risks.get(str(system.get("id")), []),
            "impact_assessments": assessments.get(str(system.get("id")), []),
            "next_review": system.get("next_review"), "example": is_example(system),
        })
    return rows


def policy_rows(repository: Repository, approvals: Approvals) -> list[Row]:
    """The policies, each with its last approval as recorded in git (blank without history)."""
    rows = []
    for policy in _data(repository, kinds.POLICY):
        last = next((row for row in approvals.get(str(policy.get("id")), []) if row.get("is_approval")), {})
        rows.append({
            "id": policy.get("id"), "title": policy.get("title"), "owner": policy.get("owner"),
            "approver": policy.get("approver"), "version": policy.get("version"),
            "status": policy.get("status"), "effective": policy.get("effective"),
            "approved_on": policy.get("approved_on"), "next_review": policy.get("next_review"),
            "controls": items(policy, "controls"), "clauses": items(policy, "clauses"),
            "last_approved_version": last.get("version"),
            "last_approved_by": last.get("approved_by") or last.get("approver"),
            "merged_by": last.get("merged_by"), "merge_commit": last.get("hexsha"), "example": is_example(policy),
        })
    return rows


def action_rows(repository: Repository) -> list[Row]:
    """The risks' treatment actions, one row each, in register order."""
    return [{"risk": risk.get("id"), "description": action.get("description"), "owner": action.get("owner"),
             "due": action.get("due"), "status": action.get("status"), "example": is_example(risk)}
            for risk in _data(repository, kinds.RISK)
            for action in mappings(mapping(risk, "treatment"), "actions")]


def data_source_rows(repository: Repository) -> list[Row]:
    """The AI systems' data sources and their provenance, one row each."""
    return [{"system": system.get("id"), "name": source.get("name"), "provenance": source.get("provenance"),
             "personal_data": source.get("personal_data"), "quality_checks": source.get("quality_checks"),
             "example": is_example(system)}
            for system in _data(repository, kinds.SYSTEM) for source in mappings(system, "data_sources")]


def approval_table(approvals: Approvals, examples: t.Collection[str] = ()) -> list[Row]:
    """One row per version of each policy as it reached the main line, newest first per policy.

    ``approval`` is true only where the text at that merge is the text approved; ``approved_by``
    names the person (name, handle, role) the record gives, ``approver`` the approving role;
    ``host_check`` (confirmed, claimed, direct, not-checked) and ``host_evidence`` what the code
    host says of that approval."""
    return [{
        "policy": policy, "version": row.get("version"), "status": row.get("status"),
        "approval": bool(row.get("is_approval")),
        "approved_by": row.get("approved_by") if row.get("is_approval") else None,
        "approver": row.get("approver"), "approved_on": row.get("approved_on"),
        "text_as_approved": _yes_no(row.get("as_approved")),
        "merged_by": row.get("merged_by"), "pull_request": row.get("pull_request"),
        "merge_subject": row.get("merge_subject"), "date": row.get("date"),
        "commit": row.get("hexsha"), "author": row.get("author"),
        "host_check": row.get("host_check"), "host_evidence": row.get("host_evidence"), "example": policy in examples,
    } for policy, rows in approvals.items() for row in rows]


def _yes_no(value: t.Any) -> str:
    return "yes" if value is True else "no" if value is False else ""


def readiness_rows(repository: Repository, today: dt.date) -> list[Row]:
    """The readiness report's items, with the figures the dashboard shows (the same assessment)."""
    return [{"clause": d.clause, "item": d.item, "status": d.status, "examples_alone": d.with_examples,
             "evidence": list(d.evidence), "note": d.note, "met_when": d.met_when}
            for d in assess(repository, today).documented_information]


def acceptance_table(acceptances: Approvals, examples: t.Collection[str] = ()) -> list[Row]:
    """One row per acceptance of each risk as it reached the main line, newest first per risk, with
    what the code host says of it (a holder of the accepting role approved the request)."""
    return [{
        "risk": risk, "accepted_by": row.get("accepted_by"), "accepted_on": row.get("accepted_on"),
        "text_as_accepted": _yes_no(row.get("as_accepted")), "pull_request": row.get("pull_request"),
        "merged_by": row.get("merged_by"), "merge_subject": row.get("merge_subject"), "date": row.get("date"),
        "commit": row.get("hexsha"), "author": row.get("author"),
        "host_check": row.get("host_check"), "host_evidence": row.get("host_evidence"), "example": risk in examples,
    } for risk, rows in acceptances.items() for row in rows]


def tables(repository: Repository, approvals: Approvals, today: dt.date | None = None,
           acceptances: Approvals | None = None) -> dict[str, list[Row]]:
    """Every table by file stem (the keys of ``COLUMNS``): soa, risks, systems, policies, actions,
    data_sources, approvals, readiness, acceptances and the registers of :mod:`aimskit.export.registers`."""
    return {
        "soa": soa_rows(repository), "risks": risk_rows(repository), "systems": system_rows(repository),
        "policies": policy_rows(repository, approvals), "actions": action_rows(repository),
        "data_sources": data_source_rows(repository),
        "approvals": approval_table(approvals, {str(r.data.get("id")) for r in repository.of(kinds.POLICY)
                                                if is_example(r)}),
        "readiness": readiness_rows(repository, today or dt.date.today()),
        "acceptances": acceptance_table(acceptances or {}, {str(r.data.get("id")) for r in repository.of(kinds.RISK)
                                                            if is_example(r)}),
        **registers.register_tables(repository),
    }


def records_by_kind(repository: Repository) -> dict[str, list[dict[str, t.Any]]]:
    """Every record but the manifest: its path, its data and (Markdown records) its body."""
    return {kind.name: [_record(record) for record in repository.of(kind)]
            for kind in kinds.ALL if kind is not kinds.MANIFEST}


def _record(record: Record) -> dict[str, t.Any]:
    entry = {"path": record.path, "data": record.data}
    if record.kind.markdown:
        entry["body"] = record.document.body
    return entry


def _data(repository: Repository, kind: kinds.Kind) -> list[dict[str, t.Any]]:
    return [record.data for record in repository.of(kind)]


def _citing(repository: Repository, kind: kinds.Kind) -> dict[str, list[str]]:
    """System id → ids of the ``kind`` records whose ``systems`` list names it."""
    found: dict[str, list[str]] = {}
    for data in _data(repository, kind):
        for system in items(data, "systems"):
            found.setdefault(system, []).append(str(data.get("id")))
    return found
