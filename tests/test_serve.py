"""``readiness serve``: the page, one app per participant, their own sessions, nothing left behind.

The end-to-end tests start the real server (``python -m readiness serve --port 0``) and talk to
it as a browser does: the page over HTTP, the app over textual-serve's websocket protocol
(JSON text frames in, terminal bytes out).
"""

from __future__ import annotations

import asyncio
import os
import re
import secrets
import select
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from readiness.commands.serve import app_command, is_loopback, url_for, warning_box

ANSI = re.compile(r"\x1b\[[0-9;?<>=$ ]*[A-Za-z~]|\x1b[()][A-Z0-9]|\x1b[=>]")
URL = re.compile(r"http://127\.0\.0\.1:(\d+)/")
SIZE = {"width": 100, "height": 30}


@dataclass
class Served:
    """A running ``readiness serve`` and the folders it was given."""

    process: subprocess.Popen[str]
    port: int
    output_dir: Path
    data_dir: Path
    log: Path

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/"

    def ws_url(self, participant: str) -> str:
        return f"ws://127.0.0.1:{self.port}/ws/{participant}?width=100&height=30"

    def stderr(self) -> str:
        return self.log.read_text()

    def app_pid(self, participant: str) -> int | None:
        """The live app running with this participant's data folder, if any."""
        folder = f"READINESS_DATA_DIR={self.data_dir / 'participants' / participant}"
        pids = [pid for pid in app_pids(str(self.output_dir)) if folder in environ_of(pid)]
        return pids[0] if pids else None

    def stop(self) -> int:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
        try:
            return self.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.process.kill()
            raise


def start_server(folder: Path, *args: str) -> Served:
    """Start ``readiness serve`` on a free port; return once it says where it listens."""
    folder.mkdir(parents=True, exist_ok=True)
    output_dir, data_dir, log = folder / "results", folder / "data", folder / "serve.log"
    env = {**os.environ, "READINESS_DATA_DIR": str(data_dir)}
    command = [
        sys.executable,
        "-m",
        "readiness",
        "serve",
        "--port",
        "0",
        "--output-dir",
        str(output_dir),
        *args,
    ]
    with log.open("w") as stderr:
        process = subprocess.Popen(
            command, stdout=subprocess.PIPE, stderr=stderr, text=True, env=env, cwd=folder
        )
    port = int(wait_for_line(process, URL, log).group(1))
    return Served(process, port, output_dir.resolve(), data_dir.resolve(), log)


def wait_for_line(
    process: subprocess.Popen[str], pattern: re.Pattern[str], log: Path, timeout: float = 20
) -> re.Match[str]:
    assert process.stdout is not None
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        ready, _, _ = select.select([process.stdout], [], [], 0.2)
        line = process.stdout.readline() if ready else ""
        if found := pattern.search(line):
            return found
        if ready and not line and process.poll() is not None:
            break
    process.kill()
    pytest.fail(f"the server never said where it listens; its stderr:\n{log.read_text()}")


def app_pids(marker: str) -> list[int]:
    """Live ``readiness run`` processes whose command line names ``marker``."""
    pids = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            args = (entry / "cmdline").read_bytes().split(b"\0")
        except OSError:
            continue
        if b"run" in args and marker.encode() in args:
            pids.append(int(entry.name))
    return pids


def environ_of(pid: int) -> list[str]:
    try:
        return Path(f"/proc/{pid}/environ").read_bytes().decode(errors="replace").split("\0")
    except OSError:
        return []


def gone(pid: int) -> bool:
    """True once the process has exited and been reaped (a zombie still has /proc/PID)."""
    return not Path(f"/proc/{pid}").exists()


