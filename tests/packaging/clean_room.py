"""Helpers of the clean-room tests: an environment without this checkout, and commands that must pass."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

CHECKOUT = Path(__file__).resolve().parents[2]


def clean_environment(home: Path) -> dict[str, str]:
    """The environment without this checkout's venv; cookiecutter writes into ``home`` only."""
    environment = {key: value for key, value in os.environ.items()
                   if key not in {"VIRTUAL_ENV", "PYTHONPATH", "PYTHONHOME", "AIMSKIT_NO_GIT_COMMIT"}}
    config = home / "cookiecutter.yaml"
    home.mkdir(parents=True, exist_ok=True)
    config.write_text(f"cookiecutters_dir: {home / 'templates'}\nreplay_dir: {home / 'replay'}\n", encoding="utf-8")
    environment["COOKIECUTTER_CONFIG"] = str(config)
    environment["PATH"] = os.pathsep.join(p for p in environment["PATH"].split(os.pathsep)
                                          if not p.startswith(str(CHECKOUT)))
    return environment


def run(command: list[str], cwd: Path, environment: dict[str, str], timeout: int = 900) -> str:
    """Run ``command``; its stdout, or a failed assertion with both streams."""
    done = subprocess.run(command, cwd=cwd, env=environment, capture_output=True, text=True, timeout=timeout)
    assert done.returncode == 0, f"{command} exited {done.returncode}\n{done.stdout}\n{done.stderr}"
    return done.stdout
