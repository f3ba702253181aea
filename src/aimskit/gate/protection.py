"""Whether the code host protects the main branch so that the review gate means something.

The gate runs from the pull request's own workflow file, so a pull request could edit it; what
stops that, and a merge without the gate, is the host's branch protection, which the gate cannot
see from inside its own job. This reads the protection from the host (GitHub: classic branch
protection and the rules of the rulesets that apply to the branch; GitLab: the protected branch,
approval rules and approval settings, and the project's merge settings) and reports each
requirement as in force, missing, or not readable with the token (never assumed).

AIMS950: the main branch is protected on the code host; AIMS951: merging needs a pull or merge
request with at least one approving review; AIMS952: a code owner's review is required; AIMS953:
approvals are dismissed when commits are pushed; AIMS954: the review gate is a required status
check (GitLab: the pipeline must succeed); AIMS955: nobody may bypass the protection (no bypass
list, administrators included, no direct push, authors and committers cannot approve); AIMS956:
force pushes to the main branch are blocked; AIMS957: the token can read every setting that decides
the above.
"""

from __future__ import annotations

import dataclasses
import typing as t

from aimskit.gate.protection_api import Answer
from aimskit.records.findings import Finding, Severity
from aimskit.reporting.markdown import cell, table

#: The review gate's status check (the job name in the generated approvals workflow).
GATE_CHECK = "Roles have approved"

REQUIREMENTS = {
    "AIMS950": "the branch is protected",
    "AIMS951": "an approving review is required",
    "AIMS952": "a code owner's review is required",
    "AIMS953": "stale approvals are dismissed on push",
    "AIMS954": "the review gate must pass",
    "AIMS955": "nobody can bypass",
    "AIMS956": "force pushes are blocked",
}
_HINTS = {
    "github": {
        "AIMS950": "add a ruleset for the default branch (Settings → Rules → Rulesets)",
        "AIMS951": "require a pull request before merging, with at least 1 required approval",
        "AIMS952": "turn on 'Require review from Code Owners'",
        "AIMS953": "turn on 'Dismiss stale pull request approvals when new commits are pushed'",
        "AIMS954": "require the status check '{gate}' to pass before merging",
        "AIMS955": "empty the bypass list and, for classic protection, turn on 'Do not allow bypassing the above "
                   "settings' (include administrators)",
        "AIMS956": "block force pushes",
    },
    "gitlab": {
        "AIMS950": "protect the default branch (Settings → Repository → Protected branches)",
        "AIMS951": "add an approval rule that requires at least 1 approval (Settings → Merge requests)",
        "AIMS952": "turn on 'Code owner approval' for the protected branch",
        "AIMS953": "turn on 'Remove all approvals when commits are added to the source branch'",
        "AIMS954": "turn on 'Pipelines must succeed' and off 'Skipped pipelines are considered successful'",
        "AIMS955": "allow 'No one' to push, prevent approval by the author and by committers, and prevent editing "
                   "approval rules in merge requests",
        "AIMS956": "turn off 'Allowed to force push'",
    },
}


@dataclasses.dataclass
class Requirement:
    """One requirement: in force (True), missing (False) or not readable (None), and by what."""

    code: str
    state: bool | None
    detail: str


@dataclasses.dataclass
class Protection:
    """What the host says protects one branch, requirement by requirement."""

    host: str
    where: str
    branch: str
    requirements: list[Requirement]
    unreadable: list[str]

    @property
    def ok(self) -> bool:
        return all(r.state is True for r in self.requirements) and not self.unreadable

    def findings(self, gate: str = GATE_CHECK) -> list[Finding]:
        """A finding for each requirement not in force or not readable."""
        path = f"{self.where}@{self.branch}"
        found = []
        for r in self.requirements:
            if r.state is not True:
                state = "is not in force" if r.state is False else "cannot be confirmed"
                found.append(Finding(path, 0, 0, Severity.ERROR, r.code,
                                     f"{self.host}: {REQUIREMENTS[r.code]}: {state} ({r.detail})",
                                     _HINTS[self.host.lower()][r.code].format(gate=gate)))
        found += [Finding(path, 0, 0, Severity.ERROR, "AIMS957", f"{self.host}: {what}",
                          "use a token that can read the repository's administration settings "
                          "(GitHub: Administration read-only; GitLab: Maintainer with read_api)")
                  for what in self.unreadable]
        return found


