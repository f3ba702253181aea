"""``aimskit examples list|remove`` on real bakes: the examples go, a valid repository stays."""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

import pytest
import yaml

from aimskit.cli import main
from aimskit.records import kinds
from aimskit.records.findings import Severity
from aimskit.records.model import load_repository
from aimskit.rules.validation import validate

pytestmark = pytest.mark.slow


def _copy(repo: Path, tmp_path: Path) -> Path:
    return Path(shutil.copytree(repo, tmp_path / "aims", symlinks=True))


def _tree(root: Path) -> dict[str, str]:
    return {p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(root.rglob("*")) if p.is_file() and ".git" not in p.relative_to(root).parts}


def _report(repo: Path, capsys) -> dict:
    capsys.readouterr()
    assert main(["--repo", str(repo), "report", "--format", "json"]) == 0
    return json.loads(capsys.readouterr().out)


def test_fresh_bake_report_opens_by_saying_it_rests_on_examples(baked_repo, capsys):
    assert main(["--repo", str(baked_repo), "report"]) == 0
    first = capsys.readouterr().out.splitlines()[:4]
    assert first[0] == "# AIMS readiness report — Example AI Ltd"
    assert first[2].startswith("> **Everything shown here rests on example records.**")
    assert "no item is met by the organisation's own records" in first[2]
    data = _report(baked_repo, capsys)
    assert data["overall"]["documented_met"] == 0
    assert data["overall"]["controls_implemented"] == 0
    assert data["examples"]["records"] > 0 and data["examples"]["documented_met"] > 0


def test_examples_list_prints_every_marked_record(baked_repo, capsys):
    assert main(["--repo", str(baked_repo), "examples", "list"]) == 0
    listed = capsys.readouterr().out.split()
    assert "soa.yaml" in listed and "policies/POL-001.md" in listed and "records/audits/AUD-001.yaml" in listed
    assert "policies/POL-009.md" not in listed  # a draft from the start: not an example
    assert not any(path.startswith("roles/") or path == "aims.yml" for path in listed)


def test_remove_leaves_a_valid_repository_with_nothing_met(baked_repo, tmp_path, capsys):
    repo = _copy(baked_repo, tmp_path)
    assert main(["--repo", str(repo), "examples", "remove"]) == 0
    out = capsys.readouterr().out
    assert "delete records/audits/AUD-001.yaml" in out and "rewrite soa.yaml" in out

    result = validate(repo)
    assert [f.format_text() for f in result.findings if f.severity is Severity.ERROR] == []
    # only the template's placeholders and the default governance lead remain
    assert {f.code for f in result.findings} <= {"AIMS504", "AIMS970"}
    assert main(["--repo", str(repo), "codeowners", "--check"]) == 0
    repository = load_repository(repo)
    assert not any(r.data.get("example") for r in repository.all_records())
    assert repository.of(kinds.SYSTEM) == [] and repository.of(kinds.AUDIT) == []
    for record in repository.of(kinds.POLICY) + repository.of(kinds.SOA):
        assert record.data["status"] == "draft" and "approved_on" not in record.data, record.path
        assert "approval" not in record.data and "effective" not in record.data, record.path

    data = _report(repo, capsys)
    assert data["overall"]["documented_met"] == 0
    assert data["overall"]["controls_implemented"] == 0
    assert data["examples"]["records"] == 0
    assert main(["--repo", str(repo), "examples", "remove"]) == 0  # nothing left to do


def test_remove_keeps_the_policy_text_and_front_matter_order(baked_repo, tmp_path):
    repo = _copy(baked_repo, tmp_path)
    before = (repo / "policies" / "POL-001.md").read_text(encoding="utf-8")
    assert main(["--repo", str(repo), "examples", "remove"]) == 0
    after = (repo / "policies" / "POL-001.md").read_text(encoding="utf-8")
    dropped = ("example:", "approved_on:", "effective:", "approval:", "  version:", "  digest:", "next_review:")
    expected = [line for line in before.splitlines() if not line.startswith(dropped)]
    expected = ["status: draft" if line == "status: approved" else line for line in expected]
    assert [line for line in after.splitlines() if not line.startswith("next_review:")] == expected


def _comparable(root: Path) -> dict[str, str]:
    """The kept drafts' text: the SoA and every policy."""
    return {p.relative_to(root).as_posix(): p.read_text(encoding="utf-8")
            for p in [root / "soa.yaml", *sorted((root / "policies").glob("*.md"))]}


@pytest.mark.parametrize("answers", [{}, {"sector": "sme", "ai_role": "deployer"}], ids=["default", "sme-deployer"])
def test_remove_leaves_exactly_the_skeleton(bake, tmp_path, answers):
    """Removing the examples leaves the policies and the SoA as a bake without examples starts them:
    undecided drafts with guidance, no approval, no effective date."""
    repo = _copy(bake(**answers), tmp_path)
    assert main(["--repo", str(repo), "examples", "remove"]) == 0
    skeleton = bake(example_content="no", **answers)
    assert _comparable(repo) == _comparable(skeleton)


def test_dry_run_changes_nothing(baked_repo, tmp_path, capsys):
    repo = _copy(baked_repo, tmp_path)
    before = _tree(repo)
    assert main(["--repo", str(repo), "examples", "remove", "--dry-run"]) == 0
    assert "delete systems/SYS-001.yaml" in capsys.readouterr().out
    assert _tree(repo) == before


def test_refuses_and_writes_nothing_when_own_records_rely_on_an_example(baked_repo, tmp_path, capsys):
    repo = _copy(baked_repo, tmp_path)
    risk = yaml.safe_load((repo / "risks" / "RISK-001.yaml").read_text(encoding="utf-8"))
    del risk["example"]
    risk["id"] = "RISK-900"
    (repo / "risks" / "RISK-900.yaml").write_text(yaml.safe_dump(risk, sort_keys=False), encoding="utf-8")
    assert main(["--repo", str(repo), "codeowners"]) == 0
    before = _tree(repo)
    capsys.readouterr()
    assert main(["--repo", str(repo), "examples", "remove"]) == 1
    captured = capsys.readouterr()
    assert "risks/RISK-900.yaml" in captured.out and "AIMS204" in captured.out
    assert "nothing was changed" in captured.err
    assert _tree(repo) == before


@pytest.mark.parametrize("sector", ["healthcare", "public-sector"])
def test_remove_works_for_other_sectors(bake, tmp_path, sector, capsys):
    repo = _copy(bake(sector=sector, ci_provider="gitlab"), tmp_path)
    assert main(["--repo", str(repo), "examples", "remove"]) == 0
    assert not [f for f in validate(repo).findings if f.severity is Severity.ERROR]
    assert _report(repo, capsys)["overall"]["documented_met"] == 0
