"""``aimskit protection [--check]``: read the main branch's protection from the code host and say
whether it makes the review gate binding."""

from __future__ import annotations

import argparse
import json
import os
import sys

from aimskit.errors import UsageError
from aimskit.gate import protection_api as hosts
from aimskit.gate import protection as branch_protection


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "protection", help="read the main branch's protection from the code host (required reviews, code owners, "
                           "stale-review dismissal, the gate required, no bypass)",
        description="Read the protection of the main branch through the code host's REST API and report whether "
                    "required reviews, code-owner review, stale-review dismissal, the review gate as a required "
                    "check, no bypass and no force push are in force. GitHub: classic branch protection and "
                    "rulesets (GITHUB_TOKEN, GITHUB_REPOSITORY, GITHUB_API_URL; a token with Administration: read "
                    "sees classic protection and ruleset bypass lists). GitLab: the protected branch, approval "
                    "rules and settings, 'Pipelines must succeed' (AIMSKIT_GITLAB_TOKEN, CI_API_V4_URL, "
                    "CI_PROJECT_ID). A setting the token cannot read is reported as not confirmed, never as in "
                    "force. Exit 0 in force (or without --check), 1 something missing or unreadable with --check, "
                    "or the host could not be read, 2 usage error.")
    parser.add_argument("--check", action="store_true", help="exit 1 when a requirement is not in force")
    parser.add_argument("--host", choices=("github", "gitlab"), help="the code host (default: from the CI "
                        "environment)")
    parser.add_argument("--branch", help="the branch to check (default: the repository's default branch)")
    parser.add_argument("--gate-check", default=branch_protection.GATE_CHECK, metavar="NAME",
                        help="the review gate's status check name on GitHub "
                             f"(default: {branch_protection.GATE_CHECK!r})")
    parser.add_argument("--format", choices=("text", "json"), default="text", help="text (a Markdown table and "
                        "findings) or json")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    host = args.host or ("github" if os.environ.get("GITHUB_ACTIONS") else
                         "gitlab" if os.environ.get("GITLAB_CI") else None)
    if host is None:
        raise UsageError("say which code host with --host github or --host gitlab")
    if host == "github":
        repository = os.environ.get("GITHUB_REPOSITORY", "")
        if not repository:
            raise UsageError("set GITHUB_REPOSITORY (owner/name) to say which repository to check")
        answers = hosts.github_protection(os.environ.get("GITHUB_API_URL", "https://api.github.com"), repository,
                                          args.branch, os.environ.get("GITHUB_TOKEN", ""))
        result = branch_protection.github(answers, repository, args.gate_check)
    else:
        project = os.environ.get("CI_PROJECT_ID", "")
        if not project:
            raise UsageError("set CI_PROJECT_ID to say which project to check")
        answers = hosts.gitlab_protection(os.environ.get("CI_API_V4_URL", "https://gitlab.com/api/v4"), project,
                                          args.branch, os.environ.get("AIMSKIT_GITLAB_TOKEN", ""))
        result = branch_protection.gitlab(answers, os.environ.get("CI_PROJECT_PATH") or project)
    findings = result.findings(args.gate_check)
    if args.format == "json":
        requirements = [{"code": r.code, "requirement": branch_protection.REQUIREMENTS[r.code], "in_force": r.state,
                         "detail": r.detail} for r in result.requirements]
        sys.stdout.write(json.dumps({"host": result.host, "repository": result.where, "branch": result.branch,
                                     "in_force": result.ok, "requirements": requirements,
                                     "findings": [f.as_dict() for f in findings]}, indent=2, ensure_ascii=False) + "\n")
    else:
        text = branch_protection.as_markdown(result)
        sys.stdout.write(text)
        for finding in findings:
            print(finding.format_text(), file=sys.stderr)
        summary = os.environ.get("GITHUB_STEP_SUMMARY")
        if summary and host == "github":
            try:
                with open(summary, "a", encoding="utf-8") as stream:
                    stream.write(text)
            except OSError as exc:
                raise UsageError(f"cannot write {summary}: {exc.strerror}") from None
    return 1 if args.check and findings else 0
