"""Model files, known by their extension and confirmed by their first bytes (never loaded: a
pickle is code)."""

from __future__ import annotations

import os

FORMATS = {".safetensors": "safetensors", ".onnx": "ONNX", ".gguf": "GGUF", ".ggml": "GGML", ".pt": "PyTorch",
           ".pth": "PyTorch", ".ckpt": "checkpoint", ".pkl": "pickle", ".pickle": "pickle", ".joblib": "joblib",
           ".h5": "HDF5 (Keras)", ".keras": "Keras", ".tflite": "TensorFlow Lite", ".mlmodel": "Core ML"}
LFS_POINTER = b"version https://git-lfs"
_ZIP, _HDF5 = b"PK\x03\x04", b"\x89HDF\r\n\x1a\n"


def extension(name: str) -> str | None:
    """The model-file extension of ``name`` (lower case), or None."""
    dot = name.rfind(".")
    suffix = name[dot:].lower() if dot > 0 else ""
    return suffix if suffix in FORMATS else None


def _pickle(head: bytes) -> bool:
    return len(head) >= 2 and head[0] == 0x80 and 2 <= head[1] <= 5


def _matches(suffix: str, head: bytes) -> bool:
    checks = {
        ".safetensors": lambda: len(head) >= 9 and 1 < int.from_bytes(head[:8], "little") < 100_000_000
        and head[8:9] == b"{",
        ".onnx": lambda: head[:1] == b"\x08",
        ".mlmodel": lambda: head[:1] == b"\x08",
        ".gguf": lambda: head[:4] == b"GGUF",
        ".ggml": lambda: head[:4] in (b"lmgg", b"ggml", b"ggjt", b"fmgg", b"tjgg"),
        ".pt": lambda: head[:4] == _ZIP or _pickle(head),
        ".pth": lambda: head[:4] == _ZIP or _pickle(head),
        ".ckpt": lambda: head[:4] == _ZIP or _pickle(head),
        ".pkl": lambda: _pickle(head),
        ".pickle": lambda: _pickle(head),
        ".joblib": lambda: _pickle(head) or head[:1] == b"\x78",
        ".h5": lambda: head[:8] == _HDF5,
        ".keras": lambda: head[:4] == _ZIP or head[:8] == _HDF5,
        ".tflite": lambda: head[4:8] == b"TFL3",
    }
    return checks[suffix]()


def identify(path: str, suffix: str) -> str | None:
    """The format of the model file at ``path`` when its first bytes agree with its extension
    (or it is a Git LFS pointer); None for a file that only has the name."""
    try:
        descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOFOLLOW", 0))
    except OSError:
        return None
    try:
        head = os.read(descriptor, 32)
    except OSError:
        return None
    finally:
        os.close(descriptor)
    if head.startswith(LFS_POINTER):
        return f"{FORMATS[suffix]} (Git LFS pointer)"
    return FORMATS[suffix] if _matches(suffix, head) else None
