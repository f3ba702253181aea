"""Identity rules: each id equals its file name, is unique, and carries its folder's prefix."""

from __future__ import annotations

import collections
import re
import typing as t

from aimskit.records import kinds
from aimskit.records.findings import Finding
from aimskit.records.model import Record, Repository
from aimskit.rules._common import at
from aimskit.rules.registry import Options, record_rule, rule


def _record_paths(repository: Repository) -> frozenset[str]:
    """The paths of the record files, loaded or not (a rename must not land on one of them)."""
    return frozenset([*(record.path for record in repository.all_records()), *(path for _, path in repository.unloaded)])


@record_rule(context=_record_paths)
def id_matches_file_name(record: Record, taken: frozenset[str], options: Options) -> t.Iterator[Finding]:
    """AIMS201: the id is the file name without its extension."""
    if record.kind.singleton or record.id is None or record.id == record.stem:
        return
    yield at(record, ("id",), "AIMS201", f"id '{record.id}' does not match the file name '{record.stem}'",
             _rename_hint(record, taken))


def _suffix(record: Record) -> str:
    return ".md" if record.kind.markdown else ".yaml"


def _rename_hint(record: Record, taken: frozenset[str]) -> str:
    """Only the renames that end at a valid id, and at a file name no other record has."""
    options = []
    target = f"{record.path.rpartition('/')[0]}/{record.id}{_suffix(record)}".lstrip("/")
    if valid_id(record.kind, record.id) and target not in taken:
        options.append(f"rename the file to {record.id}{_suffix(record)}")
    if valid_id(record.kind, record.stem):
        options.append(f"set id: {record.stem}")
    if options:
        return " or ".join(options)
    if target in taken:
        return (f"{record.id}{_suffix(record)} is another record's file: give this record an id of its own "
                "and name the file after it")
    example = f"{record.kind.prefix}-001" if record.kind.prefix else "a-kebab-case-name"
    return f"give the record a valid id, e.g. {example}, and name the file after it"


_ROLE_ID = re.compile(r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$")


def valid_id(kind: kinds.Kind, value: str | None) -> bool:
    """Whether ``value`` is a well-formed id for ``kind`` (prefix and at least three digits)."""
    if not isinstance(value, str):
        return False
    if kind.prefix is None:
        return bool(_ROLE_ID.match(value))
    return re.fullmatch(rf"{re.escape(kind.prefix)}-[0-9]{{3,}}", value) is not None


@rule
def ids_are_unique(repository: Repository, options: Options) -> t.Iterator[Finding]:
    """AIMS202: no two records (or two roles) share an id."""
    by_id: dict[tuple[bool, str], list[Record]] = collections.defaultdict(list)
    for record in repository.all_records():
        if record.id is not None:
            by_id[(record.kind is kinds.ROLE, record.id)].append(record)
    for (_, record_id), records in by_id.items():
        if len(records) < 2:
            continue
        for record in records:
            others = ", ".join(other.path for other in records if other is not record)
            yield at(record, ("id",), "AIMS202", f"id '{record_id}' is also used by {others}",
                     "give each record its own id; ids are never reused")


@record_rule()
def id_prefix_matches_folder(record: Record, context: None, options: Options) -> t.Iterator[Finding]:
    """AIMS211: an id of another kind in this folder (a risk id among the policies)."""
    if record.id is None or record.kind.prefix is None:
        return
    kind = kinds.kind_of_id(record.id)
    if kind is not None and kind is not record.kind:
        folder = record.kind.glob.rpartition("/")[0]
        yield at(record, ("id",), "AIMS211",
                 f"id '{record.id}' is a {kind.name} id but the file is in {folder}/",
                 f"{record.kind.title.lower()} have ids {record.kind.prefix}-###; "
                 f"move the file to {kind.glob.rpartition('/')[0]}/ or change its id")
