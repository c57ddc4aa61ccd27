"""The real app in a real terminal (tmux, 80x24): answer, get killed, resume, finish."""

from __future__ import annotations

import json
import os
import shlex
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from readiness.bank.load import load_bank

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed"),
]


class Terminal:
    """A detached tmux session on a private server, at a fixed size."""

    def __init__(self, name: str, env: dict[str, str]) -> None:
        self.name = name
        self.env = env
        self.starts = 0
        self.server: list[str] = []

    def start(self, command: str, cwd: Path) -> None:
        self.starts += 1  # a fresh server each time: a killed one can leave its socket behind
        self.server = ["tmux", "-f", "/dev/null", "-L", f"{self.name}-{self.starts}"]
        exports = " ".join(f"{k}={shlex.quote(v)}" for k, v in self.env.items())
        shell = f"cd {shlex.quote(str(cwd))} && env {exports} {command}; sleep 60"
        subprocess.run(
            [*self.server, "new-session", "-d", "-s", "main", "-x", "80", "-y", "24", shell],
            check=True,
        )

    def keys(self, *keys: str) -> None:
        subprocess.run([*self.server, "send-keys", "-t", "main", *keys], check=True)

    def screen(self) -> str:
        done = subprocess.run(
            [*self.server, "capture-pane", "-p", "-t", "main"], capture_output=True, text=True
        )
        return done.stdout

    def wait_for(self, text: str, timeout: float = 20) -> str:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            screen = self.screen()
            if text in screen:
                return screen
            time.sleep(0.2)
        raise AssertionError(f"{text!r} did not appear; the screen shows:\n{self.screen()}")

    def app_pid(self) -> int:
        done = subprocess.run(
            ["pgrep", "-f", "readiness run --bank quick"], capture_output=True, text=True
        )
        pids = [int(p) for p in done.stdout.split() if int(p) != os.getpid()]
        assert pids, "the app is not running"
        return max(pids)

    def close(self) -> None:
        subprocess.run([*self.server, "kill-server"], capture_output=True)


@pytest.fixture
def terminal(tmp_path: Path):
    env = {
        "READINESS_DATA_DIR": str(tmp_path / "data"),
        "TERM": "xterm-256color",
        "PATH": f"{Path(sys.executable).parent}:{os.environ['PATH']}",
    }
    term = Terminal(f"readiness-test-{os.getpid()}", env)
    yield term
    term.close()


def test_answer_killed_resume_finish(terminal: Terminal, tmp_path: Path) -> None:
    command = (
        f"{shlex.quote(sys.executable)} -m readiness run --bank quick --anonymous --output-dir out"
    )
    terminal.start(command, tmp_path)
    terminal.wait_for("Leadership, 1 of 2")
    for expected in ("Leadership, 2 of 2", "Capacity, 1 of 3", "Capacity, 2 of 3"):
        terminal.keys("4", "Enter")  # a lone number waits a moment for more; Enter sends it
        terminal.wait_for(expected)
    os.kill(terminal.app_pid(), signal.SIGKILL)
    terminal.close()

    terminal.start(command, tmp_path)
    terminal.wait_for("Resume it?")
    terminal.keys("r")
    screen = terminal.wait_for("Welcome back")
    assert "Capacity, 2 of 3" in screen and "3 of 12 done" in screen
    for _ in range(9):
        terminal.keys("4", "Enter")
        time.sleep(0.3)
    terminal.wait_for("Finish and see the summary")
    terminal.keys("Enter")
    terminal.wait_for("Your files")
    terminal.keys("q")

    results = list((tmp_path / "out").glob("quick-*-anonymous.json"))
    assert len(results) == 1
    result = json.loads(results[0].read_text())
    fourth = [q.options[3].id for q in load_bank("quick").questions]
    assert [a["value"] for a in result["answers"]] == fourth  # those before the kill included


def wait_for_words(terminal: Terminal, words: str, timeout: float = 20) -> str:
    """Wait until ``words`` show, however the 80 columns wrap them; the screen's words."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        flat = " ".join(terminal.screen().split())
        if words in flat:
            return flat
        time.sleep(0.2)
    raise AssertionError(f"{words!r} did not appear; the screen shows:\n{terminal.screen()}")


def test_natural_replies_typed_into_the_real_app_are_understood_and_kept(
    terminal: Terminal, tmp_path: Path
) -> None:
    """Issue 11: typed as people type, said back, confirmed with one key, and kept."""
    command = (
        f"{shlex.quote(sys.executable)} -m readiness run --bank quick --anonymous --output-dir out"
    )
    terminal.start(command, tmp_path)
    terminal.wait_for("Leadership, 1 of 2")
    terminal.keys("-l", "our DCS is acting up at the moment")
    terminal.keys("Enter")
    wait_for_words(terminal, "interim basis: I've noted option 1.")  # said back
    wait_for_words(terminal, "What happens now in your service?")  # a low answer: follow-ups
    terminal.keys("-l", "Interim DCS until the spring")
    terminal.keys("Enter")
    wait_for_words(terminal, "What needs to happen?")
    terminal.keys("-l", "skip")
    terminal.keys("Enter")
    wait_for_words(terminal, "How will you progress this?")
    terminal.keys("Enter")  # nothing to add
    terminal.wait_for("Leadership, 2 of 2")
    terminal.keys("3", "Enter")
    terminal.wait_for("Capacity, 1 of 3")
    terminal.keys("-l", "haven't the foggiest")
    terminal.keys("Enter")
    terminal.wait_for("Capacity, 2 of 3")
    terminal.keys("3", "Enter")
    terminal.wait_for("Capacity, 3 of 3")
    terminal.keys("-l", "about 4 months")
    terminal.keys("Enter")
    screen = wait_for_words(terminal, "2 for the second")  # offered, not taken
    assert "1. 3 to 6 months 2. Less than 3 months" in screen
    session_file = next((tmp_path / "data" / "sessions").glob("*.json"))
    assert "q_lead_in" not in json.loads(session_file.read_text())["answers"]
    terminal.keys("y")  # one key takes the best reading
    terminal.wait_for("Data and evidence, 1 of 4")
    saved = json.loads(session_file.read_text())
    assert saved["answers"] == {
        "q_leadership": "vacant_or_acting",
        "q_resilience": "deputy_only",
        "q_capacity": "dont_know",
        "q_recruitment": "exact_numbers",
        "q_lead_in": "three_to_six",
    }
    assert saved["replies"] == {
        "q_leadership": "our DCS is acting up at the moment",
        "q_capacity": "haven't the foggiest",
        "q_lead_in": "about 4 months",
    }
    assert saved["actions"] == {"q_leadership": {"now": "Interim DCS until the spring"}}
    for _ in range(7):
        terminal.keys("4", "Enter")
        time.sleep(0.3)
    terminal.wait_for("Finish and see the summary")
    terminal.keys("Enter")
    terminal.wait_for("Your files")
    terminal.keys("q")
    (path,) = (tmp_path / "out").glob("quick-*-anonymous.json")
    answers = {a["question_id"]: a for a in json.loads(path.read_text())["answers"]}
    assert answers["q_lead_in"]["reply"] == "about 4 months"
    assert answers["q_capacity"]["reply"] == "haven't the foggiest"
    assert "reply" not in answers["q_resilience"]
