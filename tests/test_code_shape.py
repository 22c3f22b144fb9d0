"""The shape of the package's code, read from its source (issue #12, "How it is checked").

- No module over 500 lines, no class over 200, no function over 80.
- No private name crosses a module boundary: no ``from followkit.x import _name``
  and no ``x._name`` where ``x`` is another followkit module. A helper that another
  module needs is public (no underscore) in the module where it belongs.

Type annotations on every function are mypy's job, not this file's: see
:func:`test_mypy_requires_annotations`.
"""

from __future__ import annotations

import ast
import tomllib
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "followkit"

MAX_MODULE, MAX_CLASS, MAX_FUNCTION = 500, 200, 80

@dataclass(frozen=True)
class Module:
    name: str  # e.g. "rules"
    file: str  # e.g. "rules.py"
    tree: ast.Module
    lines: int


def _modules() -> list[Module]:
    out = []
    for path in sorted(PACKAGE.glob("*.py")):
        text = path.read_text(encoding="utf-8")
        out.append(Module(path.stem, path.name, ast.parse(text, filename=str(path)),
                          len(text.splitlines())))
    return out


def _size_violations(module: Module) -> set[str]:
    found = set()
    if module.lines > MAX_MODULE:
        found.add(f"module {module.file} is {module.lines} lines (max {MAX_MODULE})")

    def visit(node: ast.AST, prefix: str) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
                name = f"{prefix}{child.name}"
                size = (child.end_lineno or child.lineno) - child.lineno + 1
                kind, limit = (("class", MAX_CLASS) if isinstance(child, ast.ClassDef)
                               else ("function", MAX_FUNCTION))
                if size > limit:
                    found.add(f"{kind} {name} is {size} lines (max {limit})")
                visit(child, f"{name}.")
            else:
                visit(child, prefix)

    visit(module.tree, "")
    return found


def _is_private(name: str) -> bool:
    return name.startswith("_") and not (name.startswith("__") and name.endswith("__"))


def _followkit_module(dotted: str | None) -> str | None:
    """``followkit.rules`` -> ``rules``; None for anything outside the package."""
    if dotted is None or not (dotted == "followkit" or dotted.startswith("followkit.")):
        return None
    return dotted.removeprefix("followkit").removeprefix(".")


def _private_violations(module: Module, submodules: set[str]) -> set[str]:
    found = set()
    aliases: dict[str, str] = {}  # local name -> followkit module it stands for
    for node in ast.walk(module.tree):
        if isinstance(node, ast.ImportFrom):
            source = (_followkit_module(node.module) if node.level == 0
                      else node.module or "" if node.level == 1 else None)
            if source is None:
                continue
            for alias in node.names:
                if source == "" and alias.name in submodules:  # from followkit import rules
                    aliases[alias.asname or alias.name] = alias.name
                elif _is_private(alias.name) and source != module.name:
                    found.add(f"imports private {source or 'followkit'}.{alias.name}")
        elif isinstance(node, ast.Import):
            for alias in node.names:
                source = _followkit_module(alias.name)
                if source and alias.asname:  # import followkit.rules as r
                    aliases[alias.asname] = source
    for node in ast.walk(module.tree):
        if not (isinstance(node, ast.Attribute) and _is_private(node.attr)):
            continue
        owner = _dotted(node.value)
        source = aliases.get(owner) if owner in aliases else _followkit_module(owner)
        if source and source != module.name:
            found.add(f"uses private {source}.{node.attr}")
    return found


def _dotted(node: ast.expr) -> str | None:
    """``followkit.rules`` for that attribute chain, ``r`` for a name; None otherwise."""
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        head = _dotted(node.value)
        return None if head is None else f"{head}.{node.attr}"
    return None


def _violations() -> set[tuple[str, str]]:
    modules = _modules()
    submodules = {m.name for m in modules} | {
        p.name for p in PACKAGE.iterdir() if (p / "__init__.py").is_file()}
    found: set[tuple[str, str]] = set()
    for module in modules:
        found |= {(module.file, v) for v in _size_violations(module)}
        found |= {(module.file, v) for v in _private_violations(module, submodules)}
    return found


def test_no_module_class_or_function_too_long_and_no_private_name_crosses_modules() -> None:
    new = sorted(_violations())
    assert not new, "code shape:\n" + "\n".join(f"  {file}: {what}" for file, what in new)


def test_mypy_requires_annotations() -> None:
    """Every function typed: mypy's ``disallow_untyped_defs`` and
    ``disallow_incomplete_defs`` enforce it (tests/test_types.py runs mypy)."""
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["mypy"]
    assert config.get("disallow_untyped_defs") is True
    assert config.get("disallow_incomplete_defs") is True


@pytest.mark.parametrize(("source", "expected"), [
    ("from followkit.rules import _helper\n", {"imports private rules._helper"}),
    ("from followkit import rules as r\nr._helper()\n", {"uses private rules._helper"}),
    ("import followkit.sheets as sh\nsh._table_sheet\n", {"uses private sheets._table_sheet"}),
    ("import followkit.sheets\nfollowkit.sheets._table_sheet\n",
     {"uses private sheets._table_sheet"}),
    ("def f():\n    from followkit.record_write import _log_sheet\n",
     {"imports private record_write._log_sheet"}),
    ("from .rules import _helper\n", {"imports private rules._helper"}),
    ("from followkit.probe import _mine\n", set()),
    ("import pandas as pd\npd._libs\n", set()),
    ("from followkit.rules import helper\nfrom followkit import rules\nrules.__name__\n",
     set()),
    ("def _mine():\n    pass\n_mine()\n", set()),
])
def test_private_names_are_found(source: str, expected: set[str]) -> None:
    module = Module("probe", "probe.py", ast.parse(source), source.count("\n"))
    assert _private_violations(module, {"rules", "sheets"}) == expected


def test_sizes_are_counted_with_their_body() -> None:
    body = "\n".join(f"    x{i} = {i}" for i in range(MAX_FUNCTION))
    source = f"class Big:\n    def long(self):\n{body.replace('    ', '        ')}\n"
    module = Module("probe", "probe.py", ast.parse(source), source.count("\n"))
    assert _size_violations(module) == {
        f"function Big.long is {MAX_FUNCTION + 1} lines (max {MAX_FUNCTION})"}
