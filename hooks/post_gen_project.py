"""Finish the generated AIMS repository: schemas, example content, pruning, CODEOWNERS, approvals,
first commit.

Cookiecutter renders this file with Jinja and runs it with the generated project as the
current folder. Template expressions appear only inside string literals, so the module
imports un-rendered too (the tests call its functions directly). Every step is idempotent:
``cruft update`` runs the hooks twice.
"""

from __future__ import annotations

import importlib.util
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

CONTEXT_JSON = r"""{{ cookiecutter | jsonify }}"""
TEMPLATE_ROOT = r"""{{ template_root }}"""

EXAMPLES = ".examples"
COMMON_EXAMPLES = "_common"
# Files and folders whose name contains this exist only for the EU AI Act module.
EU_AI_ACT_MARKER = "eu-ai-act"
CI_PATHS = {"github": (".github",), "gitlab": (".gitlab-ci.yml", ".gitlab")}
# requirements.txt is locked from this file only when every dependency is pinned by digest.
LOCK_INPUT = "requirements.in"
# ``aimskit upgrade`` sets this: it locks requirements.txt itself, after merging the template.
NO_LOCK_VARIABLE = "AIMSKIT_NO_LOCK"
# ``aimskit new`` sets this to a wheel of itself when no package index has that aimskit.
VENDOR_WHEEL_VARIABLE = "AIMSKIT_VENDOR_WHEEL"
WHEEL_FOLDER = Path(".aimskit") / "wheels"
WHEEL_README = """# The aimskit wheel this repository installs

requirements.txt installs aimskit from the wheel in this folder: the aimskit that generated the
repository was not published on a package index that CI can reach. `SHA256SUMS` holds the wheel's
sha256 digest (check it with `sha256sum --check SHA256SUMS` here). To move to a published release,
replace the wheel line of requirements.txt with a version pin (`aimskit==X.Y.Z`) and delete this
folder. When requirements.txt is pinned by digest, replace the line in requirements.in instead and
run `aimskit lock`.
"""
FALLBACK_IDENTITY = ("-c", "user.name=aimskit", "-c", "user.email=aimskit@users.noreply.localhost")


def load_context(raw: str = CONTEXT_JSON) -> dict:
    """The cookiecutter context, or an empty one when this file was not rendered."""
    return {} if raw.startswith("{" + "{") else json.loads(raw)


def note(message: str) -> None:
    print(f"aimskit: {message}", file=sys.stderr)


def remove(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path)
    elif path.exists() or path.is_symlink():
        path.unlink()


def copy_schemas(template_root: Path, project: Path) -> None:
    """Copy the template's top-level ``schemas/`` verbatim into the project's ``schemas/``."""
    source = template_root / "schemas"
    if not source.is_dir():
        raise SystemExit(f"aimskit: the template at {template_root} has no schemas/ folder")
    target = project / "schemas"
    remove(target)
    shutil.copytree(source, target)


def merge_into(source: Path, target: Path) -> None:
    """Move every file under ``source`` to the same relative place under ``target``."""
    for path in sorted(source.rglob("*")):
        if path.is_file():
            destination = target / path.relative_to(source)
            destination.parent.mkdir(parents=True, exist_ok=True)
            os.replace(path, destination)


def place_examples(project: Path, sector: str, wanted: bool) -> None:
    """Move the sector's and the common example records into place when wanted; drop the rest."""
    examples = project / EXAMPLES
    if wanted:
        for name in (COMMON_EXAMPLES, sector):
            if (examples / name).is_dir():
                merge_into(examples / name, project)
    remove(examples)


def unchosen_paths(project: Path, ci_provider: str, eu_ai_act: bool, require_hashes: bool = False) -> list[Path]:
    """Paths that belong to options the user did not choose."""
    paths = [project / name for provider, names in CI_PATHS.items() if provider != ci_provider for name in names]
    if not eu_ai_act:
        paths += [p for p in project.rglob(f"*{EU_AI_ACT_MARKER}*") if ".git" not in p.relative_to(project).parts]
    if not require_hashes:
        paths.append(project / LOCK_INPUT)
    return paths


def prune(project: Path, ci_provider: str, eu_ai_act: bool, require_hashes: bool = False) -> None:
    for path in unchosen_paths(project, ci_provider, eu_ai_act, require_hashes):
        remove(path)


def vendor_wheel(project: Path, wheel: str | None) -> None:
    """Copy the wheel requirements.txt names into ``.aimskit/wheels/`` with its digest and a README."""
    if not wheel:
        return
    source = Path(wheel)
    if not source.is_file():
        raise SystemExit(f"aimskit: the aimskit wheel {wheel} to commit into the repository is missing")
    import hashlib

    folder = project / WHEEL_FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(source, folder / source.name)
    digest = hashlib.sha256((folder / source.name).read_bytes()).hexdigest()
    (folder / "SHA256SUMS").write_text(f"{digest}  {source.name}\n", encoding="utf-8")
    (folder / "README.md").write_text(WHEEL_README, encoding="utf-8")


