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
        description="Compare records from the merge base of BASE and HEAD (or the working tree) to HEAD, as a "
                    "pull request shows them: the approvals the change needs, process and control files, "
                    "records added, removed, renamed and changed field by field, SoA decisions, risks crossing "
                    "the appetite, new and resolved findings. BASE may be A...B (from the merge base) or A..B "
                    "(tip to tip). Exit 1 when records at HEAD do not load.")
    parser.add_argument("base", metavar="BASE", help="the git revision to compare from (e.g. origin/main), "
                        "or A...B / A..B")
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
    if comparison.load_errors:
        print(f"aimskit: records at {safetext.line(str(comparison.head))} do not load "
              f"({len(comparison.load_errors)} errors); they are left out of the comparison", file=sys.stderr)
        return 1
    return 0
