"""The command outputs shown in the docs, produced by running the commands on a real bake.

A fenced block right after ``<!-- output: NAME -->`` holds a console session: the lines up to and
including its ``$ aimskit ...`` line stay as written; the lines after it, up to the next ``$``
line, are the output of scenario NAME: all of it, its first N lines and ``...`` with ``head=N``,
or only the findings of the codes listed with ``only=CODE,CODE``. ``make docs`` writes them (``python scripts/docs_outputs.py BAKE``);
``tests/test_docs_outputs.py`` fails when a page shows anything else.

Each scenario copies the bake, changes it as the page says, and runs aimskit in this process.
"""

from __future__ import annotations

import contextlib
import io
import re
import shutil
import sys
import tempfile
import typing as t
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PAGES = ("getting-started.md", "cli.md", "validation.md")
MARKER = re.compile(r"^<!-- output: (?P<name>[a-z0-9-]+)(?: head=(?P<head>[0-9]+))?(?: only=(?P<only>[A-Z0-9,]+))? -->\n"
                    r"```[a-z]*\n", re.MULTILINE)


def _edit(path: Path, *pairs: tuple[str, str]) -> None:
    text = path.read_text(encoding="utf-8")
    for pattern, replacement in pairs:
        text, count = re.subn(pattern, replacement, text, count=1, flags=re.MULTILINE)
        if count != 1:
            raise ValueError(f"{path.name}: no line matches {pattern!r}")
    path.write_text(text, encoding="utf-8")


def _break_a_risk(repo: Path) -> None:
    _edit(repo / "risks" / "RISK-001.yaml", (r"^owner: ml-engineering-lead$", "owner: ml-engineering-leed"),
          (r"^likelihood: [0-9]+$", "likelihood: high"))


def _typo_and_duplicate_key(repo: Path) -> None:
    _edit(repo / "risks" / "RISK-003.yaml", (r"^owner: [a-z-]+$", "owner: ml-engineering-leed"))
    _edit(repo / "aims.yml", (r"^(  name: .*)$", r"\1\n  name: Northwind"))


#: scenario → (how to change the bake, the aimskit arguments)
SCENARIOS: dict[str, tuple[t.Callable[[Path], None] | None, list[str]]] = {
    "fresh-validate": (None, ["validate"]),
    "broken-risk-validate": (_break_a_risk, ["validate"]),
    "typo-and-duplicate-key": (_typo_and_duplicate_key, ["validate"]),
    "readiness-report": (None, ["report", "--date", "2027-01-15"]),
}


def run(bake: Path, name: str) -> str:
    """What ``aimskit ARGS`` prints (stdout) on a copy of ``bake`` changed as scenario ``name`` says."""
    from aimskit import cli

    change, args = SCENARIOS[name]
    with tempfile.TemporaryDirectory(prefix="aimskit-docs-") as scratch:
        repo = Path(shutil.copytree(bake, Path(scratch) / "aims", symlinks=True))
        if change is not None:
            change(repo)
        out, err = io.StringIO(), io.StringIO()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            cli.main(["--repo", str(repo), *args])
    return out.getvalue()


def inject(page: str, bake: Path, cache: dict[str, str] | None = None) -> str:
    """``page`` with the output of every marked block replaced by what the commands print now."""
    cache = {} if cache is None else cache
    pieces, last = [], 0
    for marker in MARKER.finditer(page):
        end = page.index("\n```", marker.end() - 1)
        lines = page[marker.end():end].split("\n")
        command = next((i for i, line in enumerate(lines) if line.startswith("$ aimskit ")), None)
        if command is None:
            raise ValueError(f"the block of <!-- output: {marker['name']} --> runs no '$ aimskit' command")
        after = next((i for i in range(command + 1, len(lines)) if lines[i].startswith("$ ")), len(lines))
        name = marker["name"]
        if name not in cache:
            cache[name] = run(bake, name)
        output = cache[name].rstrip("\n").split("\n")
        if marker["head"]:
            output = [*output[:int(marker["head"])], "..."]
        if marker["only"]:
            output = [line for line in output if any(f" {code} " in line for code in marker["only"].split(","))]
        block = [*lines[:command + 1], *output, *lines[after:]]
        pieces += [page[last:marker.end()], "\n".join(block)]
        last = end
    return "".join(pieces) + page[last:]


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print("usage: docs_outputs.py BAKE (a repository baked with organisation_name='Northwind Analytics')",
              file=sys.stderr)
        return 2
    cache: dict[str, str] = {}
    for name in PAGES:
        path = ROOT / "docs" / name
        path.write_text(inject(path.read_text(encoding="utf-8"), Path(argv[0]), cache), encoding="utf-8")
    print(f"wrote the outputs of {len(cache)} scenarios into {', '.join(PAGES)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
