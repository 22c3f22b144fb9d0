"""The shape of the package's code, read from its source (issues #12 and #22).

- No module over 500 lines, no class over 200, no function over 80.
- No private name crosses a module boundary: no ``from followkit.x.y import _name``
  and no ``y._name`` where ``y`` is another followkit module. A helper that another
  module needs is public (no underscore) in the module where it belongs.
- One house with rooms (#22): at most 12 modules at the top of ``followkit/``; every
  subpackage's ``__init__.py`` says what it holds and what it may import; no import
  circle anywhere (imports inside functions count, ``if TYPE_CHECKING:`` ones do not),
  and ``lint-imports`` keeps the layers of pyproject.toml's ``[tool.importlinter]``.

Type annotations on every function are mypy's job, not this file's: see
:func:`test_mypy_requires_annotations`.
"""

from __future__ import annotations

import ast
import subprocess
import sys
import tomllib
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "followkit"

MAX_MODULE, MAX_CLASS, MAX_FUNCTION = 500, 200, 80

@dataclass(frozen=True)
class Module:
    name: str  # e.g. "rules.engine" (a package's __init__: "rules")
    file: str  # e.g. "rules/engine.py"
    tree: ast.Module
    lines: int

    @property
    def package(self) -> str:
        """The package a relative import starts from."""
        return self.name if self.file.endswith("__init__.py") else self.name.rpartition(".")[0]


def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _modules() -> list[Module]:
    out = []
    for path in sorted(PACKAGE.rglob("*.py")):
        text = path.read_text(encoding="utf-8")
        out.append(Module(_module_name(path), str(path.relative_to(PACKAGE)),
                          ast.parse(text, filename=str(path)), len(text.splitlines())))
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
    """``followkit.rules.engine`` -> ``rules``; None for anything outside the package."""
    if dotted is None or not (dotted == "followkit" or dotted.startswith("followkit.")):
        return None
    return dotted.removeprefix("followkit").removeprefix(".")


def _private_violations(module: Module, submodules: set[str]) -> set[str]:
    found = set()
    aliases: dict[str, str] = {}  # local name -> followkit module it stands for
    for node in ast.walk(module.tree):
        if isinstance(node, ast.ImportFrom):
            source = (_followkit_module(node.module) if node.level == 0
                      else _relative(module, node.level, node.module))
            if source is None:
                continue
            for alias in node.names:
                inner = f"{source}.{alias.name}".lstrip(".")
                if inner in submodules:  # from followkit.rules import engine
                    aliases[alias.asname or alias.name] = inner
                elif _is_private(alias.name) and source != module.name:
                    found.add(f"imports private {source or 'followkit'}.{alias.name}")
        elif isinstance(node, ast.Import):
            for alias in node.names:
                source = _followkit_module(alias.name)
                if source and alias.asname:  # import followkit.rules.engine as r
                    aliases[alias.asname] = source
    for node in ast.walk(module.tree):
        if not (isinstance(node, ast.Attribute) and _is_private(node.attr)):
            continue
        owner = _dotted(node.value)
        source = aliases.get(owner) if owner in aliases else _followkit_module(owner)
        if source and source != module.name:
            found.add(f"uses private {source}.{node.attr}")
    return found


def _relative(module: Module, level: int, name: str | None) -> str:
    """The followkit module a relative import names (``from .engine import x``)."""
    base = module.package.split(".") if module.package else []
    base = base[:len(base) - (level - 1)] if level > 1 else base
    return ".".join([*base, *([name] if name else [])])


def _dotted(node: ast.expr) -> str | None:
    """``followkit.rules.engine`` for that attribute chain, ``r`` for a name; None otherwise."""
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        head = _dotted(node.value)
        return None if head is None else f"{head}.{node.attr}"
    return None


def _violations() -> set[tuple[str, str]]:
    modules = _modules()
    submodules = {m.name for m in modules}
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
    ("from followkit.rules.engine import _helper\n", {"imports private rules.engine._helper"}),
    ("from followkit.rules import engine as r\nr._helper()\n",
     {"uses private rules.engine._helper"}),
    ("import followkit.reading.sheets as sh\nsh._table_sheet\n",
     {"uses private reading.sheets._table_sheet"}),
    ("import followkit.reading.sheets\nfollowkit.reading.sheets._table_sheet\n",
     {"uses private reading.sheets._table_sheet"}),
    ("def f():\n    from followkit.recording.write import _log_sheet\n",
     {"imports private recording.write._log_sheet"}),
    ("from .engine import _helper\n", {"imports private rules.engine._helper"}),
    ("from ..reading.sheets import _x\n", {"imports private reading.sheets._x"}),
    ("from followkit.rules.probe import _mine\n", set()),
    ("import pandas as pd\npd._libs\n", set()),
    ("from followkit.rules.engine import helper\nfrom followkit.rules import engine\n"
     "engine.__name__\n", set()),
    ("def _mine():\n    pass\n_mine()\n", set()),
])
def test_private_names_are_found(source: str, expected: set[str]) -> None:
    module = Module("rules.probe", "rules/probe.py", ast.parse(source), source.count("\n"))
    assert _private_violations(module, {"rules.engine", "reading.sheets", "rules"}) == expected


