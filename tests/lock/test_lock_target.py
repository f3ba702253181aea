"""A lock resolved on this machine is checked against CI's Python and platform."""

from __future__ import annotations

import pytest

from aimskit.errors import AimskitError
from aimskit.lock.resolve import Resolution, Resolved
from aimskit.lock.target import CI_PYTHON, fit

HERE = {"python_version": "3.11", "python_full_version": "3.11.7", "sys_platform": "darwin",
        "platform_system": "Darwin", "platform_machine": "arm64", "os_name": "posix",
        "implementation_name": "cpython", "platform_python_implementation": "CPython"}


def dist(name, requires=(), requested=False, extras=(), requires_python=None, version="1.0"):
    return Resolved(name, version, f"https://files.example.org/{name}.whl", frozenset({"0" * 64}), False,
                    requested, frozenset(extras), tuple(requires), requires_python)


def test_a_lock_that_fits_ci_passes_and_says_what_only_this_machine_needs():
    resolution = Resolution((
        dist("app", ["lib>=1", 'macos-only; sys_platform == "darwin"', 'old-backport; python_version < "3.8"'],
             requested=True),
        dist("lib"), dist("macos-only")), HERE)
    found = fit(resolution)
    assert (found.missing, found.refused, found.only_here) == ({}, [], ["macos-only"])
    found.check("3.11")


def test_a_dependency_only_ci_needs_is_named_with_who_needs_it():
    resolution = Resolution((
        dist("app", ["lib"], requested=True),
        dist("lib", [f'newer-helper; python_version >= "{CI_PYTHON}"', 'linux-helper; sys_platform == "linux"'])),
        HERE)
    found = fit(resolution)
    assert found.missing == {"newer-helper": "lib", "linux-helper": "lib"}
    with pytest.raises(AimskitError) as caught:
        found.check("3.11")
    assert str(caught.value) == (
        f"the lock, resolved with Python 3.11, would not install on CI's Python {CI_PYTHON} on Linux: "
        "linux-helper (needed by lib); newer-helper (needed by lib). "
        f"Run 'aimskit lock --python python{CI_PYTHON}' (a Python {CI_PYTHON} interpreter) to resolve for CI")


def test_extras_are_followed_to_their_dependencies():
    resolution = Resolution((
        dist("app", ["lib[fast]"], requested=True),
        dist("lib", ['speedup; extra == "fast"', 'docs-tool; extra == "docs"']),
        dist("speedup")), HERE)
    found = fit(resolution)
    assert (found.missing, found.only_here) == ({}, [])


def test_a_version_that_refuses_cis_python_is_named():
    resolution = Resolution((dist("app", requested=True, requires_python=f"<{CI_PYTHON}", version="2.0"),), HERE)
    with pytest.raises(AimskitError) as caught:
        fit(resolution).check("3.11")
    assert f"app 2.0 (Requires-Python <{CI_PYTHON}), which does not support Python {CI_PYTHON}" in str(caught.value)
