"""A glossary of the words of an AI management system, in plain language (our own wording)."""

from __future__ import annotations

from aimskit.site.render import escape, links
from aimskit.site.render.tables import page

TERMS: tuple[tuple[str, str], ...] = (
    ("AI management system (AIMS)", "The policies, roles, records and routines an organisation uses to run its AI "
     "responsibly. Ours follows the international standard ISO/IEC 42001."),
    ("AI system", "Software that uses AI (for example a machine learning model or a generative AI assistant) to "
     "produce predictions, content, recommendations or decisions."),
    ("Policy", "A rule set agreed by the organisation. Each policy has an owner who maintains it and an approver "
     "who approves it."),
    ("Draft", "A document that is being written or revised. A draft is not approved and does not apply yet."),
    ("Effective date", "The date from which an approved policy applies."),
    ("Next review", "The date by which a document or record must be checked again and kept or changed."),
    ("Risk", "Something that could go wrong with an AI system, for people or for the organisation."),
    ("Likelihood", "How likely it is that a risk happens, on the scale of our risk method."),
    ("Impact", "How serious the harm would be if a risk happened, on the scale of our risk method."),
    ("Risk score", "Likelihood multiplied by impact. The score gives the risk level (for example low or high)."),
    ("Inherent risk", "The risk before any treatment."),
    ("Residual risk", "The risk that remains after its treatment."),
    ("Risk appetite", "The highest residual score the organisation takes on without a formal acceptance."),
    ("Risk acceptance", "A recorded decision, by someone with the authority to take it, to live with a risk above "
     "the appetite, with the reason why."),
    ("Risk treatment", "What is done about a risk: modify it (reduce it with controls), avoid it (stop the "
     "activity), share it (with a supplier or insurer) or retain it (keep it, knowingly)."),
    ("Control", "A measure that reduces a risk. Annex A of ISO/IEC 42001 lists 38 controls, numbered A.2.2 to "
     "A.10.4."),
    ("Statement of Applicability (SoA)", "The list of all 38 Annex A controls saying which apply to us, why, and "
     "how far each is in place."),
    ("Impact assessment", "An assessment of how an AI system could affect individuals, groups and society, and what "
     "is done about it."),
    ("Internal audit", "A planned check, by people independent of the work, that the AIMS works as described."),
    ("Management review", "A regular meeting where top management reviews how the AIMS is doing and decides on "
     "changes."),
    ("Nonconformity", "Something that does not meet a requirement, found by an audit, a review or a concern. It "
     "gets a correction and corrective actions."),
    ("Interested party", "A person or group affected by, or with a stake in, our use of AI."),
    ("EU AI Act risk tier", "The category of an AI system under the European Union's AI Act: prohibited, high-risk, "
     "limited risk (transparency duties) or minimal risk."),
    ("NIST AI RMF", "The AI Risk Management Framework of the US National Institute of Standards and Technology. "
     "Its subcategories (for example GOVERN 1.1) are mapped to ISO/IEC 42001."),
    ("Vacant", "A role that no one has been named for yet. Ask the AI governance lead instead."),
)


def anchor(term: str) -> str:
    """The anchor of a term on the glossary page."""
    return escape.slug(term.split(" (")[0])


def term_link(linker: links.Linker, term: str, label: str | None = None) -> str:
    """A link from a page to the glossary entry of ``term``."""
    return linker.to(label or term, links.GLOSSARY, anchor(term))


def render(context) -> dict[str, str]:
    parts = ["# Glossary\n", "The words used on this site, in plain language.\n"]
    for term, meaning in TERMS:
        parts.append(escape.heading(2, term, anchor(term)) + "\n")
        parts.append(escape.paragraph(meaning) + "\n")
    return {links.GLOSSARY: page("Glossary", "\n".join(parts))}
