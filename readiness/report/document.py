"""The summary as one format-neutral document: a small tree of frozen records.

A result or a group result is turned into a :class:`Document` once (see
:mod:`readiness.report.build_single` and :mod:`readiness.report.build_group`), and every
format is a renderer of that one tree (see :mod:`readiness.report.renderers`). So the text,
the Markdown, the web page and the app's summary screen say the same things in the same
words.

Every piece of text here is plain text: a name, a band label or a note typed by a person is
held as it was written, never as markup. Emphasis is a flag on a :class:`Span`, and colour is a
meaning (a :data:`Tone`), which each renderer shows in its own way (or not at all). No Rich,
no Textual.
"""

from __future__ import annotations

from typing import Literal

from msgspec import Struct, field

Tone = str
"""What a colour would say: ``""`` (nothing), ``level-0`` (the lowest band) to ``level-4``
(the highest), ``agree-high``, ``agree-moderate``, ``agree-low``, ``up`` or ``down``."""
LEVELS = 5
"""How many band tones there are; a bank's bands are spread over them, lowest to highest."""


class Span(Struct, frozen=True):
    """A run of plain text and how it is emphasised.

    Attributes:
        text: The words, exactly as written (a person's or a bank's text is never markup).
        strong: Bold: a label or a heading within a line.
        emphasis: Italic: an aside, a reason.
        muted: Less important (a source, an id); shown dim where a format can.
        tone: What colour would say (see :data:`Tone`); colour is never the only signal.
    """

    text: str
    strong: bool = False
    emphasis: bool = False
    muted: bool = False
    tone: Tone = ""


class Gauge(Struct, frozen=True):
    """A score drawn as a bar: how far along 0-100 (``score``), or a spread (``spread``).

    Attributes:
        kind: ``score``: ``value`` filled; ``spread``: ``low`` to ``high`` with ``value`` (the
            mean) marked.
        value: The score or the mean, 0-100; None draws an empty bar.
        low: The lowest score of a spread.
        high: The highest score of a spread.
        tone: The colour the filled part would have.
    """

    kind: Literal["score", "spread"]
    value: float | None
    low: float | None = None
    high: float | None = None
    tone: Tone = ""


Inline = Span | Gauge
Cell = tuple[Inline, ...]
"""A line of text (or a table cell): spans, and perhaps a gauge."""


class Paragraph(Struct, frozen=True):
    """A line or paragraph of text."""

    spans: Cell


class Note(Struct, frozen=True):
    """An aside that explains what is around it (an introduction, a key, the rules)."""

    spans: Cell


class Bullets(Struct, frozen=True):
    """A list of items, with an optional title (``Evidence``, ``Next steps``)."""

    items: tuple[Cell, ...]
    title: str = ""


class Column(Struct, frozen=True):
    """A table column and how its cells want to be laid out (hints; a format may ignore them).

    Attributes:
        title: The heading.
        align: ``left`` or ``right`` (numbers).
        grow: Share of the spare width (0: as wide as its content).
        nowrap: Keep each cell on one line.
        min_width: At least this many characters, where a format lays out by characters.
        max_width: At most this many characters.
    """

    title: str
    align: Literal["left", "right"] = "left"
    grow: int = 0
    nowrap: bool = False
    min_width: int | None = None
    max_width: int | None = None


class Table(Struct, frozen=True):
    """Rows of cells under column headings, with an optional caption below.

    ``boxed`` asks for ruled cells (a form to fill in, such as the action plan) where a format
    can draw them.
    """

    columns: tuple[Column, ...]
    rows: tuple[tuple[Cell, ...], ...]
    caption: Cell = ()
    boxed: bool = False


class Bar(Struct, frozen=True):
    """One bar of a bar chart: what it measures, the bar, the figure and its band."""

    label: str
    gauge: Gauge
    figure: str
    band: Cell


class Count(Struct, frozen=True):
    """One answer of a question and how many gave it (a chart of answers in scale order)."""

    label: str
    count: int
    tone: Tone = ""


