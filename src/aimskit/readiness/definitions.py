"""What "met" means: for each item of documented information, the checks that must all hold and
the definition in words that the report, the site and docs/readiness.md state.

Common to every item (see :func:`aimskit.readiness.documented.documented_information`):
example records (``example: true``) are never seen, template placeholders never count, and an
item with an open nonconformity against its clause or control is at most partial.

The words used below mean what an auditor accepts (:class:`aimskit.readiness.facts.Facts`):

- an **approval counts** when the record is approved, ``approved_on`` is not after the day
  assessed, its recorded digest matches its text, and the approving role holds the authority and
  has a holder who names a person (not placeholder text, not the template's default lead);
- an audit, review or assessment is **within its cycle** when it was held no longer ago than the
  review cycle of aims.yml, or its own ``next_review`` has not passed;
- **evidence** is a path to a file or folder in the repository (not its root, not a root file such
  as README.md) or an external reference with a url, a description and a date; a bare link is only
  claimed;
- a **risk** counts only when its owner role has a holder who names a person;
- **implementation evidence** is evidence of operation: a file or external reference as above (not
  a policy's text), or an approved impact assessment or completed audit, within its cycle, that
  names the control.
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


APPROVED = ("approved with an approval that counts (approved_on not after the day assessed, the recorded digest "
            "matching the text, the approver role having a holder who names a person) by a role holding")
CONTROL_MET = ("The organisation's own SoA has an approval that counts (approved, dated, digest matching, approved by "
               "a role holding approve-soa that has a holder who names a person); it marks the control applicable "
               "and implemented; and implementation evidence backs it: a file in the repository (not its root, not "
               "README, not a policy's text), an external reference with url, description and date, or an approved "
               "impact assessment or completed audit within its cycle that names the control. An approved policy "
               "alone says the rule exists, not that it is followed. A draft or example SoA makes nothing met.")

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
               "soa.yaml has an approval that counts (dated, digest matching, by a role holding approve-soa that has "
               "a holder who names a person), and every Annex A control is decided (applicable true or false) with "
               "a justification that is neither a placeholder nor the template's guidance text."),
    Definition("6.1.3", "AI risk treatment plan", (c.risks_treated, c.treatment_plans_approved, c.acceptances),
               "Every assessed open risk has a treatment plan approved by a role holding approve-treatment or "
               "the risk acceptance authority of aims.yml (risk_method.acceptance_authority, accept-risk unless "
               "set; treatment.approved_by and approved_on), and no residual risk above appetite lacks an "
               "acceptance."),
    Definition("6.1.3", "Necessary controls", (c.soa_approved, c.controls_decided),
               "As for the Statement of Applicability: a draft SoA never makes this met."),
    Definition("6.1.4", "Results of AI system impact assessments", (c.impact_assessments,),
               "Every in-scope AI system has an impact assessment whose approval counts (by a role holding "
               "approve-impact-assessment with a holder who names a person, digest matching) and that is within its "
               "cycle: assessed not after the day assessed and its next_review not passed."),
    Definition("6.2", "AI objectives", (c.objectives,), "An AI objective with a measure, a measurable target (a "
               "number or a date) and an owner role that has a holder who names a person, none of it placeholder "
               "text."),
    Definition("7.2", "Evidence of competence", (o.competence,),
               "Every holder of every role that states competence requirements has competence_evidence: a record, "
               "dated not after the day assessed, kept at a path in the repository (not its root or README) or at an "
               "external reference with url, description and date; a bare link is only claimed. A role's "
               "'evidence' line only says what to look for."),
    Definition("7.5.1", "Documented information required", DERIVED, "Every other clause item is met."),
    Definition("7.5.3", "Documented information of external origin", (o.external_documents,),
               "aims.yml lists external_documents, each with a source that is evidence (a file in the repository, "
               "not its root or README, or an external reference with url, description and date), an owner role "
               "and a reviewed date not after the day assessed."),
    Definition("8.1", "Operational records", (o.operational_records,),
               "A risk or nonconformity owned by a role with a holder who names a person, or a management review "
               "held within its cycle, records an action that is done."),
    Definition("8.2", "Results of all AI risk assessments", (c.risks_assessed, o.risks_per_system),
               "Every in-scope AI system has an assessed risk."),
    Definition("8.3", "Results of all AI risk treatments", (o.treatment_results,),
               "Every assessed risk records an achieved residual score (residual.achieved) with every treatment "
               "action done, the effectiveness check dated and its record as evidence (a file in the repository or an "
               "external reference with url, description and date); or is "
               "retained with an acceptance. A target residual is a plan, not a result."),
    Definition("8.4", "Results of all AI system impact assessments", (c.impact_assessments,),
               "As for 6.1.4."),
    Definition("9.1", "Evidence of monitoring", (o.monitoring,),
               "Every AI objective counts (as for 6.2) and has a progress entry dated not after the day assessed."),
    Definition("9.2.2", "Evidence of implementation of the audit", (o.audits,),
               "An audit is completed within its cycle (performed not after the day assessed and no longer ago than "
               "the review cycle of aims.yml) and records its findings or a report that is evidence."),
    Definition("9.3.3", "Evidence of the results of management reviews", (o.reviews,),
               "A management review is held within its cycle (dated not after the day assessed and no longer ago "
               "than the review cycle of aims.yml) and records its decisions."),
    Definition("10.2", "Nature of nonconformities", (o.nonconformities,),
               "Every nonconformity records corrective actions and an owner role that has a holder who names a "
               "person."),
    Definition("A.2.2", "", (c.policy_citing(("5.2",), ("A.2.2",)),), "As for 5.2."),
    Definition("A.4.3", "", (o.data_sources,), "Every in-scope AI system lists its data sources and provenance."),
    Definition("A.4.6", "", (o.competence,), "As for 7.2."),
    Definition("A.5.2", "", (c.policy_citing(("6.1.4",), ("A.5.2",)),),
               f"A policy citing 6.1.4 or A.5.2 is {APPROVED} approve-policy."),
    Definition("A.5.3", "", (c.impact_assessments,), "As for 6.1.4."),
    Definition("A.6.1.2", "", (c.objectives_citing("A.6.1.2"),), "An AI objective that counts (as for 6.2) cites "
               "A.6.1.2."),
    Definition("A.7.5", "", (o.data_sources,), "As for A.4.3."),
    Definition("A.9.3", "", (c.objectives_citing("A.9.3"),), "An AI objective that counts (as for 6.2) cites A.9.3."),
    Definition("A.10.3", "", (o.suppliers,), "Every supplier records its due diligence with an outcome, last "
               "assessed within its cycle (the review cycle of aims.yml, or the supplier's next_review)."),
)


def definition_for(clause: str, item: str) -> Definition | None:
    """The definition :data:`DEFINITIONS` gives for an item, or None."""
    for entry in DEFINITIONS:
        if entry.clause == clause and item.startswith(entry.start):
            return entry
    return None
