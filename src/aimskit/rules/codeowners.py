"""CODEOWNERS rule: the generated section of CODEOWNERS matches the roles."""

from __future__ import annotations

import typing as t

from aimskit import fs
from aimskit.governance import codeowners
from aimskit.records.findings import Finding
from aimskit.records.model import Repository, refused_finding
from aimskit.rules.registry import Options, rule


@rule
def codeowners_in_step(repository: Repository, options: Options) -> t.Iterator[Finding]:
    """AIMS601: CODEOWNERS exists (when aims.yml names a code host: ci github or gitlab) and its section
    matches the roles; an error under --strict, as 'codeowners --check' fails on the same."""
    if not repository.manifest or repository.unloaded or _unknown_owner_roles(repository):
        # the expected owners are unknown while a record does not load or names a role that does
        # not exist; those have their own findings
        return
    if codeowners.ci_provider(repository) == "none":
        return  # no code host requests reviews: 'codeowners' neither writes nor checks a file
    path = codeowners.location(repository)
    try:
        text = codeowners.current(repository)
    except fs.RefusedPath as exc:
        yield refused_finding(exc)
        return
    if text is None:
        if codeowners.required(repository):
            yield Finding(path, 1, 1, options.review_severity, "AIMS601",
                          "CODEOWNERS is missing, so reviewers are not requested from the roles",
                          "run 'aimskit codeowners' and commit the file")
        return
    for number, line in codeowners.overriding_lines(text):
        yield Finding(path, number, 1, options.review_severity, "AIMS601", "this line comes after the generated section and overrides "
                      "the owners it sets (the last matching line wins)",
                      "move the line above the '# BEGIN aimskit codeowners' line, or change the roles instead")
    if codeowners.render(text, codeowners.section(repository)) != text:
        yield Finding(path, _section_line(text), 1, options.review_severity, "AIMS601", "CODEOWNERS is out of step with the roles",
                      "run 'aimskit codeowners' and commit the file")


def _section_line(text: str) -> int:
    lines = text.splitlines()
    return lines.index(codeowners.BEGIN) + 1 if codeowners.BEGIN in lines else 1


def _unknown_owner_roles(repository: Repository) -> bool:
    roles = repository.roles
    return any(isinstance(role, str) and role not in roles
               for record in repository.all_records() for role in codeowners.owner_roles(record))
