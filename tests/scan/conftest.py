"""The corpus and format files are scanned, never collected or imported as tests."""

collect_ignore_glob = ["corpus/*", "formats/*"]
