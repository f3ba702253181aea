"""Reading a revision in batches of a bounded size."""

from __future__ import annotations

import random

from aimskit.git import repository
from aimskit.git.repository import GitSource


def _files(gov) -> dict[str, bytes]:
    for n in range(3, 40):
        gov.write(f"risks/RISK-{n:03d}.yaml", (gov.root / "risks/RISK-001.yaml").read_text()
                  .replace("RISK-001", f"RISK-{n:03d}"))
    gov.commit("Many risks")
    return {path.relative_to(gov.root).as_posix(): path.read_bytes()
            for path in gov.root.rglob("*") if path.is_file() and ".git" not in path.parts}


def test_a_folder_read_in_order_comes_in_batches(gov, monkeypatch):
    files = _files(gov)
    monkeypatch.setattr(repository, "BATCH_BYTES", 2000)  # a few risks a batch
    source = GitSource(gov.root, "HEAD")
    batches = []
    original = source.prefetch
    monkeypatch.setattr(source, "prefetch", lambda paths: batches.append(list(paths)) or original(paths))
    risks = source.list("risks/*.yaml")
    assert [source.read(path) for path in risks] == [files[path] for path in risks]
    assert len(batches) > 5 and [path for batch in batches for path in batch] == risks
    assert all(sum(len(files[path]) for path in batch[1:]) <= 2000 for batch in batches)


def test_reads_in_any_order_and_twice_give_the_files(gov, monkeypatch):
    files = _files(gov)
    monkeypatch.setattr(repository, "BATCH_BYTES", 3000)
    source = GitSource(gov.root, "HEAD")
    paths = sorted(files) * 2
    random.Random(7).shuffle(paths)
    assert all(source.read(path) == files[path] for path in paths)


def test_a_batch_git_cannot_give_is_read_one_object_at_a_time(gov, monkeypatch):
    files = _files(gov)
    source = GitSource(gov.root, "HEAD")
    monkeypatch.setattr(source, "prefetch", lambda paths: None)
    risks = source.list("risks/*.yaml")
    assert [source.read(path) for path in risks] == [files[path] for path in risks]
