"""What "met" means: for each item of documented information, the checks that must all hold and
the definition in words that the report, the site and docs/readiness.md state.

Common to every item (see :func:`aimskit.readiness.documented.documented_information`):
example records (``example: true``) are never seen, template placeholders never count, and an
item with an open nonconformity against its clause or control is at most partial.
"""

from __future__ import annotations

import dataclasses
import typing as t

from aimskit.readiness import checks as c
from aimskit.readiness import checks_operation as o

DERIVED = "derived"  # the item summarises the other clause items (7.5.1)
Checks = t.Union[t.Tuple[c.Check, ...], str]


@dataclasses.dataclass(frozen=True)
class Definition:
    clause: str
    start: str  # the start of the reference item's title ("" for an Annex A control)
    checks: Checks
    met_when: str


APPROVED = "approved (status approved, approved_on not after the day assessed) by a role holding"
CONTROL_MET = ("The organisation's own SoA is approved and dated by a role holding approve-soa; it marks the "
               "control applicable and implemented and names an approved record that implements it, or evidence "
               "that exists in the repository or at a link. A draft or example SoA makes nothing met.")

DEFINITIONS: tuple[Definition, ...] = (
    Definition("4.3", "Scope", (c.scope,), "aims.yml scope.statement is written, with no template placeholder."),
    Definition("4.4", "The AI management system", (c.context, c.roles, c.policy_citing(("4", "4.4"))),
               "Context issues and interested parties are written (no placeholders), every role has a named holder "
               f"who is not a placeholder, and a policy citing clause 4 or 4.4 is {APPROVED} approve-policy."),
    Definition("5.2", "AI policy", (c.policy_citing(("5.2",), ("A.2.2",)),),
               f"A policy citing 5.2 or A.2.2 is {APPROVED} approve-policy."),
    Definition("6.1.1", "Actions taken", (c.risks_treated,), "A risk names treatment controls or actions."),
    Definition("6.1.2", "AI risk assessment process", (c.risk_method, c.risks_assessed),
               "aims.yml's risk method has scales, levels and an appetite, and a risk has been assessed."),
    Definition("6.1.3", "AI risk treatment process", (c.risk_method, c.risks_treated),
               "The risk method is complete and a risk names treatment controls or actions."),
    Definition("6.1.3", "Statement of Applicability", (c.soa_approved, c.controls_decided),
               "soa.yaml is approved and dated by a role holding approve-soa, and every Annex A control is "
               "decided (applicable true or false) with a justification that is not a placeholder."),
    Definition("6.1.3", "AI risk treatment plan", (c.risks_treated, c.treatment_plans_approved, c.acceptances),
               "Every assessed open risk has a treatment plan approved by a role holding approve-treatment or "
               "the risk acceptance authority of aims.yml (risk_method.acceptance_authority, accept-risk unless "
               "set; treatment.approved_by and approved_on), and no residual risk above appetite lacks an "
               "acceptance."),
    Definition("6.1.3", "Necessary controls", (c.soa_approved, c.controls_decided),
               "As for the Statement of Applicability: a draft SoA never makes this met."),
    Definition("6.1.4", "Results of AI system impact assessments", (c.impact_assessments,),
               "Every in-scope AI system has an impact assessment that is approved, dated (assessed) and not past "
               "its next_review."),
    Definition("6.2", "AI objectives", (c.objectives,), "An AI objective with a measure and a target that are not "
               "placeholders."),
    Definition("7.2", "Evidence of competence", (o.competence,),
               "Every holder of every role that states competence requirements has competence_evidence: a record, "
               "dated not after the day assessed, kept at a path in the repository or at a link. A role's "
               "'evidence' line only says what to look for."),
    Definition("7.5.1", "Documented information required", DERIVED, "Every other clause item is met."),
    Definition("7.5.3", "Documented information of external origin", (o.external_documents,),
               "aims.yml lists external_documents, each with a source that exists in the repository or at a link, "
               "an owner role and a reviewed date not after the day assessed."),
    Definition("8.1", "Operational records", (o.operational_records,),
               "A risk, review or nonconformity records an action that is done."),
    Definition("8.2", "Results of all AI risk assessments", (c.risks_assessed, o.risks_per_system),
               "Every in-scope AI system has an assessed risk."),
    Definition("8.3", "Results of all AI risk treatments", (o.treatment_results,),
               "Every assessed risk records an achieved residual score (residual.achieved) with every treatment "
               "action done, the effectiveness check dated and its record in the repository or at a link; or is "
               "retained with an acceptance. A target residual is a plan, not a result."),
    Definition("8.4", "Results of all AI system impact assessments", (c.impact_assessments,),
               "As for 6.1.4."),
    Definition("9.1", "Evidence of monitoring", (o.monitoring,),
               "Every AI objective has a progress entry dated not after the day assessed."),
    Definition("9.2.2", "Evidence of implementation of the audit", (o.audits,),
               "An audit is completed with a performed date not after the day assessed."),
    Definition("9.3.3", "Evidence of the results of management reviews", (o.reviews,),
               "A management review is held with a date not after the day assessed."),
    Definition("10.2", "Nature of nonconformities", (o.nonconformities,),
               "Every nonconformity records corrective actions."),
    Definition("A.2.2", "", (c.policy_citing(("5.2",), ("A.2.2",)),), "As for 5.2."),
    Definition("A.4.3", "", (o.data_sources,), "Every in-scope AI system lists its data sources and provenance."),
    Definition("A.4.6", "", (o.competence,), "As for 7.2."),
    Definition("A.5.2", "", (c.policy_citing(("6.1.4",), ("A.5.2",)),),
               f"A policy citing 6.1.4 or A.5.2 is {APPROVED} approve-policy."),
    Definition("A.5.3", "", (c.impact_assessments,), "As for 6.1.4."),
    Definition("A.6.1.2", "", (c.objectives_citing("A.6.1.2"),), "An AI objective cites A.6.1.2."),
    Definition("A.7.5", "", (o.data_sources,), "As for A.4.3."),
    Definition("A.9.3", "", (c.objectives_citing("A.9.3"),), "An AI objective cites A.9.3."),
    Definition("A.10.3", "", (o.suppliers,), "Every supplier records its due diligence."),
)


def definition_for(clause: str, item: str) -> Definition | None:
    """The definition :data:`DEFINITIONS` gives for an item, or None."""
    for entry in DEFINITIONS:
        if entry.clause == clause and item.startswith(entry.start):
            return entry
    return None
