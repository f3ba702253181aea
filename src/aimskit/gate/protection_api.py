"""Branch protection as the code hosts' REST APIs report it, read through ``hosts``' request
function (so its limits apply): GitHub's branch, classic protection, rules for the branch and
rulesets; GitLab's project, protected branch, approval rules and approval settings."""

from __future__ import annotations

import dataclasses
import typing as t
import urllib.parse

from aimskit.gate.hosts import HostError, _field, _get, _pages


@dataclasses.dataclass(frozen=True)
class Answer:
    """One read of the host: the JSON, or why there is none (``problem``: the host's refusal)."""

    data: t.Any
    problem: str | None = None


def _try(url: str, headers: dict[str, str], expect: type[dict] | type[list] = dict) -> Answer:
    try:
        return Answer(_get(url, headers, expect=expect)[0])
    except HostError as exc:
        return Answer(None, str(exc))


def github_protection(api: str, repository: str, branch: str | None, token: str) -> dict[str, t.Any]:
    """What GitHub says protects ``branch`` (default: the repository's default branch): the
    branch, its classic protection, the rules of the rulesets that apply to it, and each of those
    rulesets (with who may bypass it, where the token may see that)."""
    if not token:
        raise HostError("no GitHub token: set GITHUB_TOKEN (a token that can read the repository's administration "
                        "settings sees classic protection and who may bypass rulesets)")
    headers = {"Authorization": f"Bearer {token}", "X-GitHub-Api-Version": "2022-11-28"}
    root = f"{api.rstrip('/')}/repos/{repository}"
    if not branch:
        branch = _field(_get(root, headers)[0], "default_branch")
        if not isinstance(branch, str) or not branch:
            raise HostError("unexpected answer from the code host: no 'default_branch'")
    name = urllib.parse.quote(branch, safe="")
    rules = _pages(f"{root}/rules/branches/{name}", headers)
    rulesets = {}
    for rule in rules:
        ruleset = rule.get("ruleset_id") if isinstance(rule, dict) else None
        if isinstance(ruleset, int) and ruleset not in rulesets:
            rulesets[ruleset] = _try(f"{root}/rulesets/{ruleset}", headers)
    return {"branch": branch, "summary": _get(f"{root}/branches/{name}", headers)[0],
            "classic": _try(f"{root}/branches/{name}/protection", headers), "rules": rules, "rulesets": rulesets}


def gitlab_protection(api: str, project: str, branch: str | None, token: str) -> dict[str, t.Any]:
    """What GitLab says protects ``branch`` (default: the project's default branch): the project's
    merge settings, the protected branch, the approval rules and the approval settings."""
    if not token:
        raise HostError("no GitLab token: set AIMSKIT_GITLAB_TOKEN to a token with read_api")
    headers = {"PRIVATE-TOKEN": token}
    root = f"{api.rstrip('/')}/projects/{urllib.parse.quote(str(project), safe='')}"
    settings = _get(root, headers)[0]
    if not branch:
        branch = _field(settings, "default_branch")
        if not isinstance(branch, str) or not branch:
            raise HostError("unexpected answer from the code host: no 'default_branch'")
    return {"branch": branch, "project": settings,
            "protected": _try(f"{root}/protected_branches/{urllib.parse.quote(branch, safe='')}", headers),
            "rules": _try(f"{root}/approval_rules", headers, list), "approvals": _try(f"{root}/approvals", headers)}
