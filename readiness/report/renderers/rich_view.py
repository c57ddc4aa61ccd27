"""The summary document as Rich renderables: the app's summary screen, the terminal, and the
base of the text, HTML and SVG renderers.

Every string is put in a :class:`rich.text.Text` (never parsed as markup) after
:func:`readiness.text.visible`, so nothing a person or a bank wrote can style the output or
reach the terminal as an escape sequence.
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Sequence

from rich import box
from rich.console import Console, Group, RenderableType
from rich.padding import Padding
from rich.rule import Rule
from rich.table import Table as RichTable
from rich.text import Text

from readiness.report import document as doc
from readiness.report.wording import BAR_WIDTH, UNFILLED, draw_gauge
from readiness.text import visible

TONE_STYLES = {
    "level-0": "bold red",
    "level-1": "bold dark_orange",
    "level-2": "bold yellow",
    "level-3": "bold green",
    "level-4": "bold bright_green",
    "agree-high": "bold green",
    "agree-moderate": "bold yellow",
    "agree-low": "bold red",
    "up": "bold green",
    "down": "bold red",
}
INDENT = 3
"""Columns an entry's body is indented under its head."""


def renderable(document: doc.Document) -> Group:
    """The whole document as one Rich renderable."""
    parts: list[RenderableType] = [Text(visible(document.title), style="bold")]
    parts += [line(cell) for cell in document.subtitle]
    parts.append(Text())
    for part in document.sections:
        parts += _section(part)
    return Group(*parts)


def record(document: doc.Document, width: int, *, colour: bool) -> Console:
    """A console that has printed the document, for :meth:`Console.export_text` and kin."""
    console = Console(
        record=True,
        width=width,
        file=io.StringIO(),
        force_terminal=colour,
        color_system="truecolor" if colour else None,
        legacy_windows=False,
    )
    console.print(renderable(document))
    return console


def section(title: str) -> Rule:
    """A section heading: the title on a rule across the width."""
    return Rule(Text(visible(title), style="bold"), style="dim")


def bullets(lines: Iterable[Text]) -> RichTable:
    """A list whose wrapped lines hang under their first word, not under the bullet."""
    table = RichTable.grid(padding=(0, 1))
    table.add_column(width=1)
    table.add_column(ratio=1)
    for found in lines:
        table.add_row(Text("•"), found)
    return table


def _style(span: doc.Span) -> str:
    styles = [TONE_STYLES.get(span.tone, "")]
    styles += ["bold" if span.strong else "", "italic" if span.emphasis else ""]
    styles.append("dim" if span.muted else "")
    return " ".join(s for s in styles if s)


def line(cell: doc.Cell, style: str = "") -> Text:
    """A cell as one Text: each span with its style, each gauge drawn."""
    found = Text(style=style)
    for part in cell:
        if isinstance(part, doc.Gauge):
            found.append_text(gauge(part))
        else:
            found.append(visible(part.text), style=_style(part))
    return found


def gauge(found: doc.Gauge) -> Text:
    """A gauge drawn as :func:`~readiness.report.wording.draw_gauge` draws it, the filled
    part in its tone's colour."""
    style = TONE_STYLES.get(found.tone, "dim")
    drawn = Text()
    for char in draw_gauge(found):
        drawn.append(char, style="dim" if char in UNFILLED else style)
    return drawn


SPACED = (doc.Entry, doc.Table, doc.Figure)
"""Blocks set apart from their neighbours by a blank line (text and lists run together)."""


def _section(part: doc.Section) -> list[RenderableType]:
    found: list[RenderableType] = [section(part.title)] if part.title else []
    return [*found, *_blocks(part.blocks), Text()]


def _blocks(blocks: Sequence[doc.Block]) -> list[RenderableType]:
    found: list[RenderableType] = []
    blocks = doc.unless_drawn(list(blocks))
    for index, block in enumerate(blocks):
        if index and (isinstance(block, SPACED) or isinstance(blocks[index - 1], SPACED)):
            found.append(Text())
        found += _block(block)
    return found


def _block(block: doc.Block) -> list[RenderableType]:
    if isinstance(block, doc.Paragraph):
        return [line(block.spans)]
    if isinstance(block, doc.Note):
        return [line(block.spans, style="italic")]
    if isinstance(block, doc.Bullets):
        return _bullets(block)
    if isinstance(block, doc.Table):
        return _table(block)
    if isinstance(block, doc.Figure):
        if block.repeats:
            return []
        if block.kind != "bars":
            return _table(doc.figure_table(block))
        return [_bars(block.data)]
    return [line(block.head), Padding(Group(*_blocks(block.blocks)), (0, 0, 0, INDENT))]


def _bullets(block: doc.Bullets) -> list[RenderableType]:
    items = bullets(line(item) for item in block.items)
    if not block.title:
        return [items]
    return [Text(f"{visible(block.title)}:", style="bold"), Padding(items, (0, 0, 0, 2))]


def _bars(data: Sequence[doc.Bar]) -> RichTable:
    table = RichTable.grid(padding=(0, 1))
    table.add_column(max_width=22)
    table.add_column(width=BAR_WIDTH, no_wrap=True)
    table.add_column(justify="right", width=8, no_wrap=True)
    table.add_column(ratio=1)
    for bar in data:
        table.add_row(Text(visible(bar.label)), gauge(bar.gauge), Text(bar.figure), line(bar.band))
    return table


def _table(block: doc.Table) -> list[RenderableType]:
    table = RichTable(
        box=box.SQUARE if block.boxed else box.SIMPLE_HEAD,
        show_lines=block.boxed,
        show_edge=block.boxed,
        pad_edge=block.boxed,
        collapse_padding=not block.boxed,
        expand=any(column.grow for column in block.columns),
    )
    for index, column in enumerate(block.columns):
        has_gauge = any(isinstance(p, doc.Gauge) for row in block.rows for p in row[index])
        table.add_column(
            Text(visible(column.title)),
            justify=column.align,
            ratio=column.grow or None,
            no_wrap=column.nowrap,
            min_width=column.min_width,
            max_width=column.max_width,
            width=BAR_WIDTH if has_gauge else None,
        )
    for row in block.rows:
        table.add_row(*(line(cell) for cell in row))
    found: list[RenderableType] = [table]
    if block.caption:
        found.append(line(block.caption, style="italic"))
    return found
