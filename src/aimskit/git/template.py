"""The git side of ``aimskit upgrade``: the template output as a branch, merged three ways.

The first commit of a generated repository is the template's pure output. Each upgrade commits
the template's new output on top of the previous one, on the branch ``aimskit-template``, and
merges that branch without committing: git's merge base is then the template output the
repository last took, so the organisation's edits are kept, or left as conflicts, and every
change is staged for review.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import git

from aimskit.errors import AimskitError, UsageError

TEMPLATE_BRANCH = "aimskit-template"
GENERATED_MESSAGE = "Generate the AI management system with aimskit"
_FALLBACK_IDENTITY = {"GIT_AUTHOR_NAME": "aimskit", "GIT_AUTHOR_EMAIL": "aimskit@users.noreply.localhost",
                      "GIT_COMMITTER_NAME": "aimskit", "GIT_COMMITTER_EMAIL": "aimskit@users.noreply.localhost"}


def open_top_level(root: Path) -> git.Repo:
    """The git repository whose top level is ``root``, with a clean working tree."""
    try:
        repo = git.Repo(root)
    except (git.InvalidGitRepositoryError, git.NoSuchPathError):
        raise UsageError(f"{root} is not the top of a git repository; upgrade works on the repository "
                         "'aimskit new' created") from None
    if repo.bare or not repo.head.is_valid():
        raise UsageError(f"{root} has no commits to upgrade")
    if repo.is_dirty(untracked_files=True):
        raise UsageError("the working tree has uncommitted changes; commit or stash them first, so that the "
                         "upgrade is a change of its own")
    if (Path(repo.git_dir) / "MERGE_HEAD").exists():
        raise UsageError("a merge is in progress; finish or abort it first")
    return repo


def template_base(repo: git.Repo) -> git.Commit:
    """The template output the repository last took: the template branch, else the generated commit."""
    if TEMPLATE_BRANCH in repo.heads:
        return repo.heads[TEMPLATE_BRANCH].commit
    roots = [commit for commit in repo.iter_commits("HEAD", max_parents=0)]
    generated = [commit for commit in roots if str(commit.message).startswith(GENERATED_MESSAGE)]
    if not generated:
        raise AimskitError("cannot find the commit with the template's output ('" + GENERATED_MESSAGE + "'); "
                           f"create a branch {TEMPLATE_BRANCH} at the commit that holds the generated files as "
                           "they were generated")
    return generated[0]


def commit_output(repo: git.Repo, parent: git.Commit, output: Path, message: str) -> git.Commit:
    """A commit of the files in ``output`` on top of ``parent`` (no branch moves, no checkout)."""
    with tempfile.TemporaryDirectory(prefix="aimskit-index-") as scratch:
        environment = {"GIT_DIR": str(repo.git_dir), "GIT_WORK_TREE": str(output),
                       "GIT_INDEX_FILE": str(Path(scratch) / "index")}
        if not _has_identity(repo):
            environment.update(_FALLBACK_IDENTITY)
        runner = git.Git(str(output))
        with runner.custom_environment(**environment):
            runner.add("--all", ".")
            tree = runner.write_tree()
            sha = runner.commit_tree(tree, "-p", parent.hexsha, "-m", message)
    return repo.commit(sha)


def changed_paths(repo: git.Repo, old: git.Commit, new: git.Commit) -> list[tuple[str, str]]:
    """(status letter, path) for each file that differs between two commits."""
    lines = repo.git.diff("--name-status", "--no-renames", old.hexsha, new.hexsha).splitlines()
    return [(line.split("\t", 1)[0], line.split("\t", 1)[1]) for line in lines if "\t" in line]


def merge(repo: git.Repo, commit: git.Commit) -> list[str]:
    """Point the template branch at ``commit`` and merge it without committing; the conflicted paths."""
    repo.create_head(TEMPLATE_BRANCH, commit, force=True)
    failure: git.GitCommandError | None = None
    try:
        repo.git.merge("--no-ff", "--no-commit", "--no-edit", TEMPLATE_BRANCH)
    except git.GitCommandError as exc:
        failure = exc  # conflicts: listed below and left in the files for review
    unmerged = repo.git.diff("--name-only", "--diff-filter=U").splitlines()
    if failure is not None and not unmerged and not Path(repo.git_dir, "MERGE_HEAD").exists():
        # No merge happened at all (no committer identity, a dirty index): never report it as clean.
        reason = " ".join(str(failure.stderr or failure).split()).removeprefix("stderr:").strip(" '")
        raise AimskitError(f"git could not merge the template changes: {reason}")
    return sorted(set(unmerged))


def stage(repo: git.Repo, paths: list[str]) -> None:
    if paths:
        repo.git.add("--", *paths)


def _has_identity(repo: git.Repo) -> bool:
    reader = repo.config_reader()
    return all(reader.get_value("user", key, default="") for key in ("name", "email"))
