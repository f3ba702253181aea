"""Every consumer of a domain fact gives the answer governance/ decides.

Each case is a crafted repository: the clean mini repository committed as the base, then one edit
committed as the head. Rules, readiness, the rendered site, the exports, the diff (base → head)
and the gate are each asked the case's question in their own output; every consumer that speaks
to it must give the answer of the one predicate in :mod:`aimskit.governance` (``expected``).
A consumer that has nothing to say about a predicate answers None and is skipped, but each
predicate is asked of at least two consumers besides its own predicate.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import functools
import html
import io
import typing as t
from pathlib import Path

import git
import pytest
import yaml
from mini_repos import build_repository

from aimskit import readiness, rules
from aimskit.cli import main
from aimskit.diff import compare as diff_compare
from aimskit.diff import report as diff_report
from aimskit.export import tables
from aimskit.gate import changes as gate_changes
from aimskit.gate import verdict as gate_verdict
from aimskit.gate.hosts import Request
from aimskit.gate.review_api import Review
from aimskit.governance import approval, authority, codeowners, placeholders, scope, scoring, starter
from aimskit.readiness.checks import named_holders, plan_approved
from aimskit.readiness.facts import Facts
from aimskit.records import kinds
from aimskit.rules.validation import validate
from aimskit.site.render import RenderContext, links, render

TODAY = dt.date(2026, 6, 1)
UNFILLED = "(name not filled in yet)"

Edit = t.Callable[[Path], None]


def load(root: Path, path: str) -> t.Any:
    return yaml.safe_load((root / path).read_text(encoding="utf-8"))


def dump(root: Path, path: str, data: t.Any) -> None:
    (root / path).parent.mkdir(parents=True, exist_ok=True)
    (root / path).write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")


def update(path: str, **fields: t.Any) -> Edit:
    def edit(root: Path) -> None:
        dump(root, path, {**load(root, path), **fields})
    return edit


def chain(*edits: Edit) -> Edit:
    def edit(root: Path) -> None:
        for each in edits:
            each(root)
    return edit


def manifest(**fields: t.Any) -> Edit:
    def edit(root: Path) -> None:
        data = load(root, "aims.yml")
        for key, value in fields.items():
            if value is None:
                data.pop(key, None)
            elif isinstance(value, dict) and isinstance(data.get(key), dict):
                data[key] = {**data[key], **value}
            else:
                data[key] = value
        dump(root, "aims.yml", data)
    return edit


def touch_ml_lead(root: Path) -> None:
    """A head change that needs the governance lead's approval (a role's authorities changed)."""
    data = load(root, "roles/ml-lead.yaml")
    dump(root, "roles/ml-lead.yaml", dict(data, authorities=[*data.get("authorities", []), "approve-impact-assessment"]))


SYSTEM_003 = {
    "id": "SYS-003", "name": "Document classifier", "purpose": "Sorts incoming letters.",
    "intended_use": "Routing support for the post room.", "owner": "ml-lead", "lifecycle_stage": "operation",
    "provider": "in-house", "affected_parties": ["Customers"], "human_oversight": "Staff check the routing.",
    "eu_ai_act": {"tier": "minimal", "rationale": "No Annex III use."}, "next_review": "2099-12-31",
}

RISK_003 = {
    "id": "RISK-003", "title": "Letters routed to the wrong team", "description": "A letter waits too long.",
    "systems": ["SYS-001"], "source": "C.3.2", "owner": "ml-lead", "likelihood": 4, "impact": 3,
    "treatment": {"option": "retain"}, "status": "treating", "identified": "2025-01-20", "next_review": "2099-12-31",
}


def add_system(**fields: t.Any) -> Edit:
    return lambda root: dump(root, "systems/SYS-003.yaml", {**SYSTEM_003, **fields})


def add_risk(**fields: t.Any) -> Edit:
    return lambda root: dump(root, "risks/RISK-003.yaml", {**RISK_003, **fields})


@dataclasses.dataclass
class Views:
    """Every consumer's output for one crafted repository (head), computed on demand."""

    root: Path

    @functools.cached_property
    def validation(self) -> t.Any:
        return validate(self.root, rules.Options(today=TODAY))

    @property
    def repository(self) -> t.Any:
        return self.validation.repository

    def codes(self, path: str) -> set[str]:
        return {f.code for f in self.validation.findings if f.path == path}

    @functools.cached_property
    def readiness(self) -> t.Any:
        return readiness.assess(self.repository, TODAY, self.validation.findings)

    @functools.cached_property
    def pages(self) -> dict[str, str]:
        return render(RenderContext(self.repository, TODAY, readiness=self.readiness))

    @functools.cached_property
    def comparison(self) -> t.Any:
        return diff_compare.compare(self.root, "HEAD~1", "HEAD", rules.Options(today=TODAY))

    @functools.cached_property
    def diff_markdown(self) -> str:
        return diff_report.markdown(self.comparison)

    def new_codes(self, path: str) -> set[str]:
        return {f.code for f in self.comparison.new_findings if f.path == path}

    @functools.cached_property
    def gate_markdown(self) -> str:
        repo = git.Repo(self.root)
        base, head = repo.commit("HEAD~1").hexsha, repo.head.commit.hexsha
        change = gate_changes.change_between(self.root, base, head)
        request = Request("github", "1", None, "someone-else", base, head, ())
        review = Review(request, "main", base, (), True)
        return gate_verdict.as_markdown(gate_verdict.evaluate(change, review))

    def record(self, record_id: str) -> t.Any:
        return self.repository.index[record_id]

    def page(self, record_id: str) -> str:
        return self.pages[links.record_page(record_id)]


