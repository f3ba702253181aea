"""Fixtures for the hostile-input tests: a private sandbox around a copy of the default bake."""

from __future__ import annotations

from pathlib import Path

import pytest
from hostile import Sandbox, make_sandbox


@pytest.fixture
def sandbox(baked_repo: Path, tmp_path: Path) -> Sandbox:
    """The default bake copied to ``tmp_path/repo``, beside ``tmp_path/outside`` (a secret and a victim)."""
    return make_sandbox(baked_repo, tmp_path)
