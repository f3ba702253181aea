"""Hash-pinned requirements: ``requirements.in`` locked by pip into ``requirements.txt``.

The lock pins every distribution the requirements need, aimskit's dependencies included, by
version and by the sha256 digest of each file of that version on the package index (the way
``pip-compile --generate-hashes`` does), so that ``pip install --require-hashes`` in CI installs
exactly these files and refuses any other. A wheel committed into the repository is pinned by its
own digest. The stages: :mod:`inputs` reads requirements.in, :mod:`resolve` asks pip which
distributions it needs, :mod:`target` checks that the set also fits CI's Python, :mod:`indexes`
finds pip's package indexes, :mod:`digests` reads the digests there, and :mod:`lockfile` puts it
together and writes requirements.txt.
"""