@dataclasses.dataclass(frozen=True)
class Case:
    predicate: str
    name: str
    base: Edit | None
    head: Edit
    expected: bool

    def __str__(self) -> str:
        return f"{self.predicate}: {self.name}"


def _section(text: str, start: str, end: str = "\n## ") -> str:
    tail = text[text.index(start):]
    stop = tail.find(end, len(start))
    return tail if stop < 0 else tail[:stop]


# --- the observers: each consumer's answer to a predicate, read from its own output ----------------

def holder_predicate(v: Views) -> bool:
    role = v.repository.roles["ai-governance-lead"]
    return all(placeholders.names_a_person(h) for h in role.data["holders"])


HOLDER = {
    "governance": holder_predicate,
    "readiness": lambda v: bool(named_holders(v.repository.roles["ai-governance-lead"])),
    "site": lambda v: "Vacant" not in _section(v.pages[links.ROLES], "ai-governance-lead", "\n## ")
    if "ai-governance-lead" in v.pages[links.ROLES] else None,
    "diff": lambda v: UNFILLED not in v.diff_markdown,
    "gate": lambda v: UNFILLED not in v.gate_markdown,
}

SCOPE = {
    "governance": lambda v: scope.in_scope(v.record("SYS-003"), v.repository),
    "rules": lambda v: "AIMS410" in v.codes("systems/SYS-003.yaml"),
    "readiness": lambda v: "SYS-003" in {s.id for s in Facts(v.repository, TODAY).in_scope_systems},
    "site": lambda v: "| **In scope** | yes |" in v.page("SYS-003"),
    "export": lambda v: {r["id"]: r["in_scope"] for r in tables.system_rows(v.repository)}["SYS-003"],
    "diff": lambda v: "AIMS410" in v.new_codes("systems/SYS-003.yaml"),
}


def _register_row(v: Views, risk_id: str) -> str:
    row = next(line for line in v.pages[links.RISKS].splitlines() if f'id="{risk_id.lower()}"' in line)
    return html.unescape(row)


def _unaccepted(answer: t.Callable[[Views], bool]) -> t.Callable[[Views], bool | None]:
    """A consumer that reports only risks lacking an acceptance: no say about an accepted one."""
    return lambda v: None if scoring.is_accepted(v.record("RISK-003").data) else answer(v)


ACCEPTANCE = {
    "governance": lambda v: scoring.RiskMethod.from_manifest(v.repository.manifest)
    .acceptance_required(v.record("RISK-003").data),
    "rules": _unaccepted(lambda v: "AIMS407" in v.codes("risks/RISK-003.yaml")),
    "readiness": _unaccepted(lambda v: "RISK-003" in {g.id for g in v.readiness.risks_above_appetite}),
    "site register": lambda v: "(above appetite)" in _register_row(v, "RISK-003")
    or "(accepted)" in _register_row(v, "RISK-003"),
    "site page": lambda v: "No acceptance needed" not in v.page("RISK-003"),
    "site dashboard": _unaccepted(lambda v: "RISK-003" in v.pages[links.DASHBOARD]),
    "export": lambda v: {r["id"]: r["acceptance_required"] for r in tables.risk_rows(v.repository)}["RISK-003"],
    "diff": _unaccepted(lambda v: "AIMS407" in v.new_codes("risks/RISK-003.yaml")),
}

