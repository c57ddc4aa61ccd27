"""Benchmark of the Textual app, against a bare Textual app measured the same way in the same run.

- Start-up: process start to the first question on screen, in a real pseudo-terminal (80x24),
  as a ratio to a bare app (Header, Static, OptionList, Footer) reaching its Static text. The
  app is started as people start it, by the installed ``readiness`` command (a script, as the
  bare app is); ``python -m readiness`` adds runpy's own start-up, about 20 ms.
- Answer latency: median time from a number key and Enter to the next question shown, on the
  core bank (a number key alone waits 0.6 s, in case more is typed: see ``PICK_AFTER``).
- Peak memory of each process (max RSS).

Run: ``python benchmarks/bench_app.py [--runs N]``. A script, not a test: figures vary by machine.
"""

from __future__ import annotations

import argparse
import os
import pty
import select
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

from _rows import Row, emit

BARE_APP = textwrap.dedent("""
    from textual.app import App
    from textual.widgets import Footer, Header, OptionList, Static

    class Bare(App):
        def compose(self):
            yield Header()
            yield Static("BARE-READY how would you describe")
            yield OptionList("one", "two", "three")
            yield Footer()

    Bare().run()
""")
FIRST_QUESTION = b"How would you describe the senior"


class Pty:
    """A process in an 80x24 pseudo-terminal, read until a text is drawn."""

    def __init__(self, argv: list[str], env: dict[str, str]) -> None:
        import fcntl
        import struct
        import termios

        self.main, child = pty.openpty()
        os.set_blocking(self.main, False)
        fcntl.ioctl(child, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
        self.started = time.perf_counter()
        self.process = subprocess.Popen(
            argv, stdin=child, stdout=child, stderr=child, env=env, close_fds=True
        )
        os.close(child)
        self.seen = b""

    def wait_for(self, marker: bytes, timeout: float = 30) -> float:
        """Seconds until ``marker`` appears in the output read from now on (NaN on time-out)."""
        self.seen = b""
        started = time.perf_counter()
        while time.perf_counter() - started < timeout:
            ready, _, _ = select.select([self.main], [], [], 0.02)
            if ready:
                try:
                    self.seen += os.read(self.main, 65536)
                except OSError:
                    break
                if marker in self.seen:
                    return time.perf_counter() - started
        return float("nan")

    def send(self, keys: bytes) -> None:
        os.write(self.main, keys)

    def close(self) -> int:
        """Kill the process; its peak memory in KiB."""
        self.process.kill()
        _, _, usage = os.wait4(self.process.pid, 0)
        os.close(self.main)
        return usage.ru_maxrss


def readiness_command() -> list[str]:
    """The installed ``readiness`` command beside this Python, else ``python -m readiness``."""
    script = Path(sys.executable).with_name("readiness")
    return [str(script)] if script.exists() else [sys.executable, "-m", "readiness"]


def environment() -> tuple[dict[str, str], Path]:
    data = Path(tempfile.mkdtemp())
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env |= {
        "READINESS_DATA_DIR": str(data),
        "TERM": "xterm-256color",
    }  # bytecode kept, as installed
    return env, data


def startup(runs: int) -> dict[str, list[float] | int]:
    env, data = environment()
    bare_script = data / "bare.py"
    bare_script.write_text(BARE_APP)
    app = [
        *readiness_command(),
        "run",
        "--bank",
        "quick",
        "--anonymous",
        "--output-dir",
        str(data / "out"),
    ]
    bare_times, app_times, bare_rss, app_rss = [], [], 0, 0
    for _ in range(runs):  # interleaved, so drift in the machine hits both alike
        term = Pty([sys.executable, str(bare_script)], env)
        bare_times.append(term.wait_for(b"BARE-READY"))
        bare_rss = max(bare_rss, term.close())
        for session in data.glob("sessions/*.json"):
            session.unlink()  # no resume offer: measure the first question
        term = Pty(app, env)
        app_times.append(term.wait_for(FIRST_QUESTION))
        app_rss = max(app_rss, term.close())
    return {"bare": bare_times, "app": app_times, "bare_rss": bare_rss, "app_rss": app_rss}


def answer_latency(count: int) -> tuple[list[float], int]:
    """Seconds from a key to the next question drawn, over the core bank, in a real pty.

    A shadow :class:`Session` in this process gives the same replies and knows which question
    comes next, so each wait is for the right text.
    """
    from readiness.bank.load import load_bank
    from readiness.session.engine import Ask, Session

    env, data = environment()
    shadow = Session(load_bank("core"))
    term = Pty(
        [
            *readiness_command(),
            "run",
            "--bank",
            "core",
            "--anonymous",
            "--output-dir",
            str(data / "out"),
        ],
        env,
    )
    term.wait_for(shadow.step().question.prompt[:24].encode())  # type: ignore[union-attr]
    times: list[float] = []
    for _ in range(count):
        step = shadow.step()
        if not isinstance(step, Ask):
            break
        if not step.follow_up and step.question.type in ("scale", "single", "yesno"):
            shadow.answer(step.question.options[-1].id)
            key = str(len(step.question.options)).encode() + b"\r"  # Enter: at once
        else:
            shadow.skip()
            key = b"\x0f"  # Ctrl+O: skip
        following = shadow.step()
        if not isinstance(following, Ask):
            break
        time.sleep(0.05)  # let the previous screen settle, as a person would
        term.send(key)
        text = following.follow_up.text if following.follow_up else following.question.prompt
        times.append(term.wait_for(text[:24].encode(), timeout=10))
    rss = term.close()
    return [t for t in times if t == t], rss


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=11)
    args = parser.parse_args()
    found = startup(args.runs)
    bare, app = statistics.median(found["bare"]), statistics.median(found["app"])
    latencies, core_rss = answer_latency(45)
    print(f"{'measure':<44} {'median':>10} {'floor':>10} {'ratio':>7}")
    print(f"{'start-up to first question (s)':<44} {app:>10.3f} {bare:>10.3f} {app / bare:>7.2f}")
    print(
        f"{'answer to next question, core bank (ms)':<44} {statistics.median(latencies) * 1000:>10.1f}"
        f" {'':>10} {'':>7}   (n={len(latencies)}, p90 "
        f"{sorted(latencies)[int(len(latencies) * 0.9)] * 1000:.1f} ms)"
    )
    print(
        f"{'peak memory, quick bank start (MiB)':<44} {found['app_rss'] / 1024:>10.1f}"
        f" {found['bare_rss'] / 1024:>10.1f} {found['app_rss'] / found['bare_rss']:>7.2f}"
    )
    print(f"{'peak memory, core bank answered (MiB)':<44} {core_rss / 1024:>10.1f}")
    emit(
        [
            Row(
                "time to first question (quick bank)",
                app * 1000,
                bare * 1000,
                "bare Textual app to its first text",
                found["app_rss"] / 1024,
            ),
            Row(
                "answer to next question (core bank)",
                statistics.median(latencies) * 1000,
                peak_mib=core_rss / 1024,
            ),
        ]
    )


if __name__ == "__main__":
    main()
