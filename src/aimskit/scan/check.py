"""The scan checked against the inventory.

AIMS850: every AI use in scanned code belongs to a system of the inventory (its ``code:``);
AIMS851: a hosted AI provider used in a system's code is one the system declares
(``components.providers``, or the supplier it names as ``provider``); AIMS852: a model used in a
system's code is one it declares (``models`` or ``components.models``); AIMS853: a package used is
one the system declares, when it lists its packages; AIMS854: what a system declares is still
found in its code, when all of its code was scanned.
"""

from __future__ import annotations

import typing as t

from aimskit.records.findings import Finding, error, warning
from aimskit.scan import identity
from aimskit.scan.catalogue import normalise
from aimskit.scan.inventory import CodePlace, DeclaredSystem, model_matches, same_provider
from aimskit.scan.uses import MODEL, PACKAGE, RootScan, Use

Shown = t.Callable[[str], str]  # an AIMS record path → as shown to the user


def joined(root: str, path: str) -> str:
    """A use's path as the user sees it: below the root given on the command line."""
    root = root.rstrip("/")
    return path if root in ("", ".") else f"{root}/{path}"


def describe(use: Use) -> str:
    """``the Anthropic SDK (anthropic)``, ``the model gpt-4o``, ``the model file m.safetensors``."""
    if use.what == MODEL:
        return f"the model file {use.name}" if use.via == "model-file" else f"the model {use.name}"
    if use.category == "llm-client":
        return f"the {use.provider} SDK ({use.name})"
    return f"{use.name} ({use.category}, {use.provider})"


def _places(uses: list[Use]) -> str:
    more = len(uses) - 1
    return f" (and {more} other place{'s' * (more != 1)})" if more else ""


def _ids(systems: list[DeclaredSystem]) -> str:
    return ", ".join(s.id for s in systems)


def covering(systems: list[DeclaredSystem], scan: RootScan, use: Use) -> list[DeclaredSystem]:
    return [s for s in systems if s.covers(scan.repository, use.path)]


def check_root(scan: RootScan, systems: list[DeclaredSystem], shown: Shown,
               subjects: dict[Finding, Use] | None = None) -> list[Finding]:
    """The findings for one scanned root: undeclared use, providers, models and packages; each
    finding's use is put in ``subjects``."""
    groups: dict[tuple[t.Any, ...], list[Use]] = {}
    owners: dict[tuple[t.Any, ...], list[DeclaredSystem]] = {}
    for use in scan.uses:
        found = covering(systems, scan, use)
        key = (*use.key, tuple(s.id for s in found))
        groups.setdefault(key, []).append(use)
        owners[key] = found
    findings: list[Finding] = []
    flagged: set[tuple[str, ...]] = set()  # (code, provider, systems): one provider finding per system
    for key, uses in groups.items():
        for finding in _check_component(scan, uses, owners[key], shown):
            if finding.code == "AIMS851":
                seen = (finding.code, uses[0].provider or "", *key[-1])
                if seen in flagged:
                    continue
                flagged.add(seen)
            findings.append(finding)
            if subjects is not None:
                subjects[finding] = uses[0]
    return findings


#: Where a component is best pointed at: its declaration in a manifest before an import of it.
_PREFERRED = {"manifest": 0, "lock": 1, "sbom": 2, "import": 3, "model-reference": 4, "model-file": 5}


def _check_component(scan: RootScan, uses: list[Use], owners: list[DeclaredSystem], shown: Shown) -> list[Finding]:
    first = min(uses, key=lambda use: _PREFERRED.get(use.via, 9))
    where = joined(scan.path, first.path)
    what = describe(first)
    if not owners:
        name = scan.repository or scan.path
        return [error(where, first.line, first.column, "AIMS850",
                      f"uses {what}{_places(uses)}, but no system in the inventory names this code",
                      f"update the inventory in the AIMS repository: add `code: [{{repository: {name}}}]` and the "
                      "components to the system that uses it (systems/SYS-###.yaml), or add a new system record")]
    findings = []
    records = " and ".join(shown(s.record.path) for s in owners)
    if first.hosted and first.provider and not any(s.declares_provider(first.provider) for s in owners):
        declared = sorted({name for s in owners for _, name in s.providers})
        only = f"declares only {', '.join(declared)}" if declared else "declares no provider"
        findings.append(error(where, first.line, first.column, "AIMS851",
                              f"uses {what}{_places(uses)}, which sends data to {first.provider}; {_ids(owners)} {only}",
                              f"update the inventory in the AIMS repository: add '{first.provider}' (or the id of its "
                              f"supplier record) to components.providers in {records}"))
    if first.what == MODEL and not any(s.declares_model(first) for s in owners):
        findings.append(error(where, first.line, first.column, "AIMS852",
                              f"uses {what}{_places(uses)}, which {_ids(owners)} does not declare",
                              f"update the inventory in the AIMS repository: add '{first.name}' to models in {records}"))
    if first.what == PACKAGE and any(s.packages for s in owners) and not any(s.declares_package(first) for s in owners):
        findings.append(error(where, first.line, first.column, "AIMS853",
                              f"uses the package {first.name}{_places(uses)}, which {_ids(owners)} does not list",
                              f"update the inventory in the AIMS repository: add '{first.name}' to "
                              f"components.packages in {records}"))
    return findings


def _place_scanned(place: CodePlace, scans: list[RootScan]) -> bool:
    if place.repository is None:  # a folder in whichever code was scanned
        return bool(scans)
    return any(scan.repository and identity.same(place.repository, scan.repository) for scan in scans)


def check_declared(scans: list[RootScan], systems: list[DeclaredSystem], shown: Shown) -> list[Finding]:
    """AIMS854 for each system whose code was all scanned: declared components not found in it."""
    findings = []
    for system in systems:
        if not system.places or not all(_place_scanned(place, scans) for place in system.places):
            continue
        uses = [use for scan in scans for use in scan.uses if system.covers(scan.repository, use.path)]
        document, path = system.record.document, shown(system.record.path)
        for written, name, where in system.provider_places():
            if where == ("provider",):  # the supplier of the whole system may be reached without an SDK
                continue
            if not any(use.provider and same_provider(name, use.provider) for use in uses):
                findings.append(warning(path, *document.position(where), "AIMS854",
                                        f"{system.id} declares the provider {name}, but no use of it was found in its code",
                                        "remove it from the record if the system no longer uses it, or check that "
                                        "`code:` names all of the system's code"))
        for model, where in system.models:
            if not any(use.what == MODEL and model_matches(model, use) for use in uses):
                findings.append(warning(path, *document.position(where), "AIMS854",
                                        f"{system.id} declares the model {model}, but it was not found in its code",
                                        "remove it from the record if the system no longer uses it; a model chosen "
                                        "at run time, from configuration, is not found by a scan"))
        for index, package in enumerate(system.packages):
            if not any(use.what == PACKAGE and normalise("pypi", use.name) == normalise("pypi", package) for use in uses):
                findings.append(warning(path, *document.position(("components", "packages", index)), "AIMS854",
                                        f"{system.id} declares the package {package}, but it was not found in its code",
                                        "remove it from the record if the system no longer uses it"))
    return findings
