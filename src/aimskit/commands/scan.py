"""``aimskit scan PATH...``: AI use found in code repositories, checked against the inventory."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from aimskit import reporting, safetext
from aimskit.commands._common import repository_root, write_output
from aimskit.errors import UsageError
from aimskit.records.findings import has_errors
from aimskit.records.model import load_repository

FORMATS = (*reporting.FORMATS, "cyclonedx")


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "scan", help="find AI use in code (manifests, locks, SBOMs, imports, model files) and check it against "
                     "the AI system inventory")
    parser.add_argument("paths", nargs="*", metavar="PATH", help="code folders to scan (a repository checkout)")
    parser.add_argument("--format", choices=FORMATS, default="text",
                        help="output format (default: text); github also appends a Markdown summary to the file "
                             "named by $GITHUB_STEP_SUMMARY; cyclonedx writes a CycloneDX 1.6 AI bill of materials")
    parser.add_argument("--repository", metavar="NAME",
                        help="the repository the one PATH is (host/owner/name or a URL), as systems name it in "
                             "`code:` (default: from the CI's variables or the checkout's origin remote)")
    parser.add_argument("--no-inventory", action="store_true",
                        help="only find AI use: no AIMS repository is read, nothing is checked against it")
    parser.add_argument("--list", action="store_true", help="also print every AI use found (text format)")
    parser.add_argument("--result", metavar="FILE",
                        help="write the scan result (JSON) to FILE; the site and `aimskit report` read "
                             ".aimskit/scan.json of the AIMS repository")
    parser.add_argument("--baseline", metavar="FILE",
                        help="a scan result of the change's base (aimskit scan --no-inventory --result FILE BASE): "
                             "the summary then says what the change adds")
    parser.add_argument("--summary", metavar="FILE", help="write the Markdown summary to FILE (for GitLab CI)")
    parser.add_argument("--list-repositories", action="store_true",
                        help="print the repositories the inventory's systems name in `code:`, one a line, and stop")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from aimskit.scan import run as scanning

    repository = None if args.no_inventory else load_repository(repository_root(args), keep_nodes=True)
    if args.list_repositories:
        if repository is None:
            raise UsageError("--list-repositories reads the inventory; leave out --no-inventory")
        from aimskit.scan.inventory import repositories

        for name in repositories(repository):
            print(safetext.one_line(name))
        return 0
    if not args.paths:
        raise UsageError("name at least one PATH to scan (a repository checkout or a folder)")
    if args.repository and len(args.paths) > 1:
        raise UsageError("--repository names one PATH; scan the repositories one at a time, or let each "
                         "checkout's origin remote name it")
    roots = []
    for path in args.paths:
        folder = Path(path)
        if not folder.is_dir():
            raise UsageError(f"{path}: is not a folder")
        roots.append((folder, folder.as_posix()))
    if repository is not None:
        _warn_about_inventory(repository)
        shown = scanning.shown_from(repository.root)
    else:
        def shown(path: str) -> str:
            return path
    outcome = scanning.scan(roots, repository, shown, args.repository, baseline=_baseline(args.baseline))
    _write_outputs(args, outcome)
    return 1 if has_errors(outcome.findings) else 0


def _baseline(path: str | None) -> frozenset[tuple[str, str, str]] | None:
    if path is None:
        return None
    from aimskit.scan.results import baseline_components

    try:
        return baseline_components(Path(path))
    except ValueError as exc:
        raise UsageError(f"--baseline {path}: {exc}") from None


def _warn_about_inventory(repository) -> None:
    from aimskit.records import kinds

    kinds_read = {kinds.SYSTEM.name, kinds.SUPPLIER.name, kinds.MANIFEST.name}
    broken = {f.path for f in repository.findings if f.severity.value == "error"
              and any(r.path == f.path for k in kinds_read for r in repository.records.get(k, []))}
    if broken or repository.unloaded:
        print(safetext.one_line(f"aimskit: the inventory has records that do not load or match their schema "
                                f"({len(broken) + len(repository.unloaded)}); run `aimskit validate` in the AIMS "
                                "repository: the scan checks what did load"), file=sys.stderr)


def _write_outputs(args: argparse.Namespace, outcome) -> None:
    from aimskit.reporting.scan_summary import skipped_folders, summary_markdown
    from aimskit.scan import results

    checked = sum(scan.files for scan in outcome.scans)
    if args.format == "cyclonedx":
        from aimskit.scan.bom import to_cyclonedx

        sys.stdout.write(to_cyclonedx(outcome))
    elif args.format == "json":
        sys.stdout.write(results.to_json(outcome))
    else:
        sys.stdout.write(reporting.reporter(args.format)(outcome.findings, checked))
        if args.list and args.format == "text":
            for scan in outcome.scans:
                for use in scan.uses:
                    sys.stdout.write(safetext.line(
                        f"{_joined(scan.path, use.path)}:{use.line}:{use.column}: {use.what} {use.name} "
                        f"({use.provider or 'unknown provider'}, {use.category or 'uncategorised'}) via {use.via}") + "\n")
    skipped = skipped_folders(outcome)
    if skipped:
        print(safetext.one_line(f"aimskit: not entered (other people's code or tools' output): {skipped}"),
              file=sys.stderr)
    if args.result:
        write_output(args.result, results.to_json(outcome), "the scan result")
    step_summary = os.environ.get("GITHUB_STEP_SUMMARY") if args.format == "github" else None
    if args.summary or step_summary:
        summary = summary_markdown(outcome)
        write_output(args.summary, summary, "the summary")
        write_output(step_summary, summary, "the job summary", append=True)


def _joined(root: str, path: str) -> str:
    from aimskit.scan.check import joined

    return joined(root, path)
