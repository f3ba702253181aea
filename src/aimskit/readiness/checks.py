"""Checks for clauses 4 to 6: does the repository hold the documented information asked for?

Each check takes the :class:`Facts` and returns an :class:`Outcome`. A file that merely exists
is not enough: a draft policy, a draft SoA, an undated approval, template placeholder text or an
example record make a requirement *partial* at most (examples are not even seen: see Facts).
"""

from __future__ import annotations

import typing as t

from aimskit import reference
from aimskit.governance.authority import may_approve_treatment
from aimskit.governance.fields import items, mapping, text
from aimskit.governance.placeholders import real_holders
from aimskit.governance.starter import is_placeholder, placeholders_in
from aimskit.readiness.facts import Facts, cites
from aimskit.readiness.outcome import MET, MISSING, PARTIAL, Outcome, coverage, graded, paths
from aimskit.readiness.risks import above_appetite_unaccepted
from aimskit.records import kinds
from aimskit.records.model import MANIFEST_NAME, Record

Check = t.Callable[[Facts], Outcome]
ASSESSED_RISK = ("assessed", "treating", "accepted", "closed")


def scope(f: Facts) -> Outcome:
    statement = text(mapping(f.manifest, "scope"), "statement")
    if not statement:
        return Outcome(MISSING, (), "aims.yml has no scope.statement")
    if is_placeholder(statement):
        return Outcome(PARTIAL, (MANIFEST_NAME,), "scope.statement still holds placeholder text")
    return Outcome(MET, (MANIFEST_NAME,), "scope.statement")


def context(f: Facts) -> Outcome:
    context = mapping(f.manifest, "context")
    issues = items(context, "internal_issues") + items(context, "external_issues")
    parties = items(f.manifest, "interested_parties")
    if issues and parties and not placeholders_in([issues, parties]):
        return Outcome(MET, (MANIFEST_NAME,), "context issues and interested parties")
    if issues or parties:
        return Outcome(PARTIAL, (MANIFEST_NAME,), "context issues or interested parties missing or placeholders")
    return Outcome(MISSING, (), "aims.yml lists no context issues or interested parties")


def named_holders(role: Record) -> list[dict]:
    """The role's holders that name a person (:func:`aimskit.governance.placeholders.names_a_person`)."""
    return real_holders(items(role.data, "holders"))


def roles(f: Facts) -> Outcome:
    all_roles = f.of(kinds.ROLE)
    return coverage([r for r in all_roles if named_holders(r)], all_roles, "no role in roles/",
                    "roles with a named holder (not a placeholder)")


def policy_citing(clauses: tuple[str, ...] = (), controls: tuple[str, ...] = ()) -> Check:
    """An approved, dated policy whose front matter cites one of the clauses or controls."""
    wanted = ", ".join(clauses + controls)

    def check(f: Facts) -> Outcome:
        citing = [r for r in f.of(kinds.POLICY) if cites(r, clauses, controls) and text(r.data, "status") != "retired"]
        return graded([r for r in citing if f.dated(r) and f.holds(r.data.get("approver"), "approve-policy")],
                      citing, f"no policy cites {wanted}",
                      "policy citing it is not approved, dated and approved by a role with approve-policy",
                      "approved policy")

    return check


def risk_method(f: Facts) -> Outcome:
    method = f.method
    if method.levels and method.likelihood and method.impact and method.appetite > 0:
        return Outcome(MET, (MANIFEST_NAME,), "risk_method with levels and appetite")
    if mapping(f.manifest, "risk_method"):
        return Outcome(PARTIAL, (MANIFEST_NAME,), "risk_method incomplete (scales, levels or appetite)")
    return Outcome(MISSING, (), "aims.yml has no risk_method")


def risks_assessed(f: Facts) -> Outcome:
    risks = f.of(kinds.RISK)
    assessed = [r for r in risks if text(r.data, "status") in ASSESSED_RISK]
    return graded(assessed, risks, "no risk recorded in risks/", "risks identified but none assessed",
                  "assessed risks")


