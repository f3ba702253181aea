"""Which requirement line a generated repository gets, for each way aimskit can be installed."""

from __future__ import annotations

import hashlib
import zipfile

import pytest

from aimskit import __version__, distribution
from aimskit.errors import AimskitError


def test_from_an_index_it_is_a_version_pin():
    choice = distribution.choose(distribution.Origin("index"))
    assert choice.line == f"aimskit=={__version__}"
    assert choice.wheel is None
    assert "package index" in choice.reason


def test_from_git_it_is_a_pin_to_the_commit():
    choice = distribution.choose(distribution.Origin("vcs", "git+https://example.org/aimskit.git", "abc123"))
    assert choice.line == "aimskit @ git+https://example.org/aimskit.git@abc123"


def test_from_a_wheel_file_the_wheel_is_vendored(tmp_path):
    wheel = tmp_path / f"aimskit-{__version__}-py3-none-any.whl"
    with zipfile.ZipFile(wheel, "w") as archive:
        archive.writestr("aimskit/__init__.py", "")
    choice = distribution.choose(distribution.Origin("wheel", str(wheel)))
    assert choice.line == f"./.aimskit/wheels/{wheel.name}"
    assert choice.wheel == wheel
    assert distribution.sha256(wheel) == hashlib.sha256(wheel.read_bytes()).hexdigest()


def test_a_vanished_wheel_or_a_remote_archive_asks_for_the_line(tmp_path):
    with pytest.raises(AimskitError, match="aimskit_requirement="):
        distribution.choose(distribution.Origin("wheel", str(tmp_path / "gone.whl")))
    with pytest.raises(AimskitError, match="aimskit_requirement="):
        distribution.choose(distribution.Origin("url", "https://example.org/aimskit.tar.gz"))


def test_this_checkout_is_a_source_install():
    assert distribution.origin().kind == "source"
