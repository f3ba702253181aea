"""Records loaded without their node trees (as ``aimskit diff`` loads the head) give the same
positions and the same findings as records that keep them."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import yaml
from mini_repos import EXAMPLES, build_repository

from aimskit import rules
from aimskit.records.model import load_repository

CASES = sorted(path for path in EXAMPLES.iterdir() if path.is_dir() and not path.name.startswith("_"))
OPTIONS = rules.Options(today=dt.date(2026, 6, 1))


def _paths(data, prefix=()):
    """Every path into ``data``, keys and list items included."""
    yield prefix
    if isinstance(data, dict):
        for key, value in data.items():
            yield from _paths(value, (*prefix, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from _paths(value, (*prefix, index))


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_the_same_findings_without_node_trees(case: Path, tmp_path: Path) -> None:
    spec = yaml.safe_load((case / "expect.yaml").read_text(encoding="utf-8"))
    root = build_repository(tmp_path / "aims", case, spec.get("remove", []), spec.get("stamp", True))
    kept, let_go = load_repository(root), load_repository(root, keep_nodes=False)
    assert let_go.findings == kept.findings
    assert rules.check(let_go, OPTIONS) == rules.check(kept, OPTIONS)


def test_positions_are_composed_again_when_asked_for(tmp_path: Path) -> None:
    root = build_repository(tmp_path / "aims")
    kept, let_go = load_repository(root), load_repository(root, keep_nodes=False)
    pairs = list(zip(kept.all_records(), let_go.all_records()))
    assert pairs and all(a.path == b.path for a, b in pairs)
    assert all(b.document._node is None for _, b in pairs)  # nothing composed until a position is asked for
    for a, b in pairs:
        for path in _paths(a.data):
            assert b.document.position(path) == a.document.position(path), (a.path, path)
            if path and isinstance(path[-1], str):
                assert b.document.key_position(path[:-1], path[-1]) == a.document.key_position(path[:-1], path[-1])
