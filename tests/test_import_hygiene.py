"""The core never imports Textual, the pure core never imports Rich, and no module imports
itself in a circle.

Textual (and Rich) cost start-up time and belong to the front ends: a core that needs them could
not be scored headlessly, served, or reused as a library. Every module outside the front ends is
found by walking the package, so a new module is covered without editing this file. Each is
imported in a fresh child process (forked, so the check takes seconds, not minutes).

The import graph is read from the source with ``ast``, imports inside functions included (a
function-level import still makes one module depend on another); imports under ``if
TYPE_CHECKING:`` are left out (they never run). The package's own ``__getattr__`` (PEP 562)
loads the API on first use; its edge is left out too, and the package's top level is checked
to import nothing of readiness, which is what makes that safe.
"""

from __future__ import annotations

import ast
import os
import pkgutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import BANKS

import readiness

PACKAGE = Path(readiness.__file__).resolve().parent
FRONT_ENDS = (
    "readiness.tui",
    "readiness.web",
    "readiness.plain",
    "readiness.commands.run",
    "readiness.commands.serve",
)
RENDERS_WITH_RICH = ("readiness.report", "readiness.commands")
"""Modules that may import Rich: the report's renderers and the commands that print them."""


def _under(name: str, prefixes: tuple[str, ...]) -> bool:
    return any(name == p or name.startswith(p + ".") for p in prefixes)


def all_modules() -> list[str]:
    """Every module of the package, by walking it."""
    found = ["readiness"]
    for info in pkgutil.walk_packages([str(PACKAGE)], prefix="readiness."):
        found.append(info.name)
    return sorted(found)


CORE = [m for m in all_modules() if not _under(m, FRONT_ENDS)]
PURE = [m for m in CORE if not _under(m, RENDERS_WITH_RICH)]


def loaded_by_each(modules: list[str]) -> dict[str, set[str]]:
    """For each module, the top-level packages loaded by importing it in a fresh process."""
    script = """
import os, sys
wanted = sys.argv[1:]
for name in wanted:
    read, write = os.pipe()
    child = os.fork()
    if child == 0:
        os.close(read)
        try:
            __import__(name)
            found = " ".join(sorted({m.split(".")[0] for m in sys.modules}))
        except BaseException as exc:
            found = "!" + type(exc).__name__
        os.write(write, found.encode())
        os._exit(0)
    os.close(write)
    chunks = []
    while chunk := os.read(read, 65536):
        chunks.append(chunk)
    os.waitpid(child, 0)
    print(name, b"".join(chunks).decode())
"""
    done = subprocess.run(
        [sys.executable, "-c", script, *modules], capture_output=True, text=True, check=True
    )
    found: dict[str, set[str]] = {}
    for line in done.stdout.splitlines():
        name, _, loaded = line.partition(" ")
        found[name] = set(loaded.split())
    return found


@pytest.fixture(scope="module")
def loaded() -> dict[str, set[str]]:
    if not hasattr(os, "fork"):
        pytest.skip("needs os.fork")
    return loaded_by_each(CORE)


def test_the_walk_finds_the_core() -> None:
    assert {"readiness.kinds.values", "readiness.api", "readiness.scoring.scores"} <= set(CORE)
    assert not any(_under(m, ("readiness.tui", "readiness.web")) for m in CORE)


@pytest.mark.parametrize("module", CORE)
def test_core_module_does_not_import_textual(loaded: dict[str, set[str]], module: str) -> None:
    modules = loaded[module]
    assert not any(m.startswith("!") for m in modules), f"{module} failed to import: {modules}"
    assert "textual" not in modules


@pytest.mark.parametrize("module", PURE)
def test_pure_core_module_does_not_import_rich(loaded: dict[str, set[str]], module: str) -> None:
    assert "rich" not in loaded[module], f"{module} imports Rich; only renderers may"


