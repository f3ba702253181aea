"""One module per CLI verb; each offers ``register(subparsers)`` and ``run(args) -> int``."""
