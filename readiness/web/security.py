"""What keeps a workshop's server safe on a shared network.

- **Host** (DNS rebinding): a page on another site whose name is made to resolve to this
  computer sends its own name as Host; only this computer's names and IP literals pass.
- **Origin** on every POST: another site's page cannot post our forms (a browser that says
  nothing is let through: the CSRF token still has to match).
- **CSRF tokens** tied to the session cookie (an HMAC of it with a key that lives only as long
  as the server), and for the join form to a one-off cookie (double submit).
- **Joins rate-limited** per address (a token bucket), which also slows guessing join codes.
- **Headers**: a content security policy that allows nothing from elsewhere, no referrer to
  other sites (the join code is in the link), no caching of pages, no framing.
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import ipaddress
import secrets
import socket
import time
from collections.abc import Awaitable, Callable, Iterable, MutableMapping
from urllib.parse import urlsplit

from aiohttp import web
from aiohttp.typedefs import Middleware

COOKIE = "readiness"
JOIN_COOKIE = "readiness_join"
CLIENT_MAX_SIZE = 64 * 1024
"""The largest request body (forms are a few hundred bytes; notes are capped at 2,000
characters)."""
HEADER_TIMEOUT = 10.0
"""Seconds a connection may take to send a request's headers (and may stay idle between
requests); aiohttp's keep-alive timer closes a connection whose request has not arrived."""

POLICY = (
    "default-src 'none'; style-src 'self'; script-src 'self'; img-src 'self' data:; "
    "form-action 'self'; base-uri 'none'; frame-ancestors 'none'; connect-src 'self'"
)
PAGE_HEADERS = {
    "Content-Security-Policy": POLICY,
    "Referrer-Policy": "same-origin",  # "no-referrer" makes browsers send Origin: null
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Opener-Policy": "same-origin",
}


def is_loopback(host: str) -> bool:
    """True when only this computer can connect to ``host``."""
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def local_names(bound: str) -> frozenset[str]:
    """The names a browser may use for this server (lower case, no port).

    IP literals are always accepted (a rebinding attack needs a name); names are this
    computer's own, and the name it was told to listen on.
    """
    names = {"localhost", bound.lower().strip("[]")}
    if not is_loopback(bound):
        hostname = socket.gethostname().lower()
        names |= {hostname, f"{hostname}.local", hostname.split(".")[0]}
        with contextlib.suppress(OSError):
            names.add(socket.getfqdn().lower())
    return frozenset(n for n in names if n)


def host_allowed(host_header: str | None, names: Iterable[str]) -> bool:
    """Whether a request's Host header names this server."""
    if not host_header:
        return False
    try:
        name = urlsplit(f"//{host_header}").hostname or ""
    except ValueError:
        return False
    try:
        ipaddress.ip_address(name)
        return True
    except ValueError:
        pass
    return name.lower().rstrip(".") in names


def origin_allowed(request: web.Request) -> bool:
    """False when another site's page sends the request."""
    if request.headers.get("Sec-Fetch-Site", "same-origin") not in ("same-origin", "none"):
        return False
    origin = request.headers.get("Origin")
    if origin is None:
        return True
    return origin != "null" and urlsplit(origin).netloc.lower() == request.host.lower()


class Csrf:
    """Form tokens: an HMAC of the session token, with a key made when the server starts."""

    def __init__(self, key: bytes | None = None) -> None:
        self._key = key or secrets.token_bytes(32)

    def token_for(self, secret: str) -> str:
        return hmac.new(self._key, secret.encode(), hashlib.sha256).hexdigest()[:40]

    def valid(self, secret: str | None, given: object) -> bool:
        if not secret or not isinstance(given, str):
            return False
        return hmac.compare_digest(self.token_for(secret), given)


class JoinLimiter:
    """A token bucket per client address: ``burst`` joins at once, then one every ``every``
    seconds. Addresses in ``exempt`` (this computer, when the facilitator tries it) are
    never limited."""

    def __init__(
        self, burst: int = 10, every: float = 3.0, exempt: Callable[[str], bool] | None = None
    ) -> None:
        self.burst, self.every = burst, every
        self._exempt = exempt or (lambda _address: False)
        self._buckets: dict[str, tuple[float, float]] = {}

    def allow(self, address: str | None, now: float | None = None) -> bool:
        """Take one join from the address's bucket; False when it is empty."""
        address = address or "?"
        if self._exempt(address):
            return True
        now = time.monotonic() if now is None else now
        tokens, then = self._buckets.get(address, (float(self.burst), now))
        tokens = min(float(self.burst), tokens + (now - then) / self.every)
        if len(self._buckets) > 10_000:  # forget the oldest: memory stays bounded
            self._buckets.clear()
        if tokens < 1:
            self._buckets[address] = (tokens, now)
            return False
        self._buckets[address] = (tokens - 1, now)
        return True


Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


def guard(
    names: frozenset[str], refused: Callable[[web.Request, int, str], web.Response]
) -> Middleware:
    """The middleware: Host on every request, Origin on every POST, headers on every answer."""

    @web.middleware
    async def middleware(request: web.Request, handler: Handler) -> web.StreamResponse:
        if not host_allowed(request.headers.get("Host"), names):
            return refused(request, 421, "This server does not answer to that name.")
        if request.method == "POST" and not origin_allowed(request):
            return refused(request, 403, "Forms can only be sent from this workshop's own pages.")
        try:
            response = await handler(request)
        except web.HTTPRequestEntityTooLarge:
            response = refused(request, 413, "That was too long to send.")
        except web.HTTPException as error:  # redirects and refusals get the headers too
            _headers(request, error.headers)
            raise
        if not response.prepared:
            _headers(request, response.headers)
        return response

    return middleware


def _headers(request: web.Request, headers: MutableMapping[str, str]) -> None:
    headers.update(PAGE_HEADERS)
    static = request.path.startswith("/static/")
    headers.setdefault("Cache-Control", "max-age=600" if static else "no-store")
