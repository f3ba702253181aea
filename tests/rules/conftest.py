"""Fixtures for the rule tests."""

from __future__ import annotations

from pathlib import Path

import pytest
from mini_repos import build_repository


@pytest.fixture
def base_repository(tmp_path: Path) -> Path:
    """A clean, complete mini AIMS repository."""
    return build_repository(tmp_path / "aims")
