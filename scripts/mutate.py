"""Run mutmut (``make mutate``) over a seeded sample of each folder's mutants, and report the score.

The three folders hold about 11,600 mutants; on a two-core machine all of them take hours, so
``make mutate`` runs a random sample of each folder (``AIMSKIT_MUTATE_SAMPLE`` mutants per folder,
seed ``AIMSKIT_MUTATE_SEED``) and ``report`` estimates each folder's score from it with a 95%
Wilson interval. ``AIMSKIT_MUTATE_SAMPLE=all`` runs every mutant.

mutmut runs, for a mutant, the tests that called the mutated function while it gathered its
statistics. A module-scoped fixture (tests/site/test_figures.py renders its pages once) calls it
in whichever test of the file comes first, so the tests that read the figures would never run on
the mutants. For the test files with such a fixture, every test of the file that calls the
function runs on its mutants; elsewhere mutmut's own selection stands.
"""

from __future__ import annotations

import json
import math
import os
import random
import sys
from collections import Counter
from pathlib import Path

import mutmut.__main__ as mutmut_main
from mutmut.stats import status_by_exit_code

FOLDERS = ("governance", "readiness", "site/render")


def _sharing_fixtures(tests: Path = Path("tests")) -> frozenset[str]:
    """The test files with a module-scoped fixture: the first of their tests calls for all of them."""
    return frozenset(
        path.as_posix() for path in sorted(tests.rglob("test_*.py"))
        if 'scope="module"' in path.read_text(encoding="utf-8")
    )


SHARED_FIXTURE_FILES = _sharing_fixtures()
KILLED = ("killed", "timeout", "caught by type check")


def _file(test: str) -> str:
    return test.partition("::")[0]


def _widen_to_files() -> None:
    by_function = mutmut_main.state().tests_by_mangled_function_name
    every_test = {test for tests in by_function.values() for test in tests}
    every_test |= set(mutmut_main.state().duration_by_test)
    by_file: dict[str, set[str]] = {}
    for test in every_test:
        by_file.setdefault(_file(test), set()).add(test)
    for function, tests in by_function.items():
        shared = {other for test in tests if _file(test) in SHARED_FIXTURE_FILES for other in by_file[_file(test)]}
        by_function[function] = set(tests) | shared


def folder_of(mutant: str) -> str:
    """The folder of ``aimskit`` a mutant's module lives in (``site/render`` for its pages)."""
    module = mutant.split(".x_", 1)[0].removeprefix("aimskit.")
    for folder in FOLDERS:
        if module == folder.replace("/", ".") or module.startswith(folder.replace("/", ".") + "."):
            return folder
    return module


def sample(names: list[str], per_folder: str, seed: int) -> set[str]:
    """A seeded random sample of ``per_folder`` mutants from each folder (``all``: every one).

    The first ``per_folder`` of a seeded shuffle: a smaller sample is part of a larger one."""
    if per_folder == "all":
        return set(names)
    chooser = random.Random(seed)
    by_folder: dict[str, list[str]] = {}
    for name in sorted(names):
        by_folder.setdefault(folder_of(name), []).append(name)
    chosen: set[str] = set()
    for folder_names in by_folder.values():
        chooser.shuffle(folder_names)
        chosen.update(folder_names[: int(per_folder)])
    return chosen


_collect_stats = mutmut_main.collect_or_load_stats
_collect_mutants = mutmut_main.collect_source_file_mutation_data


def collect_or_load_stats(*args, **kwargs):  # type: ignore[no-untyped-def]
    _collect_stats(*args, **kwargs)
    _widen_to_files()


def collect_source_file_mutation_data(*, mutant_names):  # type: ignore[no-untyped-def]
    mutants, by_path = _collect_mutants(mutant_names=mutant_names)
    if mutant_names:
        return mutants, by_path
    chosen = sample([name for _, name, _ in mutants], *_sample_settings())
    return [mutant for mutant in mutants if mutant[1] in chosen], by_path


def _sample_settings() -> tuple[str, int]:
    return os.environ.get("AIMSKIT_MUTATE_SAMPLE", "120"), int(os.environ.get("AIMSKIT_MUTATE_SEED", "42"))


def wilson(killed: int, tried: int) -> tuple[float, float]:
    """The 95% Wilson score interval of a proportion ``killed / tried``."""
    if not tried:
        return 0.0, 1.0
    z = 1.96
    share = killed / tried
    centre = (share + z * z / (2 * tried)) / (1 + z * z / tried)
    spread = z * math.sqrt(share * (1 - share) / tried + z * z / (4 * tried * tried)) / (1 + z * z / tried)
    return centre - spread, centre + spread


def results(mutants_dir: Path = Path("mutants")) -> dict[str, str | None]:
    """Every mutant's status from mutmut's ``.meta`` files (``None``: not run)."""
    found: dict[str, str | None] = {}
    for meta in sorted((mutants_dir / "src").rglob("*.py.meta")):
        for name, code in json.loads(meta.read_text(encoding="utf-8"))["exit_code_by_key"].items():
            found[name] = None if code is None else status_by_exit_code[code]
    return found


def report(found: dict[str, str | None], population: Counter[str] | None = None) -> str:
    """A table of each folder's population, sample, kills, survivors and estimated score."""
    lines = ["| folder | mutants | run | killed | survived | no tests | score (95% interval) |", "|---|---:|---:|---:|---:|---:|---|"]
    population = population or Counter(folder_of(name) for name in found)
    weighted = 0.0
    for folder in FOLDERS:
        statuses = Counter(status for name, status in found.items() if folder_of(name) == folder and status)
        tried = sum(statuses.values())
        killed = sum(statuses[status] for status in KILLED)
        low, high = wilson(killed, tried)
        score = killed / tried if tried else 0.0
        weighted += score * population[folder]
        lines.append(
            f"| {folder} | {population[folder]} | {tried} | {killed} | {statuses['survived']} | "
            f"{statuses['no tests']} | {score:.1%} ({low:.1%}–{high:.1%}) |"
        )
    total = sum(population[folder] for folder in FOLDERS)
    lines.append(f"\nAll three folders, weighted by their mutants: {weighted / total:.1%}")
    return "\n".join(lines)


def survivors(found: dict[str, str | None]) -> list[str]:
    """The mutants that were run and survived, or had no test."""
    return sorted(name for name, status in found.items() if status in ("survived", "no tests"))


mutmut_main.collect_or_load_stats = collect_or_load_stats
mutmut_main.collect_source_file_mutation_data = collect_source_file_mutation_data

if __name__ == "__main__":
    if sys.argv[1:2] in (["report"], ["survivors"]):
        found = results()
        chosen = sample(list(found), *_sample_settings())
        sampled = {name: status for name, status in found.items() if name in chosen}
        every = Counter(folder_of(name) for name in found)
        print(report(sampled, every) if sys.argv[1] == "report" else "\n".join(survivors(sampled)))
        sys.exit(0)
    sys.argv[0] = "mutmut"
    sys.exit(mutmut_main.cli())
