"""``aimskit protection --check`` against a local code host replaying GitHub's and GitLab's JSON
for branch protection, rulesets, protected branches and approval settings (no network)."""

from __future__ import annotations

import json

import pytest

from aimskit.cli import main

REPO = "/repos/example/aims"
PROJECT = "/api/v4/projects/42"


def classic(**changes):
    """GitHub's classic branch protection (GET /repos/{owner}/{repo}/branches/{branch}/protection)."""
    reviews = {"url": "x", "dismiss_stale_reviews": True, "require_code_owner_reviews": True,
               "required_approving_review_count": 1, "require_last_push_approval": False,
               "bypass_pull_request_allowances": {"users": [], "teams": [], "apps": []}}
    reviews.update(changes.pop("reviews", {}))
    data = {"url": "x",
            "required_status_checks": {"url": "x", "strict": True, "contexts": ["Roles have approved"],
                                       "checks": [{"context": "Roles have approved", "app_id": 15368}]},
            "enforce_admins": {"url": "x", "enabled": True}, "required_pull_request_reviews": reviews,
            "required_linear_history": {"enabled": False}, "allow_force_pushes": {"enabled": False},
            "allow_deletions": {"enabled": False}, "required_conversation_resolution": {"enabled": False}}
    data.update(changes)
    return data


def rules(ruleset=7, **pull):
    """GitHub's rules for a branch (GET /repos/{owner}/{repo}/rules/branches/{branch})."""
    parameters = {"required_approving_review_count": 1, "dismiss_stale_reviews_on_push": True,
                  "require_code_owner_review": True, "require_last_push_approval": False,
                  "required_review_thread_resolution": False}
    parameters.update(pull)
    source = {"ruleset_source_type": "Repository", "ruleset_source": "example/aims", "ruleset_id": ruleset}
    return [{"type": "deletion", **source},
            {"type": "non_fast_forward", **source},
            {"type": "pull_request", "parameters": parameters, **source},
            {"type": "required_status_checks", "parameters": {
                "strict_required_status_checks_policy": True,
                "required_status_checks": [{"context": "Roles have approved", "integration_id": 15368}]}, **source}]


def ruleset(ruleset_id=7, bypass=(), visible=True):
    data = {"id": ruleset_id, "name": "Protect main", "target": "branch", "source_type": "Repository",
            "source": "example/aims", "enforcement": "active", "current_user_can_bypass": "never",
            "conditions": {"ref_name": {"include": ["~DEFAULT_BRANCH"], "exclude": []}}}
    if visible:
        data["bypass_actors"] = [{"actor_id": a, "actor_type": "RepositoryRole", "bypass_mode": "always"}
                                 for a in bypass]
    return data


def serve_github(host, protection=None, branch_rules=(), rulesets=(), protected=None):
    host.routes[REPO] = (200, {"id": 1, "full_name": "example/aims", "default_branch": "main"})
    is_protected = bool(protection or branch_rules) if protected is None else protected
    host.routes[f"{REPO}/branches/main"] = (200, {
        "name": "main", "commit": {"sha": "a" * 40}, "protected": is_protected,
        "protection": {"enabled": is_protected,
                       "required_status_checks": {"enforcement_level": "off", "contexts": []}}})
    host.routes[f"{REPO}/branches/main/protection"] = (200, protection) if isinstance(protection, dict) else \
        (protection or 404, {"message": "Branch not protected" if not protection else "Resource not accessible"})
    host.routes[f"{REPO}/rules/branches/main?per_page=100&page=1"] = (200, list(branch_rules))
    for data in rulesets:
        host.routes[f"{REPO}/rulesets/{data['id']}"] = (200, data)


def run(host, monkeypatch, capsys, name="github", *extra):
    monkeypatch.setenv("GITHUB_API_URL", host.url)
    monkeypatch.setenv("GITHUB_REPOSITORY", "example/aims")
    monkeypatch.setenv("GITHUB_TOKEN", "ghs_test")
    monkeypatch.setenv("CI_API_V4_URL", host.url + "/api/v4")
    monkeypatch.setenv("CI_PROJECT_ID", "42")
    monkeypatch.setenv("AIMSKIT_GITLAB_TOKEN", "glpat-test")
    monkeypatch.delenv("GITHUB_STEP_SUMMARY", raising=False)
    code = main(["protection", "--check", "--host", name, *extra])
    out, err = capsys.readouterr()
    return code, out, err


