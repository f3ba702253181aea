"""Risk scores and levels from the risk method in aims.yml, and review-date checks."""

from __future__ import annotations

import datetime as dt
import typing as t


class Level(t.NamedTuple):
    name: str
    low: int
    high: int
    colour: str | None = None


class RiskMethod(t.NamedTuple):
    """The organisation's risk method: scale sizes, levels and appetite."""

    likelihood: tuple[int, ...]
    impact: tuple[int, ...]
    levels: tuple[Level, ...]
    appetite: int
    acceptance_authority: str = "accept-risk"

    @classmethod
    def from_manifest(cls, manifest: t.Mapping[str, t.Any]) -> RiskMethod:
        """The method in ``manifest``; parts that are malformed (the schema reports them) are left out."""
        method = manifest.get("risk_method") if isinstance(manifest, t.Mapping) else None
        method = method if isinstance(method, dict) else {}
        return cls(
            likelihood=tuple(_integer(entry.get("value")) for entry in _entries(method, "likelihood")),
            impact=tuple(_integer(entry.get("value")) for entry in _entries(method, "impact")),
            levels=tuple(Level(str(entry.get("name")), _integer(entry.get("min")), _integer(entry.get("max")),
                               entry.get("colour") if isinstance(entry.get("colour"), str) else None)
                         for entry in _entries(method, "levels")),
            appetite=_integer(method.get("appetite")),
            acceptance_authority=str(method.get("acceptance_authority") or "accept-risk"),
        )

    def acceptance_required(self, risk: t.Mapping[str, t.Any]) -> bool:
        """An open (not closed) risk whose residual score is above a defined appetite: it takes a
        formal acceptance, whether or not one is recorded."""
        return self.appetite > 0 and risk.get("status") != "closed" and self.above_appetite(residual_score(risk))

    def needs_acceptance(self, risk: t.Mapping[str, t.Any]) -> bool:
        """A risk that takes a formal acceptance (:meth:`acceptance_required`) and has none."""
        return self.acceptance_required(risk) and not is_accepted(risk)

    def level(self, score: int | None) -> Level | None:
        """The level whose range holds ``score``."""
        if score is None:
            return None
        for level in self.levels:
            if level.low <= score <= level.high:
                return level
        return None

    def level_name(self, score: int | None) -> str | None:
        """The name of the level whose range holds ``score``, or None."""
        level = self.level(score)
        return level.name if level else None

    def above_appetite(self, score: int | None) -> bool:
        return score is not None and score > self.appetite


def is_accepted(risk: t.Mapping[str, t.Any]) -> bool:
    """Whether the risk records an acceptance (a mapping: who, when, why; rules check its parts)."""
    return isinstance(risk.get("acceptance"), dict)


def score(likelihood: t.Any, impact: t.Any) -> int | None:
    """likelihood × impact, or None when either is not an integer."""
    if isinstance(likelihood, int) and isinstance(impact, int) and not isinstance(likelihood, bool) \
            and not isinstance(impact, bool):
        return likelihood * impact
    return None


def inherent_score(risk: t.Mapping[str, t.Any]) -> int | None:
    return score(risk.get("likelihood"), risk.get("impact"))


def residual_score(risk: t.Mapping[str, t.Any]) -> int | None:
    """The residual score, or the inherent one when no residual is recorded."""
    residual = risk.get("residual")
    if isinstance(residual, dict):
        return score(residual.get("likelihood"), residual.get("impact"))
    return inherent_score(risk)


def parse_date(value: t.Any) -> dt.date | None:
    """A YYYY-MM-DD string as a date, or None."""
    if not isinstance(value, str):
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        return None


def is_overdue(next_review: t.Any, today: dt.date) -> bool:
    due = parse_date(next_review)
    return due is not None and due < today


def _entries(method: t.Mapping[str, t.Any], key: str) -> list[t.Mapping[str, t.Any]]:
    value = method.get(key)
    return [entry for entry in value if isinstance(entry, dict)] if isinstance(value, list) else []


def _integer(value: t.Any) -> int:
    return value if isinstance(value, int) and not isinstance(value, bool) else 0
