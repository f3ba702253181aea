"""Shared helpers of the scan tests: scanning a folder in-process, and small real model files."""

from __future__ import annotations

import json
import struct
from pathlib import Path

from aimskit.scan.catalogue import shipped
from aimskit.scan.scanner import RootScanner
from aimskit.scan.uses import RootScan
from aimskit.scan.walk import Limits


def scan_folder(folder: Path, limits: Limits = Limits()) -> RootScan:
    return RootScanner(shipped(), limits).scan(folder, ".", None)


def write_model_files(folder: Path) -> dict[str, bytes]:
    """One small model file of each format, with its real first bytes; returns name → bytes."""
    header = json.dumps({"weight": {"dtype": "F32", "shape": [1], "data_offsets": [0, 4]}}).encode()
    files = {
        "classifier.safetensors": struct.pack("<Q", len(header)) + header + b"\0\0\0\0",
        "ranker.onnx": b"\x08\x07\x12\x07pytorch",
        "llama.gguf": b"GGUF\x03\x00\x00\x00" + b"\0" * 16,
        "weights.pt": b"PK\x03\x04" + b"\0" * 26,
        "model.pkl": b"\x80\x04\x95\x10\x00" + b"\0" * 8 + b".",
        "big.onnx": b"version https://git-lfs.github.com/spec/v1\noid sha256:00\nsize 12\n",
        "keras.h5": b"\x89HDF\r\n\x1a\n" + b"\0" * 8,
        "edge.tflite": b"\x1c\x00\x00\x00TFL3" + b"\0" * 8,
    }
    folder.mkdir(parents=True, exist_ok=True)
    for name, data in files.items():
        (folder / name).write_bytes(data)
    return files
