"""``aimskit new --require-hashes``: every distribution pinned by digest, CI installing with
``--require-hashes``, a clean room that installs the repository so and runs aimskit, and pip
refusing the lock once a digest is changed or a pin is missing.

The repository is generated from this checkout (so aimskit is its committed wheel) and resolved
against the package indexes of pip's configuration, as a user's would be.
"""

from __future__ import annotations

import hashlib
import os
import re
import subprocess
import sys
import venv
from pathlib import Path

import git
import pytest
from clean_room import clean_environment, run

pytestmark = pytest.mark.slow
PIN = re.compile(r"^(?:(?P<name>[a-z0-9]+(?:-[a-z0-9]+)*)==\S+|(?P<wheel>\./\.aimskit/wheels/aimskit-\S+\.whl))"
                 r"(?: ; (?P<marker>[^-]+?))?(?: --hash=sha256:[0-9a-f]{64})+$")  # a marker: universal lock
DEPENDENCIES = {"cookiecutter", "pyyaml", "jsonschema", "fastjsonschema", "gitpython", "mkdocs", "mkdocs-material",
                "openpyxl", "packaging", "jinja2", "markupsafe"}


@pytest.fixture(scope="module")
def hashed(tmp_path_factory) -> Path:
    """A repository generated with --require-hashes (GitHub CI), committed."""
    folder = tmp_path_factory.mktemp("hashed")
    environment = clean_environment(folder / "home")
    out = run([sys.executable, "-m", "aimskit", "new", "--no-input", "--require-hashes", "-o", str(folder / "made"),
               "organisation_name=Pinned Ltd"], folder, {**environment, "PATH": os.environ["PATH"]})
    assert "pip install --require-hashes -r requirements.txt" in out
    return folder / "made" / "pinned-ltd-aims"


def requirements(path: Path) -> list[str]:
    """The requirements of a requirements file, each on one line (continuations joined, comments dropped)."""
    text = re.sub(r"\\\n\s*", "", path.read_text(encoding="utf-8"))
    return [line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#")]


def test_every_distribution_is_pinned_by_version_and_digest(hashed):
    lines = requirements(hashed / "requirements.txt")
    unpinned = [line for line in lines if not PIN.match(line)]
    assert not unpinned, unpinned
    names = {PIN.match(line)["name"] for line in lines} - {None}
    assert DEPENDENCIES <= names, DEPENDENCIES - names
    [wheel_line] = [line for line in lines if PIN.match(line)["wheel"]]
    wheel = hashed / wheel_line.split()[0]
    assert wheel_line.split()[1:] == [f"--hash=sha256:{hashlib.sha256(wheel.read_bytes()).hexdigest()}"]
    assert requirements(hashed / "requirements.in") == [wheel_line.split()[0]]
    repo = git.Repo(hashed)
    assert not repo.is_dirty(untracked_files=True)
    assert {"requirements.in", "requirements.txt"} <= {item.path for item in repo.head.commit.tree.traverse()}


def test_every_ci_install_requires_hashes(hashed):
    installs = [line.strip() for path in sorted((hashed / ".github" / "workflows").glob("*.yml"))
                for line in path.read_text(encoding="utf-8").splitlines() if "pip install" in line]
    assert len(installs) >= 6 and set(installs) == {"run: python -m pip install --require-hashes -r requirements.txt"}


def test_a_clean_room_installs_with_require_hashes_and_runs_aimskit(hashed, tmp_path):
    environment = clean_environment(tmp_path / "home")
    clone = tmp_path / "clone"
    git.Repo.clone_from(hashed, clone)
    room = tmp_path / "venv"
    venv.EnvBuilder(with_pip=True).create(room)
    python, aimskit = room / "bin" / "python", room / "bin" / "aimskit"
    run([str(python), "-m", "pip", "install", "--quiet", "--require-hashes", "-r", "requirements.txt"], clone,
        environment)
    where = run([str(python), "-c", "import aimskit; print(aimskit.__file__)"], clone, environment)
    assert where.startswith(str(room)), where
    assert "files checked: 0 errors" in run([str(aimskit), "validate"], clone, environment)


def refused(clone: Path, text: str) -> str:
    """pip's complaint about ``text`` as requirements.txt (it must refuse it)."""
    (clone / "requirements.txt").write_text(text, encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "pip", "install", "--dry-run", "--ignore-installed",
                           "--require-hashes", "--quiet", "-r", "requirements.txt"], cwd=clone, capture_output=True,
                          text=True, timeout=900)
    assert done.returncode != 0, done.stdout
    return done.stderr


def test_pip_refuses_a_changed_digest_and_a_missing_pin(hashed, tmp_path):
    clone = tmp_path / "clone"
    git.Repo.clone_from(hashed, clone)
    text = (clone / "requirements.txt").read_text(encoding="utf-8")
    wheel_digest = re.search(r"aimskit-\S+\.whl \\\n\s+--hash=sha256:([0-9a-f]{64})", text)[1]
    tampered = refused(clone, text.replace(wheel_digest, "0" * 64))
    assert "THESE PACKAGES DO NOT MATCH THE HASHES" in tampered and wheel_digest in tampered
    without_pyyaml = re.sub(r"^pyyaml==.*?(?=^\S)", "", text, flags=re.MULTILINE | re.DOTALL)
    assert "pyyaml==" not in without_pyyaml
    missing = refused(clone, without_pyyaml)
    assert "In --require-hashes mode, all requirements must have their versions pinned with ==" in missing
    assert "pyyaml" in missing.lower()
