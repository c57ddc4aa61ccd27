"""The renderers of the summary document, one module per format, picked by name.

As check-jsonschema picks a reporter from ``REPORTER_BY_NAME``, the report command, the API
and the end of a session pick a renderer from :data:`RENDERER_BY_NAME`. A renderer module
holds ``render(document, *, width) -> str``; it is imported only when used, so listing the
formats (``readiness report --help``) loads no renderer. Adding a format is one module and
its line here. The app's summary screen and the terminal use
:mod:`readiness.report.renderers.rich_view`; the ``html`` page comes from a Jinja2 template with
charts drawn by :mod:`readiness.report.renderers.charts`. PDF (bytes, not text) is the same
page printed: :mod:`readiness.report.pdf`.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Protocol

from msgspec import Struct

if TYPE_CHECKING:  # the registry is read by every command's --help: it loads no report code
    from readiness.report.document import Document


class RenderFunction(Protocol):
    def __call__(self, document: Document, *, width: int) -> str: ...


class Renderer(Struct, frozen=True):
    """A format: its name, the file suffixes that choose it, and the module that draws it."""

    name: str
    suffixes: tuple[str, ...]
    module: str
    description: str

    def render(self, document: Document, *, width: int = 80, bars: bool = False) -> str:
        """The document in this format (``width`` where the format lays out by columns;
        ``bars`` draws bars of characters in the text format, which draws none by default)."""
        found: RenderFunction = importlib.import_module(self.module).render
        if bars and self.name == "text":
            return found(document, width=width, bars=True)  # type: ignore[call-arg]
        return found(document, width=width)


_HERE = __name__
RENDERER_BY_NAME: dict[str, Renderer] = {
    r.name: r
    for r in (
        Renderer("text", (".txt",), f"{_HERE}.plain_text", "plain text that reads aloud well"),
        Renderer("html", (".html", ".htm"), f"{_HERE}.html_page", "a web page with charts"),
        Renderer("svg", (".svg",), f"{_HERE}.svg_image", "a chart of the scores"),
        Renderer("md", (".md",), f"{_HERE}.markdown", "Markdown"),
    )
}
FORMATS: tuple[str, ...] = tuple(RENDERER_BY_NAME)
FORMAT_BY_SUFFIX = {s: r.name for r in RENDERER_BY_NAME.values() for s in r.suffixes}


def renderer(name: str) -> Renderer:
    """The renderer called ``name``; a KeyError names the formats there are."""
    try:
        return RENDERER_BY_NAME[name]
    except KeyError:
        raise KeyError(f"no renderer {name!r}; there are {', '.join(FORMATS)}") from None
