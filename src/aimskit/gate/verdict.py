"""The review gate: every role a change needs has been approved on the code host by a current
holder who is not the author.

Holders come from the roles at the base of the change, never from its head: a pull request
cannot make its author a holder. A holder given as a team (``@org/team``) cannot be checked with
a read-only token, which cannot list a team's members; name people as holders for the gate.
"""

from __future__ import annotations

import dataclasses
import typing as t

from aimskit.gate.changes import Change
from aimskit.gate.hosts import Approver, Request
from aimskit.reporting.markdown import cell, table
from aimskit.reporting.values import person


@dataclasses.dataclass
class RoleCheck:
    """One role the change needs: who holds it, who of them approved, and why it is needed."""

    role: str
    reasons: list[str]
    holders: list[dict[str, str]]
    approved_by: list[Approver]
    problem: str | None = None

    @property
    def ok(self) -> bool:
        return bool(self.approved_by) and self.problem is None


@dataclasses.dataclass
class Verdict:
    """The gate's answer for one pull or merge request."""

    request: Request
    checks: list[RoleCheck]
    problems: list[str]

    @property
    def ok(self) -> bool:
        return all(check.ok for check in self.checks) and not self.problems


def _login(handle: str) -> str:
    return handle.lstrip("@").lower()


def valid_approvers(request: Request) -> list[Approver]:
    """Approvals of the head commit by someone other than the author."""
    return [a for a in request.approvers
            if a.login.lower() != request.author.lower() and (a.commit is None or a.commit == request.head_sha)]


def evaluate(comparison: Change, request: Request) -> Verdict:
    """Check each needed role and each approval the records name against the host's approvals."""
    current = {a.login.lower(): a for a in valid_approvers(request)}
    stale = {a.login.lower() for a in request.approvers if a.commit and a.commit != request.head_sha}
    checks = []
    for need in comparison.needs:
        people = comparison.holders.get(need.role, [])
        logins = {_login(h["handle"]) for h in people if "/" not in h["handle"]}
        approved = [current[login] for login in sorted(logins) if login in current]
        check = RoleCheck(need.role, need.reasons, people, approved)
        if not approved:
            check.problem = _why_not(need.role, people, logins, request, stale)
        checks.append(check)
    problems = []
    for named in comparison.named:
        holders = {_login(h["handle"]) for h in comparison.holders.get(named.role, [])}
        login = _login(named.handle)
        if login not in holders:
            problems.append(f"{named.record} version {named.version} names {named.handle} as its approver, "
                            f"who does not hold '{named.role}' at the base")
        elif login not in current:
            problems.append(f"{named.record} version {named.version} names {named.handle} as its approver, "
                            "who has not approved the head commit of this request (or is its author)")
    return Verdict(request, checks, problems)


def _why_not(role: str, people: list[dict[str, str]], logins: set[str], request: Request, stale: set[str]) -> str:
    if not people:
        return f"'{role}' has no holder at the base"
    if not logins:
        return f"'{role}' is held only by teams, which a read-only token cannot check; name people as holders"
    if logins == {request.author.lower()}:
        return f"the author is the only holder of '{role}'; another holder must approve"
    if logins & stale:
        return "approved an earlier commit; approve the latest commit again"
    return "no holder has approved"


def as_markdown(verdict: Verdict) -> str:
    """The verdict as Markdown for the job summary."""
    request = verdict.request
    word = "passes" if verdict.ok else "fails"
    lines = [f"## Review gate: {'✅' if verdict.ok else '❌'} {word}", "",
             f"{'Pull' if request.host == 'github' else 'Merge'} request {cell(request.number)} by "
             f"@{cell(request.author)}, head {cell(request.head_sha[:7])}", ""]
    if not verdict.checks:
        lines += ["No role approval is needed: no approved document, acceptance, role, SoA exclusion or process "
                  "file changes.", ""]
    else:
        rows = [(c.role, "; ".join(c.reasons), ", ".join(person(h) for h in c.holders) or "—",
                 ", ".join("@" + a.login for a in c.approved_by) or "—", "✅" if c.ok else f"❌ {c.problem}")
                for c in verdict.checks]
        lines += table(("role", "because of", "holders (at base)", "approved by", "verdict"), rows) + [""]
    lines += [f"- ❌ {cell(problem)}" for problem in verdict.problems]
    return "\n".join(lines) + "\n"


def as_evidence(verdict: Verdict) -> dict[str, t.Any]:
    """The verdict as a record an auditor can keep: who approved what, for which commit."""
    request = verdict.request
    return {
        "host": request.host, "request": request.number, "url": request.url, "author": request.author,
        "base_sha": request.base_sha, "head_sha": request.head_sha, "passed": verdict.ok,
        "roles": [{"role": c.role, "because": c.reasons, "approved_by": [dataclasses.asdict(a) for a in c.approved_by],
                   "holders": c.holders, "problem": c.problem} for c in verdict.checks],
        "problems": verdict.problems,
    }
