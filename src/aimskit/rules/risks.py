"""Risk rules: scores on the manifest's scales, acceptance above appetite, a coherent method."""

from __future__ import annotations

import typing as t

from aimskit.governance.fields import field
from aimskit.governance.scoring import Level, RiskMethod, inherent_score, residual_score
from aimskit.records import kinds
from aimskit.records.findings import Finding
from aimskit.records.model import Record, Repository
from aimskit.rules._common import at, authorities_by_role, manifest_record, risk_method
from aimskit.rules.registry import Options, record_rule, rule

SCORED = (("likelihood",), ("impact",), ("residual", "likelihood"), ("residual", "impact"))


def _scaled_method(repository: Repository) -> RiskMethod | None:
    """The risk method when it has both scales, else None."""
    method = risk_method(repository)
    return method if method is not None and method.likelihood and method.impact else None


@record_rule(kinds.RISK, context=_scaled_method)
def scores_on_scale(risk: Record, method: RiskMethod | None, options: Options) -> t.Iterator[Finding]:
    """AIMS412: likelihood and impact (inherent and residual) are values of the manifest's scales."""
    if method is None:
        return
    for path in SCORED:
        value, scale = field(risk.data, *path), getattr(method, path[-1])
        if isinstance(value, int) and not isinstance(value, bool) and value not in scale:
            yield at(risk, path, "AIMS412", f"{'.'.join(path)} {value} is not on the {path[-1]} scale",
                     f"the scale in aims.yml risk_method has {', '.join(map(str, scale))}")


@record_rule(kinds.RISK)
def residual_not_above_inherent(risk: Record, context: None, options: Options) -> t.Iterator[Finding]:
    """AIMS414: treatment does not make a risk worse."""
    inherent = inherent_score(risk.data)
    residual = residual_score(risk.data) if isinstance(risk.data.get("residual"), dict) else None
    if inherent is not None and residual is not None and residual > inherent:
        yield at(risk, ("residual",), "AIMS414",
                 f"residual score {residual} is higher than the inherent score {inherent}",
                 "residual is the risk after treatment; check both likelihood and impact")


def _method_with_appetite(repository: Repository) -> RiskMethod | None:
    """The risk method when it sets an appetite, else None."""
    method = risk_method(repository)
    return method if method is not None and method.appetite > 0 else None


@record_rule(kinds.RISK, context=_method_with_appetite)
def accepted_above_appetite(risk: Record, method: RiskMethod | None, options: Options) -> t.Iterator[Finding]:
    """AIMS407: a residual score above appetite has a formal acceptance."""
    if method is None or not method.needs_acceptance(risk.data):
        return
    assessed = isinstance(risk.data.get("residual"), dict)
    score_text = (f"residual score {residual_score(risk.data)}" if assessed
                  else f"inherent score {residual_score(risk.data)} (no residual is recorded)")
    where = ("residual",) if "residual" in risk.data else ("likelihood",)
    yield at(risk, where, "AIMS407",
             f"{score_text} is above the risk appetite {method.appetite} and is not accepted",
             "treat the risk further, or record acceptance: {by: <role>, date: YYYY-MM-DD, rationale: ...}")


def _acceptance_authority(repository: Repository) -> tuple[str, dict[str, tuple[t.Any, ...]]]:
    """The authority accepting a risk takes, and each role's authorities."""
    method = risk_method(repository)
    return method.acceptance_authority if method else "accept-risk", authorities_by_role(repository)


@record_rule(kinds.RISK, context=_acceptance_authority)
def acceptance_by_authority(risk: Record, context: tuple[str, dict[str, tuple[t.Any, ...]]],
                            options: Options) -> t.Iterator[Finding]:
    """AIMS408: the role accepting a risk holds the acceptance authority."""
    authority, authorities = context
    by = field(risk.data, "acceptance", "by")
    held = authorities.get(by) if isinstance(by, str) else None
    if held is not None and authority not in held:
        holders = [role_id for role_id, other in authorities.items() if authority in other]
        yield at(risk, ("acceptance", "by"), "AIMS408", f"role '{by}' does not hold the '{authority}' authority",
                 f"roles with it: {', '.join(sorted(holders))}" if holders
                 else f"add '{authority}' to the authorities of the role that accepts risks")


