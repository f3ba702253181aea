"""``aimskit render OUTDIR``: validate, then write the generated Markdown pages for any site engine."""

from __future__ import annotations

import argparse
from pathlib import Path

from aimskit.commands._common import print_findings, repository_root
from aimskit.site import engine as site_engine
from aimskit.site.pipeline import validate_and_render


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("render", help="write the site's generated Markdown pages into OUTDIR")
    parser.add_argument("outdir", metavar="OUTDIR", type=Path,
                        help="folder for the pages (replaced as a whole), e.g. docs/generated")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    root = repository_root(args)
    rendered = validate_and_render(root)
    print_findings(rendered.findings, rendered.checked)
    if rendered.pages is None:
        return 1
    site_engine.publish_pages(rendered.pages, args.outdir, protected=[root, Path.cwd()])
    print(f"Rendered {len(rendered.pages)} pages into {args.outdir}")
    return 0
