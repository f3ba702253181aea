from __future__ import annotations

from pathlib import Path

import pytest

from aimskit.errors import NotARepositoryError
from aimskit.records import kinds
from aimskit.records.model import find_root, load_repository

ROLE = """id: ml-lead
title: ML lead
responsibilities: [Own the models]
authorities: [approve-policy]
holders:
  - name: Sam
    handle: "@sam"
"""


def write(root: Path, path: str, text: str) -> None:
    target = root / path
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")


def test_find_root_walks_upwards(tmp_path):
    write(tmp_path, "aims.yml", "schema_version: '1'\n")
    (tmp_path / "risks").mkdir()
    assert find_root(tmp_path / "risks") == tmp_path.resolve()


def test_find_root_outside_a_repository(tmp_path):
    with pytest.raises(NotARepositoryError, match="no aims.yml"):
        find_root(tmp_path)


def test_loads_records_by_kind_and_keeps_going_after_bad_files(tmp_path):
    write(tmp_path, "aims.yml", "schema_version: '1'\n")
    write(tmp_path, "roles/ml-lead.yaml", ROLE)
    write(tmp_path, "roles/broken.yaml", "id: broken\nid: again\n")
    write(tmp_path, "roles/list.yaml", "- not a mapping\n")
    write(tmp_path, "risks/notes.txt", "stray\n")
    repository = load_repository(tmp_path)
    assert [r.id for r in repository.of(kinds.ROLE)] == ["ml-lead"]
    assert repository.roles["ml-lead"].schema_valid
    codes = {(f.path, f.code) for f in repository.findings}
    assert ("roles/broken.yaml", "AIMS101") in codes
    assert ("roles/list.yaml", "AIMS107") in codes
    assert ("risks/notes.txt", "AIMS108") in codes
    assert repository.manifest == {"schema_version": "1"}


def test_schema_findings_mark_records_invalid_but_keep_them(tmp_path):
    write(tmp_path, "aims.yml", "schema_version: '1'\n")
    write(tmp_path, "roles/ml-lead.yaml", ROLE.replace("title: ML lead", "titel: ML lead"))
    repository = load_repository(tmp_path)
    (record,) = repository.of(kinds.ROLE)
    assert not record.schema_valid
    found = {(f.code, f.line) for f in repository.findings if f.path == "roles/ml-lead.yaml"}
    assert ("AIMS302", 2) in found and ("AIMS301", 1) in found


def test_index_excludes_roles_and_keeps_the_first_of_a_duplicate(tmp_path):
    write(tmp_path, "aims.yml", "schema_version: '1'\n")
    write(tmp_path, "objectives/OBJ-001.yaml", "id: OBJ-001\n")
    write(tmp_path, "objectives/OBJ-002.yaml", "id: OBJ-001\n")
    write(tmp_path, "roles/ml-lead.yaml", ROLE)
    repository = load_repository(tmp_path)
    assert list(repository.index) == ["OBJ-001"]
    assert repository.index["OBJ-001"].path == "objectives/OBJ-001.yaml"
