"""Rules never crash on records that failed their schema: wrong types, missing fields, empties."""

from __future__ import annotations

import copy
import datetime as dt
import typing as t
from pathlib import Path

import pytest
from mini_repos import build_repository

from aimskit import rules
from aimskit.records.model import Repository, load_repository

ODD_VALUES: list[t.Any] = [None, 0, True, "x", "", [], {}, [None], [{}], ["x"], {"x": 1}, [[1]]]


@pytest.fixture(scope="module")
def loaded(tmp_path_factory: pytest.TempPathFactory) -> Repository:
    return load_repository(build_repository(tmp_path_factory.mktemp("robust") / "aims"))


def _paths(data: t.Any, prefix: tuple = ()) -> t.Iterator[tuple]:
    """Every path into ``data`` (keys and list indexes), parents before children."""
    if isinstance(data, dict):
        for key, value in data.items():
            yield (*prefix, key)
            yield from _paths(value, (*prefix, key))
    elif isinstance(data, list):
        for index, value in enumerate(data[:2]):
            yield (*prefix, index)
            yield from _paths(value, (*prefix, index))


def _replace(data: t.Any, path: tuple, value: t.Any) -> t.Any:
    data = copy.deepcopy(data)
    node = data
    for part in path[:-1]:
        node = node[part]
    node[path[-1]] = value
    return data


def test_rules_survive_any_value_anywhere(loaded: Repository) -> None:
    options = rules.Options(today=dt.date(2026, 6, 1))
    checked = 0
    for records in loaded.records.values():
        for record in records:
            original = record.document.data
            for path in _paths(original):
                for value in ODD_VALUES:
                    record.document.data = _replace(original, path, value)
                    record.schema_valid = False
                    for finding in rules.check(loaded.snapshot(), options):
                        assert finding.line >= 1 and finding.column >= 1 and finding.code.startswith("AIMS")
                    checked += 1
            record.document.data, record.schema_valid = original, True
    assert checked > 1000


def test_rules_survive_an_empty_repository(tmp_path: Path) -> None:
    (tmp_path / "aims.yml").write_text("{}\n", encoding="utf-8")
    findings = rules.check(load_repository(tmp_path), rules.Options())
    assert [f.code for f in findings] == ["AIMS401"]

