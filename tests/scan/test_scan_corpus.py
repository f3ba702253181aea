"""Detection measured on the labelled corpus (tests/scan/corpus/labels.yaml): recall and precision,
and no false positive on the decoys."""

from __future__ import annotations

import shutil
from pathlib import Path

import yaml
from scan_helpers import scan_folder

CORPUS = Path(__file__).parent / "corpus"


def corpus_copy(target: Path) -> Path:
    """The corpus with its two binary model files written (they are not kept in git)."""
    shutil.copytree(CORPUS, target)
    (target / "labels.yaml").unlink()
    (target / "models" / "intent.onnx").write_bytes(b"\x08\x07\x12\x07pytorch")
    (target / "models" / "llm.gguf").write_bytes(b"GGUF\x03\x00\x00\x00" + b"\0" * 16)
    return target


def labels() -> dict:
    return yaml.safe_load((CORPUS / "labels.yaml").read_text(encoding="utf-8"))


def scores(found: set[tuple[str, int, str]], expected: set[tuple[str, int, str]]) -> tuple[float, float]:
    """(recall, precision) of ``found`` against ``expected``."""
    hits = len(found & expected)
    return hits / len(expected), (hits / len(found) if found else 1.0)


def test_recall_and_precision_on_the_labelled_corpus(tmp_path: Path) -> None:
    result = scan_folder(corpus_copy(tmp_path / "corpus"))
    found = {(u.path, u.line, u.name) for u in result.uses}
    expected = {tuple(use) for use in labels()["uses"]}
    recall, precision = scores(found, expected)
    assert (recall, precision) == (1.0, 1.0), (f"recall {recall:.2f}, precision {precision:.2f}; "
                                               f"missed {sorted(expected - found)}; false {sorted(found - expected)}")


def test_no_false_positive_on_the_decoys(tmp_path: Path) -> None:
    result = scan_folder(corpus_copy(tmp_path / "corpus"))
    decoys = set(labels()["decoys"])
    assert decoys and not [u for u in result.uses if u.path in decoys]
    assert result.skipped_folders == {"vendor": 1, "node_modules": 1}


def test_the_scores_can_fail() -> None:
    expected = {("a", 1, "openai"), ("b", 2, "torch")}
    assert scores({("a", 1, "openai"), ("c", 3, "decoy")}, expected) == (0.5, 0.5)
