"""An AI bill of materials (CycloneDX 1.6 JSON) for the scanned code, made with
cyclonedx-python-lib: AI packages as libraries with package URLs, models as
``machine-learning-model`` components, and each hosted provider as a service."""

from __future__ import annotations

import typing as t

from aimskit import __version__
from aimskit.scan.check import joined
from aimskit.scan.run import Outcome
from aimskit.scan.uses import MODEL, Use

PURL_TYPES = {"pypi": "pypi", "npm": "npm", "go": "golang", "cargo": "cargo", "maven": "maven"}


def _purl(use: Use) -> t.Any:
    from packageurl import PackageURL

    ecosystem = use.ecosystem or ""
    if ecosystem == "maven" and ":" in use.name:
        group, name = use.name.split(":", 1)
        return PackageURL(type="maven", namespace=group, name=name)
    if "/" in use.name and ecosystem in ("npm", "go"):
        namespace, name = use.name.rsplit("/", 1)
        return PackageURL(type=PURL_TYPES[ecosystem], namespace=namespace, name=name)
    return PackageURL(type=PURL_TYPES.get(ecosystem, "generic"), name=use.name)


def to_cyclonedx(outcome: Outcome) -> str:
    """The CycloneDX 1.6 JSON document of the AI components found."""
    from cyclonedx.model import Property
    from cyclonedx.model.bom import Bom
    from cyclonedx.model.component import Component, ComponentType
    from cyclonedx.model.contact import OrganizationalEntity
    from cyclonedx.model.service import Service
    from cyclonedx.output.json import JsonV1Dot6

    bom = Bom()
    bom.metadata.tools.components.add(Component(type=ComponentType.APPLICATION, name="aimskit", version=__version__))
    names = [scan.repository or scan.path for scan in outcome.scans]
    root = Component(type=ComponentType.APPLICATION, name=", ".join(names) or "scanned code", bom_ref="scanned-code")
    bom.metadata.component = root
    seen: dict[tuple[str, ...], t.Any] = {}
    providers: set[str] = set()
    for scan in outcome.scans:
        for use in scan.uses:
            key = use.key
            where = Property(name="aimskit:location", value=f"{joined(scan.path, use.path)}:{use.line}")
            if key in seen:
                seen[key].properties.add(where)
                continue
            supplier = OrganizationalEntity(name=use.provider) if use.provider else None
            properties = [where, Property(name="aimskit:found-by", value=use.via)]
            if use.category:
                properties.append(Property(name="aimskit:category", value=use.category))
            if use.what == MODEL:
                component = Component(type=ComponentType.MACHINE_LEARNING_MODEL, name=use.name, supplier=supplier,
                                      bom_ref=f"model:{use.name}", properties=properties)
            else:
                component = Component(type=ComponentType.LIBRARY, name=use.name, supplier=supplier, purl=_purl(use),
                                      bom_ref=f"{use.ecosystem}:{use.name}", properties=properties)
            seen[key] = component
            bom.components.add(component)
            if use.hosted and use.provider:
                providers.add(use.provider)
    bom.register_dependency(root, list(seen.values()))
    for provider in sorted(providers):
        bom.services.add(Service(name=f"{provider} hosted AI service", provider=OrganizationalEntity(name=provider),
                                 bom_ref=f"service:{provider}"))
    return JsonV1Dot6(bom).output_as_string(indent=2) + "\n"
