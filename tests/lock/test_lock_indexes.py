"""pip's index configuration, read as pip reads it and handed to uv."""

from __future__ import annotations

import os

from aimskit.lock.indexes import Settings, from_values, parse_config_list, settings


def test_config_list_lines_are_read():
    output = ("global.extra-index-url='file:///opt/a/simple file:///opt/b/simple'\n"
              ":env:.timeout='30'\nnot a setting\n")
    assert parse_config_list(output) == {"global.extra-index-url": "file:///opt/a/simple file:///opt/b/simple",
                                         ":env:.timeout": "30"}


def test_the_environment_wins_over_install_over_global():
    found = from_values({"global.index-url": "https://global.example/simple",
                         "install.index-url": "https://install.example/simple/",
                         "global.extra-index-url": "https://extra.example/simple\nhttps://more.example/simple",
                         "global.find-links": "/opt/wheels", ":env:.cert": "/etc/ca.pem"})
    assert found == Settings(("--index-url", "https://install.example/simple/",
                              "--extra-index-url", "https://extra.example/simple",
                              "--extra-index-url", "https://more.example/simple", "--find-links", "/opt/wheels"),
                             "/etc/ca.pem")
    environment = from_values({"global.index-url": "https://global.example/simple",
                               ":env:.index-url": "https://env.example/simple"})
    assert environment.options == ("--index-url", "https://env.example/simple")


def test_uvs_default_index_unless_told_and_nothing_with_no_index():
    assert from_values({}).options == ()
    assert from_values({":env:.no-index": "1", "global.index-url": "https://x.example/simple"}).options == (
        "--no-index",)


def test_pips_own_configuration_is_read(monkeypatch):
    monkeypatch.setenv("PIP_CONFIG_FILE", os.devnull)
    monkeypatch.setenv("PIP_INDEX_URL", "https://mirror.example/simple")
    monkeypatch.setenv("PIP_EXTRA_INDEX_URL", "file:///srv/wheels/simple")
    monkeypatch.delenv("PIP_FIND_LINKS", raising=False)
    assert settings().options == ("--index-url", "https://mirror.example/simple",
                                  "--extra-index-url", "file:///srv/wheels/simple")
