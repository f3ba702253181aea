"""``aimskit diff`` checks only what a change can affect, and reports exactly what checking both
sides in full reports.

The rule cases of ``tests/examples/rules`` are committed as branches off the clean mini AIMS,
so that each rule's finding appears (clean → case) and is resolved (case → clean); a few more
changes rename, renumber, remove and add records, break one, and change the working tree.
"""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import git
import pytest
import yaml
from mini_repos import EXAMPLES, build_repository

import aimskit.diff.compare
import aimskit.git
from aimskit import rules
from aimskit.diff.compare import compare
from aimskit.diff.report import as_json, markdown
from aimskit.git.ranges import Sides, changed_paths
from aimskit.git.repository import GitSource
from aimskit.records.findings import sort_findings
from aimskit.records.model import DirectorySource, load_repository, overlay
from aimskit.rules import incremental, registry
from aimskit.rules.validation import changed_findings, one_per_place

TODAY = dt.date(2026, 6, 1)
CASES = sorted(path for path in EXAMPLES.iterdir() if path.is_dir() and not path.name.startswith("_"))
ACTOR = git.Actor("Alice Admin", "alice@example.com")


def _spec(case: Path) -> dict:
    return yaml.safe_load((case / "expect.yaml").read_text(encoding="utf-8"))


def _options(spec: dict) -> rules.Options:
    today = dt.date.fromisoformat(str(spec["today"])) if "today" in spec else TODAY
    return rules.Options(today=today, strict=bool(spec.get("strict", False)))


def _commit_tree(repo: git.Repo, branch: str, tree: Path, message: str) -> None:
    """Make ``branch`` (off main) hold exactly the files of ``tree``."""
    root = Path(repo.working_tree_dir or ".")
    repo.git.checkout("-q", "-B", branch, "main")
    repo.git.rm("-rq", "--ignore-unmatch", ".")
    shutil.copytree(tree, root, dirs_exist_ok=True)
    repo.git.add("-A")
    repo.index.commit(message, author=ACTOR, committer=ACTOR)


