"""textual-serve, adapted for a workshop: one app per browser, a private folder per participant.

textual-serve's :class:`~textual_serve.server.Server` starts one shell command per websocket and,
when the websocket closes, asks the app to quit and waits for it for ever; an app that cannot
quit (blocked writing to a pipe nobody reads any more) is left behind. Its page also loads a
web font from Google. This module keeps textual-serve's protocol and static files and changes
only what a workshop needs:

- the page (``templates/app_index.html``): local fonts and scripts only, and a participant id
  kept in the browser's localStorage and sent as the websocket path ``/ws/<id>``;
- the launch: the app command as an argv (no shell), in its own process group, with
  ``READINESS_DATA_DIR`` set to the participant's own folder, so each one resumes their own
  session and nobody else's;
- the stop: ask the app to quit, then SIGTERM, then SIGKILL, and reap it, whatever state the
  app or the connection is in;
- one live app per participant: a second tab takes over from the first, so two apps never
  write the same session;
- listening: bind first and report a busy port as one clear error, then announce the address.
"""

from __future__ import annotations

import asyncio
import logging
import os
import re
import shlex
import signal
from collections.abc import Callable, Sequence
from contextlib import suppress
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import aiohttp_jinja2
from aiohttp import WSCloseCode, web
from textual_serve.app_service import AppService
from textual_serve.server import Server, to_int

from readiness.errors import UsageError

log = logging.getLogger("readiness.serve")

PARTICIPANT_ID = re.compile(r"[a-f0-9]{16,64}")
TEMPLATES = Path(__file__).resolve().parent / "templates"
HOST_HEADER = re.compile(r"[A-Za-z0-9.:\[\]-]{1,255}")
DATA_DIR_ENV = "READINESS_DATA_DIR"

QUIT_GRACE = 1.5
"""Seconds an app asked to quit gets to exit cleanly (its answers are already saved)."""
STOP_STAGES: tuple[tuple[signal.Signals | None, float], ...] = (
    (None, QUIT_GRACE),
    (signal.SIGTERM, 2.5),
    (signal.SIGKILL, 5.0),
)
"""How an app is ended: (signal to send to its process group, seconds to wait for it)."""


@dataclass(frozen=True)
class ServeConfig:
    """What the server needs to know.

    Attributes:
        host: The address to listen on.
        port: The port; 0 lets the system pick a free one.
        app_command: The argv that starts one app (it speaks textual-serve's protocol).
        data_dir: The facilitator's data folder; participant ``X`` gets ``participants/X``.
        on_listening: Called with the bound port once the server accepts connections.
    """

    host: str
    port: int
    app_command: tuple[str, ...]
    data_dir: Path
    on_listening: Callable[[int], None]


def participant_dir(data_dir: Path, participant: str) -> Path:
    """The participant's own data folder; ValueError for anything but a plain hex id."""
    if not PARTICIPANT_ID.fullmatch(participant):
        raise ValueError(f"not a participant id: {participant[:80]!r}")
    return data_dir / "participants" / participant


def signal_group(pid: int, signum: signal.Signals) -> None:
    """Signal the app's whole process group (it leads its own session)."""
    with suppress(ProcessLookupError, PermissionError):
        os.killpg(pid, signum)


async def end_process(process: asyncio.subprocess.Process) -> int | None:
    """Wait for the app to exit, escalating to SIGTERM then SIGKILL; its exit status.

    The status is read from ``returncode`` (set once the child is reaped) rather than only from
    ``wait()``, which also waits for the pipes to close.
    """
    for signum, grace in STOP_STAGES:
        if process.returncode is not None:
            break
        if signum is not None:
            log.info("app pid %d did not quit; sending %s", process.pid, signum.name)
            signal_group(process.pid, signum)
        with suppress(TimeoutError):
            await asyncio.wait_for(process.wait(), grace)
    return process.returncode


