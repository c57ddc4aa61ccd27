"""The facilitator's projector page, behind their secret: the join link and QR code, and the
group as it forms, updated by server-sent events.

``GET /facilitator?key=SECRET`` is the page (it refreshes itself every 10 s without
JavaScript); ``GET /facilitator/events?key=SECRET`` streams the figures as JSON after each
change in the workshop, at most :data:`MAX_RATE` a second, to at most :data:`MAX_STREAMS`
pages at once. The figures are worked out once per change, whoever watches, and only while
someone watches.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import time
from collections.abc import Callable
from typing import Any, Protocol

from aiohttp import web
from markupsafe import Markup

from readiness.model import Bank
from readiness.session.engine import Session
from readiness.text import one_line
from readiness.web import qr
from readiness.web.render import environment
from readiness.workshop.codes import same_secret
from readiness.workshop.links import FACILITATOR_PATH, join_url
from readiness.workshop.live import LiveFigures, ResultCache, live_figures

EVENTS_PATH = f"{FACILITATOR_PATH}/events"
MAX_RATE = 4
"""Updates a second, at most: a room answering at once sends one update per quarter second."""
MAX_STREAMS = 20
"""Event streams open at once (a projector, a laptop, a few spares): more are refused."""
HEARTBEAT = 15.0
"""Seconds between comments on a quiet stream, so proxies and browsers keep it open."""
REFRESH = 10
"""Seconds between reloads of the page when JavaScript is off."""
FORBIDDEN = "This page needs the facilitator's link (with its key)."


class Watched(Protocol):
    """What the live page needs of a workshop (``readiness.workshop.room.Workshop``)."""

    bank: Bank
    join_code: str | None
    facilitator_secret: str

    def snapshot(self) -> list[tuple[Session, bool]]: ...

    def subscribe(self, callback: Callable[[], None]) -> Callable[[], None]: ...


class Feed:
    """The figures of a workshop, worked out again after a change, at most MAX_RATE a second,
    for every open stream at once."""

    def __init__(self, workshop: Watched, min_group: int = 3) -> None:
        self.workshop = workshop
        self.min_group = min_group
        self.cache = ResultCache()
        self.version = 0
        self.streams = 0
        self._figures: LiveFigures | None = None
        self._published = 0.0
        self._pending: asyncio.Handle | None = None
        self._ready: asyncio.Event | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self.unsubscribe = workshop.subscribe(self.changed)

    def figures(self) -> LiveFigures:
        """The figures now (worked out if anything changed since last time)."""
        if self._figures is None:
            entries = self.workshop.snapshot()
            self._figures = live_figures(
                self.workshop.bank, entries, self.min_group, cache=self.cache
            )
        return self._figures

    def changed(self) -> None:
        """The workshop's callback: forget the figures; tell the streams, unless told lately."""
        self._figures = None
        loop = self._loop
        if loop is None or self._pending is not None or loop.is_closed():
            return
        wait = max(0.0, self._published + 1 / MAX_RATE - time.monotonic())
        try:
            running = asyncio.get_running_loop()
        except RuntimeError:
            running = None
        if running is loop:
            self._pending = loop.call_later(wait, self._publish)
        else:  # a change made outside the server's loop
            loop.call_soon_threadsafe(self._schedule, wait)

    def _schedule(self, wait: float) -> None:
        if self._pending is None and self._loop is not None:
            self._pending = self._loop.call_later(wait, self._publish)

    def _publish(self) -> None:
        self._pending = None
        self._published = time.monotonic()
        self.version += 1
        if self._ready is not None:
            self._ready.set()
            self._ready = asyncio.Event()

    async def wait(self, seen: int, timeout: float) -> int:
        """The version after ``seen`` (at once if there is one), or ``seen`` after ``timeout``."""
        self._loop = asyncio.get_running_loop()
        if self._ready is None:
            self._ready = asyncio.Event()
        if self.version != seen:
            return self.version
        ready = self._ready
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(ready.wait(), timeout)
        return self.version


def payload(figures: LiveFigures) -> dict[str, Any]:
    """What the page shows, as JSON: the figures without every question (the most divergent
    carry their answers)."""
    data = figures.as_json()
    data.pop("questions")
    return data


def live_routes(
    workshop: Watched, *, join_link: str | None = None, min_group: int = 3
) -> list[web.RouteDef]:
    """The projector page and its event stream for ``workshop``.

    Args:
        join_link: The participants' link; by default ``workshop.join_link`` when it has one,
            else made from the address the facilitator's page was opened at.
        min_group: The fewest people a role may have for its figures to be shown.
    """
    feed = Feed(workshop, min_group)

    def allowed(request: web.Request) -> bool:
        return same_secret(request.query.get("key"), workshop.facilitator_secret)

    async def page(request: web.Request) -> web.Response:
        if not allowed(request):
            raise web.HTTPForbidden(text=FORBIDDEN)
        link = join_link or getattr(workshop, "join_link", None) or _link_from(request, workshop)
        text = render_page(workshop, feed.figures(), link, request.query["key"])
        return web.Response(text=text, content_type="text/html", charset="utf-8")

    async def events(request: web.Request) -> web.StreamResponse:
        if not allowed(request):
            raise web.HTTPForbidden(text=FORBIDDEN)
        if feed.streams >= MAX_STREAMS:
            raise web.HTTPServiceUnavailable(
                text="Too many live views are open: close one and reload.",
                headers={"Retry-After": "10"},
            )
        feed.streams += 1
        try:
            return await _stream(request, feed)
        finally:
            feed.streams -= 1

    return [web.get(FACILITATOR_PATH, page), web.get(EVENTS_PATH, events)]


async def _stream(request: web.Request, feed: Feed) -> web.StreamResponse:
    response = web.StreamResponse(
        headers={
            "Content-Type": "text/event-stream",
            "Cache-Control": "no-store",
            "X-Accel-Buffering": "no",
        }
    )
    await response.prepare(request)
    await response.write(b"retry: 2000\n\n")
    seen = -1
    while True:
        found = await feed.wait(seen, HEARTBEAT)
        if found == seen:
            await response.write(b": still here\n\n")
            continue
        seen = found
        data = json.dumps(payload(feed.figures()), ensure_ascii=False, separators=(",", ":"))
        await response.write(f"event: figures\ndata: {data}\n\n".encode())


def _link_from(request: web.Request, workshop: Watched) -> str:
    return join_url(f"{request.scheme}://{request.host}/", workshop.join_code)


def render_page(workshop: Watched, figures: LiveFigures, link: str, key: str) -> str:
    """The projector page's HTML (everything a person or bank wrote is escaped)."""
    return (
        environment()
        .get_template("projector.html")
        .render(
            title=one_line(workshop.bank.title),
            link=link,
            code=workshop.join_code,
            qr=Markup(qr.svg(link)),  # segno's own markup: paths only, no text from anyone
            figures=payload(figures),
            roles=list(dict.fromkeys(r.role for d in figures.domains for r in d.roles)),
            events=f"{EVENTS_PATH}?key={key}",
            refresh=REFRESH,
        )
    )
