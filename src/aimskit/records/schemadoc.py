"""Reference pages from the schemas: one Markdown page per record kind, pure (schema in, text out).

A page has the schema's title and description, where the kind's files live (from
:mod:`aimskit.records.kinds`) and a table of every field: nested objects and arrays of objects are
flattened into dotted names (``treatment.actions[].owner``) and ``$ref`` into the shared
definitions is resolved, so a reader never has to open ``common.schema.json``.
"""

from __future__ import annotations

import dataclasses
import typing as t

from aimskit.records.kinds import ALL, Kind

Schema = t.Mapping[str, t.Any]
COMMON = "common.schema.json"
GENERATED_NOTE = "<!-- Generated from schemas/ by `make docs`; do not edit by hand. -->"


@dataclasses.dataclass(frozen=True)
class Field:
    """One row of a fields table."""

    name: str
    type: str
    required: bool
    description: str
    allowed: str


def resolve(node: Schema, common: Schema) -> Schema:
    """``node`` with a ``$ref`` into the shared definitions merged in (the node's own keys win)."""
    ref = node.get("$ref")
    if not ref:
        return node
    document, _, pointer = ref.partition("#")
    if document not in ("", COMMON) or not pointer.startswith("/$defs/"):
        raise ValueError(f"unsupported $ref {ref!r}")
    target = resolve(common["$defs"][pointer.removeprefix("/$defs/")], common)
    merged = {key: value for key, value in target.items()}
    merged.update({key: value for key, value in node.items() if key != "$ref"})
    return merged


_JSON_TYPES = {str: "string", bool: "boolean", int: "integer", float: "number"}


def type_of(node: Schema, common: Schema) -> str:
    """A short type: ``string``, ``string (date)``, ``array of string``, ``integer``, ``object``."""
    node = resolve(node, common)
    if "const" in node:
        return _JSON_TYPES.get(type(node["const"]), "any")
    kind = node.get("type", "any")
    if kind == "array":
        return f"array of {type_of(node.get('items', {}), common)}"
    if kind == "string" and node.get("format"):
        return f"string ({node['format']})"
    return str(kind)


def _code(value: t.Any) -> str:
    # Python-Markdown (MkDocs, Zensical) keeps a pipe inside a code span in its table cell;
    # escaping it would show the backslash.
    text = value if isinstance(value, str) else _json_scalar(value)
    return f"`{text}`"


def _json_scalar(value: t.Any) -> str:
    if value is True or value is False:
        return "true" if value else "false"
    return str(value)


def allowed_values(node: Schema, common: Schema) -> str:
    """Constraints a value must meet: enum, const, pattern, bounds, item rules."""
    node = resolve(node, common)
    parts: list[str] = []
    if "const" in node:
        const = node["const"]
        quoted = f'"{const}"' if isinstance(const, str) else const
        parts.append(f"exactly {_code(quoted)}" + (" (a quoted string)" if isinstance(const, str) else ""))
    if "enum" in node:
        parts.append("one of " + ", ".join(_code(value) for value in node["enum"]))
    if "pattern" in node:
        parts.append(f"pattern {_code(node['pattern'])}")
    if "minimum" in node and "maximum" in node:
        parts.append(f"{node['minimum']} to {node['maximum']}")
    elif "minimum" in node:
        parts.append(f"at least {node['minimum']}")
    elif "maximum" in node:
        parts.append(f"at most {node['maximum']}")
    if node.get("minLength") == 1:
        parts.append("not empty")
    if node.get("minItems"):
        parts.append(f"at least {node['minItems']} item{'s' * (node['minItems'] != 1)}")
    if node.get("uniqueItems"):
        parts.append("no duplicates")
    if "default" in node:
        parts.append(f"default {_code(node['default'])}")
    items = node.get("items")
    if node.get("type") == "array" and isinstance(items, t.Mapping) and resolve(items, common).get("type") != "object":
        inner = allowed_values(items, common)
        if inner:
            parts.append(f"each item: {inner}")
    return "; ".join(parts)


