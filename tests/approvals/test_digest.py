"""The approval digest: what it covers, computed here by hand from its documented definition."""

from __future__ import annotations

import hashlib

from aimskit.governance import approval


def _sha(text: str) -> str:
    return "sha256:" + hashlib.sha256(text.encode("utf-8")).hexdigest()


def test_the_digest_is_sha256_of_the_sorted_fields_and_normalised_body() -> None:
    data = {"title": "AI policy", "id": "POL-001", "status": "approved", "version": "1.0",
            "approved_on": "2026-01-01", "next_review": "2027-01-01", "approval": {"version": "1.0"}}
    body = "\r\n# AI policy  \r\n\r\nWe use AI responsibly.\t\r\n\r\n"
    expected = _sha('{"body":"# AI policy\\n\\nWe use AI responsibly.","fields":{"id":"POL-001","title":"AI policy"}}')
    assert approval.content_digest(data, body) == expected


def test_bookkeeping_fields_do_not_change_the_digest_but_content_does() -> None:
    data = {"id": "POL-001", "owner": "ai-governance-lead", "status": "draft", "version": "1.0"}
    digest = approval.content_digest(data, "Text.")
    assert approval.content_digest({**data, "status": "approved", "version": "2.0",
                                    "approved_on": "2026-02-02", "next_review": "2030-01-01"}, "Text.") == digest
    assert approval.content_digest({**data, "owner": "security-lead"}, "Text.") != digest
    assert approval.content_digest(data, "Text!") != digest
    assert approval.content_digest(data, "Text.\n\n") == digest


def test_an_acceptance_digest_covers_residual_rationale_and_role_only() -> None:
    risk = {"id": "RISK-001", "residual": {"likelihood": 2, "impact": 3},
            "acceptance": {"by": "executive-sponsor", "date": "2026-01-01", "rationale": "Cost of more controls."}}
    expected = _sha('{"by":"executive-sponsor","rationale":"Cost of more controls.",'
                    '"residual":{"impact":3,"likelihood":2}}')
    assert approval.acceptance_digest(risk) == expected
    assert approval.acceptance_digest({**risk, "title": "renamed"}) == expected
    assert approval.acceptance_digest({**risk, "residual": {"likelihood": 3, "impact": 3}}) != expected
    assert approval.acceptance_digest({"id": "RISK-002"}) is None
