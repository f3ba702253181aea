"""Checks for clauses 7 to 10 and the records behind Annex A items (same contract as
:mod:`aimskit.readiness.checks`)."""

from __future__ import annotations

import dataclasses
import typing as t

from aimskit.governance import currency
from aimskit.governance.fields import items, mapping, strings, text
from aimskit.governance.starter import is_placeholder
from aimskit.governance.scoring import score
from aimskit.readiness.checks import ASSESSED_RISK, NO_RISK, UNOWNED, named_holders, objective_problem
from aimskit.readiness.facts import Facts
from aimskit.readiness.outcome import MET, MISSING, PARTIAL, Outcome, coverage, graded, paths
from aimskit.records import kinds
from aimskit.records.model import MANIFEST_NAME, Record


def holder_evidenced(f: Facts, holder: dict) -> bool:
    """The holder has competence evidence: a record, dated not after today, kept in the repository or at a link."""
    return any(isinstance(e, dict) and text(e, "record") and f.on_or_before_today(e.get("date"))
               and f.evidence_exists(e.get("location")) for e in items(holder, "competence_evidence"))


def with_reasons(note: str, why: list[str]) -> str:
    """``note`` followed by the first two reasons, in parentheses, when there are any."""
    return f"{note} ({'; '.join(dict.fromkeys(why[:2]))})" if why else note


def competence(f: Facts) -> Outcome:
    stated = [r for r in f.of(kinds.ROLE) if items(r.data, "competence")]
    if not stated:
        return Outcome(MISSING, (), "no role states competence requirements")
    holders = [(r, h) for r in stated for h in items(r.data, "holders") if isinstance(h, dict)]
    evidenced = [r for r, h in holders if h in named_holders(r) and holder_evidenced(f, h)]
    done = len(evidenced)
    note = f"holders with competence evidence: {done} of {len(holders)}"
    why = [str(f.evidence_problem(e.get("location"))) for _, h in holders for e in items(h, "competence_evidence")
           if isinstance(e, dict) and not f.evidence_exists(e.get("location"))]
    note = with_reasons(note, why)
    if holders and done == len(holders):
        return Outcome(MET, paths(evidenced), note)
    return Outcome(PARTIAL, paths(evidenced or stated), note + " (a role's 'evidence' line says what to look for; "
                   "record it per holder in competence_evidence)")


def external_documents(f: Facts) -> Outcome:
    documents = [d for d in items(f.manifest, "external_documents") if isinstance(d, dict)]
    if not documents:
        return Outcome(MISSING, (), "aims.yml lists no external_documents")
    controlled = [d for d in documents if f.evidence_exists(d.get("source")) and f.holds_role(d.get("owner"))
                  and f.on_or_before_today(d.get("reviewed"))]
    note = f"external documents identified and controlled: {len(controlled)} of {len(documents)}"
    why = [str(f.evidence_problem(d.get("source"))) for d in documents if not f.evidence_exists(d.get("source"))]
    note = with_reasons(note, why)
    return Outcome(MET if len(controlled) == len(documents) else PARTIAL, (MANIFEST_NAME,), note)


def diligence_current(f: Facts, record: Record) -> bool:
    """The supplier's due diligence has an outcome and was last assessed within the review cycle."""
    diligence = mapping(record.data, "due_diligence")
    return bool(text(diligence, "outcome")) and not is_placeholder(diligence.get("outcome")) and \
        currency.within_cycle(record, diligence.get("last_assessed"), f.today, f.cycle)


def suppliers(f: Facts) -> Outcome:
    records = f.of(kinds.SUPPLIER)
    return coverage([r for r in records if diligence_current(f, r)], records,
                    "no supplier recorded", "suppliers with due diligence assessed within the review cycle")


def data_sources(f: Facts) -> Outcome:
    systems = f.in_scope_systems
    return coverage([s for s in systems if items(s.data, "data_sources")], systems,
                    "no in-scope AI system in systems/", "in-scope systems with data sources and provenance")


def _actions(record: Record) -> list[t.Any]:
    data = record.data
    return items(mapping(data, "treatment"), "actions") + items(data, "actions") + items(data, "corrective_actions")


def operational_records(f: Facts) -> Outcome:
    # only records someone real answers for: owned risks and nonconformities, reviews held within the cycle
    records = f.risks + f.of(kinds.MANAGEMENT_REVIEW) + f.of(kinds.NONCONFORMITY)
    with_actions = [r for r in records if _actions(r)]
    done = [r for r in with_actions if any(text(a, "status") == "done" for a in _actions(r))
            and (f.held_in_cycle(r) if r.kind is kinds.MANAGEMENT_REVIEW else f.owned(r))]
    return graded(done, with_actions, "no action recorded on risks, reviews or nonconformities",
                  f"no completed action on a risk or nonconformity {UNOWNED} or a review held within its cycle",
                  "completed actions")


