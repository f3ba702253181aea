"""docs/security.md matches the generated workflows: pull-request jobs have read-only permissions
and no secrets, and the site deploys only from the protected branch."""

from __future__ import annotations

from pathlib import Path

import yaml

DOCS = Path(__file__).resolve().parents[2] / "docs" / "security.md"


def _runs_on_pull_requests(name: str, jobs: dict, events: set[str]) -> bool:
    if "pull_request" not in events:
        return False
    job = jobs[name]
    condition = str(job.get("if", ""))
    if "github.event_name == 'push'" in condition or "github.event_name != 'pull_request'" in condition:
        return False
    needs = job.get("needs", [])
    return all(_runs_on_pull_requests(need, jobs, events) for need in ([needs] if isinstance(needs, str) else needs))


def test_pull_request_jobs_are_read_only_and_the_site_deploys_from_main(baked_repo):
    folder = baked_repo / ".github" / "workflows"
    pull_request_jobs, writers = [], {}
    for path in sorted(folder.glob("*.yml")):
        text = path.read_text(encoding="utf-8")
        workflow = yaml.safe_load(text)
        triggers = set(workflow[True]) if True in workflow else set(workflow["on"])
        # a secret only where no pull request runs: the weekly protection check's optional token
        assert "pull_request_target" not in text and ("secrets." not in text or not triggers & {
            "pull_request", "pull_request_review", "push"}), path.name
        assert workflow["permissions"] == {}, path.name
        events = set(workflow[True]) if True in workflow else set(workflow["on"])  # YAML 1.1 reads `on` as True
        for name, job in workflow["jobs"].items():
            grants = job.get("permissions", {})
            if _runs_on_pull_requests(name, workflow["jobs"], events):
                pull_request_jobs.append(name)
                assert set(grants.values()) <= {"read"}, (name, grants)
            if any(value == "write" for value in grants.values()):
                writers[name] = job
    assert pull_request_jobs == ["check", "gate"]  # aims.yml, then approvals.yml
    assert set(writers) == {"deploy", "sarif"}
    jobs = yaml.safe_load((folder / "aims.yml").read_text(encoding="utf-8"))["jobs"]
    assert jobs["deploy"]["needs"] == "site"
    assert jobs["site"]["if"] == "${{ github.event_name == 'push' && github.ref == 'refs/heads/main' }}"
    assert [step.get("uses", "").split("@")[0] for step in jobs["deploy"]["steps"]] == ["actions/deploy-pages"]


def test_the_threat_model_states_what_the_workflows_do():
    text = " ".join(DOCS.read_text(encoding="utf-8").split())
    for claim in ("`contents: read` and nothing else",
                  "No job that runs on a pull request or a push references a secret", "`pull_request_target`",
                  "`persist-credentials: false`", "only on a push to `main`", "The site deploys only from the protected branch",
                  "raw HTML is **disabled**", "every file of the repository under review"):
        assert claim in text, claim
