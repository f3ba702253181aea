"""Shared fixtures: real cookiecutter bakes of the template, made once per test session.

``baked_repo`` is a bake with the defaults (technology sector, example content, GitHub CI,
one git commit). ``bake(**answers)`` bakes with other answers; identical answers share one bake.
Bakes are shared between tests: treat them as read-only and copy one (``shutil.copytree``)
before changing files in it.
"""

from __future__ import annotations

import typing as t
from pathlib import Path

import pytest
from bakes import TEMPLATE_ROOT, bake_template


def pytest_configure(config: pytest.Config) -> None:
    if hasattr(config.option, "template"):
        config.option.template = str(TEMPLATE_ROOT)


@pytest.fixture(scope="session")
def bake(tmp_path_factory: pytest.TempPathFactory) -> t.Callable[..., Path]:
    """``bake(**answers) -> Path``: a shared, read-only bake of the template with these answers."""
    cache: dict[tuple, Path] = {}

    def _bake(**answers: t.Any) -> Path:
        key = tuple(sorted((name, str(value)) for name, value in answers.items()))
        if key not in cache:
            cache[key] = bake_template(tmp_path_factory.mktemp("bake") / "out", **answers)
        return cache[key]

    return _bake


@pytest.fixture(scope="session")
def baked_repo(bake: t.Callable[..., Path]) -> Path:
    """A bake with the default answers: technology sector, example content, GitHub CI, first commit."""
    return bake()
