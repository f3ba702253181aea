"""What the inventory declares about code: each system's ``code:`` (repositories and folders) and
``components:`` (providers, models, packages), with the suppliers it names."""

from __future__ import annotations

import dataclasses
import fnmatch
import re
import typing as t

from aimskit.records import kinds
from aimskit.records.model import Record, Repository
from aimskit.scan import identity
from aimskit.scan.catalogue import normalise
from aimskit.scan.uses import MODEL, Use

_COMPANY_WORDS = re.compile(r"\b(inc|llc|ltd|limited|gmbh|corp|corporation|pbc|plc|sa|sas|bv|ag|co)\b\.?")


@dataclasses.dataclass(frozen=True)
class CodePlace:
    """One ``code:`` entry: a repository (any form git accepts) and/or a folder inside it."""

    repository: str | None
    path: str | None
    index: int


@dataclasses.dataclass
class DeclaredSystem:
    record: Record
    places: list[CodePlace]
    providers: list[tuple[str, str]]  # (as written, the provider's name: a supplier id resolves to its name)
    models: list[tuple[str, tuple[str | int, ...]]]  # (model, where in the record)
    packages: list[str]
    names_supplier: bool = False  # the last provider is the supplier named in ``provider:``

    @property
    def id(self) -> str:
        return self.record.id or self.record.stem

    def covers(self, repository: str | None, path: str) -> bool:
        """Whether the code at ``path`` (inside the checkout ``repository``) belongs to this system."""
        for place in self.places:
            if place.repository and not (repository and identity.same(place.repository, repository)):
                continue
            folder = (place.path or "").strip("/")
            if not folder or path == folder or path.startswith(folder + "/"):
                return True
        return False

    def declares_provider(self, provider: str) -> bool:
        return any(same_provider(name, provider) for _, name in self.providers)

    def declares_model(self, use: Use) -> bool:
        return any(model_matches(model, use) for model, _ in self.models)

    def provider_places(self) -> list[tuple[str, str, tuple[str | int, ...]]]:
        """Each declared provider (as written, its name) with where the record declares it."""
        listed = len(self.providers) - (1 if self.names_supplier else 0)
        return [(written, name, ("components", "providers", index) if index < listed else ("provider",))
                for index, (written, name) in enumerate(self.providers)]

    def declares_package(self, use: Use) -> bool:
        return normalise("pypi", use.name) in {normalise("pypi", p) for p in self.packages}


def model_matches(declared: str, use: Use) -> bool:
    """A declared model (a name, a family prefix such as ``gpt-4o``, or a glob for model files) matches the use."""
    used, model = use.name.lower(), declared.lower()
    return used == model or used.startswith(model) or fnmatch.fnmatch(used, model) \
        or (use.via == "model-file" and fnmatch.fnmatch(use.path.lower(), model))


def provider_key(name: str) -> str:
    return re.sub(r"[^a-z0-9]", "", _COMPANY_WORDS.sub("", name.lower()))


def same_provider(declared: str, used: str) -> bool:
    """``OpenAI, L.L.C.`` and ``OpenAI`` are one provider; ``Google`` covers ``Google Cloud``."""
    a, b = provider_key(declared), provider_key(used)
    return bool(a) and bool(b) and (a == b or (min(len(a), len(b)) >= 3 and (a in b or b in a)))


def _text(value: t.Any) -> str | None:
    return value if isinstance(value, str) and value.strip() else None


def _list(value: t.Any) -> list[t.Any]:
    return value if isinstance(value, list) else []


def _strings(value: t.Any) -> list[str]:
    return [item for item in value if isinstance(item, str)] if isinstance(value, list) else []


def declared_systems(repository: Repository) -> list[DeclaredSystem]:
    """Every live (not retired) system of the inventory, with what it declares about its code."""
    suppliers = {r.id: r.data.get("name") for r in repository.of(kinds.SUPPLIER) if isinstance(r.data, dict)}
    systems = []
    for record in repository.of(kinds.SYSTEM):
        data = record.data if isinstance(record.data, dict) else {}
        if data.get("lifecycle_stage") == "retired":
            continue
        places = [CodePlace(_text(entry.get("repository")), _text(entry.get("path")), index)
                  for index, entry in enumerate(_list(data.get("code"))) if isinstance(entry, dict)]
        places = [place for place in places if place.repository or place.path]  # a broken entry: a schema finding
        components: dict[str, t.Any] = data["components"] if isinstance(data.get("components"), dict) else {}
        written = _strings(components.get("providers"))
        provider = data.get("provider")
        names_supplier = isinstance(provider, str) and provider.startswith("SUP-")
        if names_supplier:
            written.append(str(provider))
        providers = [(name, str(suppliers.get(name) or name)) for name in written]
        models: list[tuple[str, tuple[str | int, ...]]] = [(m, ("models", i)) for i, m in enumerate(_strings(data.get("models")))]
        models += [(m, ("components", "models", i)) for i, m in enumerate(_strings(components.get("models")))]
        systems.append(DeclaredSystem(record, places, providers, models, _strings(components.get("packages")),
                                      names_supplier))
    return systems


def repositories(repository: Repository) -> list[str]:
    """The team repositories the inventory names (``code: - repository:``), each once, sorted."""
    names = {identity.normalise(place.repository) for system in declared_systems(repository)
             for place in system.places if place.repository}
    return sorted(names)
