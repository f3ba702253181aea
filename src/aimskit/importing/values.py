"""Cell values turned into record values, or refused with a reason.

Each converter returns the record value or raises :class:`Refused` with a message in words and a
hint. Nothing is guessed: a date such as 03/04/2026 (3 April or 4 March) is refused.
"""

from __future__ import annotations

import datetime as dt
import math
import re
import typing as t

from aimskit import reference


class Refused(ValueError):
    """A cell value that maps to nothing: ``message`` says why, ``hint`` how to fix it."""

    def __init__(self, message: str, hint: str | None = None) -> None:
        super().__init__(message)
        self.message, self.hint = message, hint


_FORMULA_GUARD = re.compile(r"^'(?=[=+\-@\t\r])")
_MONTHS = {name: number for number, names in enumerate(
    (("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"), ("may",), ("jun", "june"),
     ("jul", "july"), ("aug", "august"), ("sep", "sept", "september"), ("oct", "october"), ("nov", "november"),
     ("dec", "december")), start=1) for name in names}

TREATMENTS = {
    "modify": ("modify", "mitigate", "mitigation", "reduce", "reduction", "treat", "control", "remediate"),
    "avoid": ("avoid", "avoidance", "terminate", "eliminate", "stop"),
    "share": ("share", "transfer", "insure", "outsource"),
    "retain": ("retain", "accept", "acceptance", "tolerate", "take"),
}
RISK_STATUSES = {
    "identified": ("identified", "open", "new", "raised", "draft", "not started"),
    "assessed": ("assessed", "analysed", "analyzed", "evaluated"),
    "treating": ("treating", "in progress", "in treatment", "mitigating", "ongoing", "active", "wip"),
    "accepted": ("accepted", "tolerated", "retained"),
    "closed": ("closed", "resolved", "done", "complete", "completed", "mitigated", "retired"),
}
LIFECYCLE = {
    "concept": ("concept", "idea", "proposed", "planned", "inception"),
    "design": ("design",),
    "development": ("development", "build", "building", "pilot", "poc", "proof of concept", "prototype"),
    "verification": ("verification", "validation", "testing", "test", "evaluation"),
    "deployment": ("deployment", "deploying", "rollout", "roll out"),
    "operation": ("operation", "operational", "production", "live", "in use", "in production", "active"),
    "retired": ("retired", "decommissioned", "withdrawn", "sunset"),
}
TIERS = {
    "prohibited": ("prohibited", "unacceptable", "unacceptable risk"),
    "high": ("high", "high risk"),
    "limited": ("limited", "limited risk", "transparency"),
    "minimal": ("minimal", "minimal risk", "low", "low risk"),
    "not-applicable": ("not applicable", "n a", "na", "none", "out of scope"),
}
AI_ROLES = {"provider": ("provider",), "deployer": ("deployer", "user"), "both": ("both", "provider and deployer")}
# Generic words for a score, by the size of the scale.
SCALE_WORDS = {
    3: ("low", "medium", "high"),
    4: ("low", "medium", "high", "very high"),
    5: ("very low", "low", "medium", "high", "very high"),
}
SCALE_SYNONYMS = {"l": "low", "m": "medium", "med": "medium", "moderate": "medium", "h": "high",
                  "vh": "very high", "vl": "very low", "critical": "very high", "severe": "very high"}


def words(value: t.Any) -> str:
    """A cell as lower-case words (for matching spellings)."""
    return " ".join(re.findall(r"[a-z0-9]+", str(value).lower()))


def text(value: t.Any) -> str | None:
    """A cell as trimmed text (an export's defusing ' removed), or None when blank."""
    if value is None:
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, (dt.datetime, dt.date)):
        return date(value)
    result = _FORMULA_GUARD.sub("", str(value).strip())
    return result or None


def items(value: t.Any, commas: bool = True) -> list[str]:
    """A cell holding a list: items separated by ';' or new lines, or else (ids, ``commas``) by ','."""
    found = text(value)
    if found is None:
        return []
    separators = r"[;\n]" if re.search(r"[;\n]", found) or not commas else ","
    return [item.strip() for item in re.split(separators, found) if item.strip()]


def choice(value: t.Any, table: dict[str, tuple[str, ...]], what: str) -> str:
    """One of ``table``'s keys, from its own name or a common spelling."""
    spoken = words(value)
    for key, spellings in table.items():
        if spoken == words(key) or spoken in spellings:
            return key
    raise Refused(f"{what} {text(value)!r} maps to none of {', '.join(table)}",
                  f"write one of {', '.join(table)} or a common spelling of one")


def boolean(value: t.Any, what: str) -> bool:
    if isinstance(value, bool):
        return value
    spoken = words(value)
    if spoken in ("true", "yes", "y", "1", "in", "in scope", "x"):
        return True
    if spoken in ("false", "no", "n", "0", "out", "out of scope"):
        return False
    raise Refused(f"{what} {text(value)!r} is not yes or no", "write yes or no (true or false)")


DAY_FIRST, MONTH_FIRST = "day-first", "month-first"
_NUMERIC_DATE = re.compile(r"([0-9]{1,2})[/.\-]([0-9]{1,2})[/.\-]([0-9]{4})")


