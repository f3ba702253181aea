"""``requirements.txt`` as a lock: requirements.in resolved, every distribution pinned by digest."""

from __future__ import annotations

import concurrent.futures
import dataclasses
import hashlib
import typing as t
import urllib.parse
import urllib.request
from pathlib import Path

from aimskit import fs
from aimskit.errors import AimskitError
from aimskit.lock import digests, indexes, inputs, resolve, target

OUTPUT = "requirements.txt"
INSTALL = f"python -m pip install --require-hashes -r {OUTPUT}"
WHEEL_LIMIT = 512 << 20
_WORKERS = 8


@dataclasses.dataclass(frozen=True)
class Pin:
    """One distribution of the lock: its requirement line and the digests pip accepts for it."""

    name: str
    version: str
    line: str  # ``name==version``, or the path of a wheel in the repository
    hashes: tuple[str, ...]


@dataclasses.dataclass(frozen=True)
class Locked:
    """What ``lock`` wrote, and what it read to do so."""

    pins: tuple[Pin, ...]
    indexes: tuple[str, ...]
    python: str  # the Python version the requirements were resolved with
    only_here: tuple[str, ...]  # pinned, though CI's Python and platform would not need them


def lock(root: Path, python: str | None = None, progress: t.Callable[[str], None] = lambda message: None) -> Locked:
    """Resolve ``root/requirements.in`` and write ``root/requirements.txt`` pinned by digest."""
    wanted = inputs.read(root)
    progress(f"resolving {inputs.INPUT} with pip ...")
    resolution = resolve.resolve(root, wanted, python)
    resolved_with = resolution.environment.get("python_version", "?")
    fit = target.fit(resolution)
    fit.check(resolved_with)
    settings = indexes.settings()
    shown = tuple(index.url for index in settings.indexes)
    progress(f"reading the sha256 digests of {len(resolution.distributions)} distributions from "
             + (", ".join(shown) or "no package index (no-index)") + " ...")
    pins = pin_all(root, resolution, settings)
    fs.write_file(root, OUTPUT, render(pins, resolved_with).encode("utf-8"))
    return Locked(pins, shown, resolved_with, tuple(fit.only_here))


def pin_all(root: Path, resolution: resolve.Resolution, settings: indexes.Settings) -> tuple[Pin, ...]:
    """A Pin for each resolved distribution: a wheel in the repository by its own digest, the others by
    the digests of every file of their version on each index (and of the file pip chose)."""
    found = {item.name: set(item.hashes) for item in resolution.distributions if not item.direct}
    jobs = [(index, item) for item in resolution.distributions if not item.direct for index in settings.indexes]
    with concurrent.futures.ThreadPoolExecutor(max_workers=_WORKERS) as pool:
        answers = pool.map(lambda job: digests.version_digests(job[0], job[1].name, job[1].version, settings), jobs)
        for (_, item), answer in zip(jobs, answers):
            found[item.name] |= answer
    pins = []
    for item in resolution.distributions:
        if item.direct:
            pins.append(wheel_pin(root, item))
        elif not found[item.name]:
            raise AimskitError(f"no sha256 digest is known for {item.name} {item.version}: no index lists one")
        else:
            pins.append(Pin(item.name, item.version, f"{item.name}=={item.version}", tuple(sorted(found[item.name]))))
    return tuple(pins)


def wheel_pin(root: Path, item: resolve.Resolved) -> Pin:
    """The pin of a wheel named by its path in the repository, by the digest of that file."""
    parts = urllib.parse.urlsplit(item.url)
    path = Path(urllib.request.url2pathname(parts.path)) if parts.scheme == "file" else None
    base = Path(root).resolve()
    if path is None or not path.suffix == ".whl" or not fs.is_within(path.resolve(), base):
        raise AimskitError(f"{item.name} {item.version} comes from {item.url}, which a lock cannot pin: name a "
                           "version on the package index, or a wheel inside the repository")
    relative = path.resolve().relative_to(base).as_posix()
    digest = hashlib.sha256(fs.read_bytes(root, relative, WHEEL_LIMIT)).hexdigest()
    return Pin(item.name, item.version, f"./{relative}", (digest,))


def render(pins: t.Iterable[Pin], resolved_with: str) -> str:
    """The text of requirements.txt: a header, then each pin with one ``--hash`` per line."""
    lines = [
        "# Every distribution CI installs, pinned by version and by the sha256 digest of each of its files",
        "# on the package index: pip installs these files and refuses any other. Written by `aimskit lock`",
        f"# from {inputs.INPUT} (resolved with Python {resolved_with}, checked for CI's Python "
        f"{target.CI_PYTHON} on Linux);",
        "# do not edit it by hand. CI installs it with:",
        f"#   {INSTALL}",
        f"# To add a requirement or take newer releases, edit {inputs.INPUT} and run `aimskit lock` again.",
    ]
    for pin in sorted(pins, key=lambda pin: pin.name):
        hashes = [f"    --hash=sha256:{digest}" for digest in pin.hashes]
        lines.append(" \\\n".join([pin.line, *hashes]))
    return "\n".join(lines) + "\n"
