"""The summary as an SVG chart: the domain and recommendation scores (a group's: each role's
mean by domain), each bar with its figure and band in words.

Drawn by :mod:`readiness.report.renderers.charts`: system fonts (no web font), no outside
reference, every word escaped, so the file is well-formed XML and opening it fetches nothing.
"""

from __future__ import annotations

from readiness.report import document as doc
from readiness.report.renderers.charts import bars_chart


def render(document: doc.Document, *, width: int = 80) -> str:
    """A standalone SVG document (``width`` is not used)."""
    del width
    figures = [f for f in _figures(document) if f.kind == "bars"]
    if not figures:
        figures = [_as_bars(f) for f in _figures(document) if f.kind == "series"]
    chart = str(bars_chart(document.title, figures, standalone=True))
    return f"{chart}\n"


def _figures(document: doc.Document) -> list[doc.Figure]:
    found: list[doc.Figure] = []

    def walk(blocks: tuple[doc.Block, ...]) -> None:
        for block in blocks:
            if isinstance(block, doc.Figure):
                found.append(block)
            elif isinstance(block, doc.Entry):
                walk(block.blocks)

    for part in document.sections:
        walk(part.blocks)
    return found


def _as_bars(figure: doc.Figure) -> doc.Figure:
    """A chart of roles by domain as bars: one per domain and role, a hidden role in words."""
    bars = []
    for index, label in enumerate(figure.labels):
        for series in figure.series:
            value = series.values[index]
            score = value if isinstance(value, float) else None
            bars.append(
                doc.Bar(
                    f"{label}: {series.name}",
                    doc.Gauge("score", score),
                    doc.figure_text(value) if score is not None else "-",
                    doc.text("" if score is not None else doc.figure_text(value)),
                )
            )
    return doc.Figure("bars", tuple(bars), title=figure.title)
