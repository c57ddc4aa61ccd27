"""The summary as plain text for people and screen readers: the ``.txt`` file, plain mode's
closing summary and the golden tests.

Written to be read aloud as well as read: headings are lines of their own between blank lines
(no rules drawn with characters), a table row is one sentence-like line ("Leadership: Mean
56.3; Range 8.3-100.0"), and a score is said in figures and its band in words. Bars drawn
with characters (``█░``) appear only when asked for (``bars=True``, ``--bars``), as a screen
reader reads each one out. Lines are wrapped at ``width`` with a hanging indent; trailing
spaces are trimmed. Every string passes through :func:`readiness.text.visible`.
"""

from __future__ import annotations

import textwrap
from collections.abc import Iterator, Sequence

from readiness.report import document as doc
from readiness.report.wording import draw_gauge
from readiness.text import visible

INDENT = "   "
"""An entry's body under its head."""


def render(document: doc.Document, *, width: int = 80, bars: bool = False) -> str:
    """The document as lines of at most ``width`` characters (a word longer than the line
    stays whole), ending with a newline; ``bars`` draws each score's bar too."""
    lines = list(_document(document, width, bars))
    return "\n".join(line.rstrip() for line in lines).strip("\n") + "\n"


def _document(document: doc.Document, width: int, bars: bool) -> Iterator[str]:
    yield from _wrap(visible(document.title), width)
    for cell in document.subtitle:
        yield from _wrap(_inline(cell, bars), width)
    for part in document.sections:
        yield ""
        if part.title:
            yield from _wrap(visible(part.title), width)
            yield ""
        yield from _blocks(part.blocks, width, bars, "")


def _wrap(words: str, width: int, indent: str = "", hang: str = "") -> list[str]:
    """``words`` wrapped to ``width``: the first line after ``indent``, the rest after
    ``indent + hang``."""
    return textwrap.wrap(
        words,
        width=width,
        initial_indent=indent,
        subsequent_indent=indent + hang,
        break_long_words=False,
        break_on_hyphens=False,
    ) or [indent.rstrip()]


def _inline(cell: doc.Cell, bars: bool) -> str:
    """A cell's words; a gauge drawn only when ``bars``."""
    found = []
    for part in cell:
        if isinstance(part, doc.Gauge):
            if bars:
                found.append(f"{draw_gauge(part)} ")
        else:
            found.append(visible(part.text))
    return "".join(found).strip()


def _shown(blocks: Sequence[doc.Block]) -> list[doc.Block]:
    return doc.unless_drawn(list(blocks))


def _blocks(blocks: Sequence[doc.Block], width: int, bars: bool, indent: str) -> Iterator[str]:
    shown = _shown(blocks)
    for index, block in enumerate(shown):
        if index and isinstance(block, doc.Entry | doc.Table | doc.Figure | doc.Bullets):
            yield ""
        yield from _block(block, width, bars, indent)


def _block(block: doc.Block, width: int, bars: bool, indent: str) -> Iterator[str]:
    if isinstance(block, doc.Paragraph | doc.Note):
        yield from _wrap(_inline(block.spans, bars), width, indent)
    elif isinstance(block, doc.Bullets):
        if block.title:
            yield from _wrap(f"{visible(block.title)}:", width, indent)
        for item in block.items:
            yield from _wrap(f"- {_inline(item, bars)}", width, indent, "  ")
    elif isinstance(block, doc.Table):
        yield from _table(block, width, bars, indent)
    elif isinstance(block, doc.Figure):
        yield from _figure(block, width, bars, indent)
    else:
        yield from _wrap(_inline(block.head, bars), width, indent)
        yield from _blocks(block.blocks, width, bars, indent + INDENT)


def _table(block: doc.Table, width: int, bars: bool, indent: str) -> Iterator[str]:
    """Each row as one line: its first cell, then each other column's title and words."""
    titles = [visible(column.title) for column in block.columns]
    for row in block.rows:
        words = [_inline(cell, bars) for cell in row]
        pairs = [f"{t}: {w.rstrip('.')}" for t, w in zip(titles[1:], words[1:], strict=True) if w]
        lead = f"{titles[0]}: {words[0]}" if block.boxed else words[0]
        yield from _wrap(f"- {lead}. " + "; ".join(pairs) + ".", width, indent, "  ")
    if block.caption:
        yield from _wrap(_inline(block.caption, bars), width, indent)


def _figure(block: doc.Figure, width: int, bars: bool, indent: str) -> Iterator[str]:
    if block.kind != "bars":
        yield from _table(doc.figure_table(block), width, bars, indent)
        return
    longest = max((len(visible(bar.label)) for bar in block.data), default=0)
    for bar in block.data:
        band = _inline(bar.band, bars)
        if bars:
            label = visible(bar.label).ljust(longest)
            line = f"{label}  {draw_gauge(bar.gauge)} {bar.figure:>5}  {band}"
            yield from _wrap(line, width, indent, " " * (longest + 2))
        else:
            yield from _wrap(f"- {visible(bar.label)}: {bar.figure}, {band}.", width, indent, "  ")
    if block.caption:
        yield from _wrap(_inline(block.caption, bars), width, indent)
