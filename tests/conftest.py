"""Shared fixtures: run the command line in-process and in a subprocess."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

import pytest

from readiness.cli import main

# Tests never touch the user's own cache of checked banks; child processes inherit this.
os.environ["READINESS_CACHE_DIR"] = tempfile.mkdtemp(prefix="readiness-test-cache-")

ROOT = Path(__file__).resolve().parent.parent
BANKS = Path(__file__).resolve().parent / "banks"


@dataclass
class Ran:
    """What a command printed and its exit status."""

    code: int
    out: str
    err: str


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str]):
    """Run ``readiness ARGS...`` in this process; returns a :class:`Ran`."""

    def run(*args: str) -> Ran:
        try:
            code = main(list(args))
        except SystemExit as exc:  # argparse's usage errors
            code = int(exc.code or 0)
        captured = capsys.readouterr()
        return Ran(code, captured.out, captured.err)

    return run


def run_process(
    *args: str,
    stdin: str | None = None,
    env: dict[str, str] | None = None,
    cwd: Path | None = None,
    timeout: float = 60,
) -> Ran:
    """Run ``python -m readiness ARGS...`` as a separate process."""
    done = subprocess.run(
        [sys.executable, "-m", "readiness", *args],
        input=stdin,
        capture_output=True,
        text=True,
        env=env,
        cwd=cwd,
        timeout=timeout,
    )
    return Ran(done.returncode, done.stdout, done.stderr)
