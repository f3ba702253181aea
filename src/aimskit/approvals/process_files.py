"""Which changed files are process files (they change what CI does or what staff see, and need the
governance lead), which are records, and which are neither (listed, never left out)."""

from __future__ import annotations

import dataclasses
import fnmatch
import typing as t

from aimskit.records import kinds
from aimskit.records.model import Repository

#: Files that change how the AIMS is checked or approved, or what staff see on the site: patterns
#: matched against the path from the git top and from the AIMS root (``*`` crosses folders).
PROCESS_FILES = {
    "CODEOWNERS": ("CODEOWNERS", ".github/CODEOWNERS", ".gitlab/CODEOWNERS", "docs/CODEOWNERS"),
    "CI workflow": (".github/workflows/*", ".github/actions/*", ".gitlab-ci.yml", ".gitlab/ci/*", ".gitlab/*.yml",
                    "*/.gitlab-ci.yml"),
    "dependencies": ("requirements*.txt", "*/requirements*.txt", "requirements*.in", "*/requirements*.in",
                     ".aimskit/wheels/*", ".pre-commit-config.yaml", "*/.pre-commit-config.yaml"),
    "schemas": ("schemas/*", "*/schemas/*"),
    "site configuration": ("mkdocs.yml", "*/mkdocs.yml", "zensical.toml", "*/zensical.toml"),
    "site script or stylesheet": ("docs/*.js", "docs/*.mjs", "docs/*.css", "overrides/*.js", "overrides/*.css"),
    "site page or theme": ("docs/*", "overrides/*"),
    "git attributes": (".gitattributes", "*/.gitattributes"),
    "code host settings": (".github/*", ".gitlab/*"),
    "template answers": (".cookiecutter.json", "*/.cookiecutter.json", ".cruft.json", "*/.cruft.json"),
    "script or stylesheet": ("*.js", "*.mjs", "*.css", "*.sh", "*.py", "scripts/*", "Makefile", "*/Makefile"),
}
#: Pages ``aimskit render`` writes (git-ignored): what they show comes from the records.
GENERATED_PAGES = ("docs/generated/*",)
def process_kind(path: str, prefix: str = "") -> str | None:
    """What kind of process or control file ``path`` (from the git top; the AIMS root is at
    ``prefix``) is, or None: a file that changes what CI does or what staff see."""
    forms = [path] + ([path[len(prefix):]] if prefix and path.startswith(prefix) else [])
    if any(fnmatch.fnmatchcase(form, pattern) for form in forms for pattern in GENERATED_PAGES):
        return None
    for kind, patterns in PROCESS_FILES.items():
        if any(fnmatch.fnmatchcase(form, pattern) for form in forms for pattern in patterns):
            return kind
    return None


@dataclasses.dataclass(frozen=True)
class OtherFile:
    """A changed file that is neither a record nor a process file (evidence, images, notes)."""

    path: str
    status: str  # A M D R
    old_path: str | None = None


def other_files(changed: t.Iterable[t.Any], record_paths: set[str]) -> list[OtherFile]:
    """The files among ``changed`` (``git.ChangedPath``) that are neither process files nor
    records (``record_paths``, relative to the AIMS root, loaded or not, at either side)."""
    found = []
    for entry in changed:
        if process_kind(entry.path, entry.prefix) or (entry.old_path and process_kind(entry.old_path, entry.prefix)):
            continue
        if {entry.record_path, entry.old_record_path} & record_paths:
            continue
        found.append(OtherFile(entry.path, entry.status, entry.old_path))
    return found


def record_paths(repository: Repository) -> set[str]:
    """Every record file of ``repository``, loaded or not."""
    return {r.path for kind in kinds.ALL for r in repository.of(kind)} | {path for _, path in repository.unloaded}
