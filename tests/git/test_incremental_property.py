"""The diff's incremental check equals a full check of both sides, for random edits and three known traps.

One git repository (the clean mini AIMS, committed) is reused: each example edits its working tree
in-process (values of every YAML type, renames, deletions, symbolic links, index flags), compares
the findings new and resolved at the working tree as the diff finds them (both sides sharing the
records whose blob is the same) with those of two full checks, and puts the tree back.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
from pathlib import Path

import git
import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from mini_repos import build_repository

from aimskit import rules
from aimskit.git.ranges import comparison_range, load_sides
from aimskit.git.repository import GitSource
from aimskit.records.findings import Finding, sort_findings, without
from aimskit.records.model import DirectorySource, load_repository
from aimskit.rules import incremental, registry
from aimskit.rules.validation import changed_findings, one_per_place

OPTIONS = rules.Options(today=dt.date(2026, 6, 1))
ACTOR = git.Actor("Alice Admin", "alice@example.com")
# The records an edit may touch; each is put back after every example.
FILES = ["policies/POL-001.md", "risks/RISK-001.yaml", "risks/RISK-002.yaml", "roles/ml-lead.yaml",
         "roles/top-management.yaml", "systems/SYS-001.yaml", "systems/SYS-002.yaml", "suppliers/SUP-001.yaml"]
FIELDS = {"policies/POL-001.md": ["version", "status", "owner", "approver", "next_review"],
          "risks/RISK-001.yaml": ["likelihood", "impact", "status", "owner", "systems"],
          "risks/RISK-002.yaml": ["acceptance", "status", "residual"],
          "roles/ml-lead.yaml": ["authorities", "holders", "id"],
          "roles/top-management.yaml": ["authorities", "title"],
          "systems/SYS-001.yaml": ["lifecycle_stage", "in_scope", "owner", "eu_ai_act"],
          "systems/SYS-002.yaml": ["next_review", "provider"],
          "suppliers/SUP-001.yaml": ["next_review", "name"]}


@pytest.fixture(scope="module")
def repo(tmp_path_factory: pytest.TempPathFactory) -> git.Repo:
    root = build_repository(tmp_path_factory.mktemp("incremental") / "aims")
    (root / "roles/lead-alias.yaml").symlink_to("ai-governance-lead.yaml")  # a link inside the repository
    repo = git.Repo.init(root, initial_branch="main")
    repo.git.add("-A")
    repo.index.commit("The clean mini AIMS", author=ACTOR, committer=ACTOR)
    return repo


def _root(repo: git.Repo) -> Path:
    return Path(repo.working_tree_dir or ".")


def restore(repo: git.Repo, flagged: bool = True) -> None:
    """The working tree and index as committed: flags cleared, edits and new files gone."""
    if flagged:
        # ls-files -v tags an assume-unchanged file with a lower-case letter, a skip-worktree one with S
        listed = repo.git.ls_files("-v").splitlines()
        assumed = [line[2:] for line in listed if line[:1].islower()]
        skipped = [line[2:] for line in listed if line[:1] in ("S", "s")]  # s: both flags
        if assumed:
            repo.git.update_index("--no-assume-unchanged", "--", *assumed)
        if skipped:
            repo.git.update_index("--no-skip-worktree", "--", *skipped)
    repo.git.reset("-q", "--hard")
    repo.git.clean("-qfdx")


def full_and_incremental(root: Path) -> tuple[tuple[list, list], tuple[list, list]]:
    """(new, resolved) at the working tree against HEAD: incrementally, and from two full checks."""
    span = comparison_range(root, "HEAD", None)
    sides = load_sides(root, span)
    at_head, at_base = changed_findings(sides.head, sides.base, OPTIONS)
    incremental_result = (_key(without(at_head, at_base)), _key(without(at_base, at_head)))
    head = load_repository(root, DirectorySource(root))
    base = load_repository(root, GitSource(root, span.base.hexsha))
    full_head, full_base = _validated(head), _validated(base)
    return incremental_result, (_key(without(full_head, full_base)), _key(without(full_base, full_head)))


def _validated(repository) -> list[Finding]:
    return sort_findings(one_per_place(list(repository.findings), rules.check(repository, OPTIONS)))


def _key(findings: list[Finding]) -> list[tuple[str, str, str]]:
    return sorted((f.path, f.code, f.message) for f in findings)


# --- the edits -----------------------------------------------------------------------------------

YAML_VALUES = st.one_of(
    st.none(), st.booleans(), st.integers(-3, 30), st.sampled_from([1.5, 0.0]),
    st.sampled_from(["", "yes", "NO", "1.10", "2025-01-01", "ml-lead", "top-management", "accept-risk",
                     "approved", "retired", "closed", "SYS-001", "RISK-001", "A.6.2.4", "TODO later"]),
    st.lists(st.sampled_from(["accept-risk", "approve-policy", 1, True, "SYS-002"]), max_size=3),
    st.fixed_dictionaries({"by": st.sampled_from(["top-management", "ml-lead", 1]),
                           "date": st.sampled_from(["2025-02-01", "2030-01-01"])}),
)


def _set_field(root: Path, path: str, key: str, value) -> None:
    target = root / path
    text = target.read_text(encoding="utf-8")
    if path.endswith(".md"):
        _, front, body = text.split("---\n", 2)
        data = yaml.safe_load(front)
        data[key] = value
        target.write_text("---\n" + yaml.safe_dump(data, sort_keys=False) + "---\n" + body, encoding="utf-8")
    else:
        data = yaml.safe_load(text)
        data[key] = value
        target.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")


@st.composite
def edits(draw) -> list[tuple]:
    steps = []
    for _ in range(draw(st.integers(1, 3))):
        kind = draw(st.sampled_from(["value", "value", "value", "rename", "delete", "symlink", "flag", "body"]))
        path = draw(st.sampled_from(FILES))
        if kind == "value":
            steps.append(("value", path, draw(st.sampled_from(FIELDS[path])), draw(YAML_VALUES)))
        elif kind == "rename":
            steps.append(("rename", path, draw(st.sampled_from(["RISK-009.yaml", "POL-009.md", "x.yaml"]))))
        elif kind == "symlink":
            steps.append(("symlink", path, draw(st.sampled_from(FILES))))
        elif kind == "flag":
            steps.append(("flag", path, draw(st.sampled_from(["--assume-unchanged", "--skip-worktree"]))))
        else:
            steps.append((kind, path))
    return steps


def apply(repo: git.Repo, steps: list[tuple]) -> None:
    root = _root(repo)
    for step in steps:
        kind, path = step[0], step[1]
        target = root / path
        if not target.is_file() or target.is_symlink():
            continue  # an earlier step removed, renamed or linked it
        if kind == "value":
            try:
                _set_field(root, path, step[2], step[3])
            except (yaml.YAMLError, ValueError, TypeError):
                continue  # an earlier step left no mapping to set a field in
        elif kind == "rename":
            target.rename(target.parent / step[2])
        elif kind == "delete":
            target.unlink()
        elif kind == "body":
            target.write_text(target.read_text(encoding="utf-8") + "\nOne more line.\n", encoding="utf-8")
        elif kind == "symlink" and step[2] != path:
            target.unlink()
            target.symlink_to(os.path.relpath(root / step[2], target.parent))
        elif kind == "flag":
            repo.git.update_index(step[2], "--", path)


@settings(max_examples=int(os.environ.get("AIMSKIT_PROPERTY_EXAMPLES", "300")), derandomize=True, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(steps=edits())
def test_random_edits_incremental_equals_full(repo: git.Repo, steps: list[tuple]) -> None:
    assert not [line for line in repo.git.ls_files("-v").splitlines() if not line.startswith("H ")]
    try:
        apply(repo, steps)
        incremental_result, full_result = full_and_incremental(_root(repo))
        assert incremental_result == full_result, steps
    finally:
        restore(repo, flagged=any(step[0] == "flag" for step in steps))


# --- the three counter-examples ------------------------------------------------------------------


def test_an_approved_policy_edited_behind_assume_unchanged(repo: git.Repo) -> None:
    try:
        repo.git.update_index("--assume-unchanged", "--", "policies/POL-001.md")
        apply(repo, [("body", "policies/POL-001.md")])
        assert "policies/POL-001.md" not in repo.git.diff("--name-only", "HEAD")  # git's diff does not see it
        incremental_result, full_result = full_and_incremental(_root(repo))
        assert incremental_result == full_result
        assert ("policies/POL-001.md", "AIMS702") in {(path, code) for path, code, _ in full_result[0]}
    finally:
        restore(repo)


def test_a_record_that_is_a_link_inside_the_repository(repo: git.Repo) -> None:
    root = _root(repo)
    try:
        # the committed link's own blob is unchanged; what it points to (and so reads as) changes
        _set_field(root, "roles/ai-governance-lead.yaml", "authorities", ["approve-soa"])
        incremental_result, full_result = full_and_incremental(root)
        assert incremental_result == full_result
        apply(repo, [("symlink", "risks/RISK-001.yaml", "risks/RISK-002.yaml")])
        incremental_result, full_result = full_and_incremental(root)
        assert incremental_result == full_result
    finally:
        restore(repo)


def test_contexts_equal_in_python_but_not_as_a_rule_reads_them(tmp_path: Path) -> None:
    """A context of 1 at one side and True at the other: == finds them the same, the rule does not."""
    root = build_repository(tmp_path / "aims")
    head = load_repository(root, keep_nodes=False)

    def flag(repository):
        return True if repository is head else 1

    @registry.record_rule(context=flag)
    def shows_its_context(record, context, options):
        """AIMS999: a rule whose message shows its context."""
        if record.path == "aims.yml":
            yield Finding(record.path, 1, 1, registry.Severity.ERROR, "AIMS999", f"context {context}", None)

    base = head  # the same records on both sides: only the context differs
    other = load_repository(root, keep_nodes=False)
    other.records = head.records
    at_head, at_base = incremental.check_changed(head, other, [shows_its_context], OPTIONS)
    assert [f.message for f in at_head] == ["context True"] and [f.message for f in at_base] == ["context 1"]
    assert registry.same_plain({"a": (1, "x")}, {"a": (1, "x")}) and not registry.same_plain([1], [True])
    assert not registry.same_plain({"k": 1}, {"k": "1"}) and not registry.same_plain((1,), [1])
    assert base is head

