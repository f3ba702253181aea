"""Does a lock made here also install on CI? Its Python and platform may need other dependencies.

pip evaluates environment markers (``tomli; python_version < "3.11"``) for the Python that
resolves. The generated CI runs Python :data:`CI_PYTHON` on Linux x86-64, so the lock is checked
against that environment: every dependency CI would need must be pinned, and every pinned version
must accept CI's Python.
"""

from __future__ import annotations

import dataclasses

from aimskit.errors import AimskitError
from aimskit.lock.resolve import Resolution, Resolved

#: The Python of the generated workflows (actions/setup-python) and of the GitLab image (python:X.Y).
CI_PYTHON = "3.12"
CI_PLATFORM = {"sys_platform": "linux", "platform_system": "Linux", "os_name": "posix",
               "platform_machine": "x86_64", "implementation_name": "cpython",
               "platform_python_implementation": "CPython"}


@dataclasses.dataclass(frozen=True)
class Fit:
    """How the resolved set fits CI: what CI needs but is missing, what CI's Python refuses, what only this machine needs."""

    missing: dict[str, str]  # name → the distribution that needs it
    refused: list[str]  # "name version (Requires-Python ...)"
    only_here: list[str]

    def check(self, resolved_with: str) -> None:
        """Raise AimskitError when the lock would fail on CI."""
        problems = [f"{name} (needed by {needer})" for name, needer in sorted(self.missing.items())]
        problems += [f"{item}, which does not support Python {CI_PYTHON}" for item in self.refused]
        if problems:
            raise AimskitError(f"the lock, resolved with Python {resolved_with}, would not install on CI's Python "
                               f"{CI_PYTHON} on Linux: " + "; ".join(problems) + f". Run 'aimskit lock --python "
                               f"python{CI_PYTHON}' (a Python {CI_PYTHON} interpreter) to resolve for CI")


def ci_environment(resolved: dict[str, str]) -> dict[str, str]:
    """The PEP 508 marker values of CI: the resolving environment with CI's Python and platform."""
    return {**resolved, **CI_PLATFORM, "python_version": CI_PYTHON, "python_full_version": f"{CI_PYTHON}.0",
            "implementation_version": f"{CI_PYTHON}.0"}


def fit(resolution: Resolution) -> Fit:
    """Compare the distributions CI's environment needs with the ones resolved."""
    from packaging.specifiers import InvalidSpecifier, SpecifierSet

    environment = ci_environment(resolution.environment)
    pinned = {item.name: item for item in resolution.distributions}
    needed = needed_names(resolution.distributions, environment)
    missing = {name: needer for name, needer in needed.items() if name not in pinned}
    refused = []
    for item in resolution.distributions:
        try:
            accepted = not item.requires_python or SpecifierSet(item.requires_python).contains(
                environment["python_full_version"], prereleases=True)
        except InvalidSpecifier:
            accepted = True  # pip ignores a Requires-Python it cannot read
        if not accepted:
            refused.append(f"{item.name} {item.version} (Requires-Python {item.requires_python})")
    only_here = sorted(name for name in pinned if name not in needed)
    return Fit(missing, refused, only_here)


def needed_names(distributions: tuple[Resolved, ...], environment: dict[str, str]) -> dict[str, str]:
    """Each distribution ``environment`` needs (name → who needs it), from the requested ones down."""
    from packaging.requirements import InvalidRequirement, Requirement
    from packaging.utils import canonicalize_name

    pinned = {item.name: item for item in distributions}
    extras: dict[str, set[str]] = {}
    needer: dict[str, str] = {}
    queue = [(item.name, set(item.extras), "requirements.in") for item in distributions if item.requested]
    while queue:
        name, wanted, parent = queue.pop()
        if name in extras and wanted <= extras[name]:
            continue
        extras.setdefault(name, set()).update(wanted)
        needer.setdefault(name, parent)
        item = pinned.get(name)
        for line in item.requires_dist if item else ():
            try:
                requirement = Requirement(line)
            except InvalidRequirement:
                continue
            marker = requirement.marker
            if marker is None or any(marker.evaluate({**environment, "extra": extra})
                                     for extra in ("", *sorted(extras[name]))):
                queue.append((canonicalize_name(requirement.name), set(requirement.extras), name))
    return needer
