"""Every listed manifest, lock and SBOM format, read from real files, each use at its line."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from scan_helpers import scan_folder, write_model_files

from aimskit.scan.walk import Limits

FORMATS = Path(__file__).parent / "formats"

EXPECTED = [
    ("Cargo.toml", 8, 1, "async-openai"),
    ("Cargo.toml", 11, 1, "candle-core"),
    ("Cargo.toml", 14, 1, "ort"),
    ("Pipfile", 8, 1, "cohere"),
    ("Pipfile", 11, 2, "scikit-learn"),
    ("Pipfile.lock", 4, 10, "cohere"),
    ("Pipfile.lock", 8, 10, "scikit-learn"),
    ("bom.cdx.json", 9, 16, "openai"),
    ("bom.cdx.json", 24, 16, "acme/claims-classifier"),
    ("build.gradle", 5, 21, "com.anthropic:anthropic-java"),
    ("build.gradle", 6, 25, "com.microsoft.onnxruntime:onnxruntime"),
    ("build.gradle.kts", 2, 21, "org.springframework.ai:spring-ai-openai"),
    ("go.mod", 5, 9, "github.com/anthropics/anthropic-sdk-go"),
    ("go.mod", 9, 2, "github.com/sashabaranov/go-openai"),
    ("ml-bom.json", 9, 16, "bert-base-uncased"),
    ("ml-bom.json", 16, 16, "@anthropic-ai/sdk"),
    ("package-lock.json", 8, 19, "@anthropic-ai/sdk"),
    ("package-lock.json", 10, 19, "ai"),
    ("package-lock.json", 11, 35, "@ai-sdk/openai"),
    ("package.json", 6, 6, "@anthropic-ai/sdk"),
    ("package.json", 10, 6, "ai"),
    ("poetry.lock", 12, 9, "mistralai"),
    ("pom.xml", 15, 19, "dev.langchain4j:langchain4j-open-ai"),
    ("pyproject.toml", 6, 6, "openai"),
    ("pyproject.toml", 10, 13, "chromadb"),
    ("pyproject.toml", 13, 10, "ragas"),
    ("pyproject.toml", 17, 1, "google-generativeai"),
    ("pyproject.toml", 20, 1, "torch"),
    ("requirements-dev.txt", 3, 1, "langchain-openai"),
    ("requirements.txt", 3, 1, "openai"),
    ("requirements.txt", 4, 1, "anthropic"),
    ("requirements.txt", 6, 57, "llama-index"),
    ("uv.lock", 10, 9, "transformers"),
    ("uv.lock", 18, 9, "tokenizers"),
]


def test_every_format_is_read_with_lines() -> None:
    result = scan_folder(FORMATS)
    assert sorted((u.path, u.line, u.column, u.name) for u in result.uses) == sorted(EXPECTED)
    assert result.problems == []


def test_the_sbom_model_is_a_model_with_its_supplier() -> None:
    uses = {u.name: u for u in scan_folder(FORMATS).uses if u.via == "sbom"}
    assert uses["acme/claims-classifier"].what == "model"
    assert uses["acme/claims-classifier"].provider == "Acme Data Science"
    assert uses["bert-base-uncased"].provider == "Google"
    assert uses["openai"].hosted and uses["openai"].ecosystem == "pypi"


def test_lookalike_and_ordinary_packages_are_not_ai() -> None:
    names = {u.name for u in scan_folder(FORMATS).uses}
    assert not names & {"requests", "openai-like-mock", "express", "serde", "flask", "sentence-transformers"}


def test_model_files_are_known_by_their_first_bytes(tmp_path: Path) -> None:
    files = write_model_files(tmp_path / "models")
    (tmp_path / "models" / "notes.pt").write_text("not a model, just notes\n", encoding="utf-8")
    (tmp_path / "models" / "data.pkl").write_bytes(b"plain bytes")
    found = {u.name: u.category for u in scan_folder(tmp_path).uses}
    assert set(found) == set(files)
    assert found["big.onnx"] == "model file: ONNX (Git LFS pointer)"
    assert found["classifier.safetensors"] == "model file: safetensors"


@pytest.mark.parametrize(("name", "text", "line", "message"), [
    ("pyproject.toml", "[project]\nname = 'x'\ndependencies = [\n", 4, "is not valid TOML"),
    ("package.json", '{\n  "dependencies": {"openai": }\n}\n', 2, "is not valid JSON"),
    ("package.json", "[1, 2]", 1, "is not a JSON object"),
    ("uv.lock", "version = 1\n[[package]\n", 2, "is not valid TOML"),
    ("pom.xml", '<!DOCTYPE x [<!ENTITY a "b">]><project/>', 1, "declares XML entities"),
    ("bom.json", '{"bomFormat": "CycloneDX", "specVersion": "1.6", "components": [{"type": "library"}]}', 1,
     "is not valid CycloneDX 1.6: 'name' is a required property at components/0"),
    ("sbom.json", '{"spdxVersion": "SPDX-2.3"}', 1, "is not a CycloneDX JSON document"),
    ("bom.json", '{"bomFormat": "CycloneDX", "specVersion": "9.9"}', 1, "unknown CycloneDX specVersion"),
    ("requirements.txt", b"openai\n\xff\xfe", 1, "is not valid UTF-8"),
])
def test_a_malformed_manifest_is_a_finding(tmp_path: Path, name: str, text: str | bytes, line: int, message: str) -> None:
    path = tmp_path / name
    path.write_bytes(text if isinstance(text, bytes) else text.encode())
    [problem] = scan_folder(tmp_path).problems
    assert (problem.code, problem.path, problem.line, problem.severity.value) == ("AIMS855", name, line, "error")
    assert message in problem.message


def test_vendored_and_tool_folders_are_skipped_and_counted(tmp_path: Path) -> None:
    for folder in ("node_modules/openai", "vendor/github.com/x", ".git", "venv2", "src"):
        (tmp_path / folder).mkdir(parents=True)
    (tmp_path / "venv2" / "pyvenv.cfg").write_text("home = /usr\n", encoding="utf-8")
    for folder in ("node_modules/openai", "vendor/github.com/x", ".git", "venv2"):
        (tmp_path / folder / "x.py").write_text("import openai\n", encoding="utf-8")
    (tmp_path / "src" / "app.py").write_text("import openai\n", encoding="utf-8")
    result = scan_folder(tmp_path)
    assert [u.path for u in result.uses] == ["src/app.py"]
    assert result.skipped_folders == {"node_modules": 1, "vendor": 1, ".git": 1, "venv2": 1}


def test_symbolic_links_are_not_followed(tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "requirements.txt").write_text("openai\n", encoding="utf-8")
    (outside / "secret.py").write_text("import anthropic\n", encoding="utf-8")
    code = tmp_path / "code"
    code.mkdir()
    os.symlink(outside / "requirements.txt", code / "requirements.txt")
    os.symlink(outside, code / "linked-folder")
    result = scan_folder(code)
    assert result.uses == []
    assert [(p.code, p.path) for p in result.problems] == [("AIMS856", "requirements.txt")]


def test_work_is_bounded_by_size_count_and_depth(tmp_path: Path) -> None:
    (tmp_path / "requirements.txt").write_text("openai\n" + "x\n" * 600, encoding="utf-8")
    (tmp_path / "big.py").write_text("import openai\n" + "#" * 2000, encoding="utf-8")
    limits = Limits(max_source_bytes=1000, max_manifest_bytes=1000)
    result = scan_folder(tmp_path, limits)
    assert result.uses == []  # the big source file is left out quietly, the big manifest is said
    assert [(p.code, p.path) for p in result.problems] == [("AIMS856", "requirements.txt")]
    deep = tmp_path / "deep"
    folder = deep
    for level in range(6):
        folder = folder / f"d{level}"
    folder.mkdir(parents=True)
    (folder / "app.py").write_text("import openai\n", encoding="utf-8")
    capped = scan_folder(deep, Limits(max_depth=3))
    assert capped.uses == [] and "deeper than 3" in capped.problems[0].message
    many = scan_folder(tmp_path, Limits(max_entries=2))
    assert "more than 2 files" in many.problems[-1].message


def test_nothing_from_the_scanned_code_is_run(tmp_path: Path) -> None:
    marker = tmp_path / "ran"
    (tmp_path / "setup.py").write_text(f"open({str(marker)!r}, 'w').write('x')\nimport openai\n", encoding="utf-8")
    (tmp_path / "conftest.py").write_text(f"open({str(marker)!r}, 'w').write('x')\n", encoding="utf-8")
    (tmp_path / "model.pkl").write_bytes(b"\x80\x04cos\nsystem\n(S'touch " + str(marker).encode() + b"'\ntR.")
    result = scan_folder(tmp_path)
    assert not marker.exists()
    assert {u.name for u in result.uses} == {"openai", "model.pkl"}
