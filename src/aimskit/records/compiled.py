"""Fast validators compiled once per schema content, not at every start.

fastjsonschema turns a schema into Python source; generating and compiling that source for the
twelve schemas took most of a ``validate`` run on a small repository. The compiled bytecode is
kept in aimskit's cache (see ``aimskit.cache``) under the sha256 digest of the schema files'
bytes, of fastjsonschema's version file and of this module (which rewrites the generated source
and supplies the names it runs with), so later runs only unmarshal it. A changed schema, another
fastjsonschema or a change to that post-processing has a new digest and is compiled again.

A cached validator runs without importing fastjsonschema (about a tenth of a small run): the
generated source's imports are replaced by names given to it here, :class:`SchemaMismatch` for
the library's exceptions. fastjsonschema itself is imported only to compile.
"""

from __future__ import annotations

import importlib.machinery
import types
import typing as t
from pathlib import Path

from aimskit import cache


class SchemaMismatch(ValueError):
    """A value does not match the fast validator's schema (the validator's one exception).

    It takes the arguments of fastjsonschema's ``JsonSchemaValueException``, which the generated
    code raises by that name."""

    def __init__(self, message: str, value: t.Any = None, name: str | None = None, definition: t.Any = None,
                 rule: str | None = None) -> None:
        super().__init__(message)
        self.message, self.value, self.name, self.definition, self.rule = message, value, name, definition, rule


class _NoDecimal:
    """Stands for ``decimal.Decimal`` in type checks: records never hold one (YAML gives int and str)."""


# The import lines fastjsonschema writes at the top of every generated module.
_IMPORTS = ("from fastjsonschema import JsonSchemaValueException, JsonSchemaValuesException\n",
            "from fastjsonschema import JsonSchemaValueException\n")
_DECIMAL_IMPORT = "from decimal import Decimal\n"


def validator(name: str, sources: t.Sequence[bytes],
              schema: t.Callable[[], dict[str, t.Any]]) -> t.Callable[[t.Any], t.Any]:
    """The fast validator of schema ``name``, whose content is ``sources`` (the bytes of every file
    it reads) and which ``schema()`` builds when it must be compiled. It raises
    :class:`SchemaMismatch` on the first mismatch."""
    stem = name.removesuffix(".schema.json")

    def build() -> types.CodeType:
        import fastjsonschema

        source = _without_library_imports(fastjsonschema.compile_to_code(schema(), use_formats=True))
        return compile(source, f"<aimskit validator {stem}>", "exec")

    code = cache.cached("validators", stem, [_library_version(), _post_processing(), *sources], build)
    namespace: dict[str, t.Any] = {"__name__": f"aimskit_validator_{stem}", "JsonSchemaValueException": SchemaMismatch,
                                   "JsonSchemaValuesException": SchemaMismatch, "Decimal": _NoDecimal}
    exec(code, namespace)  # noqa: S102 - generated from aimskit's own schemas
    return t.cast(t.Callable[[t.Any], t.Any], namespace["validate"])


def _without_library_imports(source: str) -> str:
    for line in _IMPORTS:
        source = source.replace(line, "", 1)
    if "Decimal(" not in source:  # no arithmetic (multipleOf): Decimal is only in isinstance checks
        source = source.replace(_DECIMAL_IMPORT, "", 1)
    return source


def _post_processing() -> bytes:
    """The bytes of this module: how the generated source is rewritten and what it runs with."""
    try:
        return Path(__file__).read_bytes()
    except OSError:
        return b"aimskit.records.compiled unknown"


def _library_version() -> bytes:
    """The bytes of fastjsonschema's version file, found without importing the package."""
    spec = importlib.machinery.PathFinder.find_spec("fastjsonschema")
    folder = Path(spec.origin).parent if spec is not None and spec.origin else None
    try:
        return (folder / "version.py").read_bytes() if folder is not None else b"fastjsonschema missing"
    except OSError:
        return b"fastjsonschema version unknown"
