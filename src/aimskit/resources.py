"""Where the bundled schemas, template and reference data are, installed or in a checkout."""

from __future__ import annotations

import functools
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent
_CHECKOUT = _PACKAGE.parent.parent


def _first_existing(*candidates: Path) -> Path:
    for candidate in candidates:
        if candidate.exists():
            return candidate
    raise FileNotFoundError(f"aimskit is incompletely installed: none of {', '.join(map(str, candidates))} exists")


@functools.lru_cache(maxsize=None)
def schemas_dir() -> Path:
    """The JSON Schemas: bundled in the wheel, or the checkout's top-level schemas/."""
    return _first_existing(_PACKAGE / "_bundled" / "template" / "schemas", _CHECKOUT / "schemas")


@functools.lru_cache(maxsize=None)
def template_dir() -> Path:
    """The cookiecutter template root (the folder holding cookiecutter.json)."""
    bundled = _PACKAGE / "_bundled" / "template"
    return bundled if (bundled / "cookiecutter.json").exists() else _first_existing(_CHECKOUT / "cookiecutter.json").parent


def reference_file() -> Path:
    return _PACKAGE / "reference" / "iso42001.yaml"


def ai_catalogue_file() -> Path:
    """The catalogue of AI packages and hosted model names that ``aimskit scan`` recognises."""
    return _PACKAGE / "reference" / "ai_catalogue.yaml"