ACCEPTED = {
    "governance": lambda v: scoring.is_accepted(v.record("RISK-003").data),
    "site register": lambda v: "(accepted)" in _register_row(v, "RISK-003"),
    "site page": lambda v: "Accepted by" in v.page("RISK-003"),
    "export": lambda v: {r["id"]: r["accepted_by"] for r in tables.risk_rows(v.repository)}["RISK-003"] is not None,
    "rules": lambda v: "AIMS416" not in v.codes("risks/RISK-003.yaml"),  # status: accepted in every case
    "readiness": lambda v: "RISK-003" not in {g.id for g in v.readiness.risks_above_appetite},
}


def _approver(v: Views) -> t.Any:
    return v.repository.roles.get(v.record("RISK-001").data["treatment"]["approved_by"])


MAY_APPROVE = {
    "governance": lambda v: authority.may_approve_treatment(
        _approver(v), scoring.RiskMethod.from_manifest(v.repository.manifest)),
    "rules": lambda v: "AIMS423" not in v.codes("risks/RISK-001.yaml"),
    "readiness": lambda v: plan_approved(Facts(v.repository, TODAY), v.record("RISK-001")),
    "diff": lambda v: "AIMS423" not in v.new_codes("risks/RISK-001.yaml"),
}


def _codeowners_check(v: Views) -> bool:
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
        return main(["--repo", str(v.root), "codeowners", "--check"]) != 0


def _missing_codeowners(codes: set[str], v: Views) -> bool:
    return "AIMS601" in codes


CODEOWNERS = {
    "governance": lambda v: codeowners.required(v.repository),
    "rules": lambda v: any(f.code == "AIMS601" and "missing" in f.message for f in v.validation.findings),
    "codeowners --check": _codeowners_check,
    "diff": lambda v: any(f.code == "AIMS601" and "missing" in f.message for f in v.comparison.new_findings),
}


def _pol(v: Views) -> t.Any:
    return v.record("POL-001")


APPROVED = {
    "governance": lambda v: approval.approval_is_current(_pol(v)),
    "rules": lambda v: not ({"AIMS702", "AIMS701", "AIMS703"} & v.codes("policies/POL-001.md")),
    "diff": lambda v: not ({"AIMS702", "AIMS701", "AIMS703"} & v.new_codes("policies/POL-001.md")),
    "gate": lambda v: "change to approved POL-001" not in v.gate_markdown,
}

EXAMPLE = {
    "governance": lambda v: starter.is_example(v.record("SYS-003")),
    "readiness": lambda v: "SYS-003" not in {s.id for s in Facts(v.repository, TODAY).in_scope_systems},
    "site": lambda v: "example" in v.page("SYS-003").lower(),
    "export": lambda v: {r["id"]: r["example"] for r in tables.system_rows(v.repository)}["SYS-003"],
}

PLACEHOLDER = {
    "governance": lambda v: starter.placeholders_in(v.record("SYS-003").data),
    "rules": lambda v: "AIMS504" in v.codes("systems/SYS-003.yaml"),
    "diff": lambda v: "AIMS504" in v.new_codes("systems/SYS-003.yaml"),
}

OBSERVERS: dict[str, dict[str, t.Callable[[Views], bool | None]]] = {
    "holder names a person": HOLDER, "in scope": SCOPE, "needs acceptance": ACCEPTANCE, "accepted": ACCEPTED,
    "may approve": MAY_APPROVE, "CODEOWNERS required": CODEOWNERS, "approved": APPROVED, "example": EXAMPLE,
    "placeholder": PLACEHOLDER,
}


def _lead_named(name: str) -> Edit:
    return update("roles/ai-governance-lead.yaml", holders=[{"name": name, "handle": "@priya-shah"}])


def _policy_body(root: Path) -> None:
    path = root / "policies" / "POL-001.md"
    path.write_text(path.read_text(encoding="utf-8") + "\nA sentence added after the approval.\n", encoding="utf-8")


def _treatment_by(role: str, acceptance_authority: str | None = None) -> Edit:
    def edit(root: Path) -> None:
        risk = load(root, "risks/RISK-001.yaml")
        risk["treatment"] = {**risk["treatment"], "approved_by": role, "approved_on": "2025-02-01"}
        dump(root, "risks/RISK-001.yaml", risk)
        if acceptance_authority:
            manifest(risk_method={"acceptance_authority": acceptance_authority})(root)
    return edit


def _ml_lead_holds(*held: str) -> Edit:
    return update("roles/ml-lead.yaml", authorities=list(held))


ACCEPTANCE_GIVEN = {"by": "top-management", "date": "2025-02-01", "rationale": "Reviewed by the board."}

