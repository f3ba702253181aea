"""Hash-pinned requirements: ``requirements.in`` locked by uv into ``requirements.txt``.

``uv pip compile --generate-hashes --universal`` resolves for every Python from
:data:`~aimskit.lock.lockfile.LOWEST_PYTHON` on and every platform (a dependency behind a Windows
or macOS marker is pinned too) and pins each distribution by the sha256 digests of its files.
aimskit adds what uv does not do: :mod:`inputs` checks requirements.in (no URL, no option, a wheel
only inside the repository), :mod:`indexes` hands uv the package indexes of pip's configuration
(the ones CI's pip installs from), and :mod:`lockfile` runs uv and writes requirements.txt.
"""
