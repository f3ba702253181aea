"""pip's index configuration, read as pip reads it."""

from __future__ import annotations

import base64
import os

from aimskit.lock.indexes import DEFAULT_INDEX, Index, from_values, parse_config_list, settings


def test_config_list_lines_are_read():
    output = ("global.extra-index-url='file:///opt/a/simple file:///opt/b/simple'\n"
              ":env:.timeout='30'\nnot a setting\n")
    assert parse_config_list(output) == {"global.extra-index-url": "file:///opt/a/simple file:///opt/b/simple",
                                         ":env:.timeout": "30"}


def test_the_environment_wins_over_install_over_global():
    found = from_values({"global.index-url": "https://global.example/simple",
                         "install.index-url": "https://install.example/simple/",
                         "global.extra-index-url": "https://extra.example/simple\nhttps://more.example/simple",
                         ":env:.cert": "/etc/ca.pem", "global.timeout": "7"})
    assert [index.url for index in found.indexes] == [
        "https://install.example/simple", "https://extra.example/simple", "https://more.example/simple"]
    assert (found.cert, found.timeout) == ("/etc/ca.pem", 7.0)
    environment = from_values({"global.index-url": "https://global.example/simple",
                               ":env:.index-url": "https://env.example/simple"})
    assert [index.url for index in environment.indexes] == ["https://env.example/simple"]


def test_pypi_by_default_and_nothing_with_no_index():
    assert [index.url for index in from_values({}).indexes] == [DEFAULT_INDEX]
    assert from_values({":env:.no-index": "1", "global.index-url": "https://x.example/simple"}).indexes == ()


def test_credentials_leave_the_url_for_a_header():
    [index] = from_values({"global.index-url": "https://bot:s%40cret@pkgs.example:8443/simple/"}).indexes
    assert index == Index("https://pkgs.example:8443/simple",
                          "Basic " + base64.b64encode(b"bot:s@cret").decode("ascii"))


def test_pips_own_configuration_is_read(monkeypatch):
    monkeypatch.setenv("PIP_CONFIG_FILE", os.devnull)
    monkeypatch.setenv("PIP_INDEX_URL", "https://mirror.example/simple")
    monkeypatch.setenv("PIP_EXTRA_INDEX_URL", "file:///srv/wheels/simple")
    assert [index.url for index in settings().indexes] == ["https://mirror.example/simple", "file:///srv/wheels/simple"]
