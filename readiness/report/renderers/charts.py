"""Charts drawn as SVG by readiness itself: a bar for a score, a spread, a count, and a whole
chart of bars (the ``svg`` format).

Each chart is a string of SVG with every word escaped (``markupsafe.escape``), no script, no
font file and no outside reference, so it can sit inside the HTML page or stand alone. Colour is
never the only signal: a bar's figure and band are written beside it. The colours pass WCAG AA
against the white page (4.5:1 for text, so 3:1 for shapes too): see ``TONE_COLOURS`` and
``tests/test_report_html.py``.
"""

from __future__ import annotations

from markupsafe import Markup, escape

from readiness.report import document as doc
from readiness.text import one_line

BACKGROUND = "#ffffff"
TEXT = "#1a1a1a"
TRACK = "#e6e6e6"
"""The empty part of a bar (a shape beside a coloured one, not text)."""
RULE = "#595959"
TONE_COLOURS = {
    "": "#4d4d4d",
    "muted": "#5c5c5c",
    "level-0": "#b3261e",
    "level-1": "#9a4d00",
    "level-2": "#6b6300",
    "level-3": "#2e6b30",
    "level-4": "#14532d",
    "agree-high": "#14532d",
    "agree-moderate": "#6b5300",
    "agree-low": "#b3261e",
    "up": "#14532d",
    "down": "#b3261e",
}
"""Each tone's colour: text and bars, on white, at least 4.5:1."""
COUNT_COLOUR = "#1f4e79"
"""A count's bar (how many gave an answer): the page's accent, not a band's colour, as a
count says nothing of how ready a service is."""
SERIES_COLOURS = ("#1f4e79", "#8a3b12", "#3d5a1e", "#5b2a86", "#7a1f3d", "#24525a")
"""Each role's colour in a chart of roles (with its name beside each bar)."""


def colour(tone: doc.Tone) -> str:
    return TONE_COLOURS.get(tone, TONE_COLOURS[""])


def _clip(words: str, most: int) -> str:
    words = one_line(words)
    return words if len(words) <= most else words[: most - 1].rstrip() + "…"


def gauge(found: doc.Gauge, label: str, width: int = 160) -> Markup:
    """A small bar for a table cell: a score filled from 0, or a spread with its mean."""
    height = 14
    parts = [
        f'<svg class="gauge" width="{width}" height="{height}" viewBox="0 0 {width} {height}" '
        f'role="img" aria-label="{escape(one_line(label))}">',
        f'<rect x="0" y="3" width="{width}" height="8" fill="{TRACK}"/>',
    ]
    if found.value is not None and found.kind == "score":
        filled = round(width * max(0.0, min(found.value, 100)) / 100, 1)
        parts.append(f'<rect x="0" y="3" width="{filled}" height="8" fill="{colour(found.tone)}"/>')
    elif found.value is not None:
        low, high = (width * (v or 0) / 100 for v in (found.low, found.high))
        mean = width * found.value / 100
        fill = colour(found.tone)
        parts.append(
            f'<rect x="{low:.1f}" y="5" width="{max(high - low, 2):.1f}" height="4" fill="{fill}"/>'
        )
        parts.append(f'<circle cx="{mean:.1f}" cy="7" r="5" fill="{fill}" stroke="{BACKGROUND}"/>')
    parts.append("</svg>")
    return Markup("".join(parts))


def count_bar(count: int, most: int, tone: doc.Tone, width: int = 160) -> Markup:
    """A bar for one answer's count, as long as the count against the most chosen."""
    filled = round(width * count / most, 1) if most else 0
    fill = COUNT_COLOUR if not tone else colour(tone)
    return Markup(
        f'<svg class="gauge" width="{width}" height="14" viewBox="0 0 {width} 14" '
        f'aria-hidden="true"><rect x="0" y="3" width="{filled}" height="8" fill="{fill}"/></svg>'
    )


def series_bar(value: float, index: int, width: int = 160) -> Markup:
    """A role's bar in a chart of roles, in that role's colour."""
    fill = SERIES_COLOURS[index % len(SERIES_COLOURS)]
    filled = round(width * max(0.0, min(value, 100)) / 100, 1)
    return Markup(
        f'<svg class="gauge" width="{width}" height="14" viewBox="0 0 {width} 14" '
        f'aria-hidden="true"><rect x="0" y="3" width="{width}" height="8" fill="{TRACK}"/>'
        f'<rect x="0" y="3" width="{filled}" height="8" fill="{fill}"/></svg>'
    )


def bars_chart(title: str, figures: list[doc.Figure], *, standalone: bool = False) -> Markup:
    """Bar charts one under another as one SVG: each bar's label, bar, figure and band in
    words, with the scale's quarters marked. ``standalone`` makes a whole SVG file."""
    title = one_line(title)
    label_w, bar_w, row, pad = 260, 300, 26, 16
    width = label_w + bar_w + 360
    y = pad + 24
    body: list[str] = [
        f'<text x="{pad}" y="{pad + 8}" font-size="17" font-weight="bold">{escape(title)}</text>'
    ]
    for figure in figures:
        y += 14
        body.append(
            f'<text x="{pad}" y="{y}" font-size="14" font-weight="bold">'
            f"{escape(one_line(figure.title or figure.label_title))}</text>"
        )
        y += 10
        x0 = pad + label_w
        for quarter in range(5):
            x = x0 + bar_w * quarter / 4
            body.append(
                f'<line x1="{x:.0f}" y1="{y}" x2="{x:.0f}" y2="{y + row * len(figure.data)}" '
                f'stroke="{TRACK}"/>'
            )
            body.append(
                f'<text x="{x:.0f}" y="{y + row * len(figure.data) + 14}" font-size="11" '
                f'text-anchor="middle" fill="{RULE}">{quarter * 25}</text>'
            )
        for bar in figure.data:
            body.append(_bar_row(bar, pad, x0, y, bar_w))
            y += row
        y += 30
    height = y + pad
    head = (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        if standalone
        else '<svg class="chart" width="100%" '
    )
    return Markup(
        head + f'viewBox="0 0 {width} {height}" role="img" aria-label="{escape(title)}" '
        f'font-family="system-ui, sans-serif" fill="{TEXT}">'
        f'<rect width="{width}" height="{height}" fill="{BACKGROUND}"/>' + "".join(body) + "</svg>"
    )


def _bar_row(bar: doc.Bar, pad: int, x0: int, y: int, bar_w: int) -> str:
    band = one_line(doc.plain(bar.band))
    label = one_line(bar.label)
    value = bar.gauge.value
    filled = 0.0 if value is None else bar_w * max(0.0, min(value, 100)) / 100
    fill = colour(bar.gauge.tone)
    return (
        f"<g><title>{escape(f'{label}: {bar.figure}, {band}')}</title>"
        f'<text x="{pad}" y="{y + 17}" font-size="13">{escape(_clip(label, 36))}</text>'
        f'<rect x="{x0}" y="{y + 6}" width="{bar_w}" height="14" fill="{TRACK}"/>'
        f'<rect x="{x0}" y="{y + 6}" width="{filled:.1f}" height="14" fill="{fill}"/>'
        f'<text x="{x0 + bar_w + 8}" y="{y + 17}" font-size="13">{escape(bar.figure)} '
        f'<tspan fill="{fill}" font-weight="bold">{escape(_clip(band, 40))}</tspan></text></g>'
    )