class ParticipantApp(AppService):
    """One participant's app process: launched without a shell, always ended and reaped."""

    def __init__(self, argv: Sequence[str], data_dir: Path, **kwargs: Any) -> None:
        super().__init__(shlex.join(argv), **kwargs)
        self.argv = tuple(argv)
        self.data_dir = data_dir
        self._stopping: asyncio.Future[None] | None = None

    @property
    def pid(self) -> int | None:
        return self._process.pid if self._process is not None else None

    def _build_environment(self, width: int = 80, height: int = 24) -> dict[str, str]:
        environment = super()._build_environment(width, height)
        environment[DATA_DIR_ENV] = str(self.data_dir)
        return environment

    async def _open_app_process(
        self, width: int = 80, height: int = 24
    ) -> asyncio.subprocess.Process:
        """Exec the argv in a new session, so that stopping it reaches every process it made."""
        self.data_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
        pipe = asyncio.subprocess.PIPE
        self._process = process = await asyncio.create_subprocess_exec(
            *self.argv,
            stdin=pipe,
            stdout=pipe,
            stderr=pipe,
            env=self._build_environment(width, height),
            start_new_session=True,
        )
        assert process.stdin is not None
        self._stdin = process.stdin
        return process

    async def run(self) -> None:
        """Relay the app's output; when the app ends, for whatever reason, close the page's
        websocket so the participant sees that the session ended instead of a frozen screen."""
        await super().run()
        with suppress(Exception):
            await self.remote_close()

    async def on_data(self, payload: bytes) -> None:
        """Drop output once the browser is gone, but keep reading it: an app whose output
        pipe fills up blocks in a write and can no longer quit."""
        with suppress(ConnectionError):
            await super().on_data(payload)

    async def on_meta(self, data: bytes) -> None:
        with suppress(ConnectionError):
            await super().on_meta(data)

    async def stop(self) -> None:
        """End the app; safe to call more than once and from several tasks at a time."""
        if self._stopping is None:
            self._stopping = asyncio.ensure_future(self._stop())
        await asyncio.shield(self._stopping)

    async def _stop(self) -> None:
        process, task = self._process, self._task
        if process is None:
            return
        await self._download_manager.cancel_app_downloads(app_service_id=self.app_service_id)
        if process.returncode is None:
            with suppress(TimeoutError):
                await asyncio.wait_for(self.send_meta({"type": "quit"}), QUIT_GRACE)
        status = await end_process(process)
        if task is not None:
            with suppress(TimeoutError):
                await asyncio.wait_for(task, QUIT_GRACE)
            self._task = None
        log.info("app pid %d ended (exit status %s)", process.pid, status)


