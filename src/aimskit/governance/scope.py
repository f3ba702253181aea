"""Which AI systems are live and which fall inside the AIMS scope (clause 4.3)."""

from __future__ import annotations

from aimskit.governance.fields import mapping, text
from aimskit.records import kinds
from aimskit.records.model import Record, Repository


def is_live(system: Record) -> bool:
    """A system that is not retired."""
    return text(system.data, "lifecycle_stage") != "retired"


def in_scope(system: Record, repository: Repository) -> bool:
    """Live, not marked ``in_scope: false``, and listed in ``scope.in_scope_systems`` when aims.yml lists any.

    An explicit ``in_scope: false`` on the system wins over the manifest's list.
    """
    if not is_live(system) or not isinstance(system.data, dict) or system.data.get("in_scope") is False:
        return False
    listed = _listed(repository)
    return listed is None or system.id in listed


def in_scope_systems(repository: Repository) -> list[Record]:
    """The systems inside the AIMS scope, in inventory order."""
    return [system for system in repository.of(kinds.SYSTEM) if in_scope(system, repository)]


def is_high_risk(system: Record) -> bool:
    """EU AI Act tier ``high``."""
    return text(mapping(system.data, "eu_ai_act"), "tier") == "high"


def needs_impact_assessment(system: Record, repository: Repository) -> bool:
    """A live system that is in scope or high-risk: it needs a current impact assessment."""
    return is_live(system) and (in_scope(system, repository) or is_high_risk(system))


def _listed(repository: Repository) -> set[str] | None:
    """The ids aims.yml lists as in scope, or None when it keeps no list."""
    listed = mapping(repository.manifest, "scope").get("in_scope_systems")
    return set(map(str, listed)) if isinstance(listed, list) else None
