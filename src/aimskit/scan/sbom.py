"""CycloneDX SBOMs and ML-BOMs (JSON), validated and read with cyclonedx-python-lib: the AI
packages among their components (by package URL) and every ``machine-learning-model``."""

from __future__ import annotations

import typing as t

from aimskit.scan.catalogue import Catalogue
from aimskit.scan.locate import Text
from aimskit.scan.python_manifests import Malformed, load_json

#: Package URL types → the catalogue's ecosystems.
PURL_TYPES = {"pypi": "pypi", "npm": "npm", "golang": "go", "cargo": "cargo", "maven": "maven"}
SBOM_SUFFIXES = (".cdx.json", "bom.json")


class BomUse(t.NamedTuple):
    line: int
    column: int
    name: str
    ecosystem: str | None  # None for a model
    provider: str | None
    category: str | None
    hosted: bool


def is_sbom_name(name: str) -> bool:
    """``bom.json``, ``sbom.json``, ``*.cdx.json``, ``*-bom.json``, ``*.sbom.json``..."""
    return name.lower().endswith(SBOM_SUFFIXES)


def _purl_name(purl: t.Any) -> tuple[str, str] | None:
    ecosystem = PURL_TYPES.get(purl.type)
    if ecosystem is None:
        return None
    namespace = purl.namespace or ""
    if ecosystem == "maven":
        return ecosystem, f"{namespace}:{purl.name}"
    return ecosystem, f"{namespace}/{purl.name}" if namespace else purl.name


def _components(components: t.Iterable[t.Any]) -> t.Iterator[t.Any]:
    for component in components:
        yield component
        yield from _components(component.components or ())


def read(text: str, catalogue: Catalogue) -> list[BomUse]:
    """The AI components of one CycloneDX JSON document; Malformed when it is not a valid one."""
    from cyclonedx.model.bom import Bom
    from cyclonedx.model.component import ComponentType
    from cyclonedx.schema import SchemaVersion
    from cyclonedx.validation.json import JsonStrictValidator

    data = load_json(text)
    if not isinstance(data, dict) or data.get("bomFormat") != "CycloneDX":
        raise Malformed("is named like an SBOM but is not a CycloneDX JSON document (no \"bomFormat\": \"CycloneDX\")")
    version = data.get("specVersion")
    try:
        schema = SchemaVersion.from_version(str(version))
    except Exception:  # the library raises ValueError or KeyError for an unknown version
        raise Malformed(f"has an unknown CycloneDX specVersion {version!r}") from None
    problem = JsonStrictValidator(schema).validate_str(text)
    if problem is not None:
        error = getattr(problem, "data", None)
        where = "/".join(str(part) for part in getattr(error, "absolute_path", ())) or "the document"
        raise Malformed(f"is not valid CycloneDX {version}: {getattr(error, 'message', str(problem)[:200])} at {where}")
    try:
        bom = Bom.from_json(data)  # type: ignore[attr-defined]
    except Exception as exc:  # the library's deserialiser raises many kinds; each is a bad document
        raise Malformed(f"cannot be read as CycloneDX {version}: {type(exc).__name__}") from None
    located, found = Text(text), []
    for component in _components(bom.components):
        quoted = r"\"name\"\s*:\s*\"({})\""
        if component.type == ComponentType.MACHINE_LEARNING_MODEL:
            name = f"{component.group}/{component.name}" if component.group else component.name
            supplier = component.supplier.name if component.supplier is not None else None
            provider = supplier or component.publisher or component.group
            found.append(BomUse(*located.find(component.name, prefer=quoted), name, None, provider, "model", False))
        elif component.purl is not None:
            named = _purl_name(component.purl)
            package = catalogue.lookup(*named) if named else None
            if package is not None:
                found.append(BomUse(*located.find(component.name, prefer=quoted), package.name, package.ecosystem,
                                    package.provider, package.category, package.hosted))
    return found
