"""Which roles must approve a change, decided from the records at its base and its head.

The base decides who holds a role and who the governance lead is: a change cannot name its own
approvers. A role is needed for:

- a policy, SoA or impact assessment that is or becomes approved and whose content, version or
  status changes: its approver (at head, and at base when that differs);
- a risk acceptance given or changed, or a change to a risk that was accepted: the accepting role;
- a control newly excluded in the SoA: the SoA's approver;
- a change to a role's holders or authorities, and to process and control files (CODEOWNERS, CI,
  requirements, pre-commit, schemas, the site's configuration, pages, theme, scripts and
  stylesheets, ``.gitattributes``, the template answers, any setting of ``aims.yml``): the
  governance lead.
"""

from __future__ import annotations

import dataclasses
import fnmatch
import typing as t

from aimskit.governance import approval
from aimskit.governance.fields import mappings
from aimskit.records import kinds
from aimskit.records.model import Record, Repository

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
#: Keys of ``aims.yml`` (a record, compared as data: a reformatting is no change) listed first in
#: the reasons; a change to any key of it needs the governance lead.
MANIFEST_PROCESS_KEYS = ("risk_method", "scope", "governance_lead")


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


@dataclasses.dataclass
class Need:
    """A role whose current holder (other than the author) must approve, and why."""

    role: str
    reasons: list[str] = dataclasses.field(default_factory=list)


def governance_lead(repository: Repository) -> str | None:
    lead = repository.manifest.get("governance_lead")
    return lead if isinstance(lead, str) else None


def holders(repository: Repository, role: str) -> list[dict[str, str]]:
    """The holders (name, handle) of ``role`` in ``repository``."""
    record = repository.roles.get(role)
    found = record.data.get("holders") if record is not None else None
    return [h for h in found if isinstance(h, dict) and isinstance(h.get("handle"), str)] \
        if isinstance(found, list) else []


def required_approvals(base: Repository, head: Repository, process_paths: t.Iterable[str] = ()) -> list[Need]:
    """The roles that must approve the change from ``base`` to ``head``, each with its reasons."""
    needs: dict[str, Need] = {}

    def need(role: t.Any, reason: str) -> None:
        key = role if isinstance(role, str) and role else "(no role named)"
        entry = needs.setdefault(key, Need(key))
        if reason not in entry.reasons:
            entry.reasons.append(reason)

    lead = governance_lead(base) or governance_lead(head)
    for old, new in _pairs(base, head, approval.APPROVED_KINDS):
        _document(old, new, need)
    for old, new in _pairs(base, head, (kinds.RISK,)):
        _acceptance(old, new, need)
    _exclusions(base.single(kinds.SOA), head.single(kinds.SOA), need)
    for old, new in _pairs(base, head, (kinds.ROLE,)):
        for key in ("holders", "authorities"):
            if _get(old, key) != _get(new, key):
                need(lead, f"role {_name(new or old)}: {key} changed")
    old_manifest, new_manifest = base.manifest, head.manifest
    others = sorted(set(old_manifest) | set(new_manifest), key=str)
    for key in [*MANIFEST_PROCESS_KEYS, *(k for k in others if k not in MANIFEST_PROCESS_KEYS)]:
        if old_manifest.get(key) != new_manifest.get(key):
            need(lead, f"aims.yml {key} changed")
    for path in process_paths:
        need(lead, f"{process_kind(path) or 'process file'} {path} changed")
    return sorted(needs.values(), key=lambda n: n.role)


def _pairs(base: Repository, head: Repository, of: tuple) -> t.Iterator[tuple[Record | None, Record | None]]:
    """Each record of the kinds ``of`` at base and at head, matched by id; a record both sides
    share (its file did not change) is left out."""
    for kind in of:
        before = {_key(r): r for r in base.of(kind)}
        after = {_key(r): r for r in head.of(kind)}
        for key in sorted(set(before) | set(after)):
            if before.get(key) is not after.get(key):
                yield before.get(key), after.get(key)


def _key(record: Record) -> str:
    return record.id or record.path


def _get(record: Record | None, key: str) -> t.Any:
    return record.data.get(key) if record is not None and isinstance(record.data, dict) else None


def _name(record: Record | None) -> str:
    if record is None:
        return "(none)"
    return "the SoA" if record.kind is kinds.SOA else (record.id or record.path)


def _document(old: Record | None, new: Record | None, need: t.Callable[[t.Any, str], None]) -> None:
    approved = [r for r in (old, new) if r is not None and _get(r, "status") == "approved"]
    if not approved:
        return
    if old is not None and new is not None and approval.record_digest(old) == approval.record_digest(new) \
            and all(_get(old, k) == _get(new, k) for k in ("status", "version", "approved_on", "approval")):
        return
    record = new or old
    if new is None:
        what = f"removal of approved {_name(old)}"
    elif _get(new, "status") == "approved" and (old is None or _get(old, "approval") != _get(new, "approval")):
        what = f"approval of {_name(new)} version {_get(new, 'version')}"
    else:
        what = f"change to approved {_name(record)} version {_get(old, 'version')}"
    for side in (new, old):
        if side is not None:
            need(_get(side, "approver"), what)


def _acceptance(old: Record | None, new: Record | None, need: t.Callable[[t.Any, str], None]) -> None:
    before, after = _get(old, "acceptance"), _get(new, "acceptance")
    if not isinstance(before, dict) and not isinstance(after, dict):
        return
    old_digest = approval.acceptance_digest(old.data) if old is not None else None
    new_digest = approval.acceptance_digest(new.data) if new is not None else None
    record = new or old
    if old_digest != new_digest or before != after:
        reason = f"acceptance of {_name(record)}"
    elif old is not None and new is not None and old.data != new.data:
        reason = f"change to accepted {_name(record)}"
    else:
        return
    for side in (after, before):
        if isinstance(side, dict):
            need(side.get("by"), reason)


def _exclusions(old: Record | None, new: Record | None, need: t.Callable[[t.Any, str], None]) -> None:
    if new is None:
        return
    before = {e.get("control"): e for e in mappings(old.data if old else None, "controls")}
    for entry in mappings(new.data, "controls"):
        if isinstance(entry, dict) and entry.get("applicable") is False \
                and (before.get(entry.get("control")) or {}).get("applicable") is not False:
            need(_get(new, "approver"), f"SoA exclusion of {entry.get('control')}")


@dataclasses.dataclass(frozen=True)
class NamedApproval:
    """An approval a record names (``approval.approved_by``), recorded by this change."""

    record: str
    version: str
    handle: str
    role: str


def named_approvals(base: Repository, head: Repository) -> list[NamedApproval]:
    """Approvals whose ``approved_by`` this change records: the gate checks that person approved."""
    found = []
    for old, new in _pairs(base, head, approval.APPROVED_KINDS):
        after = approval.recorded_approval(new.data) if new is not None else None
        if after is None or after == approval.recorded_approval(old.data if old is not None else None):
            continue
        by = after.get("approved_by")
        if isinstance(by, dict) and isinstance(by.get("handle"), str):
            found.append(NamedApproval(_name(new), str(after.get("version")), by["handle"],
                                       str(by.get("role") or _get(new, "approver"))))
    return found
