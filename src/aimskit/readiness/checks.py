"""Checks for clauses 4 to 6: does the repository hold the documented information asked for?

Each check takes the :class:`Facts` and returns an :class:`Outcome`. A file that merely exists
is not enough: a draft policy, a draft SoA, an undated approval, template placeholder text or an
example record make a requirement *partial* at most (examples are not even seen: see Facts).
"""

from __future__ import annotations

import functools
import re
import typing as t

from aimskit import reference
from aimskit.governance.authority import may_approve_treatment
from aimskit.governance.fields import items, mapping, text
from aimskit.governance.guidance import is_soa_guidance
from aimskit.governance.placeholders import counted_holders
from aimskit.governance.starter import is_placeholder, placeholders_in
from aimskit.readiness.facts import Facts, cites
from aimskit.readiness.outcome import MET, MISSING, PARTIAL, Outcome, coverage, graded, paths
from aimskit.readiness.risks import above_appetite_unaccepted
from aimskit.records import kinds
from aimskit.records.model import MANIFEST_NAME, Record

Check = t.Callable[[Facts], Outcome]
ASSESSED_RISK = ("assessed", "treating", "accepted", "closed")
NO_RISK = "no risk recorded in risks/"
UNOWNED = "owned by a role with a holder who names a person"


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
    """The role's holders who name a person (not placeholder text, not the template's default lead)."""
    return counted_holders(items(role.data, "holders"))


def roles(f: Facts) -> Outcome:
    all_roles = f.of(kinds.ROLE)
    return coverage([r for r in all_roles if named_holders(r)], all_roles, "no role in roles/",
                    "roles with a named holder (not a placeholder)")


def policy_citing(clauses: tuple[str, ...] = (), controls: tuple[str, ...] = ()) -> Check:
    """A policy whose approval counts (:meth:`Facts.approval_problem`) and whose front matter cites one
    of the clauses or controls."""
    return functools.partial(policies_citing, clauses=clauses, controls=controls)


def policies_citing(f: Facts, *, clauses: tuple[str, ...], controls: tuple[str, ...]) -> Outcome:
    """The check :func:`policy_citing` makes, for the policies of ``f``."""
    citing = [r for r in f.of(kinds.POLICY) if cites(r, clauses, controls) and text(r.data, "status") != "retired"]
    why = "; ".join(f"{r.id}: {f.approval_problem(r)}" for r in citing[:3] if not f.approved(r))
    return graded([r for r in citing if f.approved(r)], citing, f"no policy cites {', '.join(clauses + controls)}",
                  f"no policy citing it has an approval that counts ({why})", "approved policy")


def risk_method(f: Facts) -> Outcome:
    method = f.method
    if method.levels and method.likelihood and method.impact and method.appetite > 0:
        return Outcome(MET, (MANIFEST_NAME,), "risk_method with levels and appetite")
    if mapping(f.manifest, "risk_method"):
        return Outcome(PARTIAL, (MANIFEST_NAME,), "risk_method incomplete (scales, levels or appetite)")
    return Outcome(MISSING, (), "aims.yml has no risk_method")


def risks_assessed(f: Facts) -> Outcome:
    risks = f.risks
    assessed = [r for r in risks if text(r.data, "status") in ASSESSED_RISK and f.owned(r)]
    return graded(assessed, risks, NO_RISK, f"risks identified but none assessed and {UNOWNED}",
                  "assessed risks")


def risks_treated(f: Facts) -> Outcome:
    risks = f.risks
    planned = [r for r in risks if f.owned(r) and (items(mapping(r.data, "treatment"), "controls")
                                                   or items(mapping(r.data, "treatment"), "actions"))]
    return graded(planned, risks, NO_RISK, f"no risk {UNOWNED} names treatment controls or actions",
                  "risks with treatment controls or actions")


def plan_approved(f: Facts, risk: Record) -> bool:
    """The treatment names who approved it (a role that may: :func:`aimskit.governance.authority.
    may_approve_treatment`) and when."""
    treatment = mapping(risk.data, "treatment")
    by = treatment.get("approved_by")
    role = f.repository.roles.get(by) if isinstance(by, str) else None
    return may_approve_treatment(role, f.method) and f.has_holder(by) and f.on_or_before_today(treatment.get("approved_on"))


def treatment_plans_approved(f: Facts) -> Outcome:
    treated = [r for r in f.open_risks if text(r.data, "status") in ASSESSED_RISK]
    return coverage([r for r in treated if plan_approved(f, r) and f.owned(r)], treated,
                    "no assessed open risk in risks/",
                    f"treatment plans approved (treatment.approved_by and approved_on) of risks {UNOWNED}")