def _dict(value: t.Any) -> dict[str, t.Any]:
    return value if isinstance(value, dict) else {}


def _list(value: t.Any) -> list[t.Any]:
    return value if isinstance(value, list) else []


def github(answers: dict[str, t.Any], repository: str, gate: str = GATE_CHECK) -> Protection:
    """Classic protection and rulesets combined: a requirement is in force when either enforces it."""
    branch = str(answers["branch"])
    classic_answer: Answer = answers["classic"]
    classic = _dict(classic_answer.data)
    summary = _dict(answers["summary"])
    rules = [r for r in _list(answers["rules"]) if isinstance(r, dict)]
    unreadable = []
    if classic_answer.problem and summary.get("protected") is True and not rules:
        unreadable.append("the branch is protected but its classic protection cannot be read "
                          f"({classic_answer.problem})")

    def rule(kind: str) -> list[dict[str, t.Any]]:
        return [_dict(r.get("parameters")) for r in rules if r.get("type") == kind]

    reviews = _dict(classic.get("required_pull_request_reviews"))
    pulls = rule("pull_request")
    count = max([_number(reviews.get("required_approving_review_count")) if reviews else 0]
                + [_number(p.get("required_approving_review_count")) for p in pulls])
    checks = {c for c in _list(_dict(classic.get("required_status_checks")).get("contexts")) if isinstance(c, str)}
    checks |= {str(_dict(c).get("context")) for c in _list(_dict(classic.get("required_status_checks")).get("checks"))}
    for parameters in rule("required_status_checks"):
        checks |= {str(_dict(c).get("context")) for c in _list(parameters.get("required_status_checks"))}
    by_classic = bool(classic)
    protected = by_classic or bool(rules)
    force_blocked = bool(rule("non_fast_forward")) or (by_classic and not _dict(classic.get("allow_force_pushes"))
                                                        .get("enabled", False))
    bypass: list[str] = [] if protected else ["anyone who may push (the branch is not protected)"]
    unknown_bypass: list[str] = []
    if by_classic and not _dict(classic.get("enforce_admins")).get("enabled", False):
        bypass.append("administrators (classic protection does not include administrators)")
    allowances = _dict(reviews.get("bypass_pull_request_allowances"))
    for group, key in (("users", "login"), ("teams", "slug"), ("apps", "slug")):
        bypass += [f"{group[:-1]} {_dict(e).get(key)}" for e in _list(allowances.get(group))]
    for ruleset_id, answer in sorted(_dict(answers["rulesets"]).items()):
        data = _dict(answer.data)
        name = data.get("name") or f"ruleset {ruleset_id}"
        if answer.problem or "bypass_actors" not in data:
            unknown_bypass.append(str(name))
            continue
        bypass += [f"{_dict(a).get('actor_type')} {_dict(a).get('actor_id')} ({name}, {_dict(a).get('bypass_mode')})"
                   for a in _list(data.get("bypass_actors"))]
    if unknown_bypass:
        unreadable.append("who may bypass " + ", ".join(unknown_bypass) + " is not visible to the token")
    requirements = [
        Requirement("AIMS950", protected, "classic protection" if by_classic else
                    f"{len(rules)} ruleset rules" if rules else "no classic protection and no ruleset"),
        Requirement("AIMS951", count >= 1, f"{count} required approvals"),
        Requirement("AIMS952", bool(reviews.get("require_code_owner_reviews"))
                    or any(p.get("require_code_owner_review") is True for p in pulls), "code owner review"),
        Requirement("AIMS953", bool(reviews.get("dismiss_stale_reviews"))
                    or any(p.get("dismiss_stale_reviews_on_push") is True for p in pulls), "stale review dismissal"),
        Requirement("AIMS954", gate in checks or any(c.endswith(f"/ {gate}") for c in checks),
                    "required checks: " + (", ".join(sorted(checks)) or "none")),
        Requirement("AIMS955", False if bypass else (None if unknown_bypass else True),
                    "may bypass: " + ("; ".join(bypass) if bypass else "unknown" if unknown_bypass else "nobody")),
        Requirement("AIMS956", force_blocked, "force pushes " + ("blocked" if force_blocked else "allowed")),
    ]
    return Protection("GitHub", repository, branch, requirements, unreadable)


