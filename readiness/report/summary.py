"""The summary of a result or a group result, in each format: the entry points the rest of
readiness calls.

The summary is built once as a format-neutral document (:mod:`readiness.report.build`) and
drawn by a renderer picked by name (:mod:`readiness.report.renderers`). These functions are
thin: ``summary`` gives the Rich renderable for the terminal and the app's summary screen,
``export`` the text of a file in any format.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal

from rich.console import Group

from readiness.report.build import build
from readiness.report.renderers import renderer
from readiness.report.renderers.rich_view import bullets, renderable, section

Format = Literal["text", "html", "svg", "md"]
FORMATS: tuple[Format, ...] = ("text", "html", "svg", "md")

__all__ = ["FORMATS", "Format", "bullets", "export", "markdown", "section", "summary"]


def summary(result: Mapping[str, Any], *, explain: bool = False) -> Group:
    """The whole summary as one Rich renderable; ``explain`` adds how each score was made."""
    return renderable(build(result, explain=explain))


def export(
    result: Mapping[str, Any],
    fmt: str,
    *,
    width: int = 80,
    explain: bool = False,
    bars: bool = False,
) -> str:
    """The summary as text (no colour codes; ``bars`` draws bars of characters), HTML, SVG or
    Markdown (see :data:`readiness.report.renderers.RENDERER_BY_NAME`)."""
    return renderer(fmt).render(build(result, explain=explain), width=width, bars=bars)


def markdown(result: Mapping[str, Any], *, explain: bool = False) -> str:
    """The summary as Markdown."""
    return export(result, "md", explain=explain)
