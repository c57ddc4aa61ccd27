"""The ``readiness`` command line: parse, dispatch, and turn errors into messages and exit codes.

Each command lives in ``readiness/commands/<name>.py`` with ``register(subparsers)`` and
``run(args) -> int``. Command modules import only the standard library at the top, so
``readiness --help`` and the headless commands start fast and never load Textual.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Sequence

from readiness import __version__
from readiness.errors import ReadinessError

COMMANDS = (
    "run",
    "serve",
    "banks",
    "validate",
    "score",
    "report",
    "aggregate",
    "compare",
    "export",
    "schema",
    "new-bank",
    "replies",
)
DESCRIPTION = (
    "An innovation readiness assessment for children's services, scored against the twelve "
    "recommendations of Sebba et al. (2017). With no command, starts the assessment."
)


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """The full argument parser, with one subcommand per available command module.

    With ``only`` (a command's name), just that subcommand: a command given on the command line
    parses the same, without importing every other command module first.
    """
    parser = argparse.ArgumentParser(prog="readiness", description=DESCRIPTION)
    parser.add_argument("--version", action="version", version=f"readiness {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in (only,) if only in COMMANDS else COMMANDS:
        module = _command_module(name)
        if module is not None:
            module.register(sub)
    return parser


def _command_module(name: str):
    try:
        return importlib.import_module(f"readiness.commands.{name.replace('-', '_')}")
    except ModuleNotFoundError as exc:
        if exc.name != f"readiness.commands.{name.replace('-', '_')}":
            raise
        return None


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status."""
    argv = list(sys.argv[1:] if argv is None else argv)
    if not argv or (argv[0].startswith("-") and argv[0] not in ("-h", "--help", "--version")):
        argv = ["run", *argv]
    # The app's start is timed to the first question: `run` parses without the other modules.
    parser = build_parser("run" if argv[0] == "run" else None)
    args = parser.parse_args(argv)
    try:
        return int(args.handler(args) or 0)
    except ReadinessError as error:
        print(f"readiness: {error}" if not error.findings else str(error), file=sys.stderr)
        return error.exit_code
    except KeyboardInterrupt:
        print("readiness: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # The reader went away (e.g. `| head`): stop quietly, as other tools do.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
