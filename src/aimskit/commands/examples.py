"""``aimskit examples list|remove``: the example records shipped with the template."""

from __future__ import annotations

import argparse
import sys

from aimskit import examples, safetext
from aimskit.commands._common import repository_root
from aimskit.governance.starter import is_example
from aimskit.records.model import load_repository


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "examples", help="list or remove the example records (example: true)",
        description="Example records show how a filled-in AIMS looks; they never count as evidence. "
                    "'remove' deletes them, keeps example policies and the SoA as drafts, and leaves a valid "
                    "repository (nothing is changed when it would not).")
    actions = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
    actions.add_parser("list", help="print the example records, one path a line")
    remove = actions.add_parser("remove", help="delete the example records; policies and the SoA become drafts")
    remove.add_argument("--dry-run", action="store_true", help="print what would change and change nothing")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    root = repository_root(args)
    if args.action == "list":
        for record in sorted(load_repository(root).all_records(), key=lambda r: r.path):
            if is_example(record):
                print(safetext.line(record.path))
        return 0
    try:
        removal = examples.plan(root)
    except examples.RemovalRefused as exc:
        for finding in exc.findings:
            print(finding.format_text())
        print(f"aimskit: {exc}", file=sys.stderr)
        return 1
    if removal.empty:
        print("no example records", file=sys.stderr)
        return 0
    for path in removal.delete:
        print(safetext.line(f"delete {path}"))
    for path in sorted(removal.rewrite):
        print(safetext.line(f"rewrite {path}"))
    if args.dry_run:
        print("dry run: nothing was changed", file=sys.stderr)
        return 0
    examples.apply(root, removal)
    print(f"removed {len(removal.delete)} example record(s); {len(removal.rewrite)} file(s) kept as drafts or "
          "updated; commit the change", file=sys.stderr)
    return 0
