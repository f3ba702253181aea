"""Names in a sheet resolved to the repository's records: owners to roles, systems to AI systems,
providers to suppliers; with ``create``, an unknown one becomes a new record to complete."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
import typing as t

from aimskit.importing.matching import Names
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


NEW = "new"  # an --alias target: create the record even though a near one exists


class Resolver:
    """Looks names up in the repository and, with ``create``, makes the records that are missing.

    A name is found exactly (id, title or name, a role holder's name or handle), through an
    ``--alias NAME=ID``, or by a common abbreviation (said in :attr:`notes`). A name that only
    nearly matches a record is refused, with or without ``create``: a near-duplicate is never made
    without being asked for (``--alias NAME=new``)."""

    def __init__(self, repository: Repository, ids: Ids, create: bool, today: dt.date, review_months: int,
                 aliases: t.Mapping[str, str] | None = None) -> None:
        self.ids, self.create, self.today, self.review_months = ids, create, today, review_months
        self.aliases = {words(name): target for name, target in (aliases or {}).items()}
        self.created: list[NewRecord] = []
        self.notes: list[tuple[str, str | None]] = []  # (message, hint) of names read by abbreviation
        self.roles = _names(repository.of(kinds.ROLE), ("title",), holders=True)
        self.systems = _names(repository.of(kinds.SYSTEM), ("name",))
        self.suppliers = _names(repository.of(kinds.SUPPLIER), ("name",))

    def add_system(self, name: str, record_id: str) -> None:
        """Make a system being imported known to later rows (risks may name it)."""
        self.systems.add(name, record_id, label=True)
        self.systems.add(record_id, record_id)

    def _find(self, value: str, names: Names, what: str, folder: str) -> str | None:
        """The id ``value`` names (None: not found, nothing near); a near match is refused."""
        alias = self.aliases.get(words(value))
        if alias is not None:
            if alias == NEW:
                return None
            if alias not in names:
                raise Refused(f"--alias {value}={alias}: {alias!r} is not {what} in {folder}",
                              f"name one of {', '.join(sorted(set(names.exact.values()))[:8])}")
            return alias
        match = names.match(value)
        if match.found and match.abbreviation:
            self.notes.append((f"{what} {value!r} read as {names.describe(match.found)}",
                               f"if that is wrong, pass --alias '{value}=ID' with the right id"))
        if match.found:
            return match.found
        if match.near:
            meant = " or ".join(names.describe(record_id) for record_id in match.near[:3])
            create = f"; if it is another one, pass --alias '{value}={NEW}' to create it" if self.create else ""
            raise Refused(f"{what} {value!r} is not in {folder}; did you mean {meant}?",
                          f"if it is {'that one' if len(match.near) == 1 else 'one of them'}, write its id or pass "
                          f"--alias '{value}={match.near[0]}'{create}")
        return None

    def role(self, value: str, row: int) -> str:
        found = self._find(value, self.roles, "owner", "roles/")
        if found:
            return found
        if not self.create:
            raise Refused(f"owner {value!r} is not a role in roles/ (by id, title or holder name)",
                          f"write a role's id or title, add the role to roles/, pass --alias '{value}=ROLE-ID', "
                          "or pass --create-missing to create it")
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
        self.roles.add(value, role_id, label=True)
        self.roles.add(role_id, role_id)
        return role_id

    def system(self, value: str, owner: str, row: int) -> str:
        found = self._find(value, self.systems, "AI system", "systems/")
        if found:
            return found
        if not self.create:
            raise Refused(f"AI system {value!r} is not in systems/ (by id or name)",
                          "import the systems first (aimskit import systems), write a SYS id, pass "
                          f"--alias '{value}=SYS-ID', or pass --create-missing")
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
        found = self._find(value, self.suppliers, "supplier", "suppliers/")
        if found:
            return found
        if not self.create:
            raise Refused(f"provider {value!r} is neither in-house nor a supplier in suppliers/",
                          f"write in-house, a SUP id or a supplier's name, pass --alias '{value}=SUP-ID', "
                          "or pass --create-missing")
        supplier_id = self.ids.next(kinds.SUPPLIER)
        review = months_later(self.today, self.review_months).isoformat()
        self.created.append(NewRecord(kinds.SUPPLIER, supplier_id, {
            "id": supplier_id, "name": value, "relationship": "provider",
            "services": f"{TODO}: what {value} provides (created by aimskit import).", "owner": owner,
            "next_review": review,
        }, row, todo=["services"]))
        self.suppliers.add(value, supplier_id, label=True)
        self.suppliers.add(supplier_id, supplier_id)
        return supplier_id


def _names(records: t.Iterable[t.Any], fields: tuple[str, ...], holders: bool = False) -> Names:
    """The id and the naming fields of each record (and role holders' names and handles)."""
    found = Names()
    for record in records:
        data = record.data
        record_id = record.id
        if record_id is None:
            continue
        found.add(record_id, record_id)
        for field in fields:
            if isinstance(data.get(field), str):
                found.add(data[field], record_id, label=True)
        for holder in data.get("holders") or [] if holders else []:
            if isinstance(holder, dict):
                for key in ("name", "handle"):
                    if isinstance(holder.get(key), str):
                        found.add(holder[key], record_id)
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
