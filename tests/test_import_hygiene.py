"""The core and the headless commands never import Textual (start-up time, a pure core)."""

from __future__ import annotations

import subprocess
import sys

import pytest
from conftest import BANKS

CORE_MODULES = [
    "readiness.cli",
    "readiness.bank.yamlsafe",
    "readiness.model",
    "readiness.bank.load",
    "readiness.bank.checks",
    "readiness.schemas",
    "readiness.bank.answers_schema",
]


def loaded_after(code: str) -> set[str]:
    script = f"import sys\n{code}\nprint('\\n'.join(sys.modules))"
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    )
    return set(done.stdout.split())


@pytest.mark.parametrize("module", CORE_MODULES)
def test_core_module_does_not_import_textual(module: str) -> None:
    assert "textual" not in loaded_after(f"import {module}")


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
        "import contextlib, io\nfrom readiness.cli import main\n"
        f"with contextlib.redirect_stdout(io.StringIO()):\n    try:\n        main({argv!r})\n"
        "    except SystemExit:\n        pass"
    )
    modules = loaded_after(code)
    assert "readiness.commands.validate" in modules  # the command line really ran
    assert "textual" not in modules
