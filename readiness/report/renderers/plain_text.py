"""The summary as fixed-width text without colour: the ``.txt`` file and golden tests.

Laid out by :mod:`readiness.report.renderers.rich_view` on a console that has no colour, so
the text and the app's screen agree line for line. Trailing spaces are trimmed.
"""

from __future__ import annotations

from readiness.report.document import Document
from readiness.report.renderers.rich_view import record


def render(document: Document, *, width: int = 80) -> str:
    """The document as lines of at most ``width`` characters, ending with a newline."""
    text = record(document, width, colour=False).export_text()
    return "\n".join(line.rstrip() for line in text.splitlines()).rstrip("\n") + "\n"
