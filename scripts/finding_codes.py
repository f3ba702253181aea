"""The table of finding codes, read from aimskit's source rather than written by hand.

Each code comes from where it is raised: a call that passes an ``"AIMSnnn"`` string (the next
argument is the message, ``…`` standing for interpolated values), a rule whose docstring
starts ``AIMSnnn: what it checks``, or the schema registry's keyword → code table. Severity is
``warning`` for ``warning(...)`` or ``severity=...WARNING``, "warning (error with --strict)"
for ``options.review_severity`` (and likewise ``placeholder_severity``), otherwise ``error``.
"""

from __future__ import annotations

import ast
import dataclasses
import re
from pathlib import Path

CODE = re.compile(r"^AIMS[0-9]{3}$")
DOC_CODE = re.compile(r"(AIMS[0-9]{3}):\s*(.+?)(?=;\s*AIMS[0-9]{3}:|$)", re.DOTALL)
STRICT = "warning (error with `--strict-reviews`)"
STRICT_PLACEHOLDERS = "warning (error with `--strict-placeholders`)"
REGISTRY_MODULE = "reporting.codes"
MARK_START, MARK_END = "<!-- codes:start -->", "<!-- codes:end -->"


@dataclasses.dataclass
class Code:
    code: str
    severity: str = "error"
    checks: str = ""
    messages: list[str] = dataclasses.field(default_factory=list)
    modules: set[str] = dataclasses.field(default_factory=set)


def _text(node: ast.AST) -> str:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr):
        return "".join(_text(part) if isinstance(part, ast.Constant) else "…" for part in node.values)
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        return _text(node.left) + _text(node.right)
    return "…"


def _severity(call: ast.Call) -> str:
    name = call.func.id if isinstance(call.func, ast.Name) else getattr(call.func, "attr", "")
    keywords = {kw.arg: ast.unparse(kw.value) for kw in call.keywords}
    if "review_severity" in keywords.get("severity", "") or any("review_severity" in ast.unparse(a) for a in call.args):
        return STRICT
    if any("placeholder_severity" in ast.unparse(value) for value in [*call.args, *call.keywords]):
        return STRICT_PLACEHOLDERS
    if name == "warning" or keywords.get("severity", "").endswith("WARNING"):
        return "warning"
    return "error"


def _from_calls(tree: ast.AST, module: str, found: dict[str, Code]) -> None:
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        for index, arg in enumerate(node.args):
            if isinstance(arg, ast.Constant) and isinstance(arg.value, str) and CODE.match(arg.value):
                code = found.setdefault(arg.value, Code(arg.value))
                code.modules.add(module)
                code.severity = _severity(node) if code.severity == "error" else code.severity
                message = _text(node.args[index + 1]) if index + 1 < len(node.args) else "…"
                if message.strip("… ") and message not in code.messages:
                    code.messages.append(message)


def _from_keyword_tables(tree: ast.AST, module: str, found: dict[str, Code]) -> None:
    """``{"type": ("AIMS303", hint)}`` tables (schema keyword → code) and their fallback."""
    for node in ast.walk(tree):
        if isinstance(node, ast.Dict):
            for key, value in zip(node.keys, node.values):
                if isinstance(key, ast.Constant) and isinstance(value, ast.Tuple) and value.elts \
                        and isinstance(value.elts[0], ast.Constant) and CODE.match(str(value.elts[0].value)):
                    code = found.setdefault(value.elts[0].value, Code(value.elts[0].value))
                    code.modules.add(module)
                    keyword = f"`{key.value}`"
                    code.checks = f"{code.checks}, {keyword}" if code.checks else keyword
        elif isinstance(node, ast.Call) and getattr(node.func, "attr", "") == "get" and len(node.args) == 2:
            default = node.args[1]
            if isinstance(default, ast.Tuple) and default.elts and isinstance(default.elts[0], ast.Constant) \
                    and CODE.match(str(default.elts[0].value)):
                code = found.setdefault(default.elts[0].value, Code(default.elts[0].value))
                code.modules.add(module)
                code.checks = code.checks or "any other schema keyword"


def _from_rule_docstrings(tree: ast.AST, found: dict[str, Code]) -> None:
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef) and any(_is_rule(d) for d in node.decorator_list):
            for code, text in DOC_CODE.findall(ast.get_docstring(node) or ""):
                found.setdefault(code, Code(code)).checks = " ".join(text.split()).rstrip(".")


def _is_rule(decorator: ast.expr) -> bool:
    """``@rule`` or ``@record_rule(...)``."""
    return ast.unparse(decorator) == "rule" or \
        (isinstance(decorator, ast.Call) and ast.unparse(decorator.func) == "record_rule")


def _from_module_docstring(tree: ast.Module, found: dict[str, Code]) -> None:
    """A module docstring that ends with ``AIMSnnn: what it checks; AIMSnnn: ...`` (codes that are
    raised through a helper, such as the import's)."""
    for code, text in DOC_CODE.findall(ast.get_docstring(tree) or ""):
        found.setdefault(code, Code(code)).checks = " ".join(text.split()).rstrip(".")


def collect(package: Path) -> list[Code]:
    """Every finding code raised under ``package``, sorted."""
    found: dict[str, Code] = {}
    for path in sorted(package.rglob("*.py")):
        module = path.relative_to(package.parent).with_suffix("").as_posix().replace("/", ".")
        if module.endswith(REGISTRY_MODULE):
            continue  # the registry lists the codes; it raises none
        tree = ast.parse(path.read_text(encoding="utf-8"))
        _from_calls(tree, module, found)
        _from_keyword_tables(tree, module, found)
        _from_rule_docstrings(tree, found)
        _from_module_docstring(tree, found)
    for code in found.values():
        if code.checks.startswith("`"):
            code.checks = f"the schema keyword {code.checks} fails"
    return sorted(found.values(), key=lambda c: c.code)


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("<", "&lt;").replace(">", "&gt;")


def table(codes: list[Code]) -> str:
    """The Markdown table from the registry (aimskit.reporting.codes): code (with its anchor),
    severity, title, what it checks, the hint, and the messages the source prints."""
    from aimskit.reporting.codes import CODES

    messages = {code.code: code.messages for code in codes}
    lines = ["| Code | Severity | Title | Checks | Hint | Messages |", "|---|---|---|---|---|---|"]
    for entry in CODES:
        printed = "<br>".join(_cell(message) for message in sorted(messages.get(entry.code, [])))
        lines.append(f'| <a id="{entry.code.lower()}"></a>{entry.code} | {entry.severity} | {_cell(entry.title)} '
                     f"| {_cell(entry.description)} | {_cell(entry.hint or '')} | {printed} |")
    return "\n".join(lines)


def inject(page: str, codes: list[Code]) -> str:
    """``page`` with the table placed between the codes markers."""
    head, start, rest = page.partition(MARK_START)
    _, end, tail = rest.partition(MARK_END)
    if not start or not end:
        raise ValueError(f"the page needs {MARK_START} and {MARK_END} markers")
    return f"{head}{MARK_START}\n{table(codes)}\n{MARK_END}{tail}"
