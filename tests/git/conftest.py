"""The ``gov`` fixture: a small, valid AIMS committed to a real git repository."""

from __future__ import annotations

from pathlib import Path

import pytest
from govrepo import GovRepo, build_aims


@pytest.fixture
def gov(tmp_path: Path) -> GovRepo:
    """A git repository with one commit of a valid AIMS on main."""
    repo = GovRepo(tmp_path / "aims")
    build_aims(repo)
    repo.commit("Start the AIMS")
    return repo


@pytest.fixture
def fake_host():
    """A local code host replaying GitHub's and GitLab's REST JSON (no network)."""
    from fakehost import FakeHost

    host = FakeHost()
    yield host
    host.close()
