"""The group package's layout: modules of one job each, small, with no import cycles, and
commands that share code through the core rather than importing one another."""

from __future__ import annotations

import ast
from pathlib import Path

from conftest import ROOT

GROUP = ROOT / "readiness" / "group"
COMMANDS = ROOT / "readiness" / "commands"


def _imports(path: Path) -> set[str]:
    """Every ``readiness...`` module a file imports, at the top or inside a function."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
            found.update(f"{node.module}.{alias.name}" for alias in node.names)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
    return {name for name in found if name.startswith("readiness.")}


def _module(path: Path) -> str:
    return ".".join(path.relative_to(ROOT).with_suffix("").parts)


def test_every_group_module_is_under_400_lines() -> None:
    sizes = {p.name: len(p.read_text("utf-8").splitlines()) for p in GROUP.glob("*.py")}
    assert {"aggregate.py", "sources.py", "agreement.py", "roles.py", "agenda.py"} <= set(sizes)
    assert all(size < 400 for size in sizes.values()), sizes


def test_the_group_modules_import_no_cycle() -> None:
    modules = {_module(p): p for p in GROUP.glob("*.py") if p.name != "__init__.py"}
    graph = {name: _imports(path) & modules.keys() for name, path in modules.items()}
    done: set[str] = set()

    def visit(name: str, path: tuple[str, ...]) -> None:
        assert name not in path, " -> ".join((*path, name))
        if name in done:
            return
        for target in graph[name]:
            visit(target, (*path, name))
        done.add(name)

    for name in graph:
        visit(name, ())


def test_no_command_imports_another() -> None:
    """A command (a module that registers one) is imported by no other command: what two
    commands share lives in the core (``export`` and ``aggregate`` read results through
    :mod:`readiness.group.sources`)."""
    paths = list(COMMANDS.glob("*.py"))
    commands = {_module(p) for p in paths if "\ndef register(" in p.read_text("utf-8")}
    assert {"readiness.commands.aggregate", "readiness.commands.export"} <= commands
    for path in paths:
        others = (_imports(path) & commands) - {_module(path)}
        assert not others, f"{path.name} imports {others}"