def test_sizes_are_counted_with_their_body() -> None:
    body = "\n".join(f"    x{i} = {i}" for i in range(MAX_FUNCTION))
    source = f"class Big:\n    def long(self):\n{body.replace('    ', '        ')}\n"
    module = Module("probe", "probe.py", ast.parse(source), source.count("\n"))
    assert _size_violations(module) == {
        f"function Big.long is {MAX_FUNCTION + 1} lines (max {MAX_FUNCTION})"}


# --- One house with rooms (issue #22) ---------------------------------------------

MAX_TOP_LEVEL = 12


def _type_checking_lines(tree: ast.Module) -> set[int]:
    """Lines inside ``if TYPE_CHECKING:`` blocks (imports there are for the type checker)."""
    lines: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            for child in node.body:
                lines.update(range(child.lineno, (child.end_lineno or child.lineno) + 1))
    return lines


def import_graph(modules: list[Module]) -> dict[str, set[str]]:
    """Each followkit module -> the followkit modules it imports, wherever the import
    stands (inside functions too), except under ``if TYPE_CHECKING:``."""
    names = {m.name for m in modules}
    graph: dict[str, set[str]] = {m.name: set() for m in modules}
    for module in modules:
        exempt = _type_checking_lines(module.tree)
        for node in ast.walk(module.tree):
            if not isinstance(node, ast.Import | ast.ImportFrom) or node.lineno in exempt:
                continue
            if isinstance(node, ast.Import):
                targets = [_followkit_module(a.name) for a in node.names]
            else:
                source = (_followkit_module(node.module) if node.level == 0
                          else _relative(module, node.level, node.module))
                targets = [] if source is None else [
                    inner if (inner := f"{source}.{a.name}".lstrip(".")) in names else source
                    for a in node.names]
            graph[module.name] |= {t for t in targets if t and t in names and t != module.name}
    return graph


def import_circles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected groups of more than one module (Tarjan), sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    circles: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        for w in sorted(graph[v]):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            group = []
            while True:
                w = stack.pop()
                group.append(w)
                if w == v:
                    break
            if len(group) > 1:
                circles.append(sorted(group))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return sorted(circles)


def test_no_import_circle_anywhere() -> None:
    modules = _modules()
    graph = import_graph(modules)
    assert len(graph) > 60
    assert import_circles(graph) == []


def test_a_circle_through_an_import_inside_a_function_is_found() -> None:
    sources = {
        "rules/steps.py": "def load():\n    import followkit.rules.builtin_steps\n",
        "rules/builtin_steps.py": "from followkit.rules import engine\n",
        "rules/engine.py": ("from typing import TYPE_CHECKING\n"
                            "from followkit.rules.steps import x\n"
                            "if TYPE_CHECKING:\n    from followkit.report.build import Report\n"),
        "report/build.py": "from .. rules.engine import evaluate\n",
    }
    modules = [Module(_module_name(PACKAGE / f), f, ast.parse(src), src.count("\n"))
               for f, src in sources.items()]
    assert import_graph(modules)["rules.engine"] == {"rules.steps"}
    assert import_circles(import_graph(modules)) == [
        ["rules.builtin_steps", "rules.engine", "rules.steps"]]


def test_the_top_of_the_package_holds_a_handful_of_modules() -> None:
    top = sorted(p.name for p in PACKAGE.glob("*.py"))
    assert len(top) <= MAX_TOP_LEVEL, top
    rooms = sorted(p.name for p in PACKAGE.iterdir() if (p / "__init__.py").is_file())
    assert rooms == ["core", "dashboard", "reading", "recording", "report", "rules", "session"]


def test_every_room_says_what_it_holds_and_what_it_may_import() -> None:
    for init in sorted(PACKAGE.glob("*/__init__.py")):
        doc = ast.get_docstring(ast.parse(init.read_text(encoding="utf-8"))) or ""
        assert "May import:" in doc and len(doc.splitlines()) <= 6, init


def test_the_layers_contract_is_declared_from_the_front_ends_down() -> None:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    contracts = config["tool"]["importlinter"]["contracts"]
    layers = next(c["layers"] for c in contracts if c["type"] == "layers")
    assert layers[0] == "followkit.cli" and layers[-1] == "followkit.core"
    assert {c["type"] for c in contracts} == {"layers", "acyclic_siblings"}
    assert config["tool"]["importlinter"]["exclude_type_checking_imports"] is True


def test_lint_imports_keeps_every_contract() -> None:
    lint = Path(sys.executable).with_name("lint-imports")
    done = subprocess.run([str(lint)], cwd=ROOT, capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stdout[-3000:]
    assert "2 kept, 0 broken" in done.stdout
