"""Data never changes silently: explicit tags, trailing newlines against patterns, CRLF and a BOM
in Markdown records, and the generated .gitattributes."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hostile import aimskit, listing, unchanged_except


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.mark.slow
def test_every_explicit_tag_is_an_error(sandbox):
    risks = sandbox.repo / "risks"
    _edit(risks / "RISK-001.yaml", "\ntreatment:\n", "\ntreatment: !!map\n")
    _edit(risks / "RISK-002.yaml", "\nsystems: [", "\nsystems: !!seq [")
    _edit(risks / "RISK-003.yaml", "\nowner: ", "\naccepted: !!bool yes\nowner: ")
    _edit(sandbox.repo / "roles" / "product-owner.yaml", "\ntitle: ", "\ntitle: !!str ")
    _edit(sandbox.repo / "policies" / "POL-001.md", "\ntitle: ", "\ntitle: !custom ")
    before = listing(sandbox.root)
    run = aimskit("--repo", str(sandbox.repo), "validate")
    assert run.code == 1, run
    found = {line.split(":")[0]: line for line in run.stdout.splitlines() if " AIMS105 " in line}
    assert set(found) == {"risks/RISK-001.yaml", "risks/RISK-002.yaml", "risks/RISK-003.yaml",
                          "roles/product-owner.yaml", "policies/POL-001.md"}, run.stdout
    assert "explicit tag !!map is not allowed" in found["risks/RISK-001.yaml"]
    assert "explicit tag !!seq is not allowed" in found["risks/RISK-002.yaml"]
    assert "explicit tag !!bool is not allowed" in found["risks/RISK-003.yaml"]
    assert "explicit tag !!str is not allowed" in found["roles/product-owner.yaml"]
    assert "explicit tag !custom is not allowed" in found["policies/POL-001.md"]
    assert unchanged_except(before, listing(sandbox.root)) == set()


@pytest.mark.slow
def test_a_trailing_newline_never_passes_a_pattern(sandbox):
    risk = sandbox.repo / "risks" / "RISK-001.yaml"
    _edit(risk, "\nid: RISK-001\n", '\nid: "RISK-001\\n"\n')
    role = sandbox.repo / "roles" / "product-owner.yaml"
    handle = re.search(r"handle: (.+)", role.read_text(encoding="utf-8")).group(1)
    _edit(role, f"handle: {handle}", 'handle: "@mallory\\n* @mallory"')
    before = listing(sandbox.root)
    run = aimskit("--repo", str(sandbox.repo), "validate")
    assert run.code == 1, run
    lines = run.stdout.splitlines()
    assert any(line.startswith("risks/RISK-001.yaml:2:") and (" AIMS304 " in line or " AIMS201 " in line)
               for line in lines), run.stdout
    assert not any(" AIMS202 " in line for line in lines)  # no duplicate of RISK-001 appeared
    assert any(line.startswith("roles/product-owner.yaml:") and "AIMS304" in line for line in lines), run.stdout
    assert unchanged_except(before, listing(sandbox.root)) == set()
    # the handle is not written into CODEOWNERS either
    (sandbox.repo / "risks" / "RISK-001.yaml").write_text(
        (sandbox.repo / "risks" / "RISK-001.yaml").read_text(encoding="utf-8").replace('"RISK-001\\n"', "RISK-001"),
        encoding="utf-8")
    codeowners = aimskit("--repo", str(sandbox.repo), "codeowners")
    written = (sandbox.repo / ".github" / "CODEOWNERS").read_text(encoding="utf-8")
    assert "@mallory" not in written, (codeowners, written)


@pytest.mark.slow
def test_markdown_records_read_crlf_and_a_bom(sandbox):
    for name in ("POL-001.md", "POL-002.md"):
        policy = sandbox.repo / "policies" / name
        text = policy.read_text(encoding="utf-8").replace("\n", "\r\n")
        policy.write_bytes(("\ufeff" if name == "POL-002.md" else "").encode() + text.encode("utf-8"))
    before = listing(sandbox.root)
    run = aimskit("--repo", str(sandbox.repo), "validate", "--format", "json")
    assert run.code == 0, run
    assert "policies/POL-00" not in run.stdout, run.stdout  # no finding on either policy
    assert unchanged_except(before, listing(sandbox.root)) == set()


def test_the_generated_repository_has_gitattributes(baked_repo):
    lines = (baked_repo / ".gitattributes").read_text(encoding="utf-8").splitlines()
    assert "* text=auto eol=lf" in lines and "*.md text eol=lf" in lines and "*.yaml text eol=lf" in lines


@pytest.mark.slow
def test_a_huge_integer_is_a_finding_in_every_command_that_reads_records(sandbox):
    _edit(sandbox.repo / "risks" / "RISK-001.yaml", "\ntitle: ", "\nscore: " + "9" * 4301 + "\ntitle: ")
    _edit(sandbox.repo / "policies" / "POL-001.md", "\ntitle: ", "\nversion_count: -" + "1" * 5000 + "\ntitle: ")
    before = listing(sandbox.root)
    for command in (["validate"], ["build"], ["export", "--format", "json", "-o", str(sandbox.root / "export")]):
        run = aimskit("--repo", str(sandbox.repo), *command)
        assert run.code == 1 and "internal error" not in run.stderr, (command, run)
        assert "risks/RISK-001.yaml:4:8: error AIMS124 the number has 4301 digits" in run.stdout, (command, run)
        assert re.search(r"policies/POL-001\.md:\d+:\d+: error AIMS124 the number has 5000 digits", run.stdout), run
    assert unchanged_except(before, listing(sandbox.root)) == set()