@pytest.mark.parametrize(
    "argv",
    [
        ["--help"],
        ["banks"],
        ["validate", str(BANKS / "valid")],
        ["schema", "bank"],
        ["schema", "answers", "--bank", "quick"],
    ],
    ids=lambda a: " ".join(a[:2]),
)
def test_headless_command_does_not_import_textual(argv: list[str]) -> None:
    code = (
        "import contextlib, io, sys\nfrom readiness.cli import main\n"
        f"with contextlib.redirect_stdout(io.StringIO()):\n    try:\n        main({argv!r})\n"
        "    except SystemExit:\n        pass\nprint('\\n'.join(sys.modules))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    modules = set(done.stdout.split())
    assert "readiness.commands.validate" in modules  # the command line really ran
    assert "textual" not in modules


def test_import_readiness_loads_no_api() -> None:
    code = "import sys, readiness\nprint('\\n'.join(sys.modules))"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    loaded = {m for m in done.stdout.split() if m.startswith("readiness")}
    assert loaded == {"readiness"}


# --- no cycles --------------------------------------------------------------------------------


def _source(module: str) -> Path:
    relative = Path(*module.split(".")[1:])
    package = PACKAGE / relative / "__init__.py"
    return package if package.exists() else PACKAGE / relative.with_suffix(".py")


def _is_type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _imports(tree: ast.AST, top_level_only: bool = False) -> Iterator[ast.Import | ast.ImportFrom]:
    """Every import statement, skipping ``if TYPE_CHECKING:`` blocks (and functions, if asked)."""
    for node in ast.iter_child_nodes(tree):
        if isinstance(node, ast.If) and _is_type_checking(node):
            yield from (i for n in node.orelse for i in _imports_in(n, top_level_only))
            continue
        yield from _imports_in(node, top_level_only)


def _imports_in(node: ast.AST, top_level_only: bool) -> Iterator[ast.Import | ast.ImportFrom]:
    if isinstance(node, ast.Import | ast.ImportFrom):
        yield node
    elif top_level_only and isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
        return
    else:
        yield from _imports(node, top_level_only)


def _targets(module: str, node: ast.Import | ast.ImportFrom, known: set[str]) -> Iterator[str]:
    """The readiness modules an import statement loads."""
    if isinstance(node, ast.Import):
        yield from (a.name for a in node.names if a.name in known)
        return
    base = node.module or ""
    if node.level:
        is_package = _source(module).name == "__init__.py"
        parts = module.split(".")[: len(module.split(".")) - node.level + is_package]
        base = ".".join([*parts, *([base] if base else [])])
    for alias in node.names:
        full = f"{base}.{alias.name}"
        if full in known:
            yield full
        elif base in known:
            yield base


def import_graph(*, top_level_only: bool = False) -> dict[str, set[str]]:
    known = set(all_modules())
    graph: dict[str, set[str]] = {}
    for module in sorted(known):
        tree = ast.parse(_source(module).read_text("utf-8"))
        only_top = top_level_only or module == "readiness"  # the lazy PEP 562 loader
        edges = {t for n in _imports(tree, only_top) for t in _targets(module, n, known)}
        graph[module] = edges - {module}
    return graph


def find_cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """One cycle through each strongly connected group of modules (Tarjan), as a path."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    groups: list[set[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for nxt in sorted(graph[node]):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            group = set()
            while True:
                top = stack.pop()
                group.add(top)
                if top == node:
                    break
            if len(group) > 1:
                groups.append(group)

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return [_cycle_in(graph, group) for group in groups]


def _cycle_in(graph: dict[str, set[str]], group: set[str]) -> list[str]:
    """A shortest path from the group's first module back to itself, inside the group."""
    start = min(group)
    paths = {start: [start]}
    frontier = [start]
    while frontier:
        following = []
        for node in frontier:
            for nxt in sorted(graph[node] & group):
                if nxt == start:
                    return [*paths[node], start]
                if nxt not in paths:
                    paths[nxt] = [*paths[node], nxt]
                    following.append(nxt)
        frontier = following
    return sorted(group)


def test_the_graph_sees_function_level_imports() -> None:
    graph = import_graph()
    assert "readiness.api" in graph["readiness.commands.score"]  # imported inside run()
    assert "readiness.kinds" in graph["readiness.kinds.values"]


def test_the_package_top_level_imports_nothing_of_readiness() -> None:
    assert import_graph(top_level_only=True)["readiness"] == set()


def test_find_cycles_reports_a_cycle() -> None:
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert find_cycles(graph) == [["a", "b", "c", "a"]]


def test_no_import_cycles() -> None:
    cycles = find_cycles(import_graph())
    assert not cycles, "import cycles (cut one edge of each):\n" + "\n".join(
        " -> ".join(c) for c in cycles
    )
