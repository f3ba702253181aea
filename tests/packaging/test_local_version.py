"""Upgrades take effect: wheels built from a checkout carry the commit in their version, so after
``aimskit upgrade`` the install command of the generated README replaces the older aimskit.

Two checkouts (copies of this one, each a git repository with its own commit) are built into
wheels. An environment with the older wheel generates a repository; an environment with the newer
one upgrades it; then the README's install command, run in the first environment, brings in the
newer aimskit. The dependencies come from this test's environment (a folder of links to its
installed distributions, aimskit left out), so nothing is downloaded.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
import venv
from pathlib import Path

import git
import pytest
from clean_room import CHECKOUT, clean_environment, run

pytestmark = pytest.mark.slow
sys.path.insert(0, str(CHECKOUT))
import hatch_build  # noqa: E402

SOURCES = ("pyproject.toml", "hatch_build.py", "README.md", "LICENSE", "cookiecutter.json", "local_extensions.py",
           "src", "schemas", "hooks", "{{cookiecutter.project_slug}}")


def checkout(folder: Path, message: str) -> Path:
    """A copy of this checkout's sources as a git repository of one commit."""
    folder.mkdir()
    for name in SOURCES:
        source = CHECKOUT / name
        if source.is_dir():
            shutil.copytree(source, folder / name, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
        else:
            shutil.copyfile(source, folder / name)
    repo = git.Repo.init(folder)
    repo.git.add("--all")
    repo.git.commit("-q", "-m", message, "--author", "Dev <dev@example.org>")
    return folder


def wheel(source: Path, out: Path) -> Path:
    run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-build-isolation", "--wheel-dir",
         str(out), str(source)], source, dict(os.environ))
    [built] = out.glob("aimskit-*.whl")
    return built


def dependencies(folder: Path) -> Path:
    """Links to every installed distribution of this environment but aimskit."""
    folder.mkdir()
    for entry in Path(sysconfig.get_paths()["purelib"]).iterdir():
        if not entry.name.lower().startswith(("aimskit", "_editable_impl_aimskit", "__pycache__")):
            (folder / entry.name).symlink_to(entry)
    return folder


def environment_with(room: Path, deps: Path) -> Path:
    venv.EnvBuilder(with_pip=True).create(room)
    python = room / "bin" / "python"
    purelib = subprocess.run([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                             capture_output=True, text=True, check=True).stdout.strip()
    (Path(purelib) / "dependencies.pth").write_text(f"{deps}\n", encoding="utf-8")
    return python


def test_a_checkout_wheel_names_its_commit_and_a_release_tag_does_not(tmp_path):
    old = checkout(tmp_path / "old", "older")
    commit = git.Repo(old).head.commit.hexsha[:12]
    base = hatch_build.base_version(old)
    assert hatch_build.version(old) == f"{base}+g{commit}"
    (old / "README.md").write_text("changed\n", encoding="utf-8")
    changed = hatch_build.version(old)
    assert changed.startswith(f"{base}+g{commit}.d") and changed != hatch_build.version(CHECKOUT)
    git.Repo(old).git.checkout("README.md")
    git.Repo(old).create_tag(f"v{base}")
    assert hatch_build.version(old) == base


def test_after_upgrade_the_readme_install_command_runs_the_new_aimskit(tmp_path):
    old_wheel = wheel(checkout(tmp_path / "old", "older"), tmp_path / "old-dist")
    new_wheel = wheel(checkout(tmp_path / "new", "newer"), tmp_path / "new-dist")
    old_version, new_version = old_wheel.name.split("-")[1], new_wheel.name.split("-")[1]
    assert old_version != new_version and "+g" in new_version

    environment = clean_environment(tmp_path / "home")
    deps = dependencies(tmp_path / "deps")
    first = environment_with(tmp_path / "first", deps)
    run([str(first), "-m", "pip", "install", "--quiet", "--no-deps", str(old_wheel)], tmp_path, environment)
    run([str(first), "-m", "aimskit", "new", "--no-input", "-o", str(tmp_path / "made"), "project_slug=aims"],
        tmp_path, environment)
    repo = tmp_path / "made" / "aims"
    assert f"aimskit-{old_version}-py3-none-any.whl" in (repo / "requirements.txt").read_text(encoding="utf-8")

    second = environment_with(tmp_path / "second", deps)
    run([str(second), "-m", "pip", "install", "--quiet", "--no-deps", str(new_wheel)], tmp_path, environment)
    out = run([str(second), "-m", "aimskit", "upgrade"], repo, environment)
    assert f"requirements.txt now installs aimskit {new_version}; the aimskit that ran this upgrade is" not in out
    assert f"This aimskit is {new_version}, the version requirements.txt installs" in out

    readme = (repo / "README.md").read_text(encoding="utf-8")
    install = next(line for line in readme.splitlines() if line.startswith("pip install"))
    assert install == "pip install -r requirements.txt"
    run([str(first), "-m", *install.split()], repo, environment)
    assert run([str(first), "-m", "aimskit", "--version"], repo, environment).strip() == f"aimskit {new_version}"
