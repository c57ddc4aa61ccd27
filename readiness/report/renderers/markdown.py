"""The summary as Markdown (CommonMark with GitHub tables).

Every string is shown, never read: after :func:`readiness.text.visible`, the characters
Markdown gives meaning to are escaped (``*``, ``_``, brackets, backticks, ``#``, ``|`` so a
table keeps its columns, ``~``), ``<``, ``>`` and ``&`` become entities so no HTML survives,
a line break becomes ``<br>``, and a block cannot start as a list, a heading or a quote.
Only the renderer's own marks (``**``, ``*``, backticks around a drawn bar) are markup.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from readiness.report import document as doc
from readiness.report.wording import draw_gauge
from readiness.text import visible

_ESCAPES = str.maketrans(
    {
        **{c: "\\" + c for c in "\\`*_[]#|~"},
        "<": "&lt;",
        ">": "&gt;",
        "&": "&amp;",
        "\r": "",
        "\n": "<br>",
        "\t": " ",
    }
)
_BLOCK_START = re.compile(r"^(\s*)(\d*)([-+=.)])")
"""What would open a list, a setext heading underline or an ordered list at a block's start."""


def escape(words: str) -> str:
    """Plain text that Markdown shows as it is, on one line, safe in a table cell."""
    return visible(words).translate(_ESCAPES)


def _start(words: str) -> str:
    """Text that cannot open a list or a heading where a block starts."""
    found = _BLOCK_START.match(words)
    if not found or (found.group(2) == "") != (found.group(3) in "-+="):
        return words
    return words[: found.end(2)] + "\\" + words[found.end(2) :]


def render(document: doc.Document, *, width: int = 80) -> str:
    """The document as Markdown (``width`` is not used: Markdown flows)."""
    del width
    return "\n".join(_document(document)).rstrip() + "\n"


def _document(document: doc.Document) -> Iterator[str]:
    yield f"# {escape(document.title)}"
    if document.subtitle:
        yield ""
        lines = [_start(inline(cell)) for cell in document.subtitle]
        yield from (f"{found}  " for found in lines[:-1])
        yield lines[-1]
    for part in document.sections:
        if part.title:
            yield ""
            yield f"## {escape(part.title)}"
        for block in doc.unless_drawn(part.blocks):
            yield from _block(block, level=3)


def inline(cell: doc.Cell, *, aside: bool = False) -> str:
    """A cell as Markdown on one line: spans escaped and marked, gauges as code. In an
    ``aside`` (already in italics) only bold is marked."""
    return "".join(_inline(part, aside) for part in cell)


def _inline(part: doc.Inline, aside: bool) -> str:
    if isinstance(part, doc.Gauge):
        return f"`{draw_gauge(part)}`"
    words = escape(part.text)
    core = words.strip()
    if not core or not (part.strong or (part.emphasis and not aside)):
        return words
    mark = "**" if part.strong else "*"
    before, after = words[: len(words) - len(words.lstrip())], words[len(words.rstrip()) :]
    return f"{before}{mark}{core}{mark}{after}"


def _block(block: doc.Block, level: int) -> Iterator[str]:
    yield ""
    if isinstance(block, doc.Paragraph):
        yield _start(inline(block.spans))
    elif isinstance(block, doc.Note):
        yield f"*{inline(block.spans, aside=True).strip()}*"
    elif isinstance(block, doc.Bullets):
        yield from _bullets(block)
    elif isinstance(block, doc.Table):
        yield from _table([c.title for c in block.columns], block.rows, block.caption)
    elif isinstance(block, doc.Figure) and block.kind != "bars":
        found = doc.figure_table(block)
        yield from _table([c.title for c in found.columns], found.rows, found.caption)
    elif isinstance(block, doc.Figure):
        rows = [
            ((doc.Span(b.label),), (b.gauge, doc.Span(f" {b.figure}")), b.band) for b in block.data
        ]
        yield from _table([block.label_title, "Score", "Band"], rows, block.caption)
    else:
        yield f"{'#' * level} {escape(doc.plain(block.head))}"
        for inner in doc.unless_drawn(block.blocks):
            yield from _block(inner, level + 1)


def _bullets(block: doc.Bullets) -> Iterator[str]:
    if block.title:
        yield f"**{escape(block.title)}:**"
        yield ""
    yield from (f"- {_start(inline(item))}" for item in block.items)


def _table(
    head: Sequence[str], rows: Sequence[Sequence[doc.Cell]], caption: doc.Cell
) -> Iterator[str]:
    yield "| " + " | ".join(escape(title) for title in head) + " |"
    yield "|" + "|".join("---" for _ in head) + "|"
    for row in rows:
        yield "| " + " | ".join(inline(cell).strip() for cell in row) + " |"
    if caption:
        yield ""
        yield f"*{inline(caption, aside=True).strip()}*"
