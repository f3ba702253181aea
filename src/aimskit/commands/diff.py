"""``aimskit diff BASE [HEAD]``: what changed in governance terms between two revisions."""

from __future__ import annotations

import argparse
import sys

from aimskit import safetext
from aimskit.commands._common import repository_root
from aimskit.diff import report
from aimskit.diff.compare import compare


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "diff", help="summarise governance changes between two git revisions",
        description="Compare records at BASE with HEAD (or the working tree): records added, removed, "
                    "renamed and changed field by field, risks crossing the appetite, new findings.")
    parser.add_argument("base", metavar="BASE", help="the git revision to compare from (e.g. origin/main)")
    parser.add_argument("head", metavar="HEAD", nargs="?", help="the git revision to compare to "
                        "(default: the working tree)")
    parser.add_argument("--format", choices=("md", "json"), default="md", help="output format (default: md)")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    comparison = compare(repository_root(args), args.base, args.head)
    render = report.markdown if args.format == "md" else report.as_json
    text = render(comparison)
    # Markdown goes to CI logs too (GitLab prints it): no control sequence or workflow command from a value.
    sys.stdout.write(safetext.block(text) if args.format == "md" else text)
    return 0
