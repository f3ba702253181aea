"""The record kinds of an AIMS repository: where their files live and which schema checks them."""

from __future__ import annotations

import typing as t


class Kind(t.NamedTuple):
    """A kind of record: its name (= schema name), file glob, id prefix and file format."""

    name: str
    glob: str
    prefix: str | None
    markdown: bool = False
    singleton: bool = False
    title: str = ""

    @property
    def schema(self) -> str:
        return f"{self.name}.schema.json"


MANIFEST = Kind("manifest", "aims.yml", None, singleton=True, title="Manifest")
POLICY = Kind("policy", "policies/*.md", "POL", markdown=True, title="Policies")
ROLE = Kind("role", "roles/*.yaml", None, title="Roles")
SYSTEM = Kind("system", "systems/*.yaml", "SYS", title="AI systems")
RISK = Kind("risk", "risks/*.yaml", "RISK", title="Risks")
IMPACT_ASSESSMENT = Kind("impact-assessment", "impact-assessments/*.md", "AIA", markdown=True, title="Impact assessments")
SOA = Kind("soa", "soa.yaml", None, singleton=True, title="Statement of Applicability")
OBJECTIVE = Kind("objective", "objectives/*.yaml", "OBJ", title="Objectives")
SUPPLIER = Kind("supplier", "suppliers/*.yaml", "SUP", title="Suppliers")
AUDIT = Kind("audit", "records/audits/*.yaml", "AUD", title="Internal audits")
MANAGEMENT_REVIEW = Kind("management-review", "records/management-reviews/*.yaml", "MR", title="Management reviews")
NONCONFORMITY = Kind("nonconformity", "records/nonconformities/*.yaml", "NC", title="Nonconformities")

ALL: tuple[Kind, ...] = (MANIFEST, POLICY, ROLE, SYSTEM, RISK, IMPACT_ASSESSMENT, SOA, OBJECTIVE,
                         SUPPLIER, AUDIT, MANAGEMENT_REVIEW, NONCONFORMITY)
BY_NAME = {kind.name: kind for kind in ALL}
BY_PREFIX = {kind.prefix: kind for kind in ALL if kind.prefix}


def kind_of_id(record_id: str) -> Kind | None:
    """The kind whose id prefix ``record_id`` carries (``RISK-001`` → risk)."""
    prefix, _, _ = record_id.partition("-")
    return BY_PREFIX.get(prefix)