def gitlab(answers: dict[str, t.Any], project: str) -> Protection:
    """The protected branch, approval rules and settings, and the project's merge settings."""
    branch = str(answers["branch"])
    settings = _dict(answers["project"])
    protected_answer: Answer = answers["protected"]
    protected = _dict(protected_answer.data)
    unreadable = []
    for label, key in (("approval rules", "rules"), ("approval settings", "approvals")):
        if answers[key].problem:
            unreadable.append(f"the {label} cannot be read ({answers[key].problem})")
    rules = [_dict(r) for r in _list(answers["rules"].data)]
    approvals = _dict(answers["approvals"].data)
    count = max([_number(approvals.get("approvals_before_merge"))]
                + [_number(r.get("approvals_required")) for r in rules if r.get("rule_type") != "report_approver"])
    pushers = [_dict(a) for a in _list(protected.get("push_access_levels"))]
    can_push = [str(a.get("access_level_description") or a.get("access_level")) for a in pushers
                if _number(a.get("access_level")) > 0 or a.get("user_id") or a.get("group_id")]
    bypass = [f"direct push: {who}" for who in can_push]
    if not protected:
        bypass.append("anyone who may push (the branch is not protected)")
    if approvals.get("merge_requests_author_approval") is True:
        bypass.append("authors may approve their own merge requests")
    if approvals.get("merge_requests_disable_committers_approval") is False:
        bypass.append("committers may approve")
    if approvals.get("disable_overriding_approvers_per_merge_request") is False:
        bypass.append("a merge request may edit its approval rules")
    readable = not answers["approvals"].problem
    pipeline = settings.get("only_allow_merge_if_pipeline_succeeds") is True \
        and settings.get("allow_merge_on_skipped_pipeline") is not True
    requirements = [
        Requirement("AIMS950", bool(protected), "protected branch" if protected else
                    f"not protected ({protected_answer.problem})"),
        Requirement("AIMS951", count >= 1 if (readable or count) else None, f"{count} required approvals"),
        Requirement("AIMS952", protected.get("code_owner_approval_required") is True, "code owner approval"),
        Requirement("AIMS953", approvals.get("reset_approvals_on_push") is True if readable else None,
                    "approvals removed on push"),
        Requirement("AIMS954", pipeline, "pipelines must succeed"
                    + ("" if settings.get("allow_merge_on_skipped_pipeline") is not True else ", skipped ones too")),
        Requirement("AIMS955", (not bypass) if (readable or bypass) else None,
                    "; ".join(bypass) if bypass else "nobody"),
        Requirement("AIMS956", protected.get("allow_force_push") is False, "force push "
                    + ("allowed" if protected.get("allow_force_push") is not False else "blocked")),
    ]
    return Protection("GitLab", project, branch, requirements, unreadable)


def _number(value: t.Any) -> int:
    return value if isinstance(value, int) and not isinstance(value, bool) else 0


def as_markdown(protection: Protection) -> str:
    """The requirements as a Markdown table."""
    mark = {True: "✅ in force", False: "❌ missing", None: "❔ cannot be confirmed"}
    rows = [(r.code, REQUIREMENTS[r.code], mark[r.state], r.detail) for r in protection.requirements]
    lines = [f"## Branch protection of {cell(protection.where)}@{cell(protection.branch)} on {protection.host}: "
             f"{'✅ in force' if protection.ok else '❌ incomplete'}", "",
             *table(("code", "requirement", "state", "as the host reports it"), rows), ""]
    lines += [f"- ❔ {cell(what)}" for what in protection.unreadable]
    return "\n".join(lines) + "\n"