def write_codeowners(project: Path, ci_provider: str) -> None:
    """Run ``aimskit codeowners`` when aimskit is importable here; a failure is only a note."""
    if ci_provider == "none":
        return
    if importlib.util.find_spec("aimskit") is None:
        note("aimskit is not installed here; run 'aimskit codeowners' after installing requirements.txt.")
        return
    done = subprocess.run([sys.executable, "-m", "aimskit", "codeowners"], cwd=project,
                          capture_output=True, text=True, check=False)
    if done.returncode != 0:
        detail = (done.stderr or done.stdout).strip().splitlines()
        note("CODEOWNERS was not written (" + (detail[-1] if detail else f"exit {done.returncode}") + "); "
             "run 'aimskit codeowners' in the new repository.")


def stamp_approvals(project: Path) -> None:
    """Record what was approved in the example content marked approved (``aimskit approve
    --all-approved``), so that a new repository validates; a failure is only a note."""
    if importlib.util.find_spec("aimskit") is None:
        note("aimskit is not installed here; run 'aimskit approve --all-approved' after installing requirements.txt.")
        return
    done = subprocess.run([sys.executable, "-m", "aimskit", "approve", "--all-approved"], cwd=project,
                          capture_output=True, text=True, check=False)
    if done.returncode != 0:
        detail = (done.stderr or done.stdout).strip().splitlines()
        note("approvals were not recorded (" + (detail[-1] if detail else f"exit {done.returncode}") + "); "
             "run 'aimskit approve --all-approved' in the new repository.")


def lock_requirements(project: Path) -> None:
    """Write requirements.txt from requirements.in, pinned by digest, with ``aimskit lock``; a failure stops
    the generation (a repository whose CI refuses its own requirements is no start)."""
    if os.environ.get(NO_LOCK_VARIABLE):
        return
    if importlib.util.find_spec("aimskit") is None:
        raise SystemExit("aimskit: require_hashes needs aimskit to lock requirements.txt, and it is not installed "
                         "here; install aimskit and generate with 'aimskit new --require-hashes'.")
    done = subprocess.run([sys.executable, "-m", "aimskit", "lock"], cwd=project, stdout=subprocess.DEVNULL,
                          check=False)
    if done.returncode != 0:
        raise SystemExit("aimskit: requirements.txt could not be pinned by digest (see above); nothing was "
                         "generated.")


def git(project: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(["git", *args], cwd=project, capture_output=True, text=True, check=False)


def has_identity(project: Path) -> bool:
    return all(git(project, "config", key).stdout.strip() for key in ("user.name", "user.email"))


def first_commit(project: Path) -> None:
    """``git init -b main``, add everything and commit, unless git is missing or it already happened."""
    if shutil.which("git") is None:
        note("git was not found; the repository was not initialised.")
        return
    if not (project / ".git").exists() and git(project, "init", "-q", "-b", "main").returncode != 0:
        note("'git init' failed; the repository was not initialised.")
        return
    if git(project, "rev-parse", "--verify", "-q", "HEAD").returncode == 0:
        return
    git(project, "add", "--all")
    identity = () if has_identity(project) else FALLBACK_IDENTITY
    done = git(project, *identity, "commit", "-q", "-m", "Generate the AI management system with aimskit")
    if done.returncode != 0:
        note("the first commit failed (" + (done.stderr.strip() or "git commit") + "); commit the files yourself.")


def chosen(value: object) -> bool:
    """A yes/no answer as a bool (cookiecutter gives a bool; a hand-edited replay may give a string)."""
    return value.strip().lower() in {"1", "true", "yes", "y", "on"} if isinstance(value, str) else bool(value)


def wants_commit(context: dict) -> bool:
    # cruft calls generate_files directly (no _output_dir) and diffs what it generates: no git there.
    return not os.environ.get("AIMSKIT_NO_GIT_COMMIT") and "_output_dir" in context


def main(context: dict, project: Path, template_root: Path) -> int:
    copy_schemas(template_root, project)
    vendor_wheel(project, os.environ.get(VENDOR_WHEEL_VARIABLE))
    place_examples(project, context["sector"], chosen(context["example_content"]))
    hashed = chosen(context.get("require_hashes", False))
    prune(project, context["ci_provider"], chosen(context["eu_ai_act"]), hashed)
    write_codeowners(project, context["ci_provider"])
    stamp_approvals(project)
    if hashed:
        lock_requirements(project)
    if wants_commit(context):
        first_commit(project)
    return 0


if __name__ == "__main__":
    sys.exit(main(load_context(), Path.cwd(), Path(TEMPLATE_ROOT)))
