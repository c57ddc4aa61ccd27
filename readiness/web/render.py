"""Pages from templates: Jinja2 with autoescaping on, so nothing a bank or a person wrote is
ever read as HTML."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import jinja2
from aiohttp import web

TEMPLATES = Path(__file__).resolve().parent / "templates"
STATIC = Path(__file__).resolve().parent / "static"


@cache
def environment() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        auto_reload=False,
    )


def page(name: str, context: dict[str, Any], status: int = 200) -> web.Response:
    """A rendered template as an HTML response."""
    context = {"title": "readiness", "bank": "", **context}
    text = environment().get_template(name).render(context)
    return web.Response(text=text, status=status, content_type="text/html", charset="utf-8")


def message(
    title: str, text: str, status: int, *, link: str = "", link_text: str = "", bank: str = ""
) -> web.Response:
    """A page that only says something (an error, the workshop is full...)."""
    context = {"title": title, "text": text, "link": link, "link_text": link_text, "bank": bank}
    return page("message.html", context, status)
