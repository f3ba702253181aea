"""requirements.in: what a lock may start from, and the line named when it cannot."""

from __future__ import annotations

import pytest

from aimskit.errors import AimskitError
from aimskit.lock.inputs import Wanted, read


def write(root, text: str):
    (root / "requirements.in").write_text(text, encoding="utf-8")
    return root


def test_comments_continuations_and_hashes_are_dropped(tmp_path):
    wheel = tmp_path / ".aimskit" / "wheels" / "aimskit-0.1.0-py3-none-any.whl"
    wheel.parent.mkdir(parents=True)
    wheel.write_bytes(b"not really a wheel")
    write(tmp_path, "# what CI installs\n\n./.aimskit/wheels/aimskit-0.1.0-py3-none-any.whl \\\n"
                    "    --hash=sha256:" + "0" * 64 + "\nmkdocs-rss-plugin>=1.9  # the feed\n"
                    "pyyaml==6.0.2 --hash sha256:" + "1" * 64 + "\n")
    assert read(tmp_path) == [
        Wanted(3, "./.aimskit/wheels/aimskit-0.1.0-py3-none-any.whl", ".aimskit/wheels/aimskit-0.1.0-py3-none-any.whl"),
        Wanted(5, "mkdocs-rss-plugin>=1.9"),
        Wanted(6, "pyyaml==6.0.2"),
    ]


@pytest.mark.parametrize(("text", "message"), [
    ("-r other.txt\n", "requirements.in:1: '-r other.txt': pip options are not taken here"),
    ("aimskit\n--index-url https://example.org/simple\n", "requirements.in:2: '--index-url https://example.org/simple'"),
    ("aimskit @ git+https://example.org/aimskit.git@v1\n", "a URL cannot be locked by digest"),
    ("aimskit===\n", "requirements.in:1: 'aimskit===' is not a requirement"),
    ("./dist/aimskit.tar.gz\n", "a path must name one wheel file (.whl) inside the repository"),
    ("./missing-1.0-py3-none-any.whl\n", "there is no such wheel in the repository"),
    ("../outside-1.0-py3-none-any.whl\n", "leaves the repository"),
    ("# nothing\n\n", "requirements.in lists no requirement"),
], ids=["include", "index-option", "git-url", "invalid", "sdist-path", "missing-wheel", "outside", "empty"])
def test_what_cannot_be_locked_is_named(tmp_path, text, message):
    (tmp_path / "outside-1.0-py3-none-any.whl").write_bytes(b"")
    root = tmp_path / "repo"
    root.mkdir()
    with pytest.raises(AimskitError) as caught:
        read(write(root, text))
    assert message in str(caught.value)


def test_a_missing_file_says_how_to_start(tmp_path):
    with pytest.raises(AimskitError, match="there is no requirements.in: the lock starts from it"):
        read(tmp_path)
