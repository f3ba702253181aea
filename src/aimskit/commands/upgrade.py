"""``aimskit upgrade``: bring template and schema changes into the repository as a reviewable change."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from aimskit import resources, safetext
from aimskit.commands._common import repository_root


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "upgrade", help="merge the current template and migrate records (staged for review, not committed)",
        description="Regenerate the template with the repository's answers (.cookiecutter.json), merge it in "
                    "three ways against the template output the repository last took, and migrate records to "
                    "the current schema version. Edited files are merged or left with conflict markers; "
                    "nothing is committed.")
    parser.add_argument("--template", metavar="DIR", type=Path,
                        help="a local copy of the template (default: the one bundled with this aimskit)")
    parser.add_argument("--dry-run", action="store_true",
                        help="change nothing; list the template changes and show the migration diff")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from aimskit.upgrade import migrations
    from aimskit.upgrade.template import upgrade

    root = repository_root(args)
    outcome = upgrade(root, args.template or resources.template_dir(), dry_run=args.dry_run)
    verb = "would change" if args.dry_run else "changed"
    print(f"Template files the upgrade {verb}: {len(outcome.template_changes)}")
    for status, path in outcome.template_changes:
        print(f"  {ACTIONS.get(status, status)} {path}")
    if outcome.requirement:
        print(f"requirements.txt installs aimskit with: {outcome.requirement}")
    if outcome.lock:
        print(outcome.lock, file=sys.stderr if outcome.lock_failed else sys.stdout)
    if outcome.migrated:
        print(f"Records migrated from schema version {outcome.source_version} to {migrations.SCHEMA_VERSION}:")
        for change in outcome.migrated:
            sys.stdout.write(safetext.block(change.diff()))  # the records' text
    if args.dry_run:
        print("Dry run: nothing was changed.")
        return 0
    if outcome.conflicts:
        print(f"Conflicts to resolve ({len(outcome.conflicts)}): your edits and the template's meet here:")
        for path in outcome.conflicts:
            print(safetext.line(f"  {path}"))
        print("Resolve the conflict markers, 'git add' the files, run 'aimskit validate', then 'git commit'.",
              file=sys.stderr)
        return 1
    if outcome.lock_failed:
        return 1
    if outcome.requirement:
        from aimskit import distribution

        print(distribution.environment_note(outcome.requirement, _hashed(root)))
    print("The upgrade is staged, not committed: review it with 'git diff --cached', run 'aimskit validate', "
          "then 'git commit'.", file=sys.stderr)
    return 0


def _hashed(root: Path) -> bool:
    """Whether requirements.txt pins every distribution by digest (it is then locked from requirements.in)."""
    return (root / "requirements.in").is_file()


ACTIONS = {"A": "added  ", "M": "updated", "D": "removed"}
