"""Identity rules: each id equals its file name, is unique, and carries its folder's prefix."""

from __future__ import annotations

import collections
import typing as t

from aimskit.records import kinds
from aimskit.records.findings import Finding
from aimskit.records.model import Record, Repository
from aimskit.rules._common import at
from aimskit.rules.registry import Options, rule


@rule
def id_matches_file_name(repository: Repository, options: Options) -> t.Iterator[Finding]:
    """AIMS201: the id is the file name without its extension."""
    for record in repository.all_records():
        if record.kind.singleton or record.id is None or record.id == record.stem:
            continue
        yield at(record, ("id",), "AIMS201", f"id '{record.id}' does not match the file name '{record.stem}'",
                 f"rename the file to {record.id}{_suffix(record)} or set id: {record.stem}")


def _suffix(record: Record) -> str:
    return ".md" if record.kind.markdown else ".yaml"


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


@rule
def id_prefix_matches_folder(repository: Repository, options: Options) -> t.Iterator[Finding]:
    """AIMS211: an id of another kind in this folder (a risk id among the policies)."""
    for record in repository.all_records():
        if record.id is None or record.kind.prefix is None:
            continue
        kind = kinds.kind_of_id(record.id)
        if kind is not None and kind is not record.kind:
            folder = record.kind.glob.rpartition("/")[0]
            yield at(record, ("id",), "AIMS211",
                     f"id '{record.id}' is a {kind.name} id but the file is in {folder}/",
                     f"{record.kind.title.lower()} have ids {record.kind.prefix}-###; "
                     f"move the file to {kind.glob.rpartition('/')[0]}/ or change its id")
