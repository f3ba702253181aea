"""The review gate: every role a change needs has been approved on the code host by a current
holder who neither opened the request nor wrote or committed any of its commits.

Holders come from the roles at the base branch's current tip as the host reports it, never from
the request's head: a pull request cannot make its author a holder, and a holder removed on the
base branch since the request was opened no longer counts. A holder given as a team
(``@org/team``) cannot be checked with a read-only token, which cannot list a team's members;
name people as holders for the gate.

An approval counts for the head commit only where the host says so: on GitHub a review names the
commit it was made on (``commit_id``; a review that names none approves no commit); GitLab names
no commit, and its listed approvals are of the head only when the project removes approvals on a
push. The evidence records what the host said, and ``None`` with the reason where it said nothing.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
import typing as t

from aimskit.approvals.needs import OtherFile
from aimskit.gate.changes import Change
from aimskit.gate.hosts import Approver, Request
from aimskit.gate.review_api import Contributor, Review
from aimskit.reporting.markdown import cell, table
from aimskit.reporting.values import person

#: What the evidence says where the host named no commit for an approval.
NO_COMMIT = {
    "github": "GitHub named no commit for this review (commit_id is null): it approves no commit",
    "gitlab": "GitLab does not say which commit an approval was for",
}
_NOREPLY = re.compile(r"^(?:\d+[+-])?(?P<login>[^@+]+)@users\.noreply\.(?:github\.com|gitlab\.com)$", re.IGNORECASE)


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

    review: Review
    checks: list[RoleCheck]
    problems: list[str]
    holders_at: str | None = None
    others: list[OtherFile] = dataclasses.field(default_factory=list)

    @property
    def request(self) -> Request:
        return self.review.request

    @property
    def ok(self) -> bool:
        return all(check.ok for check in self.checks) and not self.problems


def _login(handle: str) -> str:
    return handle.lstrip("@").lower()


def _fold(text: str | None) -> str:
    return " ".join((text or "").split()).casefold()


def commits_by(login: str, names: t.Iterable[str | None], review: Review) -> list[str]:
    """The commits of the request that ``login`` (known also by ``names``: the host's display name,
    the holder's name in the roles) authored or committed, as the host reports them."""
    wanted = {_fold(n) for n in names if n and _fold(n)}
    found = []
    for entry in review.contributors:
        noreply = _NOREPLY.match(entry.email or "")
        if (entry.login and entry.login.lower() == login) or (noreply and noreply["login"].lower() == login) \
                or (entry.name and _fold(entry.name) in wanted):
            if entry.sha not in found:
                found.append(entry.sha)
    return found


def _of_head(approver: Approver, review: Review) -> bool:
    if review.request.host == "gitlab":
        return review.reset_on_push is True or _after(approver.at, review.head_pushed_at)
    return approver.commit is not None and approver.commit == review.request.head_sha


def _after(approved: str | None, pushed: str | None) -> bool:
    """Whether the host dates the approval after the push of the head (both as the host gave them)."""
    try:
        return bool(approved and pushed) and \
            dt.datetime.fromisoformat(str(approved).replace("Z", "+00:00")) > \
            dt.datetime.fromisoformat(str(pushed).replace("Z", "+00:00"))
    except ValueError:
        return False


def _names(login: str, approver: Approver | None, comparison: Change) -> list[str | None]:
    names: list[str | None] = [approver.name if approver else None]
    for people in comparison.holders.values():
        names += [h.get("name") for h in people if _login(h.get("handle", "")) == login]
    return names


def valid_approvers(review: Review, comparison: Change) -> dict[str, Approver]:
    """Approvals of the head commit by someone who neither opened the request nor wrote or
    committed any of its commits, by login."""
    request = review.request
    return {a.login.lower(): a for a in request.approvers
            if a.login.lower() != request.author.lower() and _of_head(a, review)
            and not commits_by(a.login.lower(), _names(a.login.lower(), a, comparison), review)}


def evaluate(comparison: Change, review: Review) -> Verdict:
    """Check each needed role and each approval the records name against the host's approvals."""
    request = review.request
    current = valid_approvers(review, comparison)
    checks = []
    for need in comparison.needs:
        people = comparison.holders.get(need.role, [])
        logins = {_login(h["handle"]) for h in people if "/" not in h["handle"]}
        approved = [current[login] for login in sorted(logins) if login in current]
        check = RoleCheck(need.role, need.reasons, people, approved)
        if not approved:
            check.problem = _why_not(need.role, people, logins, review, comparison)
        checks.append(check)
    problems = []
    if comparison.needs and not review.commits_complete:
        problems.append("the code host did not list every commit of this request, so who wrote them cannot be "
                        "checked; split the request")
    for named in comparison.named:
        holders = {_login(h["handle"]) for h in comparison.holders.get(named.role, [])}
        login = _login(named.handle)
        if login not in holders:
            problems.append(f"{named.record} version {named.version} names {named.handle} as its approver, "
                            f"who does not hold '{named.role}' at the base branch's tip")
        elif login not in current:
            problems.append(f"{named.record} version {named.version} names {named.handle} as its approver, "
                            "who has not approved the head commit of this request (or opened it, or wrote or "
                            "committed one of its commits)")
    return Verdict(review, checks, problems, comparison.holders_at, comparison.others)


def _why_not(role: str, people: list[dict[str, str]], logins: set[str], review: Review, comparison: Change) -> str:
    request = review.request
    if not people:
        return f"'{role}' has no holder at the base branch's tip"
    if not logins:
        return f"'{role}' is held only by teams, which a read-only token cannot check; name people as holders"
    if logins == {request.author.lower()}:
        return f"the author is the only holder of '{role}'; another holder must approve"
    reasons = []
    for approver in request.approvers:
        login = approver.login.lower()
        if login not in logins or login == request.author.lower():
            continue
        wrote = commits_by(login, _names(login, approver, comparison), review)
        if wrote:
            reasons.append(f"@{approver.login} approved but wrote or committed {', '.join(s[:7] for s in wrote[:3])} "
                           "of this request; a holder who wrote none of it must approve")
        elif request.host == "gitlab" and not _of_head(approver, review):
            reasons.append(f"@{approver.login} approved before the head commit was pushed (the project keeps "
                           "approvals on a push): approve again, or turn on 'Remove all approvals when commits are "
                           "added to the source branch'")
        elif request.host == "github" and approver.commit is None:
            reasons.append(f"@{approver.login}'s review names no commit (commit_id is null), so it approves no "
                           "commit; approve the latest commit again")
        elif approver.commit and approver.commit != request.head_sha:
            reasons.append("approved an earlier commit; approve the latest commit again")
    if reasons:
        return "; ".join(reasons)
    return "no holder has approved"


def as_markdown(verdict: Verdict) -> str:
    """The verdict as Markdown for the job summary."""
    request = verdict.request
    word = "passes" if verdict.ok else "fails"
    lines = [f"## Review gate: {'✅' if verdict.ok else '❌'} {word}", "",
             f"{'Pull' if request.host == 'github' else 'Merge'} request {cell(request.number)} by "
             f"@{cell(request.author)}, head {cell(request.head_sha[:7])}; holders as of "
             f"{cell(verdict.review.base_ref)} at {cell((verdict.holders_at or request.base_sha)[:7])}", ""]
    if not verdict.checks:
        lines += ["No role approval is needed: no approved document, acceptance, role, SoA exclusion or process "
                  "file changes.", ""]
    else:
        rows = [(c.role, "; ".join(c.reasons), ", ".join(person(h) for h in c.holders) or "—",
                 ", ".join("@" + a.login for a in c.approved_by) or "—", "✅" if c.ok else f"❌ {c.problem}")
                for c in verdict.checks]
        lines += table(("role", "because of", "holders (base branch tip)", "approved by", "verdict"), rows) + [""]
    lines += [f"- ❌ {cell(problem)}" for problem in verdict.problems]
    if verdict.others:
        lines += [f"Other files changed, neither records nor process files ({len(verdict.others)}): "
                  + ", ".join(cell(o.path) for o in verdict.others), ""]
    return "\n".join(lines) + "\n"


def as_evidence(verdict: Verdict) -> dict[str, t.Any]:
    """The verdict as a record an auditor can keep: who approved what, for which commit, exactly as
    the host said it (``commit`` is None where the host named none, with the reason)."""
    review, request = verdict.review, verdict.request
    return {
        "host": request.host, "request": request.number, "url": request.url, "author": request.author,
        "base_sha": request.base_sha, "head_sha": request.head_sha, "passed": verdict.ok,
        "base_branch": review.base_ref, "base_branch_tip": review.target_sha, "holders_read_at": verdict.holders_at,
        "approvals_reset_on_push": review.reset_on_push, "head_pushed_at": review.head_pushed_at,
        "approvals": [_approval(a, request.host) for a in request.approvers],
        "commits": [_contributor(c) for c in review.contributors],
        "roles": [{"role": c.role, "because": c.reasons,
                   "approved_by": [_approval(a, request.host) for a in c.approved_by],
                   "holders": c.holders, "problem": c.problem} for c in verdict.checks],
        "problems": verdict.problems, "other_files": [dataclasses.asdict(o) for o in verdict.others],
    }


def _approval(approver: Approver, host: str) -> dict[str, t.Any]:
    data: dict[str, t.Any] = dataclasses.asdict(approver)
    data["commit_note"] = None if approver.commit else NO_COMMIT.get(host, "the host named no commit")
    return data


def _contributor(contributor: Contributor) -> dict[str, t.Any]:
    return dataclasses.asdict(contributor)
