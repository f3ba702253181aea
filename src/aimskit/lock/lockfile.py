"""``requirements.txt`` as a lock: requirements.in resolved by uv, every distribution pinned by digest."""

from __future__ import annotations

import dataclasses
import re
import subprocess
import sys
import tempfile
import typing as t
from pathlib import Path

from aimskit import fs, safetext
from aimskit.errors import AimskitError
from aimskit.lock import indexes, inputs

OUTPUT = "requirements.txt"
INSTALL = f"python -m pip install --require-hashes -r {OUTPUT}"
#: The Python of the generated workflows (actions/setup-python) and of the GitLab image (python:X.Y).
CI_PYTHON = "3.12"
#: The lowest Python a lock installs on (aimskit's own Requires-Python): uv resolves for it and every later one.
LOWEST_PYTHON = "3.10"
_PIN = re.compile(r"^(?!\s|#|--)(\S.*?)(?:\s*\\)?$")


@dataclasses.dataclass(frozen=True)
class Locked:
    """What ``lock`` wrote: one requirement line per distribution (markers kept), and the Python floor."""

    pins: tuple[str, ...]
    python: str


def uv() -> str:
    """The uv executable of the ``uv`` distribution (a dependency of aimskit)."""
    try:
        from uv import find_uv_bin
    except ImportError:
        raise AimskitError("uv is not installed with this aimskit; install it (python -m pip install uv)") from None
    try:
        return find_uv_bin()
    except FileNotFoundError:
        raise AimskitError("the uv distribution is installed without its executable; reinstall it") from None


def lock(root: Path, python_version: str | None = None,
         progress: t.Callable[[str], None] = lambda message: None) -> Locked:
    """Resolve ``root/requirements.in`` with uv for every platform and for Python ``python_version``
    (default :data:`LOWEST_PYTHON`) and later, and write ``root/requirements.txt`` pinned by digest."""
    wanted = inputs.read(root)
    floor = python_version or LOWEST_PYTHON
    if not re.fullmatch(r"3\.[0-9]{1,2}", floor):
        raise AimskitError(f"--python-version {floor!r}: give a Python version such as {CI_PYTHON}")
    progress(f"resolving {inputs.INPUT} with uv for Python {floor} and later, on every platform ...")
    where = indexes.settings()
    command = [uv(), "pip", "compile", "-", "--generate-hashes", "--universal",
               "--python-version", floor, "--python", sys.executable, "--no-python-downloads", "--index-strategy", "unsafe-best-match", "--no-header", "--no-annotate", "--quiet", "--no-progress", "--color",
               "never", *where.options]
    stdin = "".join(f"{item.text}\n" for item in wanted)
    with tempfile.TemporaryDirectory(prefix="aimskit-lock-") as scratch:
        output = Path(scratch) / OUTPUT
        try:
            done = subprocess.run([*command, "--output-file", str(output)], cwd=root, input=stdin,
                                  capture_output=True, text=True, check=False, timeout=900, env=_environment(where.cert))
        except (OSError, subprocess.TimeoutExpired) as exc:
            raise AimskitError(f"uv could not be run ({exc})") from None
        if done.returncode != 0 or not output.is_file():
            raise AimskitError(f"uv could not resolve the requirements: {failure(done.stderr or done.stdout)}")
        body = output.read_text(encoding="utf-8")
    pins = tuple(match[1] for match in map(_PIN.match, body.splitlines()) if match)
    fs.write_file(root, OUTPUT, (header(floor) + body).encode("utf-8"))
    return Locked(pins, floor)


def _environment(cert: str | None) -> dict[str, str]:
    """The environment for uv: uv's own index settings left out, so pip's configuration alone decides,
    and pip's certificate bundle trusted."""
    import os

    found = {key: value for key, value in os.environ.items()
             if not key.startswith(("UV_INDEX", "UV_EXTRA_INDEX", "UV_DEFAULT_INDEX", "UV_FIND_LINKS", "UV_NO_INDEX"))}
    if cert:
        found["SSL_CERT_FILE"] = cert
    return found


def failure(output: str) -> str:
    """What uv said went wrong, on one line."""
    lines = [line.strip() for line in output.splitlines() if line.strip() and not line.startswith("warning:")]
    return safetext.one_line(" ".join(lines)[-600:] or "no message")


def header(floor: str) -> str:
    return "\n".join([
        "# Every distribution CI installs, pinned by version and by the sha256 digest of each of its files",
        "# on the package index: pip installs these files and refuses any other. Written by `aimskit lock`",
        f"# (uv pip compile --universal) from {inputs.INPUT}, for Python {floor} and later on every platform;",
        "# do not edit it by hand. CI installs it with:",
        f"#   {INSTALL}",
        f"# To add a requirement or take newer releases, edit {inputs.INPUT} and run `aimskit lock` again.",
    ]) + "\n"
