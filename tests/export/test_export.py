"""``aimskit export`` on a real bake: CSV and JSON, from the working tree and from a git tag."""

from __future__ import annotations

import csv
import json
import shutil
from pathlib import Path

import git
import pytest
import yaml

from aimskit import reference
from aimskit.cli import main
from aimskit.export.files import cell
from aimskit.export.tables import COLUMNS, UNDECIDED, soa_rows, tables
from aimskit.records.model import load_repository

ACTOR = git.Actor("Ada Auditor", "ada@example.com")
TAGGED_TITLE = "Title as approved for the v1.0 audit"
WORKING_TITLE = "Title edited after the audit"


def _copy(baked: Path, folder: Path) -> Path:
    return Path(shutil.copytree(baked, folder / "aims", symlinks=True))


def _set_risk(root: Path, name: str, **fields: str) -> None:
    path = root / "risks" / f"{name}.yaml"
    lines = path.read_text(encoding="utf-8").splitlines()
    for key, value in fields.items():
        lines = [f"{key}: {value}" if line.startswith(f"{key}:") else line for line in lines]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


@pytest.fixture(scope="module")
def tagged(baked_repo: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the bake: a further commit tagged v1.0 (RISK-001 changed), then working-tree edits."""
    root = _copy(baked_repo, tmp_path_factory.mktemp("tagged"))
    repo = git.Repo(root)
    _set_risk(root, "RISK-001", title=f'"{TAGGED_TITLE}"', likelihood="5")
    repo.index.add(["risks/RISK-001.yaml"])
    repo.index.commit("Raise the likelihood of RISK-001", author=ACTOR, committer=ACTOR)
    repo.create_tag("v1.0", message="Certification audit baseline")
    _set_risk(root, "RISK-001", title=f'"{WORKING_TITLE}"', likelihood="2")
    return root


def _export(root: Path, out: Path, *extra: str) -> int:
    return main(["--repo", str(root), "export", "-o", str(out), *extra])


def _read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as stream:
        return list(csv.DictReader(stream))


def _risk(rows: list[dict[str, str]], risk_id: str) -> dict[str, str]:
    return next(row for row in rows if row["id"] == risk_id)


def test_csv_from_the_working_tree(tagged, tmp_path, capsys):
    out = tmp_path / "audit"
    assert _export(tagged, out, "--format", "csv") == 0
    assert sorted(p.name for p in out.iterdir()) == [
        "README.txt", "acceptances.csv", "actions.csv", "approvals.csv", "audits.csv", "competence.csv", "data_sources.csv",
        "impact_assessments.csv", "management_reviews.csv", "nonconformities.csv", "objectives.csv", "policies.csv",
        "readiness.csv", "risks.csv", "soa.csv", "suppliers.csv", "systems.csv"]
    for path in out.glob("*.csv"):  # every table says which rows are examples
        header = path.read_text(encoding="utf-8-sig").splitlines()[0].split(",")
        assert header[-1] == "example" or (path.name == "readiness.csv" and "examples_alone" in header), path.name
    assert (out / "soa.csv").read_bytes().startswith(b"\xef\xbb\xbfcontrol,title,")
    soa = _read_csv(out / "soa.csv")
    assert [row["control"] for row in soa] == list(reference.controls()) and len(soa) == 38
    assert all(row["applicable"] in ("yes", "no") for row in soa)
    risks = _read_csv(out / "risks.csv")
    assert len(risks) == len(list((tagged / "risks").glob("*.yaml")))
    edited = _risk(risks, "RISK-001")
    assert edited["title"] == WORKING_TITLE and edited["likelihood"] == "2"
    assert int(edited["inherent_score"]) == 2 * int(edited["impact"])
    readme = (out / "README.txt").read_text(encoding="utf-8")
    head = git.Repo(tagged).head.commit.hexsha
    assert f"the working tree at commit {head}, with uncommitted changes" in readme and "Tags: v1.0" in readme


def test_csv_round_trips_every_risk_field(tagged, tmp_path):
    out = tmp_path / "audit"
    assert _export(tagged, out, "--format", "csv") == 0
    # the oracle reads the raw YAML and does the arithmetic itself, without aimskit's scoring
    method = yaml.safe_load((tagged / "aims.yml").read_text(encoding="utf-8"))["risk_method"]
    for row in _read_csv(out / "risks.csv"):
        assert list(row) == list(COLUMNS["risks"])
        data = yaml.safe_load((tagged / "risks" / f"{row['id']}.yaml").read_text(encoding="utf-8"))
        assert row["title"] == data["title"] and row["systems"] == "; ".join(data["systems"])
        assert row["controls"] == "; ".join(data["treatment"].get("controls", []))
        after = data.get("residual") or data
        residual = after["likelihood"] * after["impact"]
        assert row["residual_score"] == str(residual)
        [level] = [lv["name"] for lv in method["levels"] if lv["min"] <= residual <= lv["max"]]
        assert row["residual_level"] == level
        assert row["above_appetite"] == ("yes" if residual > method["appetite"] else "no")


def test_csv_from_a_tag_shows_the_tagged_values(tagged, tmp_path):
    out = tmp_path / "audit"
    assert _export(tagged, out, "--format", "csv", "--rev", "v1.0") == 0
    risk = _risk(_read_csv(out / "risks.csv"), "RISK-001")
    assert risk["title"] == TAGGED_TITLE and risk["likelihood"] == "5"
    assert risk["inherent_score"] == str(5 * int(risk["impact"]))
    assert WORKING_TITLE not in (out / "risks.csv").read_text(encoding="utf-8-sig")
    readme = (out / "README.txt").read_text(encoding="utf-8")
    assert f"git revision v1.0 (commit {git.Repo(tagged).tags['v1.0'].commit.hexsha})" in readme


def test_json_from_a_tag(tagged, tmp_path):
    out = tmp_path / "audit"
    assert _export(tagged, out, "--format", "json", "--rev", "v1.0") == 0
    assert sorted(p.name for p in out.iterdir()) == ["README.txt", "aims-export.json"]
    document = json.loads((out / "aims-export.json").read_text(encoding="utf-8"))
    tag = git.Repo(tagged).tags["v1.0"]
    assert document["export"]["commit"] == tag.commit.hexsha and document["export"]["tags"] == ["v1.0"]
    assert document["manifest"]["organisation"]["name"] == "Example AI Ltd"
    risk = next(r for r in document["records"]["risk"] if r["data"]["id"] == "RISK-001")
    assert risk["data"]["title"] == TAGGED_TITLE and risk["path"] == "risks/RISK-001.yaml"
    assert all(p["body"] for p in document["records"]["policy"])
    row = next(r for r in document["tables"]["risks"] if r["id"] == "RISK-001")
    assert row["likelihood"] == 5 and isinstance(row["above_appetite"], bool)
    assert len(document["tables"]["soa"]) == 38
    assert set(document["approvals"]) == {p["data"]["id"] for p in document["records"]["policy"]}
    approved = [p for p in document["tables"]["policies"] if p["status"] == "approved"]
    assert approved and all(p["merge_commit"] and p["last_approved_version"] == p["version"] for p in approved)


def test_tables_have_their_columns(tagged):
    repository = load_repository(tagged)
    for name, rows in tables(repository, {"POL-001": [{"version": "1.0", "status": "approved"}]},
                             acceptances={"RISK-001": [{"accepted_by": "top-management"}]}).items():
        assert rows and all(list(row) == list(COLUMNS[name]) for row in rows), name


def test_a_control_missing_from_the_soa_is_undecided(baked_repo, tmp_path):
    root = _copy(baked_repo, tmp_path)
    soa = root / "soa.yaml"
    text = soa.read_text(encoding="utf-8")
    start = text.index("  - control: A.2.3")
    soa.write_text(text[:start] + text[text.index("  - control: ", start + 1):], encoding="utf-8")
    rows = {row["control"]: row for row in soa_rows(load_repository(root))}
    assert len(rows) == 38 and rows["A.2.3"]["applicable"] == UNDECIDED == rows["A.2.3"]["status"]
    assert rows["A.2.2"]["applicable"] is True


def test_formula_injection_is_neutralised(baked_repo, tmp_path):
    root = _copy(baked_repo, tmp_path)
    _set_risk(root, "RISK-002", title="'=HYPERLINK(\"x\")'")
    assert _export(root, tmp_path / "csv", "--format", "csv") == 0
    assert _risk(_read_csv(tmp_path / "csv" / "risks.csv"), "RISK-002")["title"] == "'=HYPERLINK(\"x\")"
    assert _export(root, tmp_path / "json", "--format", "json") == 0
    document = json.loads((tmp_path / "json" / "aims-export.json").read_text(encoding="utf-8"))
    assert next(r for r in document["tables"]["risks"] if r["id"] == "RISK-002")["title"] == '=HYPERLINK("x")'


@pytest.mark.parametrize(("value", "text"), [
    ("=1+1", "'=1+1"), ("+44 20", "'+44 20"), ("-2", "'-2"), ("@SUM(A1)", "'@SUM(A1)"), ("\tx", "'\tx"),
    ("\rx", "'\rx"), ("a=b", "a=b"), (None, ""), (True, "yes"), (False, "no"), (12, "12"),
    (["A.2.2", "A.2.3"], "A.2.2; A.2.3"), (["=x", "y"], "'=x; y"), ([], ""),
])
def test_cell(value, text):
    assert cell(value) == text


@pytest.mark.parametrize("rev", ["v9.9", "HEAD@{1000 years ago}", "v1.0@{0}", "--output=x"])
def test_unknown_revision_is_a_usage_error(tagged, tmp_path, capsys, rev):
    assert _export(tagged, tmp_path / "audit", "--format", "csv", f"--rev={rev}") == 2
    err = capsys.readouterr().err
    assert f"unknown revision '{rev}'" in err and "Traceback" not in err
    assert not (tmp_path / "audit").exists()


def test_invalid_records_export_nothing(baked_repo, tmp_path, capsys):
    root = _copy(baked_repo, tmp_path)
    _set_risk(root, "RISK-003", likelihood="often")
    out = tmp_path / "exports" / "audit"
    assert _export(root, out, "--format", "csv") == 1
    captured = capsys.readouterr()
    assert "risks/RISK-003.yaml:" in captured.out and "error AIMS3" in captured.out
    assert "nothing exported" in captured.err
    assert not out.exists() and not (tmp_path / "exports").exists()


def test_a_foreign_folder_is_refused_and_a_previous_export_replaced(tagged, tmp_path, capsys):
    foreign = tmp_path / "notes"
    foreign.mkdir()
    (foreign / "keep.txt").write_text("mine", encoding="utf-8")
    assert _export(tagged, foreign, "--format", "csv") == 1
    assert "not written by aimskit export" in capsys.readouterr().err
    assert [p.name for p in foreign.iterdir()] == ["keep.txt"]
    out = tmp_path / "audit"
    assert _export(tagged, out, "--format", "csv") == 0
    assert _export(tagged, out, "--format", "json", "--rev", "v1.0") == 0
    assert sorted(p.name for p in out.iterdir()) == ["README.txt", "aims-export.json"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["audit", "notes"]  # no staging folders left


def test_a_folder_without_git_exports_without_approvals(baked_repo, tmp_path):
    root = Path(shutil.copytree(baked_repo, tmp_path / "plain", ignore=shutil.ignore_patterns(".git")))
    assert _export(root, tmp_path / "audit", "--format", "csv") == 0
    assert _read_csv(tmp_path / "audit" / "approvals.csv") == []
    policies = _read_csv(tmp_path / "audit" / "policies.csv")
    assert policies and all(row["merge_commit"] == "" for row in policies)
    assert "the working tree (no git history)" in (tmp_path / "audit" / "README.txt").read_text(encoding="utf-8")
