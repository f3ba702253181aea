"""Names in a sheet resolved to the repository's records: owners to roles, systems to AI systems,
providers to suppliers; with ``create``, an unknown one becomes a new record to complete."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
import typing as t

from aimskit.importing.values import Refused, words
from aimskit.records import kinds
from aimskit.records.kinds import Kind
from aimskit.records.model import Repository

TODO = "TODO"
IN_HOUSE = ("in house", "inhouse", "internal", "own", "ours", "us", "self built", "built in house")


@dataclasses.dataclass
class NewRecord:
    """A record to write: its kind, id, data, the sheet row it came from and what to complete."""

    kind: Kind
    id: str
    data: dict[str, t.Any]
    row: int
    sheet_id: str | None = None
    todo: list[str] = dataclasses.field(default_factory=list)

    @property
    def path(self) -> str:
        folder = self.kind.glob.rsplit("/", 1)[0]
        suffix = ".md" if self.kind.markdown else ".yaml"
        return f"{folder}/{self.id}{suffix}"


class Ids:
    """The next free id for each kind: above every id in the repository and already taken."""

    def __init__(self, repository: Repository) -> None:
        self.taken: set[str] = set(repository.index) | set(repository.roles) | repository.unloaded_ids()
        for record in repository.all_records():
            self.taken.add(record.stem)

    def next(self, kind: Kind) -> str:
        numbers = [int(match[1]) for match in (re.fullmatch(rf"{kind.prefix}-([0-9]+)", name) for name in self.taken)
                   if match]
        new = f"{kind.prefix}-{max(numbers, default=0) + 1:03d}"
        self.taken.add(new)
        return new


class Resolver:
    """Looks names up in the repository and, with ``create``, makes the records that are missing."""

    def __init__(self, repository: Repository, ids: Ids, create: bool, today: dt.date, review_months: int) -> None:
        self.ids, self.create, self.today, self.review_months = ids, create, today, review_months
        self.created: list[NewRecord] = []
        self.roles = _names(repository.of(kinds.ROLE), ("id", "title"), holders=True)
        self.systems = _names(repository.of(kinds.SYSTEM), ("id", "name"))
        self.suppliers = _names(repository.of(kinds.SUPPLIER), ("id", "name"))

    def add_system(self, name: str, record_id: str) -> None:
        """Make a system being imported known to later rows (risks may name it)."""
        self.systems.setdefault(words(name), record_id)
        self.systems.setdefault(words(record_id), record_id)

    def role(self, value: str, row: int) -> str:
        found = self.roles.get(words(value))
        if found:
            return found
        if not self.create:
            raise Refused(f"owner {value!r} is not a role in roles/ (by id, title or holder name)",
                          "use a role id, add the role to roles/, map the name with --map, or pass --create-missing")
        role_id = "-".join(re.findall(r"[a-z0-9]+", value.lower())) or "imported-owner"
        role_id = role_id if re.match(r"[a-z]", role_id) else f"role-{role_id}"
        if role_id in self.ids.taken:
            role_id = f"{role_id}-imported"
        self.ids.taken.add(role_id)
        self.created.append(NewRecord(kinds.ROLE, role_id, {
            "id": role_id, "title": value,
            "responsibilities": [f"{TODO}: write what this role is responsible for (created by aimskit import)."],
            "authorities": [],
            "holders": [{"name": value, "handle": "@todo-assign-holder"}],
        }, row, todo=["responsibilities", "holders"]))
        self.roles[words(value)] = self.roles[words(role_id)] = role_id
        return role_id

    def system(self, value: str, owner: str, row: int) -> str:
        found = self.systems.get(words(value))
        if found:
            return found
        if not self.create:
            raise Refused(f"AI system {value!r} is not in systems/ (by id or name)",
                          "import the systems first (aimskit import systems), use a SYS id, or pass --create-missing")
        system_id = self.ids.next(kinds.SYSTEM)
        name = value if not re.fullmatch(r"SYS-[0-9]+", value) else f"{TODO}: name of {value}"
        note = f"{TODO}: complete this record (created by aimskit import for a risk)."
        self.created.append(NewRecord(kinds.SYSTEM, system_id, {
            "id": system_id, "name": name, "description": note, "purpose": f"{TODO}: what the system is for.",
            "intended_use": f"{TODO}: who uses it and how.", "owner": owner, "lifecycle_stage": "operation",
            "provider": "in-house", "affected_parties": [f"{TODO}: who is affected."],
            "human_oversight": f"{TODO}: how people oversee it.",
            "eu_ai_act": {"tier": "not-applicable", "rationale": f"{TODO}: classify the system under the EU AI Act."},
        }, row, todo=["purpose", "intended_use", "lifecycle_stage", "provider", "affected_parties",
                      "human_oversight", "eu_ai_act"]))
        self.add_system(value, system_id)
        return system_id

    def provider(self, value: str, owner: str, row: int) -> str:
        spoken = words(value)
        if spoken in IN_HOUSE:
            return "in-house"
        found = self.suppliers.get(spoken)
        if found:
            return found
        if not self.create:
            raise Refused(f"provider {value!r} is neither in-house nor a supplier in suppliers/",
                          "write in-house, a SUP id or a supplier's name, or pass --create-missing")
        supplier_id = self.ids.next(kinds.SUPPLIER)
        review = months_later(self.today, self.review_months).isoformat()
        self.created.append(NewRecord(kinds.SUPPLIER, supplier_id, {
            "id": supplier_id, "name": value, "relationship": "provider",
            "services": f"{TODO}: what {value} provides (created by aimskit import).", "owner": owner,
            "next_review": review,
        }, row, todo=["services"]))
        self.suppliers[spoken] = supplier_id
        return supplier_id


def _names(records: t.Iterable[t.Any], fields: tuple[str, ...], holders: bool = False) -> dict[str, str]:
    """Spoken name → record id, for the id and the naming fields (and role holders' names and handles)."""
    found: dict[str, str] = {}
    for record in records:
        data = record.data
        record_id = record.id
        if record_id is None:
            continue
        for field in fields:
            if isinstance(data.get(field), str):
                found.setdefault(words(data[field]), record_id)
        for holder in data.get("holders") or [] if holders else []:
            if isinstance(holder, dict):
                for key in ("name", "handle"):
                    if isinstance(holder.get(key), str):
                        found.setdefault(words(holder[key]), record_id)
    return found


def months_later(day: dt.date, months: int) -> dt.date:
    """The same day ``months`` later (the month's last day when it is shorter)."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    for candidate in range(day.day, 27, -1):
        try:
            return dt.date(year, month, candidate)
        except ValueError:
            continue
    return dt.date(year, month, 28)
