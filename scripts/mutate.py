"""Run mutmut (``make mutate``), with each function's tests widened to the whole test files.

mutmut runs, for a mutant, the tests that called the mutated function while it gathered its
statistics. A module-scoped fixture (tests/site/test_figures.py renders its pages once) calls it
in whichever test of the file comes first, so the tests that read the figures would never run on
the mutants. Here every test of a file that calls the function runs on its mutants.
"""

from __future__ import annotations

import sys

import mutmut.__main__ as mutmut_main


def _widen_to_files() -> None:
    by_function = mutmut_main.state().tests_by_mangled_function_name
    every_test = {test for tests in by_function.values() for test in tests}
    every_test |= set(mutmut_main.state().duration_by_test)
    by_file: dict[str, set[str]] = {}
    for test in every_test:
        by_file.setdefault(test.partition("::")[0], set()).add(test)
    for function, tests in by_function.items():
        by_function[function] = {other for test in list(tests) for other in by_file[test.partition("::")[0]]}


_collect = mutmut_main.collect_or_load_stats


def collect_or_load_stats(*args, **kwargs):  # type: ignore[no-untyped-def]
    _collect(*args, **kwargs)
    _widen_to_files()


mutmut_main.collect_or_load_stats = collect_or_load_stats

if __name__ == "__main__":
    sys.argv[0] = "mutmut"
    sys.exit(mutmut_main.cli())
