"""The package indexes of pip's configuration, as uv options: the lock takes its digests from the
indexes that CI's ``pip install`` reads (``pip config list``: the environment before the
``install`` section before the ``global`` one, as pip does)."""

from __future__ import annotations

import ast
import dataclasses
import subprocess
import sys

from aimskit import safetext
from aimskit.errors import AimskitError

_SECTIONS = (":env:", "install", "global")
_TRUE = {"1", "true", "yes", "on"}


@dataclasses.dataclass(frozen=True)
class Settings:
    """Where pip looks for distributions, as uv options, and the certificate bundle pip trusts."""

    options: tuple[str, ...]
    cert: str | None = None


def settings() -> Settings:
    """uv's ``--index-url``, ``--extra-index-url``, ``--find-links`` and ``--no-index`` from pip's configuration."""
    command = [sys.executable, "-m", "pip", "config", "list"]
    try:
        done = subprocess.run(command, capture_output=True, text=True, check=False, timeout=120)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise AimskitError(f"pip's configuration could not be read ({exc})") from None
    if done.returncode != 0:
        raise AimskitError("pip's configuration could not be read: "
                           + safetext.one_line((done.stderr or done.stdout).strip()[-300:]))
    return from_values(parse_config_list(done.stdout))


def parse_config_list(output: str) -> dict[str, str]:
    """``pip config list`` lines (``section.key='value'``) as a dict."""
    values = {}
    for line in output.splitlines():
        key, sep, raw = line.partition("=")
        if not sep:
            continue
        try:
            value = ast.literal_eval(raw)
        except (ValueError, SyntaxError):
            value = raw
        values[key.strip()] = str(value)
    return values


def from_values(values: dict[str, str]) -> Settings:
    """The uv options that ``values`` (``section.key`` → value) give, pip's precedence applied."""
    def pick(key: str) -> str | None:
        return next((values[f"{section}.{key}"] for section in _SECTIONS if f"{section}.{key}" in values), None)

    options: list[str] = []
    if (pick("no-index") or "").strip().lower() in _TRUE:
        options.append("--no-index")
    else:
        if pick("index-url"):
            options += ["--index-url", str(pick("index-url")).strip()]
        for url in (pick("extra-index-url") or "").split():
            options += ["--extra-index-url", url]
    for place in (pick("find-links") or "").split():
        options += ["--find-links", place]
    return Settings(tuple(options), pick("cert"))