def codes(err):
    return sorted({line.split()[2] for line in err.splitlines() if " error AIMS9" in line})


def test_github_classic_protection_in_force_passes(fake_host, monkeypatch, capsys):
    serve_github(fake_host, classic())
    code, out, err = run(fake_host, monkeypatch, capsys)
    assert code == 0 and err == "", err
    assert "## Branch protection of example/aims@main on GitHub: ✅ in force" in out
    assert "| AIMS954 | the review gate must pass | ✅ in force | required checks: Roles have approved |" in out


def test_github_classic_protection_with_gaps_fails_with_a_code_each(fake_host, monkeypatch, capsys):
    serve_github(fake_host, classic(reviews={"require_code_owner_reviews": False, "dismiss_stale_reviews": False,
                                             "bypass_pull_request_allowances": {"users": [{"login": "cto"}],
                                                                                "teams": [], "apps": []}},
                                    enforce_admins={"enabled": False}, allow_force_pushes={"enabled": True},
                                    required_status_checks={"contexts": ["Validate, review and build"],
                                                            "checks": []}))
    code, out, err = run(fake_host, monkeypatch, capsys)
    assert code == 1 and codes(err) == ["AIMS952", "AIMS953", "AIMS954", "AIMS955", "AIMS956"]
    assert "example/aims@main:0:0: error AIMS955 GitHub: nobody can bypass: is not in force (may bypass: " \
           "administrators (classic protection does not include administrators); user cto)" in err
    assert "require the status check 'Roles have approved' to pass before merging" in err
    assert "| AIMS951 | an approving review is required | ✅ in force | 1 required approvals |" in out


def test_github_an_unprotected_branch_fails_everything(fake_host, monkeypatch, capsys):
    serve_github(fake_host)
    code, _, err = run(fake_host, monkeypatch, capsys)
    assert code == 1 and codes(err) == ["AIMS950", "AIMS951", "AIMS952", "AIMS953", "AIMS954", "AIMS955", "AIMS956"]
    assert "AIMS950 GitHub: the branch is protected: is not in force (no classic protection and no ruleset)" in err


def test_github_rulesets_alone_in_force_pass(fake_host, monkeypatch, capsys):
    serve_github(fake_host, 403, rules(), [ruleset()])  # classic protection unreadable, rulesets complete
    code, out, err = run(fake_host, monkeypatch, capsys)
    assert code == 0, err
    assert "| AIMS955 | nobody can bypass | ✅ in force | may bypass: nobody |" in out


def test_github_a_ruleset_bypass_list_fails(fake_host, monkeypatch, capsys):
    serve_github(fake_host, None, rules(require_code_owner_review=False), [ruleset(bypass=[5])])
    code, _, err = run(fake_host, monkeypatch, capsys)
    assert code == 1 and codes(err) == ["AIMS952", "AIMS955"]
    assert "RepositoryRole 5 (Protect main, always)" in err


def test_github_a_bypass_list_the_token_cannot_see_is_not_confirmed(fake_host, monkeypatch, capsys):
    serve_github(fake_host, None, rules(), [ruleset(visible=False)])
    code, out, err = run(fake_host, monkeypatch, capsys)
    assert code == 1 and codes(err) == ["AIMS955", "AIMS957"]
    assert "| AIMS955 | nobody can bypass | ❔ cannot be confirmed | may bypass: unknown |" in out
    assert "AIMS957 GitHub: who may bypass Protect main is not visible to the token" in err


def test_github_without_check_reports_and_exits_0_and_json_is_available(fake_host, monkeypatch, capsys):
    serve_github(fake_host)
    monkeypatch.setenv("GITHUB_API_URL", fake_host.url)
    monkeypatch.setenv("GITHUB_REPOSITORY", "example/aims")
    monkeypatch.setenv("GITHUB_TOKEN", "ghs_test")
    assert main(["protection", "--host", "github"]) == 0
    capsys.readouterr()
    assert main(["protection", "--host", "github", "--check", "--format", "json"]) == 1
    data = json.loads(capsys.readouterr().out)
    assert data["in_force"] is False and data["requirements"][0] == {
        "code": "AIMS950", "requirement": "the branch is protected", "in_force": False,
        "detail": "no classic protection and no ruleset"}