class ReadinessServer(Server):
    """textual-serve's server with our page, our launch, our stop; see the module docstring."""

    def __init__(self, config: ServeConfig) -> None:
        super().__init__(
            shlex.join(config.app_command),
            host=config.host,
            port=config.port,
            title="readiness",
            templates_path=TEMPLATES,
        )
        self.config = config
        self._apps: dict[str, ParticipantApp] = {}

    def serve(self, debug: bool = False) -> None:
        """Listen until SIGINT or SIGTERM; UsageError if the address cannot be used."""
        self.debug = debug
        asyncio.run(self._serve())

    async def _serve(self) -> None:
        runner = web.AppRunner(
            await self._make_app(), handle_signals=False, access_log=None, shutdown_timeout=5
        )
        await runner.setup()
        try:
            site = web.TCPSite(runner, self.host, self.port)
            try:
                await site.start()
            except OSError as error:
                raise UsageError(
                    f"cannot listen on {self.host} port {self.port}: {error.strerror or error}; "
                    "choose another with --port or --host"
                ) from None
            self.config.on_listening(int(runner.addresses[0][1]))
            await until_signalled()
        finally:
            await runner.cleanup()

    async def _make_app(self) -> web.Application:
        app = await super()._make_app()
        app.router.add_get("/ws/{participant}", self.handle_websocket, name="participant")
        return app

    async def on_startup(self, app: web.Application) -> None:
        """Say nothing yet: the address is announced once the port is really bound."""

    async def on_shutdown(self, app: web.Application) -> None:
        """End every app and close its websocket, so shutting down leaves nothing behind."""
        apps = list(self._apps.values())
        await asyncio.gather(*(close_and_stop(app) for app in apps), return_exceptions=True)

    async def handle_index(self, request: web.Request) -> web.Response:
        """Our page, with headers that keep the browser from loading anything from elsewhere."""
        context = {
            "font_size": min(max(to_int(request.query.get("fontsize", "16"), 16), 8), 40),
            "static_url": request.app.router["static"].canonical + "/",
            "application": {"name": self.title},
        }
        response = aiohttp_jinja2.render_template("app_index.html", request, context)
        response.headers.update(page_headers(request.host))
        return response

    async def handle_websocket(self, request: web.Request) -> web.WebSocketResponse:
        """One websocket, one app, run as the participant named in the path."""
        participant = request.match_info.get("participant", "")
        try:
            folder = participant_dir(self.config.data_dir, participant)
        except ValueError:
            raise web.HTTPNotFound(text="no such participant; reload the page") from None
        if not same_origin(request):
            raise web.HTTPForbidden(text="open the assessment from this server's own page")
        websocket = web.WebSocketResponse(heartbeat=15, timeout=3)
        await websocket.prepare(request)
        app = ParticipantApp(
            self.config.app_command,
            folder,
            write_bytes=websocket.send_bytes,
            write_str=websocket.send_str,
            close=websocket.close,
            download_manager=self.download_manager,
            debug=self.debug,
        )
        await self._take_over(participant, app)
        try:
            await self._run_app(request, websocket, app)
        finally:
            await close_and_stop(app)
            if self._apps.get(participant) is app:
                del self._apps[participant]
        return websocket

    async def _run_app(
        self, request: web.Request, websocket: web.WebSocketResponse, app: ParticipantApp
    ) -> None:
        participant = request.match_info["participant"]
        width = to_int(request.query.get("width", "80"), 80)
        height = to_int(request.query.get("height", "24"), 24)
        try:
            await app.start(width, height)
            log.info("participant %s…: app started (pid %s)", participant[:8], app.pid)
            await self._process_messages(websocket, app)
        except Exception:
            log.exception("participant %s…: the connection failed", participant[:8])

    async def _take_over(self, participant: str, app: ParticipantApp) -> None:
        """Register ``app`` as the participant's only app, ending an older one first."""
        older = self._apps.get(participant)
        self._apps[participant] = app
        if older is not None:
            log.info("participant %s…: opened again; closing the older tab", participant[:8])
            await close_and_stop(older)


async def close_and_stop(app: ParticipantApp) -> None:
    """Close the app's websocket (if still open) and end its process, both at once."""
    await asyncio.gather(
        app.remote_close(code=WSCloseCode.GOING_AWAY),  # type: ignore[call-arg]  # ws.close
        app.stop(),
        return_exceptions=True,
    )


def same_origin(request: web.Request) -> bool:
    """False when another site's page opens the websocket (browsers always send Origin)."""
    origin = request.headers.get("Origin")
    return origin is None or urlsplit(origin).netloc == request.host


def page_headers(host: str) -> dict[str, str]:
    """Security headers for the page: same-origin only, no referrer, no caching."""
    sockets = f" ws://{host} wss://{host}" if HOST_HEADER.fullmatch(host) else ""
    policy = (
        "default-src 'none'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; "
        f"font-src 'self'; img-src 'self' data:; connect-src 'self'{sockets}; "
        "base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
    )
    return {
        "Content-Security-Policy": policy,
        "Referrer-Policy": "no-referrer",
        "X-Content-Type-Options": "nosniff",
        "Cache-Control": "no-store",
    }


async def until_signalled() -> None:
    """Return on SIGINT (Ctrl+C) or SIGTERM."""
    loop = asyncio.get_running_loop()
    stop = asyncio.Event()
    for signum in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(signum, stop.set)
    try:
        await stop.wait()
    finally:
        for signum in (signal.SIGINT, signal.SIGTERM):
            loop.remove_signal_handler(signum)
