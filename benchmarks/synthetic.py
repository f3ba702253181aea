"""A large synthetic AIMS for the benchmarks, grown from one real bake of the template.

``bake`` makes one real cookiecutter bake with example content; ``grow`` copies its systems,
risks and policies under new ids until the requested numbers; ``add_history`` turns the result
into a git repository with several revisions per policy, half of them merged from a branch the
way a pull request is, so the site's revision history and approval record have real work to do.
"""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

import yaml

from aimskit.governance.approval import content_digest
from aimskit.records.loading import load_markdown_file, load_yaml_file
from aimskit.resources import template_dir


def bake(into: Path) -> Path:
    """One real bake of the template with example content, without a git commit (``add_history`` makes them)."""
    from cookiecutter.main import cookiecutter

    os.environ["AIMSKIT_NO_GIT_COMMIT"] = "1"
    sys.path.insert(0, str(template_dir()))
    project = cookiecutter(str(template_dir()), no_input=True, output_dir=str(into),
                           extra_context={"project_slug": "bench", "ci_provider": "none"})
    return Path(project)


def _load(path: Path):
    loader = load_markdown_file if path.suffix == ".md" else load_yaml_file
    return loader(path.name, path.read_bytes())


def _write_yaml(path: Path, data: dict) -> None:
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100), encoding="utf-8")


def _write_markdown(path: Path, data: dict, body: str) -> None:
    front = yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100)
    path.write_text(f"---\n{front}---\n\n{body}", encoding="utf-8")


def _approved(data: dict, body: str | None) -> dict:
    """A copied document's approval recorded for its own content, as 'aimskit approve' would."""
    if isinstance(data.get("approval"), dict):
        data["approval"] = dict(data["approval"], digest=content_digest(data, body))
    return data


def grow(root: Path, risks: int, systems: int, policies: int) -> None:
    """Replace the bake's systems, risks and policies with copies of its examples under new ids."""
    system_examples = [_load(p).data for p in sorted((root / "systems").glob("*.yaml"))]
    risk_examples = [_load(p).data for p in sorted((root / "risks").glob("*.yaml"))]
    policy_examples = [_load(p) for p in sorted((root / "policies").glob("*.md"))]
    for folder in ("systems", "risks"):
        shutil.rmtree(root / folder)
        (root / folder).mkdir()

    high_risk = []
    for n in range(1, systems + 1):
        data = dict(system_examples[(n - 1) % len(system_examples)], id=f"SYS-{n:03d}")
        if data["eu_ai_act"]["tier"] == "high":
            high_risk.append(data["id"])
        _write_yaml(root / "systems" / f"{data['id']}.yaml", data)

    for n in range(1, risks + 1):
        data = dict(risk_examples[(n - 1) % len(risk_examples)], id=f"RISK-{n:03d}")
        data["systems"] = [f"SYS-{(n - 1) % systems + 1:03d}"]
        _write_yaml(root / "risks" / f"{data['id']}.yaml", data)

    for n in range(len(policy_examples) + 1, policies + 1):
        example = policy_examples[(n - 1) % len(policy_examples)]
        data = _approved(dict(example.data, id=f"POL-{n:03d}"), example.body)
        _write_markdown(root / "policies" / f"{data['id']}.md", data, example.body or "")

    # Every high-risk copy needs a current impact assessment: let the examples' assessments cover them.
    assessments = sorted((root / "impact-assessments").glob("*.md"))
    if assessments and high_risk:
        first = _load(assessments[0])
        _write_markdown(assessments[0], _approved(dict(first.data, systems=high_risk), first.body),
                        first.body or "")


def _revise(path: Path, revision: int) -> None:
    """Revision ``revision`` of a policy: a new version and paragraph, approved as 'aimskit approve' would."""
    document = _load(path)
    data = dict(document.data, version=f"1.{revision}")
    body = (document.body or "").rstrip() + f"\n\nRevision {revision} of this policy.\n"
    if isinstance(data.get("approval"), dict):
        data["approval"] = dict(data["approval"], version=data["version"])
    _write_markdown(path, _approved(data, body), body)


def add_history(root: Path, revisions_per_policy: int) -> int:
    """Commit ``root`` (git init), then revise each policy ``revisions_per_policy`` times; return the commits.

    Odd revisions come from a branch merged with a merge commit ("Merge pull request #N"), even
    ones are committed on the main line, so both kinds of approval rows occur.
    """
    import git

    repo = git.Repo.init(root, initial_branch="main")
    actor = git.Actor("Benchmark Author", "bench@example.org")
    repo.git.add(all=True)
    repo.index.commit("Synthetic AIMS", author=actor, committer=actor)
    commits, number = 1, 0
    policies = sorted((root / "policies").glob("*.md"))
    for revision in range(1, revisions_per_policy + 1):
        for path in policies:
            relative = str(path.relative_to(root))
            _revise(path, revision)
            repo.index.add([relative])
            subject = f"Revise {path.stem} (revision {revision})"
            if revision % 2:
                number += 1
                head = repo.head.commit
                change = repo.index.commit(subject, author=actor, committer=actor, parent_commits=[head], head=False)
                repo.index.commit(f"Merge pull request #{number} from bench/{path.stem.lower()}-{revision}",
                                  author=actor, committer=actor, parent_commits=[head, change])
                commits += 2
            else:
                repo.index.commit(subject, author=actor, committer=actor)
                commits += 1
    return commits
