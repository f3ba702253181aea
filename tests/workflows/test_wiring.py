"""CODEOWNERS, editor and pre-commit wiring of the generated repository, for each CI option."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml

from aimskit.cli import main
from aimskit.records import kinds

ROOT = Path(__file__).resolve().parents[2]
SAMPLE_PATHS = ["aims.yml", "soa.yaml", "policies/POL-001.md", "impact-assessments/AIA-001.md",
                "roles/ai-governance-lead.yaml", "systems/SYS-001.yaml", "risks/RISK-001.yaml",
                "objectives/OBJ-001.yaml", "suppliers/SUP-001.yaml", "records/audits/AUD-001.yaml",
                "records/management-reviews/MR-001.yaml", "records/nonconformities/NC-001.yaml",
                "schemas/risk.schema.json", ".github/CODEOWNERS"]


@pytest.mark.parametrize("ci, location", [("github", ".github/CODEOWNERS"), ("gitlab", ".gitlab/CODEOWNERS"),
                                          ("none", None)])
def test_codeowners_is_generated_and_in_step(bake, capsys, ci, location):
    repo = bake(ci_provider=ci)
    found = [p.relative_to(repo).as_posix() for p in repo.glob(".*/CODEOWNERS")]
    assert found == ([location] if location else [])
    if location:
        assert main(["--repo", str(repo), "codeowners", "--check"]) == 0, capsys.readouterr()
        assert "* @alex-morgan" in (repo / location).read_text().splitlines()


def test_vscode_maps_every_schema_to_its_files(baked_repo):
    settings = json.loads((baked_repo / ".vscode" / "settings.json").read_text(encoding="utf-8"))
    mapping = settings["yaml.schemas"]
    assert settings["yaml.yamlVersion"] == "1.2"
    assert {kind.name: [kind.glob] for kind in kinds.ALL} == {
        Path(schema).name.removesuffix(".schema.json"): globs for schema, globs in mapping.items()}
    for schema in mapping:
        assert (baked_repo / schema).is_file(), schema
    schemas = {p.name for p in (baked_repo / "schemas").glob("*.schema.json")} - {"common.schema.json"}
    assert schemas == {Path(schema).name for schema in mapping}
    extensions = json.loads((baked_repo / ".vscode" / "extensions.json").read_text(encoding="utf-8"))
    assert "redhat.vscode-yaml" in extensions["recommendations"]


def hook_of(path: Path, local: bool) -> dict:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return data["repos"][0]["hooks"][0] if local else data[0]


def test_local_hook_mirrors_the_published_hook(baked_repo):
    config = yaml.safe_load((baked_repo / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    assert config["repos"][0]["repo"] == "local"
    local = hook_of(baked_repo / ".pre-commit-config.yaml", local=True)
    published = hook_of(ROOT / ".pre-commit-hooks.yaml", local=False)
    assert local["language"] == "system" and published["language"] == "python"
    for key in ("id", "entry", "pass_filenames", "files"):
        assert local[key] == published[key], key
    assert local["id"] == "aimskit-validate" and local["entry"] == "aimskit validate"
    how_to_switch = " ".join((baked_repo / ".pre-commit-config.yaml").read_text().replace("#", " ").split())
    assert "aimskit's own git repository is also a pre-commit hook repository (hook id aimskit-validate)" \
        in how_to_switch


@pytest.mark.parametrize("path", SAMPLE_PATHS)
def test_hook_runs_for_record_files(path):
    pattern = re.compile(hook_of(ROOT / ".pre-commit-hooks.yaml", local=False)["files"])
    assert pattern.search(path)


@pytest.mark.parametrize("path", ["README.md", "docs/index.md", "src/app.py", "site/index.html"])
def test_hook_skips_other_files(path):
    pattern = re.compile(hook_of(ROOT / ".pre-commit-hooks.yaml", local=False)["files"])
    assert not pattern.search(path)
