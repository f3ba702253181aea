"""Record-format migrations: from the schema version in aims.yml to the one aimskit reads.

``aims.yml`` records the schema version its records follow (``schema_version``). When a schema
changes incompatibly, aimskit's version goes up and a ``Migration`` from the previous version says
how records are rewritten. Rewrites edit the text (a field's key is renamed where it stands), so
layout and comments are kept, and every change is shown as a unified diff first.

Schema version 1 is the first, so aimskit ships no migration yet; ``MIGRATIONS`` is where the
next one goes.
"""

from __future__ import annotations

import dataclasses
import difflib
import re
import typing as t
from pathlib import Path

from aimskit.errors import AimskitError
from aimskit.records import kinds
from aimskit.records.model import MANIFEST_NAME

SCHEMA_VERSION = "1"
_VERSION_LINE = re.compile(r"^(schema_version:[ \t]*)(['\"]?)([^'\"#\s]+)\2", re.MULTILINE)


@dataclasses.dataclass(frozen=True)
class RenameField:
    """A top-level field of a kind's records renamed (its value unchanged)."""

    kind: str
    old: str
    new: str

    def rewrite(self, kind: kinds.Kind, text: str) -> str:
        if kind.name != self.kind:
            return text
        head, body = _split(kind, text)
        head = re.sub(rf"^{re.escape(self.old)}([ \t]*:)", rf"{self.new}\1", head, flags=re.MULTILINE)
        return head + body


@dataclasses.dataclass(frozen=True)
class Migration:
    """How records of schema version ``source`` become records of version ``target``."""

    source: str
    target: str
    summary: str
    changes: tuple[RenameField, ...]


MIGRATIONS: tuple[Migration, ...] = ()


@dataclasses.dataclass(frozen=True)
class Change:
    """One file rewritten: its path, its text before and after."""

    path: str
    before: str
    after: str

    def diff(self) -> str:
        return "".join(difflib.unified_diff(self.before.splitlines(keepends=True), self.after.splitlines(keepends=True),
                                            f"a/{self.path}", f"b/{self.path}"))


def repository_version(root: Path) -> str:
    """The schema version aims.yml records (as written, without quotes)."""
    try:
        text = (root / MANIFEST_NAME).read_text(encoding="utf-8")
    except OSError as exc:
        raise AimskitError(f"cannot read {MANIFEST_NAME}: {exc.strerror}") from None
    match = _VERSION_LINE.search(text)
    if match is None:
        raise AimskitError(f"{MANIFEST_NAME} has no schema_version line; add schema_version: \"{SCHEMA_VERSION}\" "
                           "if its records follow the current format")
    return match.group(3)


def path_to(source: str, migrations: t.Sequence[Migration] = MIGRATIONS, target: str = SCHEMA_VERSION) -> list[Migration]:
    """The migrations from version ``source`` to ``target``, in order."""
    by_source = {migration.source: migration for migration in migrations}
    steps, version = [], source
    while version != target:
        step = by_source.get(version)
        if step is None:
            raise AimskitError(f"no migration from schema version {version} to {target}; this aimskit reads "
                               f"version {target} (upgrade in steps with the aimskit releases in between)")
        steps.append(step)
        version = step.target
    return steps


def plan(root: Path, migrations: t.Sequence[Migration] = MIGRATIONS, target: str = SCHEMA_VERSION,
         source: str | None = None) -> list[Change]:
    """Every file the migrations from ``source`` (default: aims.yml's version) rewrite, with aims.yml's
    schema_version set to ``target``."""
    steps = path_to(source or repository_version(root), migrations, target)
    if not steps:
        return []
    changes = []
    for kind in kinds.ALL:
        for path in sorted(root.glob(kind.glob)):
            if not path.is_file() or path.is_symlink():
                continue
            before = path.read_text(encoding="utf-8")
            after = before
            for step in steps:
                for change in step.changes:
                    after = change.rewrite(kind, after)
            if kind is kinds.MANIFEST:
                after = _VERSION_LINE.sub(lambda m: f'{m.group(1)}"{target}"', after, count=1)
            if after != before:
                changes.append(Change(path.relative_to(root).as_posix(), before, after))
    return changes


def apply(root: Path, changes: t.Iterable[Change]) -> None:
    """Write the planned changes (each file replaced whole)."""
    for change in changes:
        target = root / change.path
        temporary = target.with_name(f".{target.name}.aimskit-migrate")
        temporary.write_text(change.after, encoding="utf-8", newline="")
        temporary.replace(target)


def _split(kind: kinds.Kind, text: str) -> tuple[str, str]:
    """The YAML part of a record's text and the rest (a Markdown body)."""
    if not kind.markdown or not text.startswith("---"):
        return text, ""
    end = re.search(r"^(?:---|\.\.\.)[ \t]*$", text[3:], re.MULTILINE)
    if end is None:
        return text, ""
    cut = 3 + end.start()
    return text[:cut], text[cut:]
