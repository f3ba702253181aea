"""The schema registry: one JSON Schema per record kind, checked fast and reported in full.

Each record is first run through a schema compiled by fastjsonschema; only a record that fails
there goes through jsonschema, which lists every error with its path for line:column reporting.
"""

from __future__ import annotations

import copy
import functools
import json
import re
import typing as t
from pathlib import Path

from aimskit.records import compiled
from aimskit.records.findings import Finding, error
from aimskit.records.loading import Document
from aimskit.resources import schemas_dir

if t.TYPE_CHECKING:  # jsonschema is imported only when a record fails the fast check
    import jsonschema
    import referencing

COMMON = "common.schema.json"


@functools.lru_cache(maxsize=None)
def load_schema(name: str) -> dict[str, t.Any]:
    """The schema ``name`` (e.g. ``risk.schema.json``) from the bundled schemas folder."""
    return json.loads((schemas_dir() / name).read_text(encoding="utf-8"))


def schema_names() -> list[str]:
    return sorted(p.name for p in Path(schemas_dir()).glob("*.schema.json"))


@functools.lru_cache(maxsize=None)
def _registry() -> referencing.Registry:
    import referencing
    from referencing.jsonschema import DRAFT202012

    resources = [(name, referencing.Resource.from_contents(load_schema(name), default_specification=DRAFT202012))
                 for name in schema_names()]
    return referencing.Registry().with_resources(resources)


@functools.lru_cache(maxsize=None)
def full_validator(name: str) -> jsonschema.protocols.Validator:
    """A jsonschema validator with format checking, resolving refs from the local registry only."""
    import jsonschema

    cls = jsonschema.Draft202012Validator
    return cls(load_schema(name), registry=_registry(), format_checker=cls.FORMAT_CHECKER)


def _inline_common(schema: dict[str, t.Any]) -> dict[str, t.Any]:
    """The schema with the shared definitions copied in, so that it compiles on its own."""
    bundled = copy.deepcopy(schema)
    bundled.pop("$schema", None)
    defs = bundled.setdefault("$defs", {})
    defs.update(copy.deepcopy(load_schema(COMMON)["$defs"]))

    def rewrite(node: t.Any) -> None:
        if isinstance(node, dict):
            ref = node.get("$ref")
            if isinstance(ref, str) and ref.startswith(COMMON + "#"):
                node["$ref"] = ref[len(COMMON):]
            for value in node.values():
                rewrite(value)
        elif isinstance(node, list):
            for value in node:
                rewrite(value)

    rewrite(bundled)
    return bundled


@functools.lru_cache(maxsize=None)
def fast_validator(name: str) -> t.Callable[[t.Any], t.Any]:
    """The compiled fast check of schema ``name``, compiled once per schema content (see compiled.py)."""
    sources = [(schemas_dir() / file).read_bytes() for file in (name, COMMON)]
    return compiled.validator(name, sources, lambda: _inline_common(load_schema(name)))


def is_valid(name: str, data: t.Any) -> bool:
    try:
        fast_validator(name)(data)
    except compiled.SchemaMismatch:
        return False
    return True


def check_document(name: str, document: Document) -> list[Finding]:
    """Schema findings for ``document`` against schema ``name``; empty when it conforms."""
    if is_valid(name, document.data):
        return []
    errors = sorted(full_validator(name).iter_errors(document.data), key=lambda e: [str(p) for p in e.absolute_path])
    return [finding for err in most_specific(errors) for finding in _findings_for(document, err, name)]


# Where several keywords fail on one value, the first of these explains it (a wrong type makes
# the pattern fail too; a dd/mm/yyyy date fails both the pattern and the date format).
_RANK = {"type": 0, "const": 1, "enum": 1, "format": 2, "pattern": 3}
_ABOUT_KEYS = frozenset({"required", "additionalProperties"})


def most_specific(errors: t.Iterable[jsonschema.ValidationError]) -> list[jsonschema.ValidationError]:
    """One error per value: the most telling one; errors about an object's keys are all kept."""
    kept: list[jsonschema.ValidationError] = []
    best: dict[tuple, int] = {}
    for err in errors:
        if err.validator in _ABOUT_KEYS:
            kept.append(err)
            continue
        place = tuple(err.absolute_path)
        if place in best:
            index = best[place]
            if _RANK.get(str(err.validator), 9) < _RANK.get(str(kept[index].validator), 9):
                kept[index] = err
            continue
        best[place] = len(kept)
        kept.append(err)
    return kept


