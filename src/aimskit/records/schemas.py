"""The schema registry: one JSON Schema per record kind, checked fast and reported in full.

Each record is first run through a schema compiled by fastjsonschema; only a record that fails
there goes through jsonschema, which lists every error with its path for line:column reporting.
"""

from __future__ import annotations

import copy
import functools
import json
import typing as t
from pathlib import Path

import fastjsonschema

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
    return fastjsonschema.compile(_inline_common(load_schema(name)), use_formats=True)


def is_valid(name: str, data: t.Any) -> bool:
    try:
        fast_validator(name)(data)
    except fastjsonschema.JsonSchemaException:
        return False
    return True


def check_document(name: str, document: Document) -> list[Finding]:
    """Schema findings for ``document`` against schema ``name``; empty when it conforms."""
    if is_valid(name, document.data):
        return []
    errors = sorted(full_validator(name).iter_errors(document.data), key=lambda e: list(e.absolute_path))
    return [finding for err in errors for finding in _findings_for(document, err)]


def _findings_for(document: Document, err: jsonschema.ValidationError) -> t.Iterator[Finding]:
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
    yield error(document.path, line, column, code, f"{where}: {_message(err)}", hint or _describe(schema))


_CODES = {
    "type": ("AIMS303", None),
    "format": ("AIMS304", "dates are written YYYY-MM-DD"),
    "pattern": ("AIMS304", None),
    "enum": ("AIMS305", None),
    "const": ("AIMS305", None),
}


def _message(err: jsonschema.ValidationError) -> str:
    if err.validator == "type" and isinstance(err.instance, str) and err.validator_value == "boolean":
        return f"{err.instance!r} is not true or false"
    if err.validator == "enum":
        return f"{err.instance!r} is not one of {', '.join(map(str, t.cast(list, err.validator_value)))}"
    return err.message


def _describe(schema: t.Any) -> str | None:
    if isinstance(schema, dict):
        if "$ref" in schema and "description" not in schema:
            ref = schema["$ref"].split("#/$defs/")[-1]
            schema = load_schema(COMMON)["$defs"].get(ref, {})
        description = schema.get("description")
        return description.rstrip(".") if description else None
    return None


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
