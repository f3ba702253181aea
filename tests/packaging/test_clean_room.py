"""A clean room: a generated repository installs aimskit with nothing but its own files.

The repository is generated from this source checkout, cloned to a new folder and installed into
a fresh virtual environment from its requirements.txt alone (the dependencies come from the
package index). The same environment then takes the built wheel (``pip install dist/*.whl``),
generates a second repository and builds it. The checkout is never on the environment's path.
"""

from __future__ import annotations

import hashlib
import os
import sys
import venv
import zipfile
from pathlib import Path

import git
import pytest
from clean_room import CHECKOUT, clean_environment, run

pytestmark = pytest.mark.slow
sys.path.insert(0, str(CHECKOUT))
import hatch_build  # noqa: E402

VERSION = hatch_build.version(CHECKOUT)  # with the commit: a checkout is not the release tag
WHEEL = f"aimskit-{VERSION}-py3-none-any.whl"


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    """sdist and wheel of this checkout, built with the build frontend."""
    dist = tmp_path_factory.mktemp("dist")
    run([sys.executable, "-m", "build", "--no-isolation", "--outdir", str(dist), str(CHECKOUT)], CHECKOUT,
        dict(os.environ))
    return dist


def test_sdist_and_wheel_build_reproducibly_and_pass_twine_check(built, tmp_path):
    again = tmp_path / "again"
    run([sys.executable, "-m", "build", "--no-isolation", "--outdir", str(again), str(CHECKOUT)], CHECKOUT,
        dict(os.environ))
    for first in sorted(built.iterdir()):
        assert hashlib.sha256(first.read_bytes()).digest() == hashlib.sha256((again / first.name).read_bytes()).digest()
    assert sorted(p.name for p in built.iterdir()) == [WHEEL, f"aimskit-{VERSION}.tar.gz"]
    with zipfile.ZipFile(built / WHEEL) as wheel:
        inside = set(wheel.namelist())
    assert {"aimskit/_bundled/template/cookiecutter.json", "aimskit/_bundled/template/hooks/post_gen_project.py",
            "aimskit/_bundled/template/schemas/risk.schema.json", "aimskit/reference/iso42001.yaml"} <= inside
    out = run([sys.executable, "-m", "twine", "check", "--strict", *map(str, sorted(built.iterdir()))], CHECKOUT,
              dict(os.environ))
    assert out.count("PASSED") == 2


def test_a_generated_repository_installs_from_its_requirements_then_the_wheel_works_alone(built, tmp_path):
    environment = clean_environment(tmp_path / "home")
    made = run([sys.executable, "-m", "aimskit", "new", "--no-input", "-o", str(tmp_path / "made"),
                "organisation_name=Clean Room Ltd"], tmp_path, {**environment, "PATH": os.environ["PATH"]})
    assert "requirements.txt installs aimskit with: ./.aimskit/wheels/aimskit-" in made
    clone = tmp_path / "clone"
    git.Repo.clone_from(tmp_path / "made" / "clean-room-ltd-aims", clone)

    room = tmp_path / "venv"
    venv.EnvBuilder(with_pip=True).create(room)
    python, aimskit = room / "bin" / "python", room / "bin" / "aimskit"
    run([str(python), "-m", "pip", "install", "--quiet", "-r", "requirements.txt"], clone, environment)
    where = run([str(python), "-c", "import aimskit; print(aimskit.__file__)"], clone, environment)
    assert where.startswith(str(room)), where
    run([str(aimskit), "validate"], clone, environment)
    run([str(aimskit), "build"], clone, environment)
    assert (clone / "site" / "index.html").is_file()

    wheel = next(built.glob("aimskit-*.whl"))
    run([str(python), "-m", "pip", "install", "--quiet", "--force-reinstall", "--no-deps", str(wheel)], tmp_path,
        environment)
    out = run([str(aimskit), "new", "--no-input", "-o", str(tmp_path / "second"), "project_slug=second",
               "ci_provider=gitlab", "sector=healthcare"], tmp_path, environment)
    assert f"because aimskit came from the wheel {wheel.name}" in out
    second = tmp_path / "second" / "second"
    assert (second / ".aimskit" / "wheels" / wheel.name).read_bytes() == wheel.read_bytes()
    run([str(aimskit), "validate"], second, environment)
    run([str(aimskit), "build", "--strict"], second, environment)
    assert (second / "site" / "index.html").is_file()
