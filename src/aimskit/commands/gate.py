"""``aimskit gate``: in CI, pass only when a current holder of each role this change needs, other
than its author, has approved it on the code host."""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
from pathlib import Path

from aimskit import git, safetext
from aimskit.commands._common import repository_root
from aimskit.errors import UsageError
from aimskit.gate import hosts, review_api
from aimskit.gate import verdict as gate
from aimskit.gate.changes import change_between


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "gate", help="in CI: check that the holders of the roles this change needs have approved it",
        description="Work out from the records at the base and head of a pull request (GitHub) or merge "
                    "request (GitLab) which roles must approve it, read the approvals, the request's commits and "
                    "the base branch's tip through the host's REST API, and pass only when a holder of each role "
                    "at the base branch's tip, who neither opened the request nor wrote or committed any of its "
                    "commits, approved the head commit. GitHub: GITHUB_TOKEN (pull-requests: read), GITHUB_REPOSITORY, "
                    "GITHUB_API_URL and the pull request from GITHUB_EVENT_PATH or --request. GitLab: "
                    "AIMSKIT_GITLAB_TOKEN (read_api), CI_API_V4_URL, CI_PROJECT_ID, CI_MERGE_REQUEST_IID. "
                    "Exit 0 approved, 1 not approved or the host could not be read, 2 usage error.")
    parser.add_argument("--host", choices=("github", "gitlab"), help="the code host (default: from the CI "
                        "environment)")
    parser.add_argument("--request", metavar="N", help="the pull or merge request number (default: from CI)")
    parser.add_argument("--evidence", metavar="FILE", help="also write the verdict as JSON evidence to FILE")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    root = repository_root(args)
    host = args.host or ("github" if os.environ.get("GITHUB_ACTIONS") else
                         "gitlab" if os.environ.get("GITLAB_CI") else None)
    if host is None:
        raise UsageError("say which code host with --host github or --host gitlab")
    review = _github(args) if host == "github" else _gitlab(args)
    request = review.request
    for sha in (request.base_sha, request.head_sha, review.target_sha):
        _require_commit(root, sha, review.base_ref)
    verdict = gate.evaluate(change_between(root, request.base_sha, request.head_sha, review.target_sha), review)
    text = gate.as_markdown(verdict)
    sys.stdout.write(safetext.block(text))  # record values: no control character or workflow command
    if os.environ.get("GITHUB_STEP_SUMMARY") and host == "github":
        _append(os.environ["GITHUB_STEP_SUMMARY"], text)
    if args.evidence:
        _append(args.evidence, json.dumps(gate.as_evidence(verdict), indent=2, ensure_ascii=False) + "\n", "w")
    if not verdict.ok:
        print("aimskit: the review gate fails: the approvals this change needs are missing", file=sys.stderr)
    return 0 if verdict.ok else 1


def _require_commit(root: Path, sha: str, branch: str) -> None:
    """The commits the host names must be in the local repository: the gate reads them itself."""
    repo, _ = git.open_repository(root)
    try:
        git.resolve(repo, sha)
    except UsageError:
        if not re.fullmatch(r"[0-9a-f]{40}|[0-9a-f]{64}", sha):
            raise  # not a commit id at all: an unknown revision (exit 2), whatever the host says
        raise hosts.HostError(f"commit {sha[:12]} that the code host reports (of the request or of the tip of "
                              f"'{branch}') is not in this clone: fetch it (fetch-depth: 0, or git fetch origin "
                              f"'{branch}')") from None


def _github(args: argparse.Namespace) -> review_api.Review:
    number = args.request or _event_number(os.environ.get("GITHUB_EVENT_PATH"))
    repository = os.environ.get("GITHUB_REPOSITORY", "")
    if not number or not repository:
        raise hosts.HostError("no pull request to check: run on pull_request events (GITHUB_EVENT_PATH) "
                              "with GITHUB_REPOSITORY set, or give --request N")
    return review_api.github_review(os.environ.get("GITHUB_API_URL", "https://api.github.com"), repository, number,
                        os.environ.get("GITHUB_TOKEN", ""))


def _gitlab(args: argparse.Namespace) -> review_api.Review:
    number = args.request or os.environ.get("CI_MERGE_REQUEST_IID", "")
    project = os.environ.get("CI_PROJECT_ID", "")
    if not number or not project:
        raise hosts.HostError("no merge request to check: run in a merge request pipeline "
                              "(CI_MERGE_REQUEST_IID, CI_PROJECT_ID), or give --request N")
    return review_api.gitlab_review(os.environ.get("CI_API_V4_URL", "https://gitlab.com/api/v4"), project, number,
                        os.environ.get("AIMSKIT_GITLAB_TOKEN", ""))


def _event_number(path: str | None) -> str | None:
    if not path:
        return None
    try:
        event = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    pull = event.get("pull_request") if isinstance(event, dict) else None
    number = pull.get("number") if isinstance(pull, dict) else None
    return str(number) if isinstance(number, int) else None


def _append(path: str, text: str, mode: str = "a") -> None:
    try:
        with open(path, mode, encoding="utf-8") as stream:
            stream.write(text)
    except OSError as exc:
        raise UsageError(f"cannot write {path}: {exc.strerror}") from None
