"""What an approval covers: the digest of a document's governed content, and its currency.

An approval is kept in the record itself, next to what it approved::

    approval:
      version: "1.1"
      digest: sha256:5f1c…

The digest is computed from the record's governed content: every field but the approval
bookkeeping (status, version, approved_on, next_review and the approval itself) and, for
Markdown records, the body, with line endings and trailing spaces normalised. A digest rather
than a git revision, because it is checked on the working tree before any commit (pre-commit),
in a shallow CI clone, and after a squash, rebase or move to another code host, none of which
keep commit ids; and anyone can recompute it from the text alone.

A risk acceptance keeps its own digest (``acceptance.digest``) over what was accepted: the
residual scores, the rationale and the accepting role.
"""

from __future__ import annotations

import json
import typing as t

from aimskit.cache import sha256
from aimskit.records import kinds
from aimskit.records.kinds import Kind
from aimskit.records.model import Record

#: Record kinds whose ``status: approved`` must carry an ``approval``.
APPROVED_KINDS: tuple[Kind, ...] = (kinds.POLICY, kinds.SOA, kinds.IMPACT_ASSESSMENT)
#: Fields that record the approval rather than what is approved.
BOOKKEEPING = frozenset({"status", "version", "approved_on", "approval", "next_review"})
PREFIX = "sha256:"


def _canonical(value: t.Any) -> bytes:
    return json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=str).encode()


def normalised_body(body: str | None) -> str:
    """The Markdown body as approved: LF line ends, no trailing spaces, no outer blank lines."""
    lines = (body or "").replace("\r\n", "\n").replace("\r", "\n").split("\n")
    return "\n".join(line.rstrip() for line in lines).strip("\n")


def governed_content(data: dict[str, t.Any], body: str | None) -> dict[str, t.Any]:
    """The part of a document an approval covers."""
    fields = {key: value for key, value in data.items() if key not in BOOKKEEPING}
    return {"fields": fields, "body": normalised_body(body)}


def content_digest(data: dict[str, t.Any], body: str | None = None) -> str:
    """``sha256:<hex>`` of a document's governed content."""
    return PREFIX + sha256(_canonical(governed_content(data, body))).hexdigest()


def record_digest(record: Record) -> str:
    """The digest of ``record``'s governed content as it is now."""
    data = record.data if isinstance(record.data, dict) else {}
    return content_digest(data, record.document.body)


def acceptance_digest(risk: dict[str, t.Any]) -> str | None:
    """``sha256:<hex>`` of what a risk acceptance accepted (residual, rationale, role), or None
    when the risk has no acceptance."""
    acceptance = risk.get("acceptance")
    if not isinstance(acceptance, dict):
        return None
    accepted = {"residual": risk.get("residual"), "rationale": acceptance.get("rationale"),
                "by": acceptance.get("by")}
    return PREFIX + sha256(_canonical(accepted)).hexdigest()


def recorded_approval(data: t.Any) -> dict[str, t.Any] | None:
    """The ``approval`` mapping of a record, when it has one."""
    approval = data.get("approval") if isinstance(data, dict) else None
    return approval if isinstance(approval, dict) else None


def approves(front: t.Mapping[str, t.Any], body: str | None) -> bool:
    """True when a document with front matter ``front`` and text ``body`` is approved and its text
    and version are the ones its recorded approval covers: the one answer to "approved as recorded"."""
    approval = recorded_approval(front)
    return (front.get("status") == "approved" and approval is not None
            and str(approval.get("version")) == str(front.get("version"))
            and approval.get("digest") == content_digest(dict(front), body))


def approval_is_current(record: Record) -> bool:
    """True when ``record`` is approved and its text and version are the ones approved."""
    return approves(record.data if isinstance(record.data, dict) else {}, record.document.body)
