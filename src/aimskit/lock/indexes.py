"""The package indexes pip is configured with: the ones whose digests a lock takes.

pip's own ``pip config list`` reads every configuration file and ``PIP_*`` variable; the index
URL, the extra index URLs and the certificate bundle are taken from it, the environment before
the ``install`` section before the ``global`` one, as pip does.
"""

from __future__ import annotations

import ast
import base64
import dataclasses
import subprocess
import sys
import urllib.parse

from aimskit.errors import AimskitError
from aimskit.lock.resolve import failure

DEFAULT_INDEX = "https://pypi.org/simple"
_SECTIONS = (":env:", "install", "global")
_TRUE = {"1", "true", "yes", "on"}


@dataclasses.dataclass(frozen=True)
class Index:
    """One simple-API index: its URL without credentials, and the header that carries them."""

    url: str  # never holds credentials, so it can be printed
    authorization: str | None = None


@dataclasses.dataclass(frozen=True)
class Settings:
    """Where pip looks for distributions, and how it connects."""

    indexes: tuple[Index, ...]
    cert: str | None = None
    timeout: float = 60.0


def settings() -> Settings:
    """pip's index configuration, read with ``pip config list``."""
    command = [sys.executable, "-m", "pip", "config", "list"]
    try:
        done = subprocess.run(command, capture_output=True, text=True, check=False, timeout=120)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise AimskitError(f"pip's configuration could not be read ({exc})") from None
    if done.returncode != 0:
        raise AimskitError(f"pip's configuration could not be read: {failure(done.stderr or done.stdout)}")
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
    """The settings that ``values`` (``section.key`` → value) give, pip's precedence applied."""
    def pick(key: str) -> str | None:
        return next((values[f"{section}.{key}"] for section in _SECTIONS if f"{section}.{key}" in values), None)

    if (pick("no-index") or "").strip().lower() in _TRUE:
        urls: list[str] = []
    else:
        urls = [(pick("index-url") or DEFAULT_INDEX).strip(), *(pick("extra-index-url") or "").split()]
    timeout = pick("timeout") or pick("default-timeout")
    try:
        seconds = float(timeout) if timeout else 60.0
    except ValueError:
        seconds = 60.0
    unique = list(dict.fromkeys(url for url in urls if url))
    return Settings(tuple(index(url) for url in unique), pick("cert"), seconds)


def index(url: str) -> Index:
    """An Index for ``url``, with any ``user:password@`` moved into a Basic authorization header."""
    parts = urllib.parse.urlsplit(url)
    if not parts.username and not parts.password:
        return Index(url.rstrip("/"))
    host = parts.hostname or ""
    netloc = f"{host}:{parts.port}" if parts.port else host
    plain = urllib.parse.urlunsplit(parts._replace(netloc=netloc)).rstrip("/")
    pair = f"{urllib.parse.unquote(parts.username or '')}:{urllib.parse.unquote(parts.password or '')}"
    return Index(plain, "Basic " + base64.b64encode(pair.encode("utf-8")).decode("ascii"))
