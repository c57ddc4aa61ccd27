"""The start of ``readiness run`` loads only what the first question needs.

With the bank already in the cache of checked banks, the YAML reader and the schema checker
are not needed until later (jsonschema for the first save, the YAML reader for a changed bank),
so importing them at the start would only delay the first question. Each check runs in a fresh
interpreter, since this one has loaded everything already.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

START = """
import sys
from readiness.cli import build_parser
build_parser("run").parse_args(["run", "--bank", "quick", "--anonymous"])
import readiness.commands.run
import readiness.tui.app
from readiness.bank.load import load_bank
from readiness.scoring.answers import Respondent
from readiness.session.controller import Controller
from readiness.session.engine import Session
from readiness.tui.chat import ChatScreen

session = Session(load_bank("quick"), respondent=Respondent())
controller = Controller(session, lambda s: None)
controller.start()
print("\\n".join(sys.modules))
"""


def modules_at_start(cache: Path) -> set[str]:
    env = {**os.environ, "READINESS_CACHE_DIR": str(cache)}
    warm = 'from readiness.bank.load import load_bank\nload_bank("quick")'
    subprocess.run([sys.executable, "-c", warm], env=env, check=True)  # the bank is cached
    done = subprocess.run(
        [sys.executable, "-c", START], env=env, capture_output=True, text=True, check=True
    )
    return set(done.stdout.split())


def test_the_start_of_run_does_not_import_yaml_or_jsonschema(tmp_path: Path) -> None:
    modules = modules_at_start(tmp_path)
    assert "readiness.tui.chat" in modules  # the start really ran
    assert "yaml" not in modules
    assert "jsonschema" not in modules


def test_the_start_of_run_leaves_later_screens_and_readers_for_later(tmp_path: Path) -> None:
    modules = modules_at_start(tmp_path)
    later = {
        "readiness.tui.start",  # the start screen: not when --bank and who are given
        "readiness.tui.summary",
        "readiness.report.summary",
        "readiness.jsondoc",  # answers files
        "readiness.scoring.scores",  # a whole result's scoring: with the first result
        "readiness.scoring.priorities",
        "readiness.understanding",  # a typed reply: with the first one
        "textual.widgets._selection_list",  # ticks: with the first multiple-choice question
        "readiness.commands.score",  # other commands
    }
    assert later & modules == set()