@pytest.fixture(scope="module")
def cases_repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The clean mini AIMS on main, and each rule case on a branch ``case/<name>``."""
    root = tmp_path_factory.mktemp("cases") / "aims"
    build_repository(root)
    repo = git.Repo.init(root, initial_branch="main")
    repo.git.add("-A")
    repo.index.commit("The clean mini AIMS", author=ACTOR, committer=ACTOR)
    trees = tmp_path_factory.mktemp("trees")
    for case in CASES:
        spec = _spec(case)
        tree = build_repository(trees / case.name, case, spec.get("remove", []), spec.get("stamp", True))
        _commit_tree(repo, f"case/{case.name}", tree, case.name)
    repo.git.checkout("-q", "main")
    return root


def load_both_in_full(root: Path, span) -> Sides:
    """Both sides loaded on their own, nothing shared: what the incremental path must equal."""
    head = load_repository(root, GitSource(root, span.head.hexsha) if span.head else DirectorySource(root))
    base = load_repository(root, GitSource(root, span.base.hexsha))
    return Sides(span, changed_paths(root, span), base, head)


def findings_in_full(head, base, options=None):
    """Every finding on each side, as validate has them."""
    return validated(head, options), validated(base, options)


def validated(repository, options=None):
    return sort_findings(one_per_place(list(repository.findings), rules.check(repository, options)))


def assert_same_report(root: Path, base: str, options: rules.Options, monkeypatch: pytest.MonkeyPatch) -> None:
    incremental_path = compare(root, base, options=options)
    with monkeypatch.context() as patched:
        patched.setattr(aimskit.git, "load_sides", load_both_in_full)
        patched.setattr(aimskit.diff.compare, "changed_findings", findings_in_full)
        full_path = compare(root, base, options=options)
    assert markdown(incremental_path) == markdown(full_path)
    assert as_json(incremental_path) == as_json(full_path)


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_a_finding_appears_and_is_resolved_as_in_a_full_check(cases_repo, case, monkeypatch):
    options = _options(_spec(case))
    assert_same_report(cases_repo, f"main..case/{case.name}", options, monkeypatch)
    assert_same_report(cases_repo, f"case/{case.name}..main", options, monkeypatch)
    comparison = compare(cases_repo, f"main..case/{case.name}", options=options)
    assert comparison.new_findings or comparison.load_errors or comparison.changes


@pytest.mark.parametrize("first, second", [(CASES[i], CASES[-1 - i]) for i in range(0, len(CASES) // 2, 5)],
                         ids=lambda case: case.name)
def test_one_case_to_another_as_in_a_full_check(cases_repo, first, second, monkeypatch):
    assert_same_report(cases_repo, f"case/{first.name}..case/{second.name}", _options({}), monkeypatch)


def _edit(root: Path, path: str, old: str, new: str) -> None:
    target = root / path
    text = target.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    target.write_text(text.replace(old, new), encoding="utf-8")


def _rename_policy(root: Path) -> None:  # the id follows the file: a renumbering
    (root / "policies/POL-001.md").rename(root / "policies/POL-009.md")
    _edit(root, "policies/POL-009.md", "id: POL-001", "id: POL-009")


def _move_a_risk_file(root: Path) -> None:  # the id stays, the file name no longer matches it
    (root / "risks/RISK-002.yaml").rename(root / "risks/RISK-0002.yaml")


def _remove_a_system_risks_name(root: Path) -> None:  # a dangling reference in unchanged records
    (root / "systems/SYS-001.yaml").unlink()


def _add_a_risk_for_an_unknown_system(root: Path) -> None:
    text = (root / "risks/RISK-001.yaml").read_text(encoding="utf-8")
    (root / "risks/RISK-003.yaml").write_text(text.replace("RISK-001", "RISK-003").replace("SYS-001", "SYS-404"),
                                             encoding="utf-8")


def _break_a_role(root: Path) -> None:  # it no longer loads: its id is still known, its data is not
    (root / "roles/ml-lead.yaml").write_text("id: ml-lead\nid: ml-lead\n", encoding="utf-8")


def _drop_an_authority(root: Path) -> None:  # the context of the authority rules changes
    _edit(root, "roles/top-management.yaml", "approve-policy", "approve-nothing")


def _remove_evidence(root: Path) -> None:  # a file that is no record, named by unchanged records
    for evidence in (root / "evidence").iterdir():
        evidence.unlink()


def _add_stray_files(root: Path) -> None:  # files that are no records: in a records folder, and a misnamed folder
    (root / "risks/notes.txt").write_text("notes\n", encoding="utf-8")
    (root / "risks/RISK-005.yml").write_text("id: RISK-005\n", encoding="utf-8")
    (root / "risk").mkdir(exist_ok=True)
    (root / "risk/RISK-006.yaml").write_text("id: RISK-006\n", encoding="utf-8")


def _add_to_a_misnamed_folder(root: Path) -> None:  # the folder's finding at an unchanged file changes
    (root / "risk").mkdir(exist_ok=True)
    (root / "risk/RISK-006.yaml").write_text("id: RISK-006\n", encoding="utf-8")
    repo = git.Repo(root)
    repo.git.add("-A")
    repo.index.commit("A record in a misnamed folder", author=ACTOR, committer=ACTOR)
    (root / "risk/RISK-007.yaml").write_text("id: RISK-007\n", encoding="utf-8")


def _add_an_ignored_record(root: Path) -> None:  # read from the working tree, though git ignores it
    (root / ".gitignore").write_text("risks/RISK-008.yaml\n", encoding="utf-8")
    text = (root / "risks/RISK-001.yaml").read_text(encoding="utf-8")
    (root / "risks/RISK-008.yaml").write_text(text.replace("RISK-001", "RISK-008"), encoding="utf-8")


CHANGES = [_rename_policy, _move_a_risk_file, _remove_a_system_risks_name, _add_a_risk_for_an_unknown_system,
           _break_a_role, _drop_an_authority, _remove_evidence, _add_stray_files, _add_to_a_misnamed_folder]


@pytest.fixture
def clean_repo(tmp_path: Path) -> Path:
    root = build_repository(tmp_path / "aims")
    repo = git.Repo.init(root, initial_branch="main")
    repo.git.add("-A")
    repo.index.commit("The clean mini AIMS", author=ACTOR, committer=ACTOR)
    return root


@pytest.mark.parametrize("change", CHANGES, ids=[change.__name__.strip("_") for change in CHANGES])
def test_a_change_reports_as_in_a_full_check(clean_repo, change, monkeypatch):
    options = _options({})
    change(clean_repo)
    assert_same_report(clean_repo, "main", options, monkeypatch)  # against the working tree
    repo = git.Repo(clean_repo)
    repo.git.checkout("-q", "-b", "change")
    repo.git.add("-A")
    repo.index.commit(change.__name__, author=ACTOR, committer=ACTOR)
    comparison = compare(clean_repo, "main...change", options=options)
    assert not comparison.empty
    assert_same_report(clean_repo, "main...change", options, monkeypatch)
    assert_same_report(clean_repo, "change..main", options, monkeypatch)


def test_findings_that_meet_on_an_unchanged_record(clean_repo, monkeypatch):
    # The approver 'Top_Management' breaks the role-id pattern (AIMS304) and owns what it approves
    # (AIMS411, the same at both sides); taking an authority from it adds AIMS419 at the same place,
    # at the head only. The rule findings there replace the schema finding at both sides alike.
    (clean_repo / "roles/Top_Management.yaml").write_text(
        (clean_repo / "roles/top-management.yaml").read_text(encoding="utf-8").replace(
            "id: top-management", "id: Top_Management"), encoding="utf-8")
    _edit(clean_repo, "policies/POL-001.md", "owner: ai-governance-lead\napprover: top-management",
          "owner: Top_Management\napprover: Top_Management")
    repo = git.Repo(clean_repo)
    repo.git.add("-A")
    repo.index.commit("An approver that owns what it approves", author=ACTOR, committer=ACTOR)
    _edit(clean_repo, "roles/Top_Management.yaml", "  - approve-policy\n", "")
    assert_same_report(clean_repo, "main", _options({}), monkeypatch)
    comparison = compare(clean_repo, "main", options=_options({}))
    assert [f.code for f in comparison.new_findings] == ["AIMS419"] and comparison.resolved_findings == []


def test_a_record_git_ignores_is_in_the_working_tree(clean_repo, monkeypatch):
    _add_an_ignored_record(clean_repo)
    assert_same_report(clean_repo, "main", _options({}), monkeypatch)
    assert [c.id for c in compare(clean_repo, "main", options=_options({})).of_status("added")] == ["RISK-008"]


def test_all_changes_at_once_in_the_working_tree(clean_repo, monkeypatch):
    for change in [*CHANGES, _add_an_ignored_record]:
        change(clean_repo)
    (clean_repo / "notes.txt").write_text("an untracked file\n", encoding="utf-8")
    assert_same_report(clean_repo, "main", _options({}), monkeypatch)


@pytest.mark.parametrize("case", CASES[::4], ids=lambda case: case.name)
def test_what_one_side_finds_and_the_other_not_is_what_full_checks_give(case, tmp_path):
    """The contract of ``rules.incremental``, on two snapshots that share their unchanged records."""
    spec = _spec(case)
    options = _options(spec)
    clean = build_repository(tmp_path / "clean")
    changed = build_repository(tmp_path / "changed", case, spec.get("remove", []), spec.get("stamp", True))
    for before, after in ((clean, changed), (changed, clean)):
        head = load_repository(before, keep_nodes=False)
        touched = {p.relative_to(root).as_posix() for root in (before, after) for p in root.rglob("*") if p.is_file()}
        base = overlay(head, DirectorySource(after), {p for p in touched if not _same_file(before / p, after / p)})
        at_head, at_base = changed_findings(head, base, options)
        in_full_at_head, in_full_at_base = validated(head, options), validated(base, options)
        assert _only_in(at_head, at_base) == _only_in(in_full_at_head, in_full_at_base)
        assert _only_in(at_base, at_head) == _only_in(in_full_at_base, in_full_at_head)


def _only_in(findings, others):
    keys = {(f.path, f.code, f.message) for f in others}
    return [f for f in findings if (f.path, f.code, f.message) not in keys]


def _same_file(a: Path, b: Path) -> bool:
    return a.is_file() and b.is_file() and a.read_bytes() == b.read_bytes()


def test_a_record_rule_checks_only_the_records_a_change_touches(tmp_path):
    before = build_repository(tmp_path / "aims")
    head = load_repository(before, keep_nodes=False)
    (tmp_path / "changed").mkdir()
    (tmp_path / "changed/RISK-001.yaml").write_text(
        (before / "risks/RISK-001.yaml").read_text(encoding="utf-8").replace("likelihood: 4", "likelihood: 5", 1),
        encoding="utf-8")
    base = overlay(head, _Moved(tmp_path / "changed", "risks/RISK-001.yaml"), {"risks/RISK-001.yaml"})
    checked = []

    @registry.record_rule(context=lambda repository: len(repository.roles))
    def counting(record, context, options):
        checked.append(record.path)
        yield from ()

    assert incremental.check_changed(head, base, [counting]) == ([], [])
    assert checked == ["risks/RISK-001.yaml", "risks/RISK-001.yaml"]  # once at each side, nothing else


class _Moved:
    """One file, read from elsewhere: the base of a one-file change."""

    def __init__(self, folder: Path, path: str) -> None:
        self.folder, self.path = folder, path

    def list(self, pattern):
        return [self.path] if pattern == self.path.rpartition("/")[0] + "/*.yaml" else []

    def read(self, path):
        return (self.folder / path.rpartition("/")[2]).read_bytes()