def risks_treated(f: Facts) -> Outcome:
    risks = f.of(kinds.RISK)
    planned = [r for r in risks if items(mapping(r.data, "treatment"), "controls")
               or items(mapping(r.data, "treatment"), "actions")]
    return graded(planned, risks, "no risk recorded in risks/", "no risk names treatment controls or actions",
                  "risks with treatment controls or actions")


def plan_approved(f: Facts, risk: Record) -> bool:
    """The treatment names who approved it (a role that may: :func:`aimskit.governance.authority.
    may_approve_treatment`) and when."""
    treatment = mapping(risk.data, "treatment")
    by = treatment.get("approved_by")
    role = f.repository.roles.get(by) if isinstance(by, str) else None
    return may_approve_treatment(role, f.method) and f.on_or_before_today(treatment.get("approved_on"))


def treatment_plans_approved(f: Facts) -> Outcome:
    treated = [r for r in f.open_risks if text(r.data, "status") in ASSESSED_RISK]
    return coverage([r for r in treated if plan_approved(f, r)], treated, "no assessed open risk in risks/",
                    "treatment plans approved (treatment.approved_by and approved_on)")


def acceptances(f: Facts) -> Outcome:
    risks = f.of(kinds.RISK)
    if not risks:
        return Outcome(MISSING, (), "no risk recorded in risks/")
    unaccepted = above_appetite_unaccepted(f)
    if unaccepted:
        return Outcome(PARTIAL, tuple(sorted(g.path for g in unaccepted)),
                       f"{len(unaccepted)} risk(s) above appetite without acceptance")
    accepted = [r for r in risks if mapping(r.data, "acceptance")]
    return Outcome(MET, paths(accepted), "no residual risk above appetite without acceptance")


def soa_approved(f: Facts) -> Outcome:
    if f.soa is None:
        return Outcome(MISSING, (), "no soa.yaml of the organisation's own")
    if f.dated(f.soa) and f.holds(f.soa.data.get("approver"), "approve-soa"):
        return Outcome(MET, (f.soa.path,), "approved SoA")
    return Outcome(PARTIAL, (f.soa.path,),
                   f"soa.yaml is {text(f.soa.data, 'status') or 'unset'}: not approved, dated and approved by a "
                   "role with approve-soa")


def controls_decided(f: Facts) -> Outcome:
    if f.soa is None:
        return Outcome(MISSING, (), "no soa.yaml of the organisation's own")
    entries = f.soa_entries
    undecided = [c for c in reference.controls()
                 if c not in entries or entries[c].get("applicable") not in (True, False)
                 or is_placeholder(entries[c].get("justification"))]
    if undecided:
        return Outcome(PARTIAL, (f.soa.path,), f"{len(undecided)} control(s) undecided or justified by placeholder text")
    return Outcome(MET, (f.soa.path,), "every Annex A control decided and justified")


def impact_assessments(f: Facts) -> Outcome:
    systems = f.in_scope_systems
    if not systems:
        return Outcome(MISSING, (), "no in-scope AI system in systems/")
    current = {s.path: [a for a in f.assessments_of(s.id) if f.is_current(a) and f.dated(a)] for s in systems}
    found = paths(a for s in systems for a in current[s.path])
    covered = sum(1 for s in systems if current[s.path])
    note = f"{covered} of {len(systems)} in-scope systems have a current approved impact assessment"
    if covered == len(systems):
        return Outcome(MET, found, note)
    if covered or any(f.assessments_of(s.id) for s in systems):
        return Outcome(PARTIAL, found or paths(a for s in systems for a in f.assessments_of(s.id)), note)
    return Outcome(MISSING, (), note)


def objectives(f: Facts) -> Outcome:
    records = f.of(kinds.OBJECTIVE)
    real = [r for r in records if not placeholders_in([r.data.get("measure"), r.data.get("target")])]
    return graded(real, records, "no AI objective in objectives/", "objectives hold placeholder text", "AI objectives")


def objectives_citing(control: str) -> Check:
    def check(f: Facts) -> Outcome:
        return graded([r for r in f.of(kinds.OBJECTIVE) if cites(r, (), (control,))], [],
                      f"no objective cites {control}", met_note="objectives")

    return check
