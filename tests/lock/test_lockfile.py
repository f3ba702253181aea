"""``aimskit lock`` against an index on disk: real uv, offline, reading the index from pip's
configuration; pip then installs the lock and refuses it once a digest is changed."""

from __future__ import annotations

import subprocess
import sys

import pytest
import tiny_index

from aimskit.cli import main
from aimskit.errors import AimskitError
from aimskit.lock.lockfile import lock
from aimskit.lock.lockfile import CI_PYTHON, LOWEST_PYTHON


@pytest.fixture
def world(tmp_path, offline_pip):
    """An index with alpha 1.0 (needing beta), beta 1.0 as a wheel and a source archive, and beta 0.9."""
    files = tmp_path / "files"
    built = {"alpha": tiny_index.wheel(files, "alpha", "1.0", ("beta>=1", 'gamma; python_version < "3"')),
             "beta": tiny_index.wheel(files, "beta", "1.0"), "beta-sdist": tiny_index.sdist(files, "beta", "1.0"),
             "beta-old": tiny_index.wheel(files, "beta", "0.9")}
    offline_pip(tiny_index.index(tmp_path / "index", list(built.values())))
    root = tmp_path / "repo"
    root.mkdir()
    (root / "aims.yml").write_text("organisation: {name: Test}\n", encoding="utf-8")
    return root, {name: tiny_index.digest(path) for name, path in built.items()}


def header(python: str) -> str:
    return ("# Every distribution CI installs, pinned by version and by the sha256 digest of each of its files\n"
            "# on the package index: pip installs these files and refuses any other. Written by `aimskit lock`\n"
            f"# (uv pip compile --universal) from requirements.in, for Python {python} and later on every platform;\n"
            "# do not edit it by hand. CI installs it with:\n"
            "#   python -m pip install --require-hashes -r requirements.txt\n"
            "# To add a requirement or take newer releases, edit requirements.in and run `aimskit lock` again.\n")


def test_every_distribution_is_pinned_by_every_file_of_its_version(world):
    root, digests = world
    (root / "requirements.in").write_text("# what CI installs\nalpha==1.0\n", encoding="utf-8")
    locked = lock(root)
    beta = sorted([digests["beta"], digests["beta-sdist"]])
    assert (root / "requirements.txt").read_text(encoding="utf-8") == header(LOWEST_PYTHON) + (
        f"alpha==1.0 \\\n    --hash=sha256:{digests['alpha']}\n"
        f"beta==1.0 \\\n    --hash=sha256:{beta[0]} \\\n    --hash=sha256:{beta[1]}\n")
    assert locked.pins == ("alpha==1.0", "beta==1.0")


def test_a_wheel_in_the_repository_is_pinned_by_its_own_digest(world):
    root, digests = world
    wheel = tiny_index.wheel(root / ".aimskit" / "wheels", "delta", "2.0", ("beta",))
    (root / "requirements.in").write_text("./.aimskit/wheels/delta-2.0-py3-none-any.whl\n", encoding="utf-8")
    lock(root)
    body = (root / "requirements.txt").read_text(encoding="utf-8").split("again.\n", 1)[1]
    beta = sorted([digests["beta"], digests["beta-sdist"]])
    assert body == (f"beta==1.0 \\\n    --hash=sha256:{beta[0]} \\\n    --hash=sha256:{beta[1]}\n"
                    f"./.aimskit/wheels/delta-2.0-py3-none-any.whl \\\n    --hash=sha256:{tiny_index.digest(wheel)}\n")


def pip_install(root, target, *options):
    return subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "--no-input", *options,
                           "--target", str(target), "-r", "requirements.txt"], cwd=root, capture_output=True,
                          text=True, check=False)


def test_pip_installs_the_lock_with_require_hashes_and_refuses_a_changed_digest(world, tmp_path):
    root, digests = world
    (root / "requirements.in").write_text("alpha==1.0\n", encoding="utf-8")
    lock(root)
    done = pip_install(root, tmp_path / "installed", "--require-hashes")
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "installed" / "beta" / "__init__.py").read_text() == "VERSION = '1.0'\n"

    lockfile = root / "requirements.txt"
    lockfile.write_text(lockfile.read_text().replace(digests["alpha"], "0" * 64), encoding="utf-8")
    refused = pip_install(root, tmp_path / "tampered", "--require-hashes")
    assert refused.returncode != 0 and "DO NOT MATCH THE HASHES" in refused.stderr, refused.stderr
    assert not (tmp_path / "tampered" / "alpha").exists()


def test_a_requirement_uv_cannot_resolve_fails_with_uvs_reason(world):
    root, _ = world
    (root / "requirements.in").write_text("omega==1.0\n", encoding="utf-8")
    with pytest.raises(AimskitError) as caught:
        lock(root)
    message = str(caught.value)
    assert message.startswith("uv could not resolve the requirements: ")
    assert "omega" in message and "not found in the package registry" in message
    assert not (root / "requirements.txt").exists()


def test_the_command_says_what_it_wrote_and_how_ci_installs_it(world, capsys):
    root, _ = world
    (root / "requirements.in").write_text("alpha\n", encoding="utf-8")
    assert main(["--repo", str(root), "lock"]) == 0
    captured = capsys.readouterr()
    assert captured.out == (f"requirements.txt: 2 distributions pinned by sha256 digest (for Python {LOWEST_PYTHON} "
                            "and later, on every platform)\n"
                            "CI installs it with: python -m pip install --require-hashes -r requirements.txt\n")
    assert "aimskit: resolving requirements.in with uv for Python 3.10 and later, on every platform ..." in captured.err


def test_the_command_without_requirements_in_fails_with_a_message(world, capsys):
    root, _ = world
    assert main(["--repo", str(root), "lock"]) == 1
    err = capsys.readouterr().err
    assert "aimskit: there is no requirements.in: the lock starts from it." in err and "Traceback" not in err


def test_a_dependency_of_another_platform_or_python_is_pinned_too(world, tmp_path, offline_pip):
    root, _ = world
    files = tmp_path / "more"
    built = [tiny_index.wheel(files, "epsilon", "1.0", ('winonly; sys_platform == "win32"',
                                                        'oldpy; python_version < "3.11"', "beta")),
             tiny_index.wheel(files, "winonly", "1.0"), tiny_index.wheel(files, "oldpy", "1.0"),
             tiny_index.wheel(files, "beta", "1.0")]
    offline_pip(tiny_index.index(tmp_path / "more-index", built))
    (root / "requirements.in").write_text("epsilon\n", encoding="utf-8")
    locked = lock(root)
    assert locked.pins == ("beta==1.0", "epsilon==1.0", "oldpy==1.0 ; python_full_version < '3.11'",
                           "winonly==1.0 ; sys_platform == 'win32'")
    assert lock(root, CI_PYTHON).pins == ("beta==1.0", "epsilon==1.0", "winonly==1.0 ; sys_platform == 'win32'")
