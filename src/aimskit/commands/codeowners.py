"""``aimskit codeowners [--check]``: write or check CODEOWNERS from the roles."""

from __future__ import annotations

import argparse
import sys

from aimskit import fs, safetext
from aimskit.commands._common import repository_root
from aimskit.errors import AimskitError
from aimskit.governance import codeowners
from aimskit.records.findings import Severity
from aimskit.records.model import Repository, load_repository, refused_finding


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "codeowners", help="write or check CODEOWNERS from the roles",
        description="Write the generated section of .github/CODEOWNERS (.gitlab/CODEOWNERS for GitLab): "
                    "each record file is owned by the holders of its owner and approver roles. With "
                    "'ci: none' in aims.yml there is no CODEOWNERS file and both forms say so and exit 0.")
    parser.add_argument("--check", action="store_true",
                        help="write nothing; exit 1 and print a diff when the file is out of step")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    root = repository_root(args)
    repository = load_repository(root)
    _require_roles_load(repository)
    if codeowners.ci_provider(repository) == "none":
        print("aims.yml sets ci: none, so there is no code host to request reviews and no CODEOWNERS file; "
              "nothing to " + ("check" if args.check else "write"))
        return 0
    path = codeowners.location(repository)
    try:
        existing = codeowners.current(repository)
    except fs.RefusedPath as exc:
        raise AimskitError(refused_finding(exc).format_text()) from None
    wanted = codeowners.render(existing, codeowners.section(repository))
    changes = codeowners.differences(existing, wanted, path)
    if args.check and existing is None and not codeowners.required(repository):
        print(f"aims.yml names no CI provider, so {path} is not required; nothing to check "
              "(set ci: github or ci: gitlab to require it)")
        return 0
    if args.check:
        overriding = codeowners.overriding_lines(codeowners.current(repository) or "")
        for number, line in overriding:
            print(f"{path}:{number}: '{_printable(line)}' comes after the generated section and overrides it "
                  "(the last matching line wins); move it above the section or into the roles")
        if changes:
            sys.stdout.write(safetext.block(changes))
            print(f"{path} is out of step with the roles; run 'aimskit codeowners'", file=sys.stderr)
            return 1
        if overriding:
            print(f"{path} has lines that override the generated owners", file=sys.stderr)
            return 1
        print(f"{path} is up to date")
        return 0
    if changes:
        try:
            fs.write_file(root, path, wanted.encode("utf-8"))
        except fs.RefusedPath as exc:
            raise AimskitError(refused_finding(exc).format_text()) from None
        print(f"wrote {path}")
    else:
        print(f"{path} is up to date")
    return 0


def _printable(text: str) -> str:
    return "".join(c if c.isprintable() else "?" for c in text)


def _require_roles_load(repository: Repository) -> None:
    broken = [f for f in repository.findings if f.severity is Severity.ERROR
              and (f.path.startswith("roles/") or f.path == "aims.yml")]
    if broken:
        raise AimskitError("the roles or aims.yml have errors; fix them first (aimskit validate):\n"
                           + "\n".join(f"  {f.format_text()}" for f in broken))
