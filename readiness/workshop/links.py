"""The links a facilitator hands out: the participants' join link and their own view's.

Pure string work, shared by ``readiness serve`` (which prints them) and the live views
(which show them, and their QR codes).
"""

from __future__ import annotations

from urllib.parse import quote

FACILITATOR_PATH = "/facilitator"


def base_url(host: str, port: int, *, tls: bool = False) -> str:
    """``http://192.168.1.20:8000/``; an IPv6 address in brackets."""
    if ":" in host and not host.startswith("["):
        host = f"[{host}]"
    return f"{'https' if tls else 'http'}://{host}:{port}/"


def join_url(base: str, code: str | None) -> str:
    """Where participants go: ``BASE/join/CODE`` (``BASE/join`` when no code is needed)."""
    return f"{base}join/{quote(code, safe='')}" if code else f"{base}join"


def facilitator_url(base: str, secret: str) -> str:
    """The facilitator's projector view: ``BASE/facilitator?key=SECRET``."""
    return f"{base}{FACILITATOR_PATH.lstrip('/')}?key={quote(secret, safe='')}"