class Series(Struct, frozen=True):
    """One group's figures in a chart of several series (roles by domain): a figure per
    label, or None where the group gave none, or words where a figure is not shown."""

    name: str
    values: tuple[float | str | None, ...]


class Figure(Struct, frozen=True):
    """A chart, always with its figures in words too.

    ``kind`` ``bars``: one :class:`Bar` per row of ``data``, labelled by ``label_title`` (the
    heading of the labels, e.g. ``Domain``). ``counts``: one :class:`Count` per answer, in
    scale order (``data`` empty). ``series``: for each of ``labels``, one figure per
    :class:`Series`. ``title`` names the chart for a reader who cannot see it. A figure that
    ``repeats`` a table beside it is drawn only where a format can draw (HTML, SVG), as the
    table already says its figures in words. A figure ``drawn_in_table`` repeats a table
    whose cells hold its gauges, so the table draws the same bars: it is drawn only in a
    picture of the charts alone (SVG), never beside that table. A repeating figure with
    ``words`` says its figures in that one line where it is not drawn (text, Markdown, the
    terminal); where it is drawn, the chart says them and the line is left out.
    """

    kind: Literal["bars", "counts", "series"]
    data: tuple[Bar, ...] = ()
    caption: Cell = ()
    label_title: str = ""
    title: str = ""
    counts: tuple[Count, ...] = ()
    labels: tuple[str, ...] = ()
    series: tuple[Series, ...] = ()
    repeats: bool = False
    drawn_in_table: bool = False
    words: Cell = ()


class Entry(Struct, frozen=True):
    """A titled item within a section (a priority, a question to discuss): a head line and
    the blocks under it."""

    head: Cell
    blocks: tuple[Block, ...]


Block = Paragraph | Note | Bullets | Table | Figure | Entry


class Section(Struct, frozen=True):
    """A part of the summary. An empty ``title`` is a part without a heading (the overall
    line under the title)."""

    id: str
    title: str
    blocks: tuple[Block, ...]


class Document(Struct, frozen=True):
    """The whole summary: a title, lines under it (who, which bank, when), and sections."""

    title: str
    subtitle: tuple[Cell, ...] = ()
    sections: tuple[Section, ...] = field(default_factory=tuple)


def unless_drawn(blocks: tuple[Block, ...] | list[Block]) -> list[Block]:
    """The blocks as a format that draws no charts shows them: a figure that repeats what is
    beside it is left out, or said in its ``words``."""
    found: list[Block] = []
    for block in blocks:
        if not (isinstance(block, Figure) and block.repeats):
            found.append(block)
        elif block.words:
            found.append(Paragraph(block.words))
    return found


def plain(cell: Cell) -> str:
    """The words of a cell, without emphasis (gauges left out)."""
    return "".join(part.text for part in cell if isinstance(part, Span))


def text(words: str, **style: bool | str) -> Cell:
    """A cell of one span."""
    return (Span(words, **style),)  # type: ignore[arg-type]


def figure_text(value: float | str | None) -> str:
    """A figure of a :class:`Series` in words: one decimal, the words given, or ``-``."""
    if value is None:
        return "-"
    return value if isinstance(value, str) else f"{value:.1f}"


def figure_table(figure: Figure) -> Table:
    """A ``counts`` or ``series`` figure as a table of its figures, for formats that do not
    draw charts (text, Markdown, the terminal)."""
    columns: tuple[Column, ...]
    rows: tuple[tuple[Cell, ...], ...]
    if figure.kind == "counts":
        columns = (Column("Answer", grow=1), Column("People", align="right", nowrap=True))
        rows = tuple((text(c.label), text(str(c.count))) for c in figure.counts)
        return Table(columns, rows, caption=figure.caption)
    columns = (
        Column(figure.label_title, grow=1),
        *(Column(s.name, align="right", max_width=14) for s in figure.series),
    )
    rows = tuple(
        (text(label), *(text(figure_text(s.values[i])) for s in figure.series))
        for i, label in enumerate(figure.labels)
    )
    return Table(columns, rows, caption=figure.caption)
