"""The export as OSCAL 1.1 JSON: a catalog of the Annex A controls and a component definition of
the AIMS.

The catalog holds the 38 Annex A control ids and short titles, grouped by control objective, and
nothing of the standard's text. The component definition describes the organisation's AIMS as
one component: the Statement of Applicability's decided controls become implemented
requirements, each with its implementation status, one statement per implementing record (a
policy, for example) and links to its evidence. A component definition rather than a system
security plan: an SSP requires system characteristics (information types, security impact
levels, an authorization boundary) that an AIMS does not record, and aimskit claims only what the
records hold.

Identifiers: every UUID is a UUIDv5 under a namespace derived from the organisation and the
repository (its first commits, or its folder name without git history), so two organisations never
share one and the same records give the same UUIDs in every export; the documents' own UUIDs
change only when their content does. Marks: OSCAL defines no property for an example record, the
Statement of Applicability's state or its SoA status, so these are aimskit's own properties in the
project namespace (``ns``): ``example``, ``soa-document-status``, ``soa-approval``,
``implementation-status`` (OSCAL's SSP vocabulary as the value) and ``soa-status``; ``label`` in the
catalog is OSCAL's own.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import typing as t
import urllib.parse
import uuid

from aimskit import __version__, reference
from aimskit.governance.starter import is_example
from aimskit.readiness.facts import Facts
from aimskit.records import kinds
from aimskit.records.model import Repository

OSCAL_VERSION = "1.1.2"
CATALOG_NAME = "oscal-catalog.json"
COMPONENT_NAME = "oscal-component-definition.json"
NAMESPACE = "https://aimskit.invalid/ns/oscal"
# Our SoA status → OSCAL's implementation-status values; "not-started" has no OSCAL counterpart.
STATUS = {"implemented": "implemented", "in-progress": "partial", "planned": "planned", "excluded": "not-applicable"}
_UUIDS = uuid.UUID("5b0a1f52-4c8e-4a5e-9d5e-6b1c2b8f0a42")


def namespace(repository: Repository, info: dict[str, t.Any]) -> uuid.UUID:
    """The UUIDv5 namespace of one organisation's repository: its name and the repository's first commits
    (the folder's name when there is no git history)."""
    first = info.get("first_commits") or [f"folder:{repository.root.name}"]
    return uuid.uuid5(_UUIDS, "\x1f".join([_organisation(repository), *map(str, first)]))


def _prop(name: str, value: str) -> dict[str, str]:
    return {"name": name, "ns": NAMESPACE, "value": value}


def _content_uuid(space: uuid.UUID, kind: str, document: dict[str, t.Any]) -> str:
    """A UUID that changes when the document's content does (its last-modified time left out)."""
    body = {**document, "metadata": {k: v for k, v in document["metadata"].items() if k != "last-modified"}}
    digest = hashlib.sha256(json.dumps(body, sort_keys=True, ensure_ascii=False).encode()).hexdigest()
    return str(uuid.uuid5(space, f"{kind}:{digest}"))


def oscal_id(control: str) -> str:
    """An Annex A control id as an OSCAL control id: ``A.6.2.4`` → ``a.6.2.4``."""
    return control.lower()


def oscal_files(repository: Repository, info: dict[str, t.Any]) -> dict[str, bytes]:
    """The catalog and the component definition, as JSON files."""
    modified = _timestamp(info.get("exported_at"))
    space = namespace(repository, info)
    return {CATALOG_NAME: _json({"catalog": catalog(modified, space)}),
            COMPONENT_NAME: _json({"component-definition": component_definition(repository, info, modified, space)})}


def catalog(modified: str, space: uuid.UUID = _UUIDS) -> dict[str, t.Any]:
    """The Annex A controls, ids and short titles only, grouped by control objective."""
    objectives = reference.data()["control_objectives"]
    groups = [_group(objective, objectives) for objective in objectives if objective["id"].count(".") == 1]
    document: dict[str, t.Any] = {
        "uuid": "",
        "metadata": {"title": "ISO/IEC 42001:2023 Annex A controls (ids and short titles)",
                     "last-modified": modified, "version": __version__, "oscal-version": OSCAL_VERSION,
                     "remarks": "Control ids and short titles only; the text of the standard is not reproduced."},
        "groups": groups,
    }
    document["uuid"] = _content_uuid(space, "catalog", document)
    return document


def _group(objective: dict[str, t.Any], objectives: list[dict[str, t.Any]]) -> dict[str, t.Any]:
    """A control objective (A.6) with its controls (A.6.2.4 sits in A.6.2) and sub-objectives."""
    group: dict[str, t.Any] = {"id": oscal_id(objective["id"]), "class": "objective", "title": objective["title"],
                               "props": [{"name": "label", "value": objective["id"]}]}
    controls = [{"id": oscal_id(control), "class": "control", "title": facts["title"],
                 "props": [{"name": "label", "value": control}]}
                for control, facts in reference.controls().items() if control.rsplit(".", 1)[0] == objective["id"]]
    subgroups = [_group(other, objectives) for other in objectives if other["id"].rsplit(".", 1)[0] == objective["id"]]
    if subgroups:
        group["groups"] = subgroups
    if controls:
        group["controls"] = controls
    return group


def component_definition(repository: Repository, info: dict[str, t.Any], modified: str,
                         space: uuid.UUID | None = None) -> dict[str, t.Any]:
    """The organisation's AIMS as one component implementing the SoA's decided controls, marked with the
    SoA's state (draft or approved, whether its approval counts) and whether it is an example."""
    space = space or namespace(repository, info)
    organisation = _organisation(repository)
    soa = repository.single(kinds.SOA)
    marks = _marks(repository, soa, modified)
    entries = [entry for entry in _items(soa.data.get("controls") if soa else None)
               if isinstance(entry.get("control"), str) and isinstance(entry.get("applicable"), bool)]
    resources: dict[str, dict[str, t.Any]] = {}
    requirements = [_requirement(repository, entry, resources, space, marks[0]) for entry in entries]
    roles = sorted({entry["owner"] for entry in entries if isinstance(entry.get("owner"), str)})
    metadata: dict[str, t.Any] = {
        "title": f"{organisation} AI management system (ISO/IEC 42001)",
        "last-modified": modified, "version": info.get("commit") or "working tree",
        "oscal-version": OSCAL_VERSION,
        "roles": [{"id": role, "title": _role_title(repository, role)} for role in roles],
        "props": marks,
        "parties": [{"uuid": str(uuid.uuid5(space, "party")), "type": "organization", "name": organisation}],
        "remarks": _provenance(info) + " " + _state(marks),
    }
    if not roles:
        del metadata["roles"]
    component: dict[str, t.Any] = {
        "uuid": str(uuid.uuid5(space, "component")), "type": "policy",
        "title": f"{organisation} AI management system",
        "description": "The AI management system kept as records in a git repository: policies, roles, "
                       "registers and the Statement of Applicability.",
        "purpose": "Conformity with ISO/IEC 42001:2023",
        "props": marks,
    }
    if requirements:
        component["control-implementations"] = [{
            "uuid": str(uuid.uuid5(space, "control-implementation")), "source": CATALOG_NAME,
            "description": "The Statement of Applicability (soa.yaml): each decided Annex A control with its "
                           "status, justification, implementing records and evidence.",
            "implemented-requirements": requirements,
        }]
    document: dict[str, t.Any] = {"uuid": "", "metadata": metadata, "components": [component]}
    if resources:
        document["back-matter"] = {"resources": list(resources.values())}
    document["uuid"] = _content_uuid(space, "component-definition", document)
    return document


def _marks(repository: Repository, soa: t.Any, modified: str) -> list[dict[str, str]]:
    """The example mark first, then the SoA's status and whether its approval counts (aimskit's props)."""
    if soa is None:
        return [_prop("example", "false"), _prop("soa-document-status", "missing")]
    day = dt.date.fromisoformat(modified[:10])
    problem = Facts(repository, day, with_examples=True).approval_problem(soa)
    return [_prop("example", "true" if is_example(soa) else "false"),
            _prop("soa-document-status", str(soa.data.get("status") or "unset")),
            _prop("soa-approval", "counts" if problem is None else "does-not-count")]


def _state(marks: list[dict[str, str]]) -> str:
    values = {mark["name"]: mark["value"] for mark in marks}
    words = []
    if values.get("example") == "true":
        words.append("The Statement of Applicability is an example shipped with the template: it is not evidence.")
    if values.get("soa-approval") != "counts":
        words.append(f"The Statement of Applicability is {values.get('soa-document-status')} and its approval does not "
                     "count: its decisions are not yet the organisation's.")
    return " ".join(words) or "The Statement of Applicability is approved and its approval counts."


def _requirement(repository: Repository, entry: dict[str, t.Any], resources: dict[str, dict[str, t.Any]],
                 space: uuid.UUID, example: dict[str, str]) -> dict[str, t.Any]:
    control, status = entry["control"], entry.get("status")
    requirement: dict[str, t.Any] = {
        "uuid": str(uuid.uuid5(space, f"requirement:{control}")), "control-id": oscal_id(control),
        "description": _text(entry.get("justification")) or ("Applicable." if entry["applicable"] else "Excluded."),
        "props": [_prop("applicable", "true" if entry["applicable"] else "false"), _prop("soa-status", str(status)),
                  example],
    }
    if status in STATUS:
        requirement["props"].insert(0, _prop("implementation-status", STATUS[status]))
    links = [_evidence_link(item) for item in entry.get("evidence") or [] if isinstance(item, (str, dict))]
    if links:
        requirement["links"] = links
    statements = []
    for ref in _strings(entry.get("implemented_by")):
        record = repository.index.get(ref)
        title = _text(record.data.get("title") or record.data.get("name")) if record else ""
        statement: dict[str, t.Any] = {
            "statement-id": f"{oscal_id(control)}_smt.{ref.lower()}",
            "uuid": str(uuid.uuid5(space, f"statement:{control}:{ref}")),
            "description": f"Implemented by {ref}" + (f": {title}" if title else "") + ".",
        }
        if record is not None:
            resource = resources.setdefault(ref, {"uuid": str(uuid.uuid5(space, f"resource:{ref}")),
                                                  "title": f"{ref}: {title}" if title else ref,
                                                  "rlinks": [{"href": _href(record.path)}]})
            statement["links"] = [{"href": f"#{resource['uuid']}", "rel": "implemented-by"}]
        statements.append(statement)
    if statements:
        requirement["statements"] = statements
    if isinstance(entry.get("owner"), str):
        requirement["responsible-roles"] = [{"role-id": entry["owner"]}]
    return requirement


def _evidence_link(item: str | dict[str, t.Any]) -> dict[str, str]:
    """An evidence entry as a link: a path as it is, an external reference with its description and date."""
    if isinstance(item, str):
        return {"href": _href(item), "rel": "evidence", "text": item}
    text = f"{_text(item.get('description'))} ({_text(item.get('date'))})"
    return {"href": _text(item.get("url")), "rel": "evidence", "text": text}


def _organisation(repository: Repository) -> str:
    organisation = repository.manifest.get("organisation")
    name = organisation.get("name") if isinstance(organisation, dict) else None
    return _text(name) or "The organisation"


def _role_title(repository: Repository, role: str) -> str:
    record = repository.roles.get(role)
    return _text(record.data.get("title")) if record and _text(record.data.get("title")) else role


def _provenance(info: dict[str, t.Any]) -> str:
    origin = (f"git revision {info.get('rev')} (commit {info.get('commit')})" if info.get("source") == "git revision"
              else f"the working tree at commit {info.get('commit')}" if info.get("commit")
              else "the working tree (no git history)")
    return f"Exported by aimskit {info.get('aimskit_version')} from {origin}."


def _href(path: str) -> str:
    return urllib.parse.quote(path, safe="/")


def _timestamp(value: t.Any) -> str:
    moment = dt.datetime.fromisoformat(value) if isinstance(value, str) else dt.datetime.now(dt.timezone.utc)
    return (moment if moment.tzinfo else moment.replace(tzinfo=dt.timezone.utc)).isoformat()


def _json(document: dict[str, t.Any]) -> bytes:
    return (json.dumps(document, indent=2, ensure_ascii=False) + "\n").encode("utf-8")


def _text(value: t.Any) -> str:
    return value.strip() if isinstance(value, str) else ""


def _strings(value: t.Any) -> list[str]:
    return [item for item in value if isinstance(item, str)] if isinstance(value, list) else []


def _items(value: t.Any) -> list[dict[str, t.Any]]:
    return [item for item in value if isinstance(item, dict)] if isinstance(value, list) else []
