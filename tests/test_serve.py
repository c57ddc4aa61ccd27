"""``readiness serve``: the command line, what it announces, and the real server process
(started as ``python -m readiness serve --port 0``), stopped cleanly with every session saved.

The participant's page itself is tested in ``test_participant_web.py`` (in process) and
``test_participant_browser.py`` (headless Chromium).
"""

from __future__ import annotations

import asyncio
import os
import re
import signal
import socket
import subprocess
import sys
import threading
from dataclasses import dataclass
from pathlib import Path

import aiohttp
import pytest
from webforms import Browser, jar

from readiness.commands.serve import url_for, warning_box
from readiness.web.security import is_loopback

URL = re.compile(r"serving the workshop at http://127\.0\.0\.1:(\d+)/")
JOIN = re.compile(r"participants join at (\S+)")


@dataclass
class Served:
    """A running ``readiness serve`` and what it printed."""

    process: subprocess.Popen[str]
    port: int
    output_dir: Path
    log: Path
    said: str

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/"

    def stop(self, signum: int = signal.SIGTERM) -> int:
        if self.process.poll() is None:
            self.process.send_signal(signum)
        try:
            return self.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.process.kill()
            raise


def start_server(folder: Path, *args: str) -> Served:
    """Start ``readiness serve --no-live`` on a free port; return once it has said where."""
    folder.mkdir(parents=True, exist_ok=True)
    output_dir, log = folder / "results", folder / "serve.log"
    command = [
        sys.executable, "-m", "readiness", "serve", "--no-live", "--port", "0",
        "--output-dir", str(output_dir), *args,
    ]  # fmt: skip
    with log.open("w") as stderr:
        process = subprocess.Popen(
            command, stdout=subprocess.PIPE, stderr=stderr, text=True, cwd=folder,
            env={**os.environ, "PYTHONUNBUFFERED": "1"},
        )  # fmt: skip
    said = read_until(process, "press Ctrl+C", log)
    port = int(URL.search(said).group(1))  # type: ignore[union-attr]
    return Served(process, port, output_dir.resolve(), log, said)


def read_until(process: subprocess.Popen[str], wanted: str, log: Path, timeout: float = 30) -> str:
    """What the server printed, up to the line holding ``wanted`` (killed after ``timeout``)."""
    assert process.stdout is not None
    watchdog = threading.Timer(timeout, process.kill)
    watchdog.start()
    said = ""
    try:
        while wanted not in said:
            line = process.stdout.readline()
            if not line:
                break
            said += line
    finally:
        watchdog.cancel()
    if wanted not in said:
        process.kill()
        pytest.fail(f"the server never said {wanted!r}; it said:\n{said}\n{log.read_text()}")
    return said


# The command line, without a server.


def test_serve_help_does_not_load_textual_or_aiohttp() -> None:
    code = (
        "import contextlib, io, sys\nfrom readiness.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()) as out:\n"
        "    try:\n        main(['serve', '--help'])\n    except SystemExit:\n        pass\n"
        "assert '--max-participants' in out.getvalue()\nprint('\\n'.join(sys.modules))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    modules = set(done.stdout.split())
    assert "readiness.commands.serve" in modules
    heavy = {"textual", "aiohttp", "jinja2", "readiness.web.app", "readiness.workshop.room"}
    assert not modules & heavy


def test_help_names_every_option(cli) -> None:  # type: ignore[no-untyped-def]
    ran = cli("serve", "--help")
    for option in (
        "--bank", "--host", "--port", "--output-dir", "--max-participants", "--certfile",
        "--keyfile", "--min-group", "--no-live",
    ):  # fmt: skip
        assert option in ran.out
    assert "Ctrl+N" not in ran.out and "Ctrl+T" not in ran.out


@pytest.mark.parametrize(
    ("host", "loopback"),
    [
        ("127.0.0.1", True),
        ("localhost", True),
        ("::1", True),
        ("127.1.2.3", True),
        ("0.0.0.0", False),
        ("::", False),
        ("", False),
        ("192.168.1.20", False),
        ("example.org", False),
    ],
)
def test_only_loopback_hosts_count_as_this_computer(host: str, loopback: bool) -> None:
    assert is_loopback(host) is loopback


def test_the_url_to_open_is_one_a_browser_can_reach() -> None:
    assert url_for("0.0.0.0", 8000) == "http://127.0.0.1:8000/"
    assert url_for("::1", 8001) == "http://[::1]:8001/"
    assert url_for("127.0.0.1", 8443, tls=True) == "https://127.0.0.1:8443/"


def test_the_warning_says_who_can_take_part() -> None:
    text = " ".join(warning_box("0.0.0.0", 8123).replace("!!", " ").split())
    wanted = "Anyone on the network who can reach port 8123 and has the join code can take part"
    assert wanted in text


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (["--bank", "no-such-bank"], "no-such-bank"),
        (["--keyfile", "key.pem"], "--keyfile needs --certfile"),
        (["--certfile", "missing.pem"], "missing.pem"),
        (["--max-participants", "0"], "--max-participants"),
    ],
)
def test_bad_input_fails_before_listening(tmp_path: Path, args: list[str], said: str) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "readiness", "serve", "--port", "0", *args],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        timeout=30,
    )
    assert done.returncode in (1, 2)
    assert said in done.stderr and "Traceback" not in done.stderr
    assert "serving" not in done.stdout


