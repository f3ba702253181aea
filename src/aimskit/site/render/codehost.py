"""Links to the change on the code host, when aims.yml knows the repository's address."""

from __future__ import annotations

import re
import typing as t

from aimskit.site.render import escape

_HEX = re.compile(r"^[0-9a-f]{7,64}$")


def repo_url(manifest: t.Mapping[str, t.Any]) -> str | None:
    """``site.repo_url`` from aims.yml when it is an https address (trailing slash and ``.git`` dropped)."""
    site = manifest.get("site") if isinstance(manifest, t.Mapping) else None
    value = site.get("repo_url") if isinstance(site, dict) else None
    if not isinstance(value, str) or not value.startswith("https://"):
        return None
    value = value.strip().rstrip("/")
    return value[:-4] if value.endswith(".git") else value


def commit_url(manifest: t.Mapping[str, t.Any], hexsha: t.Any) -> str | None:
    """The address of a commit on the code host (GitLab's ``/-/commit/`` form when CI is GitLab)."""
    base = repo_url(manifest)
    if base is None or not isinstance(hexsha, str) or not _HEX.match(hexsha):
        return None
    gitlab = manifest.get("ci") == "gitlab" or "gitlab" in base.split("/")[2]
    return escape.external_url(f"{base}/-/commit/{hexsha}" if gitlab else f"{base}/commit/{hexsha}")