@record_rule(kinds.RISK)
def accepted_status_has_acceptance(risk: Record, context: None, options: Options) -> t.Iterator[Finding]:
    """AIMS416: a risk with status accepted records who accepted it."""
    if risk.data.get("status") == "accepted" and not isinstance(risk.data.get("acceptance"), dict):
        yield at(risk, ("status",), "AIMS416", "status is 'accepted' but there is no acceptance",
                 "record acceptance: {by: <role>, date: YYYY-MM-DD, rationale: ...}")


@rule
def levels_cover_scores(repository: Repository, options: Options) -> t.Iterator[Finding]:
    """AIMS413: the risk levels cover every score from 1 to the highest, once each."""
    manifest, method = manifest_record(repository), risk_method(repository)
    if manifest is None or method is None or not method.levels or not method.likelihood or not method.impact:
        return
    top = max(method.likelihood) * max(method.impact)
    for message in _coverage_problems(method.levels, top):
        yield at(manifest, ("risk_method", "levels"), "AIMS413", message,
                 f"levels must cover each score from 1 to {top} (likelihood × impact) exactly once")


@rule
def matrix_matches_scales(repository: Repository, options: Options) -> t.Iterator[Finding]:
    """AIMS418: the matrix size (e.g. 5x5) matches the number of likelihood and impact values."""
    manifest, method = manifest_record(repository), risk_method(repository)
    matrix = field(repository.manifest, "risk_method", "matrix")
    if manifest is None or method is None or not isinstance(matrix, str) or matrix.count("x") != 1:
        return
    rows, _, columns = matrix.partition("x")
    if (rows, columns) != (str(len(method.likelihood)), str(len(method.impact))):
        yield at(manifest, ("risk_method", "matrix"), "AIMS418",
                 f"matrix is {matrix} but the scales have {len(method.likelihood)} likelihood "
                 f"and {len(method.impact)} impact values", "make the matrix size match the scales")


def _coverage_problems(levels: t.Sequence[Level], top: int) -> t.Iterator[str]:
    covered, last = 0, None
    for level in sorted((lv for lv in levels if lv.low <= lv.high), key=lambda lv: (lv.low, lv.high)):
        if level.low > covered + 1 and covered < top:
            yield f"no risk level covers {_span(covered + 1, min(level.low - 1, top))}"
        if level.low <= covered and last is not None:
            yield f"levels '{last.name}' and '{level.name}' overlap on {_span(level.low, min(level.high, covered))}"
        if level.high > covered:
            covered, last = level.high, level
    if covered < top:
        yield f"no risk level covers {_span(covered + 1, top)}"


def _span(low: int, high: int) -> str:
    return f"score {low}" if low == high else f"scores {low}-{high}"


@record_rule(kinds.RISK)
def systems_or_organisation_wide(risk: Record, context: None, options: Options) -> t.Iterator[Finding]:
    """AIMS981: a risk names the AI systems it concerns, or is organisation_wide (not both, not neither)."""
    names_systems = "systems" in risk.data
    if names_systems and "organisation_wide" in risk.data:
        yield at(risk, ("organisation_wide",), "AIMS981", "a risk of named AI systems is not also organisation-wide",
                 "remove organisation_wide, or remove systems if the risk concerns the whole organisation")
    elif not names_systems and "organisation_wide" not in risk.data:
        yield at(risk, (), "AIMS981", "the risk names no AI systems",
                 "list the systems it concerns (systems: [SYS-001]), or set organisation_wide: true "
                 "for a risk of the whole organisation")
