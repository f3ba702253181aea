"""No internal error for any input: every field of every record kind, aims.yml included, is
swapped for wrongly typed values, and every command runs on the result.

Each round copies the default bake. For every kind with one record per file, each field (and
each field one and two levels down) gets copies of an example record, each copy with that field
replaced by another wrongly typed value. ``aims.yml`` and ``soa.yaml`` are changed in place:
every field at once, with a different wrong value per round. The mutated files are committed,
so that ``diff`` and ``export --rev`` read them from git too. The first round also adds a file
per kind that is not a mapping at all; later rounds leave it out, since a record that does
not load makes ``diff`` and ``export`` stop before they compare or export anything. Every command must end with exit
0, 1 or 2 and never report an internal error.
"""

from __future__ import annotations

import copy
import shutil
import typing as t
from pathlib import Path

import git
import pytest
import yaml

from aimskit.cli import main
from aimskit.records import kinds

WRONG: tuple[t.Any, ...] = ([], {"k": ["v"]}, 7, True, None, [{"x": {"y": 1}}])
COPIES_PER_FIELD = 3
ROUNDS = 2
MAX_DEPTH = 2


def field_paths(data: t.Any, prefix: tuple = (), depth: int = 0) -> t.Iterator[tuple]:
    """Every key path into ``data``, down to MAX_DEPTH levels (a list is entered at its first item)."""
    if not isinstance(data, dict):
        return
    for key, value in data.items():
        yield (*prefix, key)
        if depth < MAX_DEPTH:
            if isinstance(value, dict):
                yield from field_paths(value, (*prefix, key), depth + 1)
            elif isinstance(value, list) and value and isinstance(value[0], dict):
                yield from field_paths(value[0], (*prefix, key, 0), depth + 1)


def replaced(data: dict, path: tuple, value: t.Any) -> dict:
    result = copy.deepcopy(data)
    target = result
    for part in path[:-1]:
        target = target[part]
    target[path[-1]] = copy.deepcopy(value)
    return result


def read(path: Path) -> tuple[dict, str | None]:
    text = path.read_text(encoding="utf-8")
    if path.suffix == ".md":
        _, front, body = text.split("---\n", 2)
        return yaml.safe_load(front), body
    return yaml.safe_load(text), None


def write(path: Path, data: t.Any, body: str | None) -> None:
    dumped = yaml.safe_dump(data, sort_keys=False, allow_unicode=True)
    path.write_text(f"---\n{dumped}---\n{body}" if body is not None else dumped, encoding="utf-8")


def mutate(repo: Path, round_number: int) -> int:
    """Write the wrongly typed records into ``repo``; return how many files were written."""
    written = 0
    for kind in kinds.ALL:
        folder, _, pattern = kind.glob.rpartition("/")
        examples = sorted((repo / folder).glob(pattern)) if folder else [repo / kind.glob]
        if not examples:
            continue
        data, body = read(examples[0])
        paths = list(field_paths(data))
        if kind.singleton:
            mutated = data
            # first round: the innermost fields (so that nested readers see them); then the top level
            chosen = [p for p in paths if not any(q[:len(p)] == p and q != p for q in paths)] \
                if round_number == 0 else [p for p in paths if len(p) == 1]
            for index, path in enumerate(chosen):
                try:
                    mutated = replaced(mutated, path, WRONG[(index + round_number) % len(WRONG)])
                except (KeyError, IndexError, TypeError):  # a parent was replaced already
                    continue
            write(examples[0], mutated, body)
            written += 1
            continue
        suffix = pattern.lstrip("*")
        number = 900
        for index, path in enumerate(paths):
            for copy_number in range(COPIES_PER_FIELD):
                wrong = WRONG[(index + round_number * COPIES_PER_FIELD + copy_number) % len(WRONG)]
                record_id = f"{kind.prefix}-{number}" if kind.prefix else f"fuzz-role-{number}"
                number += 1
                mutated = replaced(data, path, wrong)
                if path != ("id",):
                    mutated["id"] = record_id
                write(repo / folder / f"{record_id}{suffix}", mutated, body)
                written += 1
        if round_number:  # a record that does not load stops diff and export; only the first round has them
            continue
        whole = f"{kind.prefix}-{number}" if kind.prefix else f"fuzz-role-{number}"
        (repo / folder / f"{whole}{suffix}").write_text("---\n- 1\n- 2\n---\n" if body is not None else "[1, 2]\n",
                                                        encoding="utf-8")
    return written


def commands(repo: Path, out: Path, every_format: bool) -> list[list[str]]:
    """The commands to run: each once, and in the first round every output format too."""
    r = ["--repo", str(repo)]
    core = [
        [*r, "validate"], [*r, "report", "--format", "json"], [*r, "render", str(out / "pages")], [*r, "build"],
        [*r, "serve", "--port", "0"], [*r, "codeowners", "--check"], [*r, "codeowners"],
        [*r, "diff", "HEAD~1", "HEAD"], [*r, "export", "--format", "json", "-o", str(out / "json")],
    ]
    if not every_format:
        return core
    return core + [
        [*r, "validate", "--strict", "--format", "github"], [*r, "validate", "--format", "sarif"],
        [*r, "validate", "--format", "json"], [*r, "report"], [*r, "diff", "HEAD", "HEAD~1", "--format", "json"],
        [*r, "export", "--format", "csv", "--rev", "HEAD", "-o", str(out / "csv")],
    ]


ABUSED_ARGUMENTS = [
    ["serve", "--port", "70000"], ["serve", "--interval", "-1"], ["serve", "--interval", "nan"],
    ["diff", "@{-1}"], ["diff", "HEAD", "@{-1}"], ["diff", "HEAD~999"], ["export", "--format", "json", "--rev", "@{-1}", "-o", "x"],
    ["report", "--date", "2025-02-30"], ["render"],
]


@pytest.mark.slow
@pytest.mark.parametrize("round_number", range(ROUNDS))
def test_wrongly_typed_fields_never_cause_an_internal_error(baked_repo, tmp_path, capsys, round_number):
    repo = tmp_path / "repo"
    shutil.copytree(baked_repo, repo, symlinks=True)
    assert mutate(repo, round_number) > 300
    history = git.Repo(repo)
    history.git.add(A=True)
    history.index.commit("Wrongly typed fields", author=git.Actor("Fuzz", "fuzz@example.org"),
                         committer=git.Actor("Fuzz", "fuzz@example.org"))
    failures = []
    for argv in commands(repo, tmp_path / "out", every_format=round_number == 0):
        code = main(argv)
        captured = capsys.readouterr()
        if code not in (0, 1, 2) or "internal error" in captured.err or "Traceback" in captured.err:
            failures.append((argv[2:], code, captured.err[-500:]))
        elif code == 1:
            assert captured.out.strip() or captured.err.strip(), argv  # a finding or a message says why
    assert failures == []


@pytest.mark.slow
@pytest.mark.parametrize("arguments", ABUSED_ARGUMENTS, ids=" ".join)
def test_bad_arguments_are_usage_errors(baked_repo, capsys, arguments):
    code = main(["--repo", str(baked_repo), *arguments])
    captured = capsys.readouterr()
    assert code in (1, 2), captured
    assert "internal error" not in captured.err and "Traceback" not in captured.err
    assert captured.err.strip()