def wait_until(predicate: Callable[[], object], timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            pytest.fail(f"timed out after {timeout}s waiting for {what}")
        time.sleep(0.1)


def new_participant() -> str:
    return secrets.token_hex(16)


async def open_app(session, url: str):
    """Connect as textual.js does: the websocket, then the terminal size."""
    websocket = await session.ws_connect(url)
    await websocket.send_json(["resize", SIZE])
    return websocket


async def screen_until(websocket, wanted: str, timeout: float = 20) -> str:
    """The app's output as text (escape codes removed), read until ``wanted`` shows."""
    import aiohttp

    text = ""
    deadline = time.monotonic() + timeout
    while wanted not in ANSI.sub("", text):
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            pytest.fail(f"{wanted!r} never showed; the screen ended:\n{ANSI.sub('', text)[-1500:]}")
        try:
            message = await asyncio.wait_for(websocket.receive(), remaining)
        except TimeoutError:
            continue
        if message.type == aiohttp.WSMsgType.BINARY:
            text += message.data.decode("utf-8", "replace")
        elif message.type in (aiohttp.WSMsgType.CLOSE, aiohttp.WSMsgType.CLOSED):
            pytest.fail(f"the app closed before {wanted!r} showed")
    return ANSI.sub("", text)


async def finish_quick_check(websocket) -> str:
    """Start the quick check, answer all twelve questions with option 4, finish."""
    await screen_until(websocket, "Which assessment?")
    await websocket.send_json(["stdin", "\x07"])  # Ctrl+G: start
    await screen_until(websocket, "0 of 12 done")
    for done in range(1, 12):
        await websocket.send_json(["stdin", "4\r"])  # a number, then Enter
        await screen_until(websocket, f"{done} of 12 done")
    await websocket.send_json(["stdin", "4\r"])
    await screen_until(websocket, "Finish")
    await websocket.send_json(["stdin", "\x06"])  # Ctrl+F: finish
    return await screen_until(websocket, "Your answers are saved")


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    """One server for the module's browser tests, stopped (and checked) at the end."""
    server = start_server(tmp_path_factory.mktemp("serve"), "--bank", "quick")
    yield server
    assert server.stop() == 0, server.stderr()
    assert app_pids(str(server.output_dir)) == []


# The command line, without a server.


def test_serve_help_does_not_load_textual() -> None:
    code = (
        "import contextlib, io, sys\nfrom readiness.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()) as out:\n"
        "    try:\n        main(['serve', '--help'])\n    except SystemExit:\n        pass\n"
        "assert '--output-dir' in out.getvalue()\nprint('\\n'.join(sys.modules))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    modules = set(done.stdout.split())
    assert "readiness.commands.serve" in modules
    assert not modules & {"textual", "textual_serve", "aiohttp", "readiness.web.server"}


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


def test_the_warning_says_who_can_take_part() -> None:
    text = " ".join(warning_box("0.0.0.0", 8123).replace("!!", " ").split())
    wanted = "Anyone on the network who can reach port 8123 can take part and see the questions"
    assert wanted in text


def test_the_app_command_is_this_python_with_an_absolute_output_folder(tmp_path: Path) -> None:
    assert app_command(tmp_path, "quick") == (
        sys.executable,
        "-m",
        "readiness",
        "run",
        "--output-dir",
        str(tmp_path),
        "--bank",
        "quick",
    )
    assert app_command(tmp_path, None)[-2:] == ("--output-dir", str(tmp_path))


@pytest.mark.parametrize(
    "participant",
    [
        "0123456789abcdef",
        "a" * 32,
        "f" * 64,
    ],
)
def test_participant_ids_name_a_folder_under_participants(participant: str, tmp_path: Path) -> None:
    from readiness.web.server import participant_dir

    assert participant_dir(tmp_path, participant) == tmp_path / "participants" / participant


@pytest.mark.parametrize(
    "participant",
    [
        "",
        "..",
        "../" + "a" * 32,
        "0123456789ABCDEF",
        "0123456789abcde",
        "a" * 65,
        "g" * 32,
        "a" * 32 + "\n",
        "a" * 16 + "/",
        "%2e%2e",
    ],
)
def test_anything_else_is_refused(participant: str, tmp_path: Path) -> None:
    from readiness.web.server import participant_dir

    with pytest.raises(ValueError):
        participant_dir(tmp_path, participant)


def test_a_bad_bank_fails_before_listening(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "readiness", "serve", "--port", "0", "--bank", "no-such-bank"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        timeout=30,
    )
    assert done.returncode in (1, 2)
    assert "no-such-bank" in done.stderr and "Traceback" not in done.stderr
    assert "serving" not in done.stdout


@pytest.mark.slow
async def test_an_app_that_ignores_sigterm_is_killed_and_reaped() -> None:
    """The escalation itself: quit is ignored, SIGTERM is ignored, SIGKILL is not."""
    from readiness.web.server import end_process

    stubborn = "import signal\nsignal.signal(signal.SIGTERM, signal.SIG_IGN)\nwhile True: pass"
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-c", stubborn, start_new_session=True
    )
    await asyncio.sleep(0.3)
    started = time.monotonic()
    assert await end_process(process) == -signal.SIGKILL
    assert time.monotonic() - started < 10
    assert gone(process.pid)


# The real server.


@pytest.mark.slow
def test_busy_port_is_one_clear_line(tmp_path: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        done = subprocess.run(
            [sys.executable, "-m", "readiness", "serve", "--port", str(port)],
            capture_output=True,
            text=True,
            cwd=tmp_path,
            timeout=30,
        )
    assert done.returncode == 2
    assert done.stderr.startswith(f"readiness: cannot listen on 127.0.0.1 port {port}")
    assert len(done.stderr.strip().splitlines()) == 1 and "Traceback" not in done.stderr


@pytest.mark.slow
def test_listening_on_every_address_warns_loudly(tmp_path: Path) -> None:
    server = start_server(tmp_path, "--host", "0.0.0.0")
    try:
        wait_until(lambda: "WARNING" in server.stderr(), 10, "the warning")
        text = " ".join(server.stderr().replace("!!", " ").split())
        assert "listening on 0.0.0.0, not only on this computer" in text
        assert (
            f"Anyone on the network who can reach port {server.port} can take part and see "
            "the questions"
        ) in text
    finally:
        server.stop()


@pytest.mark.slow
def test_the_page_is_the_app_and_loads_nothing_from_elsewhere(served: Served) -> None:
    with urllib.request.urlopen(served.url, timeout=10) as response:
        page = response.read().decode()
        policy = response.headers["Content-Security-Policy"]
    assert "<title>readiness</title>" in page
    assert 'data-session-websocket-url="/ws/"' in page and "localStorage" in page
    assert "googleapis" not in page and "gstatic" not in page
    for address in re.findall(r"https?://[^\s\"'<>)]*", page):
        assert re.match(r"https?://(127\.0\.0\.1|localhost)[:/]", address), address
    assert "default-src 'none'" in policy and "https:" not in policy
    assert "WARNING" not in served.stderr()


@pytest.mark.slow
def test_everything_the_page_links_is_served_here(served: Served) -> None:
    with urllib.request.urlopen(served.url, timeout=10) as response:
        page = response.read().decode()
    links = {*re.findall(r'(?:href|src)="(/[^"]*)"', page), *re.findall(r'url\("(/[^"]*)"\)', page)}
    assert len(links) >= 4  # textual.js, xterm.css and the two fonts
    for link in links:
        with urllib.request.urlopen(served.url.rstrip("/") + link, timeout=10) as response:
            assert response.status == 200, link


@pytest.mark.slow
async def test_a_websocket_without_a_proper_participant_id_starts_nothing(served: Served) -> None:
    import aiohttp

    async with aiohttp.ClientSession() as session:
        for path in ("ws", "ws/0123456789ABCDEF0123", "ws/..%2F..%2Fetc", "ws/" + "a" * 65):
            with pytest.raises(aiohttp.WSServerHandshakeError) as refused:
                await session.ws_connect(served.url + path)
            assert refused.value.status == 404
    assert not (served.data_dir / "etc").exists()


@pytest.mark.slow
async def test_another_sites_page_cannot_open_the_app(served: Served) -> None:
    """Browsers always send Origin: a page from elsewhere is refused, ours is let in."""
    import aiohttp

    refused_id, ours_id = new_participant(), new_participant()
    async with aiohttp.ClientSession() as session:
        with pytest.raises(aiohttp.WSServerHandshakeError) as refused:
            await session.ws_connect(
                served.ws_url(refused_id), headers={"Origin": "http://elsewhere.example"}
            )
        assert refused.value.status == 403
        websocket = await session.ws_connect(
            served.ws_url(ours_id), headers={"Origin": served.url.rstrip("/")}
        )
        await websocket.close()
    assert not (served.data_dir / "participants" / refused_id).exists()
    assert (served.data_dir / "participants" / ours_id).is_dir()


@pytest.mark.slow
def test_a_dropped_connection_leaves_no_app_behind(served: Served) -> None:
    """The client is killed outright: no close frame, the socket just goes."""
    participant = new_participant()
    client = (
        "import asyncio, aiohttp, sys\n"
        "async def main():\n"
        "    async with aiohttp.ClientSession() as session:\n"
        "        ws = await session.ws_connect(sys.argv[1])\n"
        f"        await ws.send_json(['resize', {SIZE!r}])\n"
        "        await ws.receive()\n"
        "        print('connected', flush=True)\n"
        "        await asyncio.sleep(600)\n"
        "asyncio.run(main())\n"
    )
    browser = subprocess.Popen(
        [sys.executable, "-c", client, served.ws_url(participant)],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        wait_for_line(browser, re.compile("connected"), served.log)
        wait_until(lambda: served.app_pid(participant), 15, "the participant's app")
        pid = served.app_pid(participant)
        assert pid is not None
    finally:
        browser.kill()
        browser.wait()
    wait_until(lambda: gone(pid), 15, f"app pid {pid} to end")


@pytest.mark.slow
async def test_closing_the_tab_ends_the_app(served: Served) -> None:
    import aiohttp

    participant = new_participant()
    async with aiohttp.ClientSession() as session:
        websocket = await open_app(session, served.ws_url(participant))
        await screen_until(websocket, "Which assessment?")
        pid = served.app_pid(participant)
        assert pid is not None
        await websocket.close()
    await asyncio.to_thread(wait_until, lambda: gone(pid), 15, f"app pid {pid} to end")


@pytest.mark.slow
async def test_each_participant_resumes_their_own_session_and_nobody_elses(served: Served) -> None:
    import aiohttp

    alice, bob = new_participant(), new_participant()
    async with aiohttp.ClientSession() as session:
        websocket = await open_app(session, served.ws_url(alice))
        await screen_until(websocket, "Which assessment?")
        await websocket.send_json(["stdin", "\x07"])  # Ctrl+G: start the quick check
        await screen_until(websocket, "0 of 12 done")
        await websocket.close()

        websocket = await open_app(session, served.ws_url(bob))
        shown = await screen_until(websocket, "Which assessment?")
        assert "unfinished assessment" not in shown
        await websocket.close()

        websocket = await open_app(session, served.ws_url(alice))
        await screen_until(websocket, "You have an unfinished assessment")
        await websocket.close()

    participants = served.data_dir / "participants"
    assert len(list((participants / alice / "sessions").glob("*.json"))) == 1
    assert not (participants / bob / "sessions").exists()
    assert not (served.data_dir / "sessions").exists()  # the facilitator's own sessions untouched
    assert (participants / alice).stat().st_mode & 0o077 == 0


@pytest.mark.slow
async def test_a_second_tab_takes_over_from_the_first(served: Served) -> None:
    """Two apps must never write one participant's session: the newer tab wins."""
    import aiohttp

    participant = new_participant()
    async with aiohttp.ClientSession() as session:
        first = await open_app(session, served.ws_url(participant))
        await screen_until(first, "Which assessment?")
        first_pid = served.app_pid(participant)
        second = await open_app(session, served.ws_url(participant))
        await screen_until(second, "Which assessment?")
        while not first.closed:
            await asyncio.wait_for(first.receive(), 10)
        assert first_pid is not None and gone(first_pid)
        assert served.app_pid(participant) not in (None, first_pid)
        await second.close()


@pytest.mark.slow
async def test_stopping_the_server_ends_every_app(tmp_path: Path) -> None:
    import aiohttp

    server = await asyncio.to_thread(start_server, tmp_path)
    participant = new_participant()
    try:
        async with aiohttp.ClientSession() as session:
            websocket = await open_app(session, server.ws_url(participant))
            await screen_until(websocket, "Which assessment?")
            pid = server.app_pid(participant)
            assert pid is not None
            assert await asyncio.to_thread(server.stop) == 0
            assert gone(pid)
            await websocket.receive()  # the server closed it
    finally:
        server.stop()


@pytest.mark.slow
async def test_every_participant_result_lands_in_the_output_folder(served: Served) -> None:
    """One file each, even with the same (anonymous) name: the app never overwrites."""
    import aiohttp

    async with aiohttp.ClientSession() as session:
        for _ in range(2):
            websocket = await open_app(session, served.ws_url(new_participant()))
            shown = await finish_quick_check(websocket)
            assert "saved with the facilitator" in shown
            assert str(served.output_dir) not in shown  # the facilitator's folders stay private
            await websocket.close()
    results = sorted(p.name for p in served.output_dir.glob("quick-*-anonymous*.json"))
    assert len(results) == 2 and results[0].endswith("-anonymous-2.json"), results


@pytest.mark.slow
async def test_an_app_that_dies_ends_the_page_session(served: Served) -> None:
    """The page must say the session ended, not sit on a frozen screen."""
    import aiohttp

    participant = new_participant()
    async with aiohttp.ClientSession() as session:
        websocket = await open_app(session, served.ws_url(participant))
        await screen_until(websocket, "Which assessment?")
        pid = served.app_pid(participant)
        assert pid is not None
        os.kill(pid, signal.SIGKILL)
        message = await asyncio.wait_for(websocket.receive(), 10)
        while message.type == aiohttp.WSMsgType.BINARY:
            message = await asyncio.wait_for(websocket.receive(), 10)
        assert message.type in (aiohttp.WSMsgType.CLOSE, aiohttp.WSMsgType.CLOSED)
    await asyncio.to_thread(wait_until, lambda: gone(pid), 10, f"app pid {pid} to be reaped")