def date_order(cells: t.Iterable[t.Any]) -> str | None:
    """How a sheet writes numeric dates, from those that can be read only one way (31/03/2027 is
    day first, 03/31/2027 month first); None when they show neither order, or both."""
    seen = set()
    for cell in cells:
        numeric = _NUMERIC_DATE.fullmatch(str(cell).strip()) if isinstance(cell, str) else None
        if numeric:
            first, second = int(numeric[1]), int(numeric[2])
            if first > 12 >= second:
                seen.add(DAY_FIRST)
            elif second > 12 >= first:
                seen.add(MONTH_FIRST)
    return seen.pop() if len(seen) == 1 else None


def date(value: t.Any, order: str | None = None) -> str:
    """A date as YYYY-MM-DD: a date cell, an ISO date, a day and month name, or a d/m/y that is
    unambiguous, or that ``order`` (the way the rest of the sheet writes dates) settles."""
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    raw = str(value).strip()
    iso = re.fullmatch(r"([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})(?:[T ][0-9:.]+)?", raw)
    if iso:
        return _make(int(iso[1]), int(iso[2]), int(iso[3]), raw)
    named = re.fullmatch(r"([0-9]{1,2})(?:st|nd|rd|th)?[ -]([A-Za-z]+)\.?,?[ -]([0-9]{4})", raw) \
        or re.fullmatch(r"([A-Za-z]+)\.? ([0-9]{1,2})(?:st|nd|rd|th)?,? ([0-9]{4})", raw)
    if named:
        day, month = (named[1], named[2]) if named[1].isdigit() else (named[2], named[1])
        if month.lower() not in _MONTHS:
            raise Refused(f"date {raw!r} has no month we know", "write the date as YYYY-MM-DD")
        return _make(int(named[3]), _MONTHS[month.lower()], int(day), raw)
    numeric = _NUMERIC_DATE.fullmatch(raw)
    if numeric:
        first, second, year = int(numeric[1]), int(numeric[2]), int(numeric[3])
        if first > 12 >= second:
            return _make(year, second, first, raw)
        if second > 12 >= first:
            return _make(year, first, second, raw)
        if first == second or order == MONTH_FIRST:
            return _make(year, first, second, raw)
        if order == DAY_FIRST:
            return _make(year, second, first, raw)
        raise Refused(f"date {raw!r} is ambiguous: day {first} of month {second}, or month {first} day {second}",
                      "write the date as YYYY-MM-DD (the sheet's other dates do not show which comes first, "
                      "and aimskit never guesses)")
    raise Refused(f"{raw!r} is not a date", "write the date as YYYY-MM-DD")


def _make(year: int, month: int, day: int, raw: str) -> str:
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        raise Refused(f"{raw!r} is not a date in the calendar", "write the date as YYYY-MM-DD") from None


def score(value: t.Any, scale: t.Sequence[int], labels: t.Mapping[str, int], what: str,
          rescale_from: int | None = None) -> int:
    """A likelihood or impact on the risk method's scale: a number, a label of the scale, or a
    common word (low, medium, high); with ``rescale_from`` N, a number on a 1..N scale is rescaled."""
    top = max(scale) if scale else 0
    spoken = words(value)
    if spoken in labels:
        return labels[spoken]
    spoken = SCALE_SYNONYMS.get(spoken, spoken)
    if top in SCALE_WORDS and spoken in SCALE_WORDS[top]:
        return SCALE_WORDS[top].index(spoken) + 1
    number = _number(value)
    if number is None:
        known = ", ".join([*labels][:top] or SCALE_WORDS.get(top, ()))
        raise Refused(f"{what} {text(value)!r} is not a number or a level of the risk method",
                      f"write 1 to {top}" + (f" or one of {known}" if known else ""))
    if rescale_from:
        if not 1 <= number <= rescale_from:
            raise Refused(f"{what} {number:g} is outside the sheet's scale 1 to {rescale_from} (--rescale)")
        return max(1, math.ceil(number * top / rescale_from))
    if number.is_integer() and int(number) in scale:
        return int(number)
    raise Refused(f"{what} {number:g} is not on the risk method's scale 1 to {top}",
                  "correct it, or pass --rescale N if the sheet scores on a 1 to N scale")


def _number(value: t.Any) -> float | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        return float(value)
    try:
        return float(str(value).strip().replace(",", "."))
    except ValueError:
        return None


def control(value: str) -> str:
    """An Annex A control id (A.6.2.4; also a.6.2.4 or 6.2.4)."""
    candidate = value.strip().upper()
    candidate = candidate if candidate.startswith("A.") else f"A.{candidate}"
    if candidate in reference.controls():
        return candidate
    raise Refused(f"control {value!r} is not an Annex A control", "write a control id such as A.6.2.4")


def annex_c(raw: t.Any, table: dict[str, str], what: str) -> str:
    """An Annex C id (C.3.4) from its id or its title."""
    spoken = text(raw) or ""
    upper = spoken.upper()
    if upper in table:
        return upper
    for key, title in table.items():
        if words(title) == words(spoken):
            return key
    raise Refused(f"{what} {spoken!r} is not in Annex C", f"write one of {', '.join(table)} or its title")
