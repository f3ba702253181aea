"""Baking the template with the real cookiecutter API, for tests in any folder (import bakes)."""

from __future__ import annotations

import contextlib
import os
import sys
import typing as t
from pathlib import Path

TEMPLATE_ROOT = Path(__file__).resolve().parent.parent

# pytest-cookies builds the context before cookiecutter patches sys.path, so the template's
# local_extensions module must already be importable.
if str(TEMPLATE_ROOT) not in sys.path:
    sys.path.insert(0, str(TEMPLATE_ROOT))


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


def bake_unlocked(bake: t.Callable[..., Path], **answers: t.Any) -> Path:
    """``bake(require_hashes=True, **answers)`` without resolving the lock (``AIMSKIT_NO_LOCK``): its CI files,
    README and requirements.in are the template's, its requirements.txt only the placeholder ``aimskit lock``
    replaces. The shared bake cache keeps it under these answers: bake the locked kind with ``aimskit new``."""
    with environment(AIMSKIT_NO_LOCK="1"):
        return bake(require_hashes=True, **answers)
