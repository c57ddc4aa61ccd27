"""The workshop's web server: one process, every participant, the facilitator's live page.

:func:`make_app` builds the aiohttp application (participant routes from
:mod:`readiness.web.participant`, the facilitator's from :mod:`readiness.web.live` when that
module is there); :func:`start_server` starts it in the running event loop and returns its
runner, so ``readiness serve`` or a Textual app can host it and stop it with
``await runner.cleanup()``.
"""

from __future__ import annotations

import importlib
import importlib.util
import inspect
import ssl
from typing import Any

from aiohttp import web

from readiness.errors import UsageError
from readiness.web import participant
from readiness.web.render import STATIC, message
from readiness.web.security import (
    CLIENT_MAX_SIZE,
    HEADER_TIMEOUT,
    Csrf,
    JoinLimiter,
    guard,
    is_loopback,
    local_names,
)
from readiness.workshop.room import Workshop

LIVE_MODULE = "readiness.web.live"


def make_app(
    workshop: Workshop,
    *,
    host: str = "127.0.0.1",
    secure: bool = False,
    limiter: JoinLimiter | None = None,
) -> web.Application:
    """The application for ``workshop``, served on ``host`` (which sets the names accepted in
    the Host header); ``secure`` when served over TLS (cookies are then Secure)."""
    if limiter is None:
        limiter = JoinLimiter(exempt=is_loopback)
    app = web.Application(
        client_max_size=CLIENT_MAX_SIZE,
        middlewares=[guard(local_names(host), _refused)],
    )
    app[participant.CONTEXT] = participant.Context(workshop, Csrf(), limiter, secure)
    app.add_routes(participant.routes())
    app.router.add_static("/static", STATIC, append_version=False)
    if importlib.util.find_spec(LIVE_MODULE) is not None:
        live: Any = importlib.import_module(LIVE_MODULE)  # the facilitator's paths
        options = inspect.signature(live.live_routes).parameters
        extra = {"min_group": workshop.min_group} if "min_group" in options else {}
        app.add_routes(live.live_routes(workshop, **extra))
    return app


def _refused(request: web.Request, status: int, text: str) -> web.Response:
    return message("Refused", text, status)


async def start_server(
    workshop: Workshop,
    host: str,
    port: int,
    ssl_context: ssl.SSLContext | None,
    *,
    header_timeout: float = HEADER_TIMEOUT,
    limiter: JoinLimiter | None = None,
) -> web.AppRunner:
    """Listen on ``host``:``port`` in the running loop; the runner's ``addresses`` say where.

    Raises:
        UsageError: The address cannot be used (a busy port, say), in one clear line.
    """
    app = make_app(workshop, host=host, secure=ssl_context is not None, limiter=limiter)
    runner = web.AppRunner(
        app,
        handle_signals=False,
        access_log=None,
        keepalive_timeout=header_timeout,
        shutdown_timeout=3,
        max_line_size=8190,
        max_field_size=8190,
        max_headers=64,
    )
    await runner.setup()
    site = web.TCPSite(runner, host, port, ssl_context=ssl_context, backlog=512)
    try:
        await site.start()
    except OSError as error:
        await runner.cleanup()
        raise UsageError(
            f"cannot listen on {host} port {port}: {error.strerror or error}; "
            "choose another with --port or --host"
        ) from None
    return runner


def tls_context(certfile: str, keyfile: str | None) -> ssl.SSLContext:
    """A server TLS context from a certificate (and key) file; UsageError when unusable."""
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.minimum_version = ssl.TLSVersion.TLSv1_2
    try:
        context.load_cert_chain(certfile, keyfile)
    except (OSError, ssl.SSLError) as error:
        raise UsageError(
            f"{certfile}: cannot use it as the TLS certificate "
            f"({getattr(error, 'strerror', None) or error}); check --certfile and --keyfile"
        ) from None
    return context
