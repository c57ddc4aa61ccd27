"""The summary as a web page (for now Rich's export of the text layout, in colour).

Rich escapes every character of the text for HTML, and every string has already passed
through :func:`readiness.text.visible`, so nothing a person or a bank wrote is read as HTML.
"""

from __future__ import annotations

from readiness.report.document import Document
from readiness.report.renderers.rich_view import record


def render(document: Document, *, width: int = 80) -> str:
    """A whole HTML page, styles inline."""
    return record(document, width, colour=True).export_html(inline_styles=True)
