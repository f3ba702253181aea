"""Checks for clauses 7 to 10 and the records behind Annex A items (same contract as
:mod:`aimskit.readiness.checks`)."""

from __future__ import annotations

import typing as t

from aimskit.governance.currency import is_effective
from aimskit.governance.fields import items, mapping, strings, text
from aimskit.readiness.checks import ASSESSED_RISK
from aimskit.readiness.facts import Facts
from aimskit.readiness.outcome import MISSING, PARTIAL, Outcome, coverage, graded, paths
from aimskit.records import kinds
from aimskit.records.model import Record


def competence(f: Facts) -> Outcome:
    all_roles = f.of(kinds.ROLE)
    stated = [r for r in all_roles if items(r.data, "competence")]
    evidenced = [r for r in stated if all(text(c, "evidence") for c in items(r.data, "competence"))]
    if not stated:
        return Outcome(MISSING, (), "no role states competence requirements" if all_roles else "no roles defined")
    return coverage(evidenced, all_roles, "no roles defined", "roles with evidenced competence") \
        if evidenced else Outcome(PARTIAL, paths(stated), "competence stated without evidence")


def suppliers(f: Facts) -> Outcome:
    records = f.of(kinds.SUPPLIER)
    return coverage([r for r in records if mapping(r.data, "due_diligence")], records,
                    "no supplier or external document recorded", "suppliers with due diligence")


def data_sources(f: Facts) -> Outcome:
    systems = f.in_scope_systems
    return coverage([s for s in systems if items(s.data, "data_sources")], systems,
                    "no in-scope AI system in systems/", "in-scope systems with data sources and provenance")


def _actions(record: Record) -> list[t.Any]:
    data = record.data
    return items(mapping(data, "treatment"), "actions") + items(data, "actions") + items(data, "corrective_actions")


def operational_records(f: Facts) -> Outcome:
    records = [r for kind in (kinds.RISK, kinds.MANAGEMENT_REVIEW, kinds.NONCONFORMITY) for r in f.of(kind)]
    with_actions = [r for r in records if _actions(r)]
    done = [r for r in with_actions if any(text(a, "status") == "done" for a in _actions(r))]
    return graded(done, with_actions, "no action recorded on risks, reviews or nonconformities",
                  "actions planned, none done yet", "completed actions")


def risks_per_system(f: Facts) -> Outcome:
    assessed = {s for r in f.of(kinds.RISK) if text(r.data, "status") in ASSESSED_RISK for s in strings(r.data, "systems")}
    systems = f.in_scope_systems
    return coverage([s for s in systems if s.id in assessed], systems,
                    "no in-scope AI system in systems/", "in-scope systems with an assessed risk")


def treatment_results(f: Facts) -> Outcome:
    risks = [r for r in f.of(kinds.RISK) if text(r.data, "status") in ASSESSED_RISK]
    done = [r for r in risks if mapping(r.data, "residual") or mapping(r.data, "acceptance")
            or text(r.data, "status") == "closed"]
    return coverage(done, risks, "no assessed risk in risks/", "assessed risks with a residual or acceptance")


def monitoring(f: Facts) -> Outcome:
    records = f.of(kinds.OBJECTIVE)
    return coverage([r for r in records if items(r.data, "progress")], records,
                    "no AI objective to measure", "objectives with measured progress")


def audits(f: Facts) -> Outcome:
    records = f.of(kinds.AUDIT)
    return graded([r for r in records if is_effective(r)], records, "no audit in records/audits/",
                  "audit planned or in progress, none completed", "completed audit")


def reviews(f: Facts) -> Outcome:
    records = f.of(kinds.MANAGEMENT_REVIEW)
    return graded([r for r in records if is_effective(r)], records, "no management review in records/management-reviews/",
                  "management review planned, none held", "held management review")


def nonconformities(f: Facts) -> Outcome:
    records = f.of(kinds.NONCONFORMITY)
    return coverage([r for r in records if items(r.data, "corrective_actions")], records,
                    "no nonconformity recorded in records/nonconformities/", "nonconformities with corrective actions")
