"""Change-note rules: a policy says in plain words what changed in each version after its first."""

from __future__ import annotations

import typing as t

from aimskit.governance import changes
from aimskit.records import kinds
from aimskit.records.findings import Finding, Severity
from aimskit.records.model import Record
from aimskit.rules._common import at
from aimskit.rules.registry import Options, record_rule


@record_rule(kinds.POLICY)
def change_note_for_version(record: Record, context: None, options: Options) -> t.Iterator[Finding]:
    """AIMS990: a policy whose version is not its first has a change note for that version."""
    data = record.data
    if changes.needs_note(data):
        version = data["version"]
        yield at(record, ("version",), "AIMS990",
                 f"{record.id or record.path} version {version} does not say what changed",
                 f"add to the front matter: changes: [{{version: \"{version}\", note: \"What changed, in a "
                 "sentence staff understand.\"}] (newest first); the site shows it with the version",
                 severity=Severity.WARNING)
