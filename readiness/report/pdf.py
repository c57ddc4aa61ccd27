"""The summary as PDF: the HTML page printed by WeasyPrint with its A4 print stylesheet.

WeasyPrint is a well-kept, pure-Python layout engine (it needs the Pango library of the
system, which ``.ci/run`` installs) that works offline with system fonts. It is imported only
here, when a PDF is asked for, and it is told to fetch nothing: the page refers to nothing
outside itself, and any reference is refused rather than followed.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from readiness.errors import UsageError

INSTALL_HINT = (
    "PDF needs WeasyPrint and the Pango library: pip install 'weasyprint>=62,<69' and, on "
    "Debian or Ubuntu, apt-get install libpango-1.0-0 libpangoft2-1.0-0; or write --format "
    "html and print it from a browser"
)


def _refuse(url: str, *args: Any, **kwargs: Any) -> dict[str, Any]:
    """WeasyPrint's URL fetcher: nothing is ever fetched."""
    raise ValueError(f"readiness PDF fetches nothing ({url[:40]!r} refused)")


def to_pdf(html: str) -> bytes:
    """The page as PDF bytes; a clear usage error when WeasyPrint cannot be loaded."""
    try:
        import weasyprint  # type: ignore[import-untyped]
    except (ImportError, OSError) as exc:  # OSError: Pango is missing
        raise UsageError(f"{INSTALL_HINT} ({exc.__class__.__name__})") from None
    found = weasyprint.HTML(string=html, url_fetcher=_refuse).write_pdf()
    assert isinstance(found, bytes)
    return found


def summary_pdf(data: Mapping[str, Any], *, explain: bool = False) -> bytes:
    """The summary of a result or a group as PDF."""
    from readiness.report.summary import export

    return to_pdf(export(data, "html", explain=explain))
