"""Shared fixtures: real cookiecutter bakes of the template, made once per test session.

``baked_repo`` is a bake with the defaults (technology sector, example content, GitHub CI,
one git commit). ``bake(**answers)`` bakes with other answers; identical answers share one bake.
Bakes are shared between tests: treat them as read-only and copy one (``shutil.copytree``)
before changing files in it.
"""

from __future__ import annotations

import contextlib
import os
import sys
import typing as t
from pathlib import Path

import pytest

TEMPLATE_ROOT = Path(__file__).resolve().parent.parent

# pytest-cookies builds the context before cookiecutter patches sys.path, so the template's
# local_extensions module must already be importable.
if str(TEMPLATE_ROOT) not in sys.path:
    sys.path.insert(0, str(TEMPLATE_ROOT))


def pytest_configure(config: pytest.Config) -> None:
    if hasattr(config.option, "template"):
        config.option.template = str(TEMPLATE_ROOT)


@contextlib.contextmanager
def environment(**values: str | None) -> t.Iterator[None]:
    """Set (or, with None, remove) environment variables for the duration of the block."""
    saved = {key: os.environ.get(key) for key in values}
    try:
        _apply(values)
        yield
    finally:
        _apply(saved)


def _apply(values: t.Mapping[str, str | None]) -> None:
    for key, value in values.items():
        if value is None:
            os.environ.pop(key, None)
        else:
            os.environ[key] = value


def cookiecutter_config(folder: Path) -> Path:
    """A cookiecutter user config that keeps replay files and clones out of the home folder."""
    config = folder / "cookiecutter-config.yaml"
    if not config.exists():
        config.write_text(f"cookiecutters_dir: {folder / 'cookiecutters'}\nreplay_dir: {folder / 'replay'}\n",
                          encoding="utf-8")
    return config


def bake_template(output_dir: Path, template: str | Path = TEMPLATE_ROOT, commit: bool = True,
                  checkout: str | None = None, **answers: t.Any) -> Path:
    """Bake ``template`` with the real cookiecutter API, without prompts; return the new repository."""
    from cookiecutter.main import cookiecutter

    output_dir.mkdir(parents=True, exist_ok=True)
    with environment(AIMSKIT_NO_GIT_COMMIT=None if commit else "1"):
        project = cookiecutter(str(template), no_input=True, extra_context=answers, output_dir=str(output_dir),
                               checkout=checkout, config_file=str(cookiecutter_config(output_dir.parent)))
    return Path(project)


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
