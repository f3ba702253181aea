"""Fast validators compiled once per schema content, not at every start.

fastjsonschema turns a schema into Python source; generating and compiling that source for the
twelve schemas took most of a ``validate`` run on a small repository. The compiled bytecode is
kept in aimskit's cache (see ``aimskit.cache``) under the sha256 digest of the schema files'
bytes and the fastjsonschema version, so later runs only unmarshal it. A changed schema has a new
digest and is compiled again.
"""

from __future__ import annotations

import types
import typing as t

import fastjsonschema

from aimskit import cache


def validator(name: str, sources: t.Sequence[bytes],
              schema: t.Callable[[], dict[str, t.Any]]) -> t.Callable[[t.Any], t.Any]:
    """The fast validator of schema ``name``, whose content is ``sources`` (the bytes of every file
    it reads) and which ``schema()`` builds when it must be compiled."""
    stem = name.removesuffix(".schema.json")

    def build() -> types.CodeType:
        source = fastjsonschema.compile_to_code(schema(), use_formats=True)
        return compile(source, f"<aimskit validator {stem}>", "exec")

    code = cache.cached("validators", stem, [fastjsonschema.VERSION.encode(), *sources], build)
    namespace: dict[str, t.Any] = {"__name__": f"aimskit_validator_{stem}"}
    exec(code, namespace)  # noqa: S102 - generated from aimskit's own schemas
    return namespace["validate"]
