"""``aimskit build``: validate → render → build the site; the previous site stays if any step fails."""

from __future__ import annotations

import argparse
import sys

from aimskit.commands._common import print_findings, print_refused, repository_root
from aimskit.gate.evidence_api import lookup_from_environment
from aimskit.site import engine as site_engine
from aimskit.site.config import vet
from aimskit.site.pipeline import validate_and_render


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("build", help="validate, render and build the site into site/")
    parser.add_argument("--engine", choices=site_engine.ENGINES, default="mkdocs",
                        help="site engine: mkdocs (MkDocs Material, default) or zensical")
    parser.add_argument("--strict", action="store_true", help="fail on any warning of the site engine")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    root = repository_root(args)
    site_engine.check_engine(args.engine)
    vetted = vet(root)  # the one reading of mkdocs.yml, before anything reads the site's folders; the engine gets
    # a configuration written from it
    if not vetted.ok:
        print_refused(vetted.findings)
        return 1
    rendered = validate_and_render(root, confirm=lookup_from_environment())
    print_findings(vetted.findings + rendered.findings, rendered.checked)
    if rendered.pages is None:
        print("aimskit: the records have errors; the site was not built (the previous site is unchanged)",
              file=sys.stderr)
        return 1
    try:
        destination = site_engine.build(root, vetted, rendered.pages, engine=args.engine, strict=args.strict)
    except site_engine.SiteRefused as exc:
        print_refused(exc.findings)
        return 1
    print(f"Built the site with {args.engine}: open {destination / 'index.html'}")
    return 0
