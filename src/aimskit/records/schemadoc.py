"""Reference pages from the schemas: one Markdown page per record kind, pure (schema in, text out).

A page has the schema's title and description, where the kind's files live (from
:mod:`aimskit.records.kinds`) and a table of every field: nested objects and arrays of objects are
flattened into dotted names (``treatment.actions[].owner``) and ``$ref`` into the shared
definitions is resolved, so a reader never has to open ``common.schema.json``.
"""

from __future__ import annotations

import dataclasses
import re
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


_ID = re.compile(r"\^(?:\((?P<many>[A-Z|]+)\)|(?P<one>[A-Z]+))-\[0-9\]\{3,\}\$(?:\(\?!\\n\))?")
_PATTERN_WORDS = {
    r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$": "a date written YYYY-MM-DD",
    r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$": "lower-case words joined by hyphens, such as `ai-governance-lead`",
    r"^[0-9]+\.[0-9]+$": "two numbers joined by a dot, such as `1.2` (quoted)",
    r"^C\.3\.[0-9]+$": "an Annex C risk source, such as `C.3.4`",
    r"^C\.2\.[0-9]+$": "an Annex C objective, such as `C.2.5`",
    r"^A\.[0-9]+(\.[0-9]+)+$": "an Annex A control, such as `A.6.2.4`",
    r"^(4|5|6|7|8|9|10)(\.[0-9]+)*$": "a clause of 4 to 10, such as `9.2`",
    r"^(in-house|SUP-[0-9]{3,})$": "`in-house`, or a supplier id such as `SUP-001`",
    r"^(?!/)(?!.*\.\.).+$": "a path inside the repository (not starting with `/`, no `..`)",
    r"^(https?://\S+|(?!/)(?!.*\.\.)\S.*)$": "a web address (https://...), or a path inside the repository",
    r"^@[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})(/[A-Za-z0-9._-]+)?$": "a code-host handle such as `@alex` or a team "
                                                               "such as `@org/team`",
    r"^@[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})$": "a code-host handle such as `@alex`",
    r"^#[0-9a-fA-F]{6}$": "a colour such as `#1f6feb`",
    r"^sha256:[0-9a-f]{64}$": "`sha256:` and 64 hexadecimal digits",
    r"^[^\s]+$": "text with no spaces",
    r"^https?://\S+$": "a web address (https://...)",
    r"^(?!/)(?!.*(^|/)\.\.(/|$))[^\n]+$": "a folder inside the repository (not starting with `/`, no `..` step)",
    r"^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$": "a Python module name, such as `openai` or "
                                                          "`google.generativeai`",
}


def pattern_in_words(pattern: str) -> str:
    """What a schema pattern accepts, said in words (people are never shown the regular expression)."""
    bare = pattern.removesuffix("(?!\\n)")
    if bare in _PATTERN_WORDS:
        return _PATTERN_WORDS[bare]
    found = _ID.fullmatch(pattern)
    if found:
        prefixes = (found["many"] or found["one"] or "").split("|")
        return (f"`{prefixes[0]}-` and three or more digits, such as `{prefixes[0]}-001`" if len(prefixes) == 1
                else "a record id: " + ", ".join(f"`{prefix}-`" for prefix in prefixes)
                + " and three or more digits, such as `RISK-001`")
    return "in the form the description gives"


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
        parts.append(pattern_in_words(str(node["pattern"])))
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
