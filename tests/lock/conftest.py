from tiny_index import offline_pip  # noqa: F401  (the fixture, for the tests of this folder)