def fields(schema: Schema, common: Schema, prefix: str = "") -> list[Field]:
    """Every field of the object ``schema``, depth first, nested names dotted."""
    schema = resolve(schema, common)
    required = set(schema.get("required", ()))
    rows: list[Field] = []
    for name, raw in schema.get("properties", {}).items():
        node = resolve(raw, common)
        dotted = f"{prefix}{name}"
        rows.append(Field(dotted, type_of(node, common), name in required,
                          str(node.get("description", "")), allowed_values(node, common)))
        if node.get("type") == "object":
            rows.extend(fields(node, common, f"{dotted}."))
        items = node.get("items")
        if node.get("type") == "array" and isinstance(items, t.Mapping) and resolve(items, common).get("type") == "object":
            rows.extend(fields(items, common, f"{dotted}[]."))
    return rows


def _cell(text: str) -> str:
    """Text safe inside a Markdown table cell (pipes, newlines and angle brackets)."""
    return text.replace("\n", " ").replace("<", "&lt;").replace(">", "&gt;").replace("|", "\\|")


def _location(kind: Kind) -> list[str]:
    fmt = "Markdown with YAML front matter (the fields below); the body is free text" if kind.markdown else "YAML"
    lines = [f"- **Files:** `{kind.glob}` ({fmt})", f"- **Schema:** `schemas/{kind.schema}`"]
    if kind.singleton:
        lines.append("- **One file** per repository.")
    elif kind.prefix:
        lines.append(f"- **Ids:** `{kind.prefix}-` and at least three digits (`{kind.prefix}-001`); "
                     "the file name without extension is the id.")
    else:
        lines.append("- **Ids:** kebab-case (`ai-governance-lead`); the file name without extension is the id.")
    return lines


def fields_table(schema: Schema, common: Schema) -> list[str]:
    """The fields table of ``schema`` as Markdown lines."""
    lines = ["| Field | Type | Required | Description | Allowed values |", "|---|---|---|---|---|"]
    for row in fields(schema, common):
        lines.append(f"| `{row.name}` | {_cell(row.type)} | {'yes' if row.required else 'no'} "
                     f"| {_cell(row.description)} | {row.allowed} |")
    return lines


def kind_page(kind: Kind, schema: Schema, common: Schema) -> str:
    """The reference page of ``kind``."""
    lines = [GENERATED_NOTE, "", f"# {_cell(str(schema.get('title', kind.title)))}", ""]
    if schema.get("description"):
        lines += [_cell(str(schema["description"])), ""]
    lines += ["## Where the files live", "", *_location(kind), "", "## Fields", ""]
    if schema.get("additionalProperties") is False:
        lines += ["Fields not listed here are rejected (`additionalProperties: false`), "
                  "so a misspelt key is reported instead of silently ignored.", ""]
    lines += [*fields_table(schema, common), ""]
    return "\n".join(lines)


def index_page(schemas: t.Mapping[str, Schema]) -> str:
    """The reference index: one row per kind, linking its page."""
    lines = [GENERATED_NOTE, "", "# Record reference", "",
             "One page per record kind, generated from the JSON Schemas in `schemas/`.", "",
             "| Kind | Files | Schema |", "|---|---|---|"]
    for kind in ALL:
        title = _cell(str(schemas[kind.schema].get("title", kind.title)))
        lines.append(f"| [{title}]({kind.name}.md) | `{kind.glob}` | `{kind.schema}` |")
    return "\n".join(lines) + "\n"


def pages(schemas: t.Mapping[str, Schema]) -> dict[str, str]:
    """Every reference page, file name → Markdown, from schemas keyed by file name."""
    common = schemas[COMMON]
    result = {"index.md": index_page(schemas)}
    for kind in ALL:
        result[f"{kind.name}.md"] = kind_page(kind, schemas[kind.schema], common)
    return result