def _findings_for(document: Document, err: jsonschema.ValidationError, name: str) -> t.Iterator[Finding]:
    if err.validator in ("anyOf", "oneOf") and err.context:
        from jsonschema.exceptions import best_match

        err = best_match(err.context)
    path = list(err.absolute_path)
    where = _json_path(path)
    schema: dict[str, t.Any] = dict(err.schema) if isinstance(err.schema, t.Mapping) else {}
    if err.validator == "additionalProperties":
        allowed = sorted(schema.get("properties", {}))
        for key in sorted(set(t.cast(dict, err.instance)) - set(allowed)):
            line, column = document.key_position(path, key)
            yield error(document.path, line, column, "AIMS302", f"{where}: unknown field '{key}'",
                        _suggest(key, allowed))
        return
    line, column = document.position(path)
    if err.validator == "required":
        missing = err.message.split("'")[1] if "'" in err.message else err.message
        yield error(document.path, line, column, "AIMS301", f"{where}: missing required field '{missing}'",
                    _describe(schema.get("properties", {}).get(missing)))
        return
    code, hint = _CODES.get(str(err.validator), ("AIMS300", None))
    if err.validator == "format" and err.validator_value == "date":
        hint = _date_hint(err.instance)
    elif err.validator == "pattern":  # the message says what is expected; a hint only for a sure fix
        hint = _pattern_fix(err)
    else:
        hint = hint or _describe(schema)
    yield error(document.path, line, column, code, f"{where}: {_message(err, name)}", hint)


_CODES = {
    "type": ("AIMS303", None),
    "format": ("AIMS304", None),
    "pattern": ("AIMS304", None),
    "enum": ("AIMS305", None),
    "const": ("AIMS305", None),
    "minimum": ("AIMS305", None),  # a score off the scale: the risk rule (AIMS412) says which scale
    "maximum": ("AIMS305", None),
}
_LOOKS_ISO = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")
_DAY_FIRST = re.compile(r"^([0-9]{1,2})[/.-]([0-9]{1,2})[/.-]([0-9]{4})$")


def _message(err: jsonschema.ValidationError, name: str) -> str:
    if err.validator == "type" and isinstance(err.instance, str) and err.validator_value == "boolean":
        return f"{err.instance!r} is not true or false"
    if err.validator == "enum":
        return f"{err.instance!r} is not one of {', '.join(map(str, t.cast(list, err.validator_value)))}"
    if err.validator == "format" and err.validator_value == "date":
        if isinstance(err.instance, str) and _LOOKS_ISO.match(err.instance):
            return f"{err.instance!r} is not a real calendar date"
        return f"{err.instance!r} is not a date written YYYY-MM-DD"
    if err.validator == "pattern":
        what = _describe(err.schema) or _nearest_description(name, err)
        return f"{err.instance!r} is not valid here" + (f". Expected: {what}" if what else "")
    return err.message


def _pattern_fix(err: jsonschema.ValidationError) -> str | None:
    """A corrected value when only the letter case or surrounding spaces are wrong, e.g. 'sys-001'."""
    if not isinstance(err.instance, str) or not isinstance(err.validator_value, str):
        return None
    for candidate in (err.instance.strip().upper(), err.instance.strip().lower(), err.instance.strip()):
        if candidate != err.instance and re.search(err.validator_value, candidate):
            return f"did you mean '{candidate}'?"
    return None


def _date_hint(value: t.Any) -> str:
    """How to write ``value`` as an ISO date, when that is certain; otherwise the rule."""
    match = _DAY_FIRST.match(value) if isinstance(value, str) else None
    if isinstance(value, str) and _LOOKS_ISO.match(value):
        return "check the day and the month: that day does not exist"
    if match:
        first, second, year = int(match[1]), int(match[2]), match[3]
        if first > 12 and 1 <= second <= 12:
            return f"write it as {year}-{second:02d}-{first:02d}"
        if second > 12 and 1 <= first <= 12:
            return f"write it as {year}-{first:02d}-{second:02d}"
        if first <= 12 and second <= 12:
            return (f"write it as {year}-{second:02d}-{first:02d} if {first} is the day, "
                    f"or {year}-{first:02d}-{second:02d} if {first} is the month")
    return "write the year, month and day with hyphens, e.g. 2025-12-31"


def _nearest_description(name: str, err: jsonschema.ValidationError) -> str | None:
    """The description of the closest schema above the failing one (array items have none)."""
    schema: t.Any = load_schema(name)
    found = None
    for part in list(err.absolute_schema_path)[:-1]:
        try:
            schema = schema[part]
        except (KeyError, IndexError, TypeError):
            break
        found = _describe(schema) or found
    return found


def _json_path(path: list[t.Any]) -> str:
    text = "$"
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else f".{part}"
    return text


def _suggest(key: str, allowed: list[str]) -> str:
    import difflib

    close = difflib.get_close_matches(key, allowed, n=1)
    if close:
        return f"did you mean '{close[0]}'?"
    return "allowed fields: " + ", ".join(allowed)
def _describe(schema: t.Any) -> str | None:
    if isinstance(schema, dict):
        if "$ref" in schema and "description" not in schema:
            ref = schema["$ref"].split("#/$defs/")[-1]
            schema = load_schema(COMMON)["$defs"].get(ref, {})
        description = schema.get("description")
        return description.rstrip(".") if isinstance(description, str) and description else None
    return None