CASES = [
    Case("holder names a person", "a name", _lead_named("Priya Shah"), touch_ml_lead, True),
    Case("holder names a person", "a fill-in marker", _lead_named("<name of the ML lead>"), touch_ml_lead, False),
    Case("holder names a person", "tbd", _lead_named("tbd"), touch_ml_lead, False),
    Case("in scope", "live", None, add_system(), True),
    Case("in scope", "retired", None, add_system(lifecycle_stage="retired"), False),
    Case("in scope", "marked out of scope", None, add_system(in_scope=False), False),
    Case("in scope", "listed by aims.yml", None,
         chain(add_system(), manifest(scope={"in_scope_systems": ["SYS-001", "SYS-002", "SYS-003"]})), True),
    Case("in scope", "not listed by aims.yml", None,
         chain(add_system(), manifest(scope={"in_scope_systems": ["SYS-001", "SYS-002"]})), False),
    Case("needs acceptance", "open above appetite", None, add_risk(), True),
    Case("needs acceptance", "closed above appetite", None,
         add_risk(status="closed", treatment={"option": "avoid"}), False),
    Case("needs acceptance", "within appetite", None, add_risk(impact=2), False),
    Case("needs acceptance", "accepted above appetite", None,
         add_risk(acceptance=ACCEPTANCE_GIVEN, status="accepted"), True),
    Case("needs acceptance", "no appetite", None, chain(add_risk(), manifest(risk_method={"appetite": 0})), False),
    Case("accepted", "acceptance recorded", None, add_risk(acceptance=ACCEPTANCE_GIVEN, status="accepted"), True),
    Case("accepted", "status alone", None, add_risk(status="accepted"), False),
    Case("may approve", "approve-treatment", _ml_lead_holds("approve-treatment"), _treatment_by("ml-lead"), True),
    Case("may approve", "default acceptance authority", _ml_lead_holds("accept-risk"), _treatment_by("ml-lead"), True),
    Case("may approve", "configured acceptance authority", _ml_lead_holds("sign-off-risk"),
         _treatment_by("ml-lead", "sign-off-risk"), True),
    Case("may approve", "accept-risk when another authority is configured", _ml_lead_holds("accept-risk"),
         _treatment_by("ml-lead", "sign-off-risk"), False),
    Case("may approve", "no authority", None, _treatment_by("ml-lead"), False),
    Case("CODEOWNERS required", "ci: github", manifest(ci="none"), manifest(ci="github"), True),
    Case("CODEOWNERS required", "ci: gitlab", manifest(ci="none"), manifest(ci="gitlab"), True),
    Case("CODEOWNERS required", "ci: none", None, manifest(ci="none"), False),
    Case("CODEOWNERS required", "no ci", manifest(ci="none"), manifest(ci=None), False),
    Case("approved", "untouched", None, touch_ml_lead, True),
    Case("approved", "edited after its approval", None, _policy_body, False),
    Case("example", "marked example", None, add_system(example=True), True),
    Case("example", "the organisation's own", None, add_system(), False),
    Case("placeholder", "template wording", None, add_system(purpose="(replace with the system's purpose)"), True),
    Case("placeholder", "own words", None, add_system(), False),
]


def _commit(repo: git.Repo, message: str) -> None:
    repo.git.add("-A")
    actor = git.Actor("Sam Tester", "sam@example.com")
    repo.index.commit(message, author=actor, committer=actor)


def build_case(root: Path, case: Case) -> Views:
    build_repository(root)
    if case.base is not None:
        case.base(root)
    repo = git.Repo.init(root, initial_branch="main")
    _commit(repo, "base")
    case.head(root)
    _commit(repo, "head")
    return Views(root)


def test_every_predicate_has_cases_both_ways() -> None:
    for predicate, observers in OBSERVERS.items():
        answers = {case.expected for case in CASES if case.predicate == predicate}
        assert answers == {True, False}, predicate
        assert len(observers) >= 3, predicate


def test_every_consumer_is_asked() -> None:
    asked = {consumer.split()[0] for observers in OBSERVERS.values() for consumer in observers}
    assert {"rules", "readiness", "site", "export", "diff", "gate"} <= asked


@pytest.mark.parametrize("case", CASES, ids=str)
def test_every_consumer_gives_the_governance_answer(tmp_path: Path, case: Case) -> None:
    views = build_case(tmp_path / "aims", case)
    answers = {consumer: observe(views) for consumer, observe in OBSERVERS[case.predicate].items()}
    assert answers["governance"] is case.expected, answers
    disagreeing = {consumer: answer for consumer, answer in answers.items()
                   if answer is not None and answer is not case.expected}
    assert not disagreeing, f"{case}: expected {case.expected}, but {disagreeing}"
