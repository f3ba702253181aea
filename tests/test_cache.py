"""The digest-keyed cache: the fast validators and the reference data are built once per content."""

from __future__ import annotations

import pytest

from aimskit import cache
from aimskit.records import compiled, schemas


@pytest.fixture
def cache_folder(tmp_path, monkeypatch):
    monkeypatch.setenv(cache.CACHE_VARIABLE, str(tmp_path / "cache"))
    return tmp_path / "cache"


def test_a_value_is_built_once_then_read(cache_folder):
    builds = []

    def build():
        builds.append(1)
        return {"built": len(builds)}

    assert cache.cached("things", "x", [b"content"], build) == {"built": 1}
    assert cache.cached("things", "x", [b"content"], build) == {"built": 1}
    assert cache.cached("things", "x", [b"changed"], build) == {"built": 2}  # a new digest is a miss
    assert len(builds) == 2
    assert len(list((cache_folder / "things").glob("x-*.bin"))) == 2


def test_a_damaged_entry_is_rebuilt(cache_folder):
    cache.cached("things", "x", [b"content"], lambda: [1, 2])
    entry = cache.entry("things", "x", [b"content"])
    entry.write_bytes(b"garbage")
    assert cache.cached("things", "x", [b"content"], lambda: [3]) == [3]
    entry.write_bytes(entry.read_bytes()[:-3])  # truncated
    assert cache.cached("things", "x", [b"content"], lambda: [4]) == [4]


def test_an_unwritable_cache_only_costs_the_build(tmp_path, monkeypatch):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    monkeypatch.setenv(cache.CACHE_VARIABLE, str(blocker / "cache"))
    assert cache.cached("things", "x", [b"content"], lambda: "value") == "value"


def test_boundaries_between_sources_count():
    assert cache.digest(b"ab", b"c") != cache.digest(b"a", b"bc")


def test_a_cached_validator_checks_like_a_fresh_one(cache_folder):
    sources = [(schemas.schemas_dir() / name).read_bytes() for name in ("risk.schema.json", schemas.COMMON)]
    built = compiled.validator("risk.schema.json", sources, lambda: schemas._inline_common(
        schemas.load_schema("risk.schema.json")))
    entries = list((cache_folder / "validators").glob("risk-*.bin"))
    assert len(entries) == 1

    def boom():
        raise AssertionError("the schema was compiled again")

    cached = compiled.validator("risk.schema.json", sources, boom)
    for check in (built, cached):
        with pytest.raises(Exception, match="must contain"):
            check({"id": "RISK-1"})
