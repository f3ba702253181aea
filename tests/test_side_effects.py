"""A library call leaves the process as it found it: the umask, the garbage collector, shared
snapshots; and the validator cache notices a change to aimskit's own post-processing."""

from __future__ import annotations

import gc
import os
import subprocess
import sys
from pathlib import Path

import pytest
from mini_repos import build_repository

from aimskit import cache, fs
from aimskit.records import compiled
from aimskit.records.findings import error
from aimskit.records.model import collector_paused, load_repository


def test_current_umask_reads_without_setting_it(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(mask: int) -> int:
        raise AssertionError("os.umask was called")

    expected = fs._umask_from_a_new_file()
    monkeypatch.setattr(os, "umask", refuse)
    assert fs.current_umask() == expected


@pytest.mark.parametrize("mask", [0o022, 0o077, 0o002])
def test_current_umask_is_the_process_umask(mask: int) -> None:
    code = ("import os, sys; os.umask(int(sys.argv[1], 8)); from aimskit import fs; "
            "print(oct(fs.current_umask()), oct(fs._umask_from_a_new_file()))")
    done = subprocess.run([sys.executable, "-c", code, oct(mask)[2:]], capture_output=True, text=True, check=True)
    assert done.stdout.split() == [oct(mask), oct(mask)]


def test_loading_freezes_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse() -> None:
        raise AssertionError("gc.freeze moves every object of the process")

    monkeypatch.setattr(gc, "freeze", refuse)
    load_repository(build_repository(tmp_path / "aims"))
    assert gc.isenabled() and gc.get_freeze_count() == 0
    gc.disable()
    try:
        with collector_paused():
            pass
        assert not gc.isenabled()  # a caller's choice is kept
    finally:
        gc.enable()


def test_snapshots_do_not_share_their_lists(tmp_path: Path) -> None:
    repository = load_repository(build_repository(tmp_path / "aims"))
    copy = repository.snapshot()
    risks = len(repository.records["risk"])
    copy.records["risk"].pop()
    copy.findings.append(error("aims.yml", 1, 1, "AIMS100", "only in the copy"))
    copy.unloaded.append((None, "x"))  # type: ignore[arg-type]
    assert len(repository.records["risk"]) == risks and len(copy.records["risk"]) == risks - 1
    assert not [f for f in repository.findings if f.message == "only in the copy"]
    assert ("x" not in [path for _, path in repository.unloaded])


def test_the_validator_cache_key_covers_the_post_processing(monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[list[bytes]] = []
    real = cache.cached

    def recording(folder, name, sources, build):
        seen.append(list(sources))
        return real(folder, name, sources, build)

    monkeypatch.setattr(cache, "cached", recording)
    compiled.validator("risk.schema.json", [b'{"type": "object"}'], lambda: {"type": "object"})
    assert Path(compiled.__file__).read_bytes() in seen[0]
