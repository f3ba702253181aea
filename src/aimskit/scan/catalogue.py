"""The catalogue of AI packages and hosted model names: the shipped reference data plus the
organisation's additions from ``aims.yml`` (``scan: packages:`` and ``scan: hosted_models:``)."""

from __future__ import annotations

import dataclasses
import functools
import re
import typing as t

import yaml

from aimskit.resources import ai_catalogue_file

ECOSYSTEMS = ("pypi", "npm", "go", "cargo", "maven")
_PYPI_SEPARATORS = re.compile(r"[-_.]+")


@dataclasses.dataclass(frozen=True)
class Package:
    """One AI package: its registry name, the organisation behind it, what it is for, and whether
    using it sends data to that organisation's hosted service."""

    name: str
    ecosystem: str
    provider: str
    category: str
    hosted: bool = False
    imports: tuple[str, ...] = ()


def normalise(ecosystem: str, name: str) -> str:
    """The name as its registry compares names (PEP 503 for PyPI; lower case elsewhere)."""
    name = name.strip().lower()
    return _PYPI_SEPARATORS.sub("-", name) if ecosystem == "pypi" else name


class Catalogue:
    """Packages by ecosystem and name, Python modules and JS specifiers by name, model prefixes."""

    def __init__(self, packages: t.Iterable[Package], hosted_models: t.Iterable[tuple[str, str]]) -> None:
        self.packages: dict[tuple[str, str], Package] = {}
        self.python_modules: dict[str, Package] = {}
        for package in packages:
            self.packages[(package.ecosystem, normalise(package.ecosystem, package.name))] = package
            if package.ecosystem == "pypi":
                for module in package.imports:
                    self.python_modules.setdefault(module, package)
        # Longest prefixes first, so that "gpt-4o" wins over "gpt-4".
        self.hosted_models = sorted(((p.lower(), provider) for p, provider in hosted_models), key=lambda x: -len(x[0]))

    def lookup(self, ecosystem: str, name: str) -> Package | None:
        """The package ``name`` of ``ecosystem``; a Go package path finds its module."""
        found = self.packages.get((ecosystem, normalise(ecosystem, name)))
        if found is None and ecosystem == "go":
            parts = name.lower().split("/")
            for end in range(len(parts) - 1, 2, -1):
                found = self.packages.get(("go", "/".join(parts[:end])))
                if found is not None:
                    break
        return found

    def python_module(self, dotted: str) -> Package | None:
        """The package a Python import comes from (``google.generativeai.types`` → google-generativeai)."""
        parts = dotted.split(".")
        for end in range(len(parts), 0, -1):
            found = self.python_modules.get(".".join(parts[:end]))
            if found is not None:
                return found
        return None

    def hosted_model(self, name: str) -> str | None:
        """The provider whose hosted model ``name`` is, or None."""
        lowered = name.lower()
        for prefix, provider in self.hosted_models:
            if lowered.startswith(prefix):
                return provider
        return None

    @functools.cached_property
    def python_mention(self) -> re.Pattern[bytes]:
        """A quick textual test: does a Python file mention any AI module at all (before parsing it)."""
        tops = sorted({module.split(".")[0] for module in self.python_modules})
        words = [re.escape(top) for top in tops] + ["from_pretrained", "SentenceTransformer", "hf_hub_download",
                                                     "snapshot_download"]
        return re.compile(rb"\b(?:" + "|".join(words).encode() + rb")\b")

    @functools.cached_property
    def js_mention(self) -> re.Pattern[bytes]:
        """A quick textual test: does a JS/TS file import or require an npm AI package."""
        names = sorted((p.name for (eco, _), p in self.packages.items() if eco == "npm"), key=len, reverse=True)
        return re.compile(rb"[\"'](?:" + "|".join(re.escape(n) for n in names).encode() + rb")(?:/[^\"']*)?[\"']")

    def with_additions(self, additions: t.Any) -> Catalogue:
        """This catalogue plus the ``scan:`` section of aims.yml (already schema-checked)."""
        if not isinstance(additions, dict):
            return self
        # Entries the schema refuses (a finding of `validate`) are left out rather than guessed at.
        extra = [_package(entry["ecosystem"], entry["name"], entry) for entry in _entries(additions, "packages")
                 if isinstance(entry.get("name"), str) and entry["name"].strip() and entry.get("ecosystem") in ECOSYSTEMS]
        models = [(entry["prefix"].lower(), str(entry.get("provider") or "unknown"))
                  for entry in _entries(additions, "hosted_models")
                  if isinstance(entry.get("prefix"), str) and entry["prefix"].strip()]
        if not extra and not models:
            return self
        return Catalogue([*{(p.ecosystem, normalise(p.ecosystem, p.name)): p for p in self.packages.values()}.values(),
                          *extra], [*self.hosted_models, *models])


def _entries(section: dict[str, t.Any], key: str) -> list[dict[str, t.Any]]:
    found = section.get(key)
    return [entry for entry in found if isinstance(entry, dict)] if isinstance(found, list) else []


def _package(ecosystem: str, name: str, entry: dict[str, t.Any]) -> Package:
    imports = entry.get("imports")
    if not isinstance(imports, list):
        imports = [name.replace("-", "_").lower()] if ecosystem == "pypi" else []
    return Package(name=name, ecosystem=ecosystem, provider=str(entry.get("provider") or "unknown"),
                   category=str(entry.get("category") or "other"), hosted=bool(entry.get("hosted", False)),
                   imports=tuple(i for i in imports if isinstance(i, str) and i))


@functools.lru_cache(maxsize=None)
def shipped() -> Catalogue:
    """The catalogue shipped with aimskit."""
    data = yaml.safe_load(ai_catalogue_file().read_text(encoding="utf-8"))
    packages = [_package(ecosystem, name, entry or {})
                for ecosystem, entries in data["packages"].items() for name, entry in entries.items()]
    models = [(prefix, provider) for provider, prefixes in data["hosted_models"].items() for prefix in prefixes]
    return Catalogue(packages, models)
