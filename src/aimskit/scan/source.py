"""AI use in source code: Python imports and model references read from the AST (the code is
never run), and the JS/TS ``import``/``require`` of AI SDKs and the models passed to them.

A file is parsed only when a quick byte search finds an AI name in it; comments and strings are
never taken for imports (the AST has neither; JS comments are blanked before matching).
"""

from __future__ import annotations

import ast
import re
import typing as t

from aimskit.scan.catalogue import Catalogue, Package
from aimskit.scan.locate import Text

#: Keyword arguments (and JS object keys) that name a model.
MODEL_KEYWORDS = frozenset({"model", "model_name", "model_id", "modelId", "modelName", "engine", "deployment_name",
                            "azure_deployment", "repo_id", "pretrained_model_name_or_path", "model_name_or_path"})
#: Calls whose first argument is a Hugging Face Hub model id.
HUB_LOADERS = frozenset({"from_pretrained", "pipeline", "SentenceTransformer", "CrossEncoder", "hf_hub_download",
                         "snapshot_download", "GenerativeModel"})
_HUB_ID = re.compile(r"^[A-Za-z0-9][\w.-]*(?:/[\w.-]+)?$")


class Found(t.NamedTuple):
    """A package imported (``package`` set) or a model named (``model`` set, ``provider`` when hosted)."""

    line: int
    column: int
    package: Package | None = None
    model: str | None = None
    provider: str | None = None


class Unparsable(Exception):
    """A source file that mentions AI but cannot be parsed (not Python 3, or too deep)."""

    def __init__(self, message: str, line: int = 1, column: int = 1) -> None:
        super().__init__(message)
        self.line, self.column = line, column


def python(data: bytes, catalogue: Catalogue) -> list[Found]:
    """The AI imports and model references of one Python file."""
    if catalogue.python_mention.search(data) is None:
        return []
    try:
        tree = ast.parse(data)
    except SyntaxError as exc:
        raise Unparsable(f"cannot be parsed as Python 3 ({exc.msg})", exc.lineno or 1, exc.offset or 1) from None
    except (ValueError, RecursionError, MemoryError):
        raise Unparsable("cannot be parsed as Python 3 (too deeply nested, or holds a null byte)") from None
    found: list[Found] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                package = catalogue.python_module(alias.name)
                if package is not None:
                    found.append(Found(node.lineno, node.col_offset + 1, package=package))
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            packages = [catalogue.python_module(f"{node.module}.{alias.name}") for alias in node.names]
            packages = [p for p in packages if p is not None] or [catalogue.python_module(node.module)]
            found += [Found(node.lineno, node.col_offset + 1, package=p) for p in dict.fromkeys(packages) if p]
        elif isinstance(node, ast.Call):
            found += _python_call(node, catalogue)
        elif isinstance(node, (ast.Assign, ast.AnnAssign)):
            found += _model_constant(node, catalogue)
    imports_ai = any(f.package is not None for f in found)
    # A hosted model name counts where an SDK is at hand; a Hub id where a loader is called.
    return [f for f in found if f.package is not None or f.provider is None or imports_ai]


def _python_call(node: ast.Call, catalogue: Catalogue) -> list[Found]:
    name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
    found = []
    for keyword in node.keywords:
        if keyword.arg in MODEL_KEYWORDS and _string(keyword.value) is not None:
            found.append(_model(_string(keyword.value) or "", keyword.value, catalogue, name in HUB_LOADERS))
    if name in HUB_LOADERS and node.args and _string(node.args[0]) is not None:
        found.append(_model(_string(node.args[0]) or "", node.args[0], catalogue, True))
    return [f for f in found if f.model]


def _model_constant(node: ast.Assign | ast.AnnAssign, catalogue: Catalogue) -> list[Found]:
    """``MODEL = "gpt-4o"``: a hosted model name in a variable named for a model."""
    targets = node.targets if isinstance(node, ast.Assign) else [node.target]
    value = _string(node.value) if node.value is not None else None
    if value is None or not any("model" in getattr(target, "id", "").lower() for target in targets):
        return []
    provider = catalogue.hosted_model(value)
    return [Found(node.lineno, node.col_offset + 1, model=value, provider=provider)] if provider else []


def _model(value: str, node: ast.expr, catalogue: Catalogue, hub: bool) -> Found:
    provider = catalogue.hosted_model(value)
    if provider is None and hub and _HUB_ID.match(value) and not value.startswith("."):
        return Found(node.lineno, node.col_offset + 1, model=value, provider=None)
    return Found(node.lineno, node.col_offset + 1, model=value if provider else None, provider=provider)


def _string(node: ast.expr) -> str | None:
    return node.value if isinstance(node, ast.Constant) and isinstance(node.value, str) and node.value else None


# JavaScript and TypeScript

_JS_TOKENS = re.compile(r"\"(?:\\.|[^\"\\\n])*\"|'(?:\\.|[^'\\\n])*'|`(?:\\.|[^`\\])*`|//[^\n]*|/\*.*?\*/", re.DOTALL)
_JS_IMPORT = re.compile(r"(?:\bfrom\s*|\bimport\s*\(\s*|\brequire\s*\(\s*|(?:^|[;\n])\s*import\s*)([\"'])([^\"'\n]+)\1")
_JS_MODEL = re.compile(r"\b(?:" + "|".join(sorted(MODEL_KEYWORDS)) + r")[\"']?\s*:\s*([\"'`])([^\"'`\n]+)\1"
                       r"|\b(?:openai|anthropic|google|mistral|cohere)\s*\(\s*([\"'])([^\"'\n]+)\3")


def _blank_comments(text: str) -> str:
    def blank(found: re.Match[str]) -> str:
        token = found.group(0)
        return re.sub(r"[^\n]", " ", token) if token.startswith("/") else token
    return _JS_TOKENS.sub(blank, text)


def npm_name(specifier: str) -> str:
    """``@scope/pkg/sub`` → ``@scope/pkg``; ``pkg/sub`` → ``pkg``."""
    parts = specifier.split("/")
    return "/".join(parts[:2]) if specifier.startswith("@") else parts[0]


def javascript(data: bytes, catalogue: Catalogue) -> list[Found]:
    """The AI SDKs one JS/TS file imports or requires, and the hosted models named in it."""
    if catalogue.js_mention.search(data) is None:
        return []
    text = _blank_comments(data.decode("utf-8", "replace"))
    located = Text(text)
    found = []
    for match in _JS_IMPORT.finditer(text):
        package = catalogue.lookup("npm", npm_name(match.group(2)))
        if package is not None:
            found.append(Found(*located.position(match.start(2)), package=package))
    if found:
        for match in _JS_MODEL.finditer(text):
            value, start = (match.group(2), match.start(2)) if match.group(2) else (match.group(4), match.start(4))
            provider = catalogue.hosted_model(value)
            if provider:
                found.append(Found(*located.position(start), model=value, provider=provider))
    return found
