"""``aimskit approve ID``: record an approval (version, status, date, digest) in a record."""

from __future__ import annotations

import argparse
import datetime as dt
import sys

from aimskit.approvals.stamp import approve, approve_all
from aimskit.commands._common import repository_root
from aimskit.errors import UsageError


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "approve", help="record an approval: version, status, date and the digest of what was approved",
        description="Record that ID (a policy, impact assessment, 'soa', or a risk whose acceptance was given) "
                    "is approved as it now stands: status approved, approved_on today, and approval: "
                    "{version, digest}; for a risk, acceptance.date and acceptance.digest. Commit the result "
                    "in the pull request the approver approves: the review gate checks who approved.")
    parser.add_argument("id", metavar="ID", nargs="?", help="the record to approve (POL-003, AIA-001, soa, RISK-007)")
    parser.add_argument("--version", help="the new version to approve, e.g. 1.2 (default: the record's version)")
    parser.add_argument("--by", metavar="@HANDLE", help="the person who approved (a holder of the approver role); "
                        "recorded as approval.approved_by with their name and role, and checked by the review gate")
    parser.add_argument("--date", help="the approval date, YYYY-MM-DD (default: today)")
    parser.add_argument("--all-approved", action="store_true",
                        help="stamp every document already marked approved and every risk acceptance, keeping "
                             "their dates (for a new repository's example content)")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    root = repository_root(args)
    today = _date(args.date) if args.date else dt.date.today()
    if args.all_approved:
        if args.id or args.version or args.by:
            raise UsageError("--all-approved takes no ID and no --version")
        stamped = approve_all(root, today)
    elif not args.id:
        raise UsageError("name the record to approve, e.g. 'aimskit approve POL-003'")
    else:
        stamped = [approve(root, args.id, today, version=args.version, by=args.by)]
    for entry in stamped:
        version = f" version {entry.version}" if entry.version else " acceptance"
        replaced = f", replacing the date {entry.replaced} it had" if entry.replaced else ""
        print(f"{entry.path}: {entry.id}{version} approved on {entry.date}{replaced} ({entry.digest[:19]}…)",
              file=sys.stderr)
    return 0


def _date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise UsageError(f"--date '{value}' is not a date of the form YYYY-MM-DD") from None
