"""The outputs the docs show are the outputs of the commands: each marked block is produced by
running its scenario on a real bake (``scripts/docs_outputs.py``, run by ``make docs``)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

import docs_outputs  # noqa: E402

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def northwind(bake) -> Path:
    return bake(organisation_name="Northwind Analytics")


def test_every_marked_output_is_what_the_command_prints(northwind):
    cache: dict[str, str] = {}
    for name in docs_outputs.PAGES:
        page = (ROOT / "docs" / name).read_text(encoding="utf-8")
        assert docs_outputs.inject(page, northwind, cache) == page, \
            f"docs/{name} shows outputs the commands no longer print: run `make docs` and commit the result"
    assert set(cache) == set(docs_outputs.SCENARIOS)  # every scenario is shown somewhere


def test_a_block_that_drifted_is_found(northwind):
    page = "<!-- output: fresh-validate -->\n```console\n$ aimskit validate\n44 files checked: 0 errors, 0 warnings\n```\n"
    assert "0 errors, 0 warnings" not in docs_outputs.inject(page, northwind)