def test_no_token_or_no_host_is_a_clear_error(fake_host, monkeypatch, capsys):
    monkeypatch.setenv("GITHUB_TOKEN", "")
    monkeypatch.setenv("GITHUB_REPOSITORY", "example/aims")
    monkeypatch.setenv("GITHUB_API_URL", fake_host.url)
    assert main(["protection", "--check", "--host", "github"]) == 1
    assert "no GitHub token" in capsys.readouterr().err and fake_host.seen == []
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    monkeypatch.delenv("GITLAB_CI", raising=False)
    assert main(["protection", "--check"]) == 2


def serve_gitlab(host, protected=True, approvals_required=1, **settings):
    push = settings.pop("push", 0)
    host.routes[PROJECT] = (200, {"id": 42, "path_with_namespace": "example/aims", "default_branch": "main",
                                  "only_allow_merge_if_pipeline_succeeds": settings.pop("pipeline", True),
                                  "allow_merge_on_skipped_pipeline": settings.pop("skipped", False)})
    host.routes[f"{PROJECT}/protected_branches/main"] = (200, {
        "id": 1, "name": "main",
        "push_access_levels": [{"id": 1, "access_level": push,
                                "access_level_description": "Maintainers" if push else "No one",
                                "user_id": None, "group_id": None}],
        "merge_access_levels": [{"id": 2, "access_level": 40, "access_level_description": "Maintainers",
                                 "user_id": None, "group_id": None}],
        "allow_force_push": settings.pop("force", False),
        "code_owner_approval_required": settings.pop("code_owners", True)}) if protected else \
        (404, {"message": "404 Not found"})
    host.routes[f"{PROJECT}/approval_rules"] = (200, [
        {"id": 1, "name": "All members", "rule_type": "any_approver", "approvals_required": approvals_required,
         "eligible_approvers": [], "users": [], "groups": [], "protected_branches": [],
         "applies_to_all_protected_branches": True}])
    approvals = {"approvers": [], "approver_groups": [], "approvals_before_merge": 0, "reset_approvals_on_push": True,
                 "disable_overriding_approvers_per_merge_request": True, "merge_requests_author_approval": False,
                 "merge_requests_disable_committers_approval": True, "require_password_to_approve": False}
    approvals.update(settings)
    host.routes[f"{PROJECT}/approvals"] = (200, approvals)


def test_gitlab_protection_in_force_passes(fake_host, monkeypatch, capsys):
    serve_gitlab(fake_host)
    code, out, err = run(fake_host, monkeypatch, capsys, "gitlab")
    assert code == 0, err
    assert "## Branch protection of 42@main on GitLab: ✅ in force" in out


def test_gitlab_gaps_fail_with_a_code_each(fake_host, monkeypatch, capsys):
    serve_gitlab(fake_host, approvals_required=0, code_owners=False, reset_approvals_on_push=False, skipped=True,
                 push=40, force=True, merge_requests_author_approval=True,
                 merge_requests_disable_committers_approval=False)
    code, _, err = run(fake_host, monkeypatch, capsys, "gitlab")
    assert code == 1 and codes(err) == ["AIMS951", "AIMS952", "AIMS953", "AIMS954", "AIMS955", "AIMS956"]
    assert "direct push: Maintainers; authors may approve their own merge requests; committers may approve" in err


def test_gitlab_an_unprotected_branch_and_unreadable_settings(fake_host, monkeypatch, capsys):
    serve_gitlab(fake_host, protected=False)
    fake_host.routes[f"{PROJECT}/approvals"] = (403, {"message": "403 Forbidden"})
    code, out, err = run(fake_host, monkeypatch, capsys, "gitlab")
    assert code == 1 and "AIMS950" in codes(err) and "AIMS957" in codes(err)
    assert "| AIMS953 | stale approvals are dismissed on push | ❔ cannot be confirmed |" in out
