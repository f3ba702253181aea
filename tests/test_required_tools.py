"""The missing-tool policy: fail by default, skip only with AIMSKIT_ALLOW_SKIP=1."""

from __future__ import annotations

import pytest
import required_tools


@pytest.mark.parametrize("value", [None, "", "0", "true", "yes"])
def test_a_missing_tool_fails_unless_skipping_is_allowed(monkeypatch, tmp_path, value):
    if value is None:
        monkeypatch.delenv(required_tools.ALLOW_SKIP, raising=False)
    else:
        monkeypatch.setenv(required_tools.ALLOW_SKIP, value)
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(pytest.fail.Exception, match="shellcheck is not installed"):
        required_tools.shellcheck()


def test_a_missing_tool_skips_with_allow_skip(monkeypatch, tmp_path):
    monkeypatch.setenv(required_tools.ALLOW_SKIP, "1")
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(pytest.skip.Exception, match="AIMSKIT_ALLOW_SKIP=1"):
        required_tools.shellcheck()


def test_a_missing_chromium_fails_even_outside_ci(monkeypatch, tmp_path):
    monkeypatch.delenv("CI", raising=False)
    monkeypatch.delenv(required_tools.ALLOW_SKIP, raising=False)
    monkeypatch.setattr(required_tools, "CHROMIUM", tmp_path / "no-chromium")
    with pytest.raises(pytest.fail.Exception, match="apt-get install chromium"):
        required_tools.chromium()


def test_the_ci_script_forbids_skipping_and_installs_the_tools():
    script = (required_tools.Path(__file__).resolve().parents[1] / ".ci" / "run").read_text(encoding="utf-8")
    assert "export CI=true AIMSKIT_ALLOW_SKIP=0" in script
    assert "chromium shellcheck" in script
