"""Which AI systems are live, inside the AIMS scope, and in need of an impact assessment
(aimskit.governance.scope)."""

from __future__ import annotations

import typing as t
from pathlib import Path

import pytest

from aimskit.governance import scope
from aimskit.records import kinds
from aimskit.records.document import Document
from aimskit.records.model import Record, Repository


def _system(record_id: str, tier: str = "minimal", **data: t.Any) -> Record:
    return Record(kinds.SYSTEM, Document(f"systems/{record_id}.yaml",
                                         {"id": record_id, "eu_ai_act": {"tier": tier}} | data, None))


def _repository(systems: list[Record], listed: t.Any = None) -> Repository:
    manifest = {"scope": {"statement": "All."} | ({"in_scope_systems": listed} if listed is not None else {})}
    return Repository(Path("."), {kinds.SYSTEM.name: systems,
                                  kinds.MANIFEST.name: [Record(kinds.MANIFEST, Document("aims.yml", manifest, None))]})


@pytest.mark.parametrize(("stage", "live"), [("operation", True), (None, True), ("retired", False),
                                             (" retired ", False), ("decommissioning", True)])
def test_a_system_is_live_until_retired(stage: str | None, live: bool) -> None:
    assert scope.is_live(_system("SYS-001", lifecycle_stage=stage)) is live


def test_without_a_list_every_live_system_not_marked_out_is_in_scope() -> None:
    systems = [_system("SYS-001"), _system("SYS-002", in_scope=False), _system("SYS-003", lifecycle_stage="retired"),
               _system("SYS-004", in_scope=True), _system("SYS-005", in_scope=None), _system("SYS-006", in_scope="no")]
    repository = _repository(systems)
    assert [s.id for s in scope.in_scope_systems(repository)] == ["SYS-001", "SYS-004", "SYS-005", "SYS-006"]


def test_a_list_in_aims_yml_limits_the_scope_and_in_scope_false_wins() -> None:
    systems = [_system("SYS-001"), _system("SYS-002", in_scope=False), _system("SYS-003"),
               _system("SYS-004", lifecycle_stage="retired")]
    repository = _repository(systems, ["SYS-002", "SYS-003", "SYS-004"])
    assert [s.id for s in scope.in_scope_systems(repository)] == ["SYS-003"]
    assert scope.in_scope_systems(_repository(systems, [])) == []
    assert [s.id for s in scope.in_scope_systems(_repository(systems, "SYS-001"))] == ["SYS-001", "SYS-003"]


def test_a_system_that_is_not_a_mapping_is_never_in_scope() -> None:
    broken = Record(kinds.SYSTEM, Document("systems/SYS-009.yaml", ["not", "a", "mapping"], None))
    assert not scope.in_scope(broken, _repository([broken]))


@pytest.mark.parametrize(("system", "listed", "needs"), [
    (_system("SYS-001", "high"), ["SYS-002"], True),
    (_system("SYS-001", "high", in_scope=False), None, True),
    (_system("SYS-001", "minimal"), None, True),
    (_system("SYS-001", "minimal"), ["SYS-002"], False),
    (_system("SYS-001", "limited", in_scope=False), None, False),
    (_system("SYS-001", "prohibited", in_scope=False), None, False),
    (_system("SYS-001", "high", lifecycle_stage="retired"), None, False),
])
def test_a_live_system_in_scope_or_high_risk_needs_an_impact_assessment(system: Record, listed: t.Any,
                                                                        needs: bool) -> None:
    assert scope.is_high_risk(system) is (system.data["eu_ai_act"]["tier"] == "high")
    assert scope.needs_impact_assessment(system, _repository([system], listed)) is needs