# The real server.


@pytest.mark.slow
def test_busy_port_is_one_clear_line(tmp_path: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        done = subprocess.run(
            [sys.executable, "-m", "readiness", "serve", "--no-live", "--port", str(port)],
            capture_output=True,
            text=True,
            cwd=tmp_path,
            timeout=30,
        )
    assert done.returncode == 2
    assert done.stderr.startswith(f"readiness: cannot listen on 127.0.0.1 port {port}")
    assert len(done.stderr.strip().splitlines()) == 1 and "Traceback" not in done.stderr


@pytest.mark.slow
def test_on_loopback_the_join_link_needs_no_code(tmp_path: Path) -> None:
    server = start_server(tmp_path, "--bank", "quick")
    try:
        assert f"participants join at {server.url}join\n" in server.said
        assert "join code" not in server.said and "WARNING" not in server.log.read_text()
        assert "bank: Innovation readiness: quick check (quick), 12 questions" in server.said
        assert f"results go to {server.output_dir}" in server.said
        assert "at most 250 participants" in server.said
    finally:
        assert server.stop(signal.SIGINT) == 0


@pytest.mark.slow
def test_listening_wide_warns_and_puts_the_code_in_the_link(tmp_path: Path) -> None:
    server = start_server(tmp_path, "--host", "0.0.0.0", "--bank", "quick")
    try:
        text = " ".join(server.log.read_text().replace("!!", " ").split())
        assert "listening on 0.0.0.0, not only on this computer" in text
        code = re.search(r"join code: ([A-Z0-9]{6})\n", server.said).group(1)  # type: ignore[union-attr]
        link = JOIN.search(server.said).group(1)  # type: ignore[union-attr]
        assert link.endswith(f"/join/{code}")
        asyncio.run(_join_needs_the_code(server, code))
    finally:
        assert server.stop() == 0


async def _join_needs_the_code(server: Served, code: str) -> None:
    async with aiohttp.ClientSession(cookie_jar=jar()) as session:
        browser = Browser(server.url, session)
        await browser.get("/join/AAAAAA")
        assert browser.status == 404
        page = await browser.get(f"/join/{code}")
        await browser.submit(page.form("/join"), page.form("/join").button("Start"))
        assert browser.status == 200 and browser.url.rstrip("#now").endswith("/")


@pytest.mark.slow
def test_stopping_keeps_every_session_and_a_restart_resumes_it(tmp_path: Path) -> None:
    server = start_server(tmp_path, "--bank", "quick")
    cookies = asyncio.run(_answer_three(server))
    assert server.stop(signal.SIGINT) == 0
    assert "stopped; every session is saved" in server.log.read_text()
    assert len(list((server.output_dir / ".sessions").glob("*.json"))) == 1
    again = start_server(tmp_path, "--bank", "quick")
    try:
        assert "resumed 1 participants (0 finished)" in again.said
        asyncio.run(_still_three(again, cookies))
    finally:
        again.stop()


async def _answer_three(server: Served) -> dict[str, str]:
    async with aiohttp.ClientSession(cookie_jar=jar()) as session:
        browser = Browser(server.url, session)
        page = await browser.get("/join")
        page = await browser.submit(page.form("/join"), page.form("/join").button("Start"))
        for _ in range(3):
            form = page.form("/reply")
            page = await browser.submit(form, form.buttons[4])
        assert "3 of 12 done" in page.text
        return {c.key: c.value for c in session.cookie_jar}


async def _still_three(server: Served, cookies: dict[str, str]) -> None:
    async with aiohttp.ClientSession(cookies=cookies) as session:
        page = await Browser(server.url, session).get("/")
        assert "Welcome back" in page.text and "3 of 12 done" in page.text
