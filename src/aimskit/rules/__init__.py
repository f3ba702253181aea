"""Cross-file rules: small functions over a loaded repository, each yielding findings with codes.

Codes: AIMS2xx identity and references, AIMS4xx ISO/IEC 42001 consistency, AIMS5xx review
dates, to-do markers and placeholders, AIMS6xx CODEOWNERS, AIMS7xx approvals, AIMS99x change notes. :data:`RULES` lists every
rule, topic by topic.
"""

from __future__ import annotations

import typing as t

from aimskit.records.findings import Finding
from aimskit.records.model import Repository
from aimskit.rules import (
    approvals,
    catalogue,
    changes,
    codeowners,
    evidence,
    governance,
    identity,
    placeholders,
    references,
    registry,
    reviews,
    risks,
    soa,
    starter_text,
    systems,
    todo,
    treatment,
)
from aimskit.rules.registry import Options, Rule, rule

#: Every rule, in the order their findings are produced (findings are sorted afterwards).
RULES: tuple[Rule, ...] = registry.collect(
    (identity, references, catalogue, evidence, governance, reviews, todo, risks, soa, systems, codeowners,
     placeholders, treatment, approvals, starter_text, changes))


def check(repository: Repository, options: Options | None = None,
          rules: t.Sequence[Rule] | None = None) -> list[Finding]:
    """Every finding of ``rules`` (by default :data:`RULES`) on ``repository``."""
    return registry.run(RULES if rules is None else rules, repository, options)


def descriptions() -> dict[str, str]:
    """What each rule code checks (``{"AIMS203": "...", ...}``)."""
    return registry.describe(RULES)


__all__ = ["RULES", "Options", "Rule", "check", "descriptions", "rule"]
