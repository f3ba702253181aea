"""Checks for clauses 4 to 6: does the repository hold the documented information asked for?

Each check takes the :class:`Facts` and returns an :class:`Outcome`. A file that merely exists
is not enough: a draft policy, a draft SoA or a planned audit make a requirement *partial* at most.
"""

from __future__ import annotations

import typing as t

from aimskit import reference
from aimskit.governance.currency import is_effective
from aimskit.governance.fields import items, mapping, text
from aimskit.readiness.facts import Facts, cites
from aimskit.readiness.outcome import MET, MISSING, PARTIAL, Outcome, graded, is_placeholder, paths
from aimskit.readiness.risks import above_appetite_unaccepted
from aimskit.records import kinds
from aimskit.records.model import MANIFEST_NAME

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
    issues = items(mapping(f.manifest, "context"), "internal_issues") + \
        items(mapping(f.manifest, "context"), "external_issues")
    parties = items(f.manifest, "interested_parties")
    if issues and parties:
        return Outcome(MET, (MANIFEST_NAME,), "context issues and interested parties")
    if issues or parties:
        return Outcome(PARTIAL, (MANIFEST_NAME,), "context issues or interested parties missing")
    return Outcome(MISSING, (), "aims.yml lists no context issues or interested parties")


def roles(f: Facts) -> Outcome:
    held = [r for r in f.of(kinds.ROLE) if items(r.data, "holders")]
    return graded(held, [], "no role with a holder in roles/", met_note="roles with holders")


def policy_citing(clauses: tuple[str, ...] = (), controls: tuple[str, ...] = ()) -> Check:
    """An approved policy whose front matter cites one of the clauses or controls."""
    wanted = ", ".join(clauses + controls)

    def check(f: Facts) -> Outcome:
        citing = [r for r in f.of(kinds.POLICY) if cites(r, clauses, controls) and text(r.data, "status") != "retired"]
        return graded([r for r in citing if is_effective(r)], citing, f"no policy cites {wanted}",
                      "policy citing it is not approved yet", "approved policy")

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
        return Outcome(MISSING, (), "no soa.yaml")
    if is_effective(f.soa):
        return Outcome(MET, (f.soa.path,), "approved SoA")
    return Outcome(PARTIAL, (f.soa.path,), f"soa.yaml status is {text(f.soa.data, 'status') or 'unset'}")


def controls_decided(f: Facts) -> Outcome:
    if f.soa is None:
        return Outcome(MISSING, (), "no soa.yaml")
    undecided = [c for c in reference.controls() if c not in f.soa_entries]
    if undecided:
        return Outcome(PARTIAL, (f.soa.path,), f"{len(undecided)} control(s) missing from the SoA")
    return Outcome(MET, (f.soa.path,), "every Annex A control decided")


def impact_assessments(f: Facts) -> Outcome:
    systems = f.in_scope_systems
    if not systems:
        return Outcome(MISSING, (), "no in-scope AI system in systems/")
    current = {s.path: [a for a in f.assessments_of(s.id) if f.is_current(a)] for s in systems}
    found = paths(a for s in systems for a in current[s.path])
    covered = sum(1 for s in systems if current[s.path])
    note = f"{covered} of {len(systems)} in-scope systems have a current approved impact assessment"
    if covered == len(systems):
        return Outcome(MET, found, note)
    if covered or any(f.assessments_of(s.id) for s in systems):
        return Outcome(PARTIAL, found or paths(a for s in systems for a in f.assessments_of(s.id)), note)
    return Outcome(MISSING, (), note)


def objectives(f: Facts) -> Outcome:
    return graded(f.of(kinds.OBJECTIVE), [], "no AI objective in objectives/", met_note="AI objectives")


def objectives_citing(control: str) -> Check:
    def check(f: Facts) -> Outcome:
        return graded([r for r in f.of(kinds.OBJECTIVE) if cites(r, (), (control,))], [],
                      f"no objective cites {control}", met_note="objectives")

    return check
