"""Cross-file rules: small functions over a loaded repository, each yielding findings with codes.

Codes: AIMS2xx identity and references, AIMS4xx ISO/IEC 42001 consistency, AIMS5xx review
dates, AIMS6xx CODEOWNERS, AIMS7xx starter content. Importing this package registers every rule.
"""

from __future__ import annotations

from aimskit.rules import (  # noqa: F401  (importing a topic registers its rules)
    catalogue,
    codeowners,  # noqa: F401,E402  (AIMS601)
    evidence,
    governance,
    identity,
    placeholders,
    references,
    reviews,
    risks,
    treatment,
    soa,
    systems,
)
from aimskit.rules.registry import RULES, Options, Rule, check, descriptions, rule

__all__ = ["RULES", "Options", "Rule", "check", "descriptions", "rule"]