def acceptances(f: Facts) -> Outcome:
    risks = f.risks
    if not risks:
        return Outcome(MISSING, (), NO_RISK)
    unaccepted = above_appetite_unaccepted(f)
    if unaccepted:
        return Outcome(PARTIAL, tuple(sorted(g.path for g in unaccepted)),
                       f"{len(unaccepted)} risk(s) above appetite without acceptance")
    accepted = [r for r in risks if mapping(r.data, "acceptance")]
    return Outcome(MET, paths(accepted), "no residual risk above appetite without acceptance")


def soa_approved(f: Facts) -> Outcome:
    if f.soa is None:
        return Outcome(MISSING, (), "no soa.yaml of the organisation's own")
    problem = f.approval_problem(f.soa)
    if problem is None:
        return Outcome(MET, (f.soa.path,), "approved SoA")
    return Outcome(PARTIAL, (f.soa.path,), f"soa.yaml's approval does not count: {problem}")


def controls_decided(f: Facts) -> Outcome:
    if f.soa is None:
        return Outcome(MISSING, (), "no soa.yaml of the organisation's own")
    entries = f.soa_entries
    undecided = [c for c in reference.controls()
                 if c not in entries or entries[c].get("applicable") not in (True, False)
                 or is_placeholder(entries[c].get("justification")) or is_soa_guidance(entries[c].get("justification"))]
    if undecided:
        return Outcome(PARTIAL, (f.soa.path,), f"{len(undecided)} control(s) undecided or justified by placeholder "
                       "or the template's guidance text")
    return Outcome(MET, (f.soa.path,), "every Annex A control decided and justified")


def impact_assessments(f: Facts) -> Outcome:
    systems = f.in_scope_systems
    if not systems:
        return Outcome(MISSING, (), "no in-scope AI system in systems/")
    current = {s.path: [a for a in f.assessments_of(s.id) if f.approved(a) and f.held_in_cycle(a)] for s in systems}
    found = paths(a for s in systems for a in current[s.path])
    covered = sum(1 for s in systems if current[s.path])
    note = f"{covered} of {len(systems)} in-scope systems have a current approved impact assessment"
    why = [f"{a.id}: {f.approval_problem(a) or f.why_out_of_cycle(a)}" for s in systems for a in f.assessments_of(s.id)
           if a not in current[s.path]]
    if why:
        note += f" ({'; '.join(why[:3])})"
    if covered == len(systems):
        return Outcome(MET, found, note)
    if covered or any(f.assessments_of(s.id) for s in systems):
        return Outcome(PARTIAL, found or paths(a for s in systems for a in f.assessments_of(s.id)), note)
    return Outcome(MISSING, (), note)


_MEASURABLE = re.compile(r"[0-9]")


def objective_problem(f: Facts, record: Record) -> str | None:
    """Why an objective does not count, or None: it needs a measure, a measurable target (a number or a
    date) and an owner role with a holder who names a person, none of it placeholder text."""
    measure, target = text(record.data, "measure"), text(record.data, "target")
    if not measure or not target or placeholders_in([measure, target]):
        return "measure or target missing or placeholder text"
    if not _MEASURABLE.search(target):
        return f"target '{target}' is not measurable (give a number or a date)"
    if not f.has_holder(record.data.get("owner")):
        return f"owner '{text(record.data, 'owner')}' is not a role with a holder who names a person"
    return None


def objectives(f: Facts) -> Outcome:
    records = f.of(kinds.OBJECTIVE)
    why = "; ".join(f"{r.id}: {objective_problem(f, r)}" for r in records[:3] if objective_problem(f, r))
    return graded([r for r in records if objective_problem(f, r) is None], records, "no AI objective in objectives/",
                  f"no objective is measurable and owned ({why})", "AI objectives")


def objectives_citing(control: str) -> Check:
    """An objective that counts (:func:`objective_problem`) citing ``control``."""
    return functools.partial(objectives_of_control, control=control)


def objectives_of_control(f: Facts, *, control: str) -> Outcome:
    """The check :func:`objectives_citing` makes, for the objectives of ``f``."""
    citing = [r for r in f.of(kinds.OBJECTIVE) if cites(r, (), (control,))]
    return graded([r for r in citing if objective_problem(f, r) is None], citing,
                  f"no objective cites {control}", "the objectives citing it are not measurable and owned",
                  met_note="objectives")
