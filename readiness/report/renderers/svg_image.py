"""The summary as an SVG image of the text layout, in colour (Rich's export).

Every string passes through :func:`readiness.text.visible` (which leaves only characters XML
allows) and Rich escapes ``&``, ``<`` and ``>``, so the image is well-formed XML whatever a
person or a bank wrote.
"""

from __future__ import annotations

from readiness.report.document import Document
from readiness.report.renderers.rich_view import record
from readiness.text import one_line


def render(document: Document, *, width: int = 80) -> str:
    """An SVG document; its window title is the summary's title."""
    console = record(document, width, colour=True)
    return console.export_svg(title=one_line(document.title))
