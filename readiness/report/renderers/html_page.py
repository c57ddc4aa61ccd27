"""The summary as a web page: semantic HTML from a Jinja2 template, with charts as inline SVG.

The page has a language, a title, headings, real tables and figures with captions; its styles
are inline (system fonts, a print stylesheet for A4 that keeps each item whole) and a content
security policy forbids loading anything, so nothing leaves the machine when it is opened. The
template autoescapes; the only markup it is given is built here and in
:mod:`readiness.report.renderers.charts`, where every word is escaped, so nothing a person or a
bank wrote is read as HTML. The output is also well-formed XML (void elements closed).
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from pathlib import Path

import jinja2
from markupsafe import Markup, escape

from readiness.report import document as doc
from readiness.report.renderers import charts
from readiness.text import visible

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"
LANGUAGE = "en-GB"


@cache
def _environment() -> jinja2.Environment:
    environment = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=jinja2.StrictUndefined,
    )
    environment.globals.update(cell=cell, kind=kind, chart=chart, visible=visible)
    return environment


def render(document: doc.Document, *, width: int = 80) -> str:
    """A whole HTML page (``width`` is not used: the page flows)."""
    del width
    template = _environment().get_template("summary.html.j2")
    css = (TEMPLATES / "summary.css").read_text("utf-8")
    return template.render(document=document, lang=LANGUAGE, css=Markup(css)) + "\n"


def kind(block: doc.Block) -> str:
    """The template's name for a block."""
    return type(block).__name__.lower()


def cell(found: doc.Cell) -> Markup:
    """A cell's spans as escaped HTML: emphasis as elements, tone as a class; gauges as SVG
    with their figures in words for a screen reader."""
    parts: list[str] = []
    for part in found:
        if isinstance(part, doc.Gauge):
            parts.append(charts.gauge(part, _gauge_words(part)))
            continue
        words: str = escape(visible(part.text))
        if part.strong:
            words = f"<strong>{words}</strong>"
        if part.emphasis:
            words = f"<em>{words}</em>"
        tone = part.tone if part.tone in charts.TONE_COLOURS else ""  # a group file's words
        classes = [f"tone-{tone}" if tone else "", "muted" if part.muted else ""]
        if any(classes):
            words = f'<span class="{" ".join(c for c in classes if c)}">{words}</span>'
        parts.append(words)
    return Markup("".join(parts))


def _gauge_words(found: doc.Gauge) -> str:
    if found.value is None:
        return "no score"
    if found.kind == "spread":
        return f"from {found.low or 0:.1f} to {found.high or 0:.1f}, mean {found.value:.1f}"
    return f"{found.value:.1f} out of 100"


def chart(figure: doc.Figure) -> Markup:
    """A figure as a table of bars: each row's words, its bar in SVG, its figure."""
    if figure.kind == "bars":
        rows: list[tuple[str, ...]] = [
            (escape(visible(b.label)), charts.gauge(b.gauge, b.figure), b.figure, cell(b.band))
            for b in figure.data
        ]
        head = (figure.label_title or "Item", "Bar", "Score", "Band")
    elif figure.kind == "counts":
        most = max((c.count for c in figure.counts), default=0)
        rows = [
            (escape(visible(c.label)), charts.count_bar(c.count, most, c.tone), str(c.count), "")
            for c in figure.counts
        ]
        head = ("Answer", "Bar", "People", "")
    else:
        return _series(figure)
    return _table(figure, head, rows)


def _table(figure: doc.Figure, head: tuple[str, ...], rows: Sequence[Sequence[str]]) -> Markup:
    shown = [i for i, title in enumerate(head) if title]
    found = [f'<figure class="chart"><figcaption>{escape(visible(figure.title))}</figcaption>']
    found.append('<table class="bars"><thead><tr>')
    found += [f'<th scope="col">{escape(head[i])}</th>' for i in shown]
    found.append("</tr></thead><tbody>")
    for row in rows:
        found.append(f'<tr><th scope="row">{row[0]}</th>')
        found += [f'<td class="c{i}">{row[i]}</td>' for i in shown[1:]]
        found.append("</tr>")
    found.append("</tbody></table>")
    if figure.caption:
        found.append(f'<p class="note">{cell(figure.caption)}</p>')
    found.append("</figure>")
    return Markup("".join(found))


def _series(figure: doc.Figure) -> Markup:
    """Each label's row holds one bar per series (a role), named, with its figure; a series
    not shown there is said in words."""
    rows = []
    for index, label in enumerate(figure.labels):
        lines = []
        for number, series in enumerate(figure.series):
            value = series.values[index]
            name = escape(visible(series.name))
            if isinstance(value, float | int):
                bar = charts.series_bar(float(value), number)
                lines.append(f'<div class="role">{bar} <span>{name}: {value:.1f}</span></div>')
            else:
                lines.append(
                    f'<div class="role muted">{name}: {escape(doc.figure_text(value))}</div>'
                )
        rows.append((escape(visible(label)), Markup("".join(lines)), "", ""))
    return _table(figure, (figure.label_title, "By role", "", ""), rows)
