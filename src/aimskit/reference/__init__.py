"""The public ISO/IEC 42001 facts (ids and short headings only) and lookups on them."""

from __future__ import annotations

import functools
import typing as t

import yaml

from aimskit.resources import reference_file


@functools.lru_cache(maxsize=None)
def data() -> dict[str, t.Any]:
    """The reference data, parsed once per content (the parse is kept in aimskit's cache)."""
    from aimskit import cache

    raw = reference_file().read_bytes()
    return cache.cached("reference", "iso42001", [raw], lambda: yaml.load(
        raw.decode("utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)))


def controls() -> dict[str, dict[str, t.Any]]:
    """The 38 Annex A controls by id, in the standard's order."""
    return {c["id"]: c for c in data()["controls"]}


def clauses() -> dict[str, dict[str, t.Any]]:
    """Clauses 4 to 10 (and their subclauses) by number."""
    return {c["id"]: c for c in data()["clauses"]}


def documented_information() -> list[dict[str, t.Any]]:
    return list(data()["documented_information"])


def risk_sources() -> dict[str, str]:
    return {r["id"]: r["title"] for r in data()["annex_c"]["risk_sources"]}


def annex_c_objectives() -> dict[str, str]:
    return {o["id"]: o["title"] for o in data()["annex_c"]["objectives"]}


def nist_crosswalk() -> list[dict[str, t.Any]]:
    return list(data()["nist_ai_rmf_crosswalk"]["entries"])


def nist_category(subcategory: str) -> str:
    """The category of an AI RMF subcategory (``GOVERN 1.1`` → ``GOVERN 1``)."""
    return str(subcategory).rsplit(".", 1)[0]


def nist_category_title(subcategory: str) -> str:
    """The short title of an AI RMF subcategory's category (``GOVERN 1.1`` → the title of ``GOVERN 1``)."""
    return str((data().get("nist_ai_rmf_categories") or {}).get(nist_category(subcategory), ""))


def nist_subcategory_title(subcategory: str) -> str:
    """The short title of an AI RMF subcategory in our own words (``""`` for an id the data does not know)."""
    return str((data().get("nist_ai_rmf_subcategories") or {}).get(str(subcategory), ""))


def eu_ai_act() -> dict[str, t.Any]:
    return data()["eu_ai_act"]


def eu_ai_act_crosswalk() -> list[dict[str, t.Any]]:
    return list(data()["eu_ai_act_crosswalk"]["entries"])