def risks_per_system(f: Facts) -> Outcome:
    assessed = {s for r in f.risks if text(r.data, "status") in ASSESSED_RISK and f.owned(r)
                for s in strings(r.data, "systems")}
    systems = f.in_scope_systems
    return coverage([s for s in systems if s.id in assessed], systems,
                    "no in-scope AI system in systems/", f"in-scope systems with an assessed risk {UNOWNED}")


def achieved(f: Facts, risk: Record) -> bool:
    """An achieved residual score that counts: every treatment action done, the effectiveness check
    dated not after today and its record in the repository or at a link."""
    result = mapping(mapping(risk.data, "residual"), "achieved")
    actions = items(mapping(risk.data, "treatment"), "actions")
    return (score(result.get("likelihood"), result.get("impact")) is not None
            and all(text(a, "status") in ("done", "cancelled") for a in actions)
            and f.on_or_before_today(result.get("checked")) and f.evidence_exists(result.get("evidence")))


def treatment_results(f: Facts) -> Outcome:
    risks = [r for r in f.risks if text(r.data, "status") in ASSESSED_RISK]
    done = [r for r in risks if f.owned(r) and (achieved(f, r) or (
        text(mapping(r.data, "treatment"), "option") == "retain" and mapping(r.data, "acceptance")))]
    outcome = coverage(done, risks, NO_RISK, f"assessed risks {UNOWNED} with an achieved residual (a target "
                       "residual is a plan, not a result)")
    why = [f"{r.id}: {f.evidence_problem(mapping(mapping(r.data, 'residual'), 'achieved').get('evidence'))}"
           for r in risks if r not in done and mapping(mapping(r.data, "residual"), "achieved")
           and not f.evidence_exists(mapping(mapping(r.data, "residual"), "achieved").get("evidence"))]
    return dataclasses.replace(outcome, note=f"{outcome.note} ({'; '.join(why[:2])})") if why else outcome


def monitoring(f: Facts) -> Outcome:
    records = f.of(kinds.OBJECTIVE)
    measured = [r for r in records if objective_problem(f, r) is None
                and any(isinstance(p, dict) and f.on_or_before_today(p.get("date"))
                                          for p in items(r.data, "progress"))]
    return coverage(measured, records, "no AI objective to measure",
                    "measurable, owned objectives with a dated measurement")


def audit_problem(f: Facts, record: Record) -> str | None:
    """Why an audit does not count, or None: completed within the review cycle, with its findings or a
    report that is evidence (:meth:`Facts.evidence_problem`)."""
    if not f.held_in_cycle(record):
        return f.why_out_of_cycle(record)
    if not items(record.data, "findings") and f.evidence_problem(record.data.get("report")):
        return "no findings recorded and no report: " + str(f.evidence_problem(record.data.get("report")))
    return None


def audits(f: Facts) -> Outcome:
    records = f.of(kinds.AUDIT)
    why = "; ".join(f"{r.id}: {audit_problem(f, r)}" for r in records[:3] if audit_problem(f, r))
    return graded([r for r in records if audit_problem(f, r) is None], records, "no audit in records/audits/",
                  f"no audit completed within the review cycle with its results ({why})", "completed audit")


def review_problem(f: Facts, record: Record) -> str | None:
    """Why a management review does not count, or None: held within the review cycle, with decisions."""
    if not f.held_in_cycle(record):
        return f.why_out_of_cycle(record)
    decisions = [d for d in items(record.data, "decisions") if isinstance(d, str) and not is_placeholder(d)]
    return None if decisions else "no decisions recorded (9.3.3 asks for the results)"


def reviews(f: Facts) -> Outcome:
    records = f.of(kinds.MANAGEMENT_REVIEW)
    why = "; ".join(f"{r.id}: {review_problem(f, r)}" for r in records[:3] if review_problem(f, r))
    return graded([r for r in records if review_problem(f, r) is None], records,
                  "no management review in records/management-reviews/",
                  f"no management review held within the review cycle with decisions ({why})", "held management review")


def nonconformities(f: Facts) -> Outcome:
    records = f.of(kinds.NONCONFORMITY)
    return coverage([r for r in records if items(r.data, "corrective_actions") and f.has_holder(r.data.get("owner"))],
                    records,
                    "no nonconformity recorded in records/nonconformities/",
                    "nonconformities with corrective actions and an owner who names a person")
