"""Words and marks shared by the single and the group summary documents.

Pure functions from parts of a result (or group) JSON to plain strings and document cells. The
counts follow the shared vocabulary: *answered* means an answer other than "don't know", and
"don't know" and skipped are counted apart ("5 of 12 answered, 7 don't know").
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from readiness.report.document import LEVELS, Cell, Gauge, Span, Tone

BAR_WIDTH = 20
"""Characters in a drawn bar (the renderers draw gauges this wide)."""


def score_text(score: float | None) -> str:
    """A 0-100 score as shown: one decimal, or ``-`` when there is none."""
    return "-" if score is None else f"{score:.1f}"


def plural(count: int, word: str) -> str:
    """``1 question``, ``2 questions``."""
    return f"{count} {word}{'' if count == 1 else 's'}"


def counts(answered: int, of: int, dont_know: int = 0, skipped: int = 0) -> str:
    """``5 of 12 answered, 7 don't know``: a don't-know is never called answered; zero parts
    other than the answered one are left out."""
    words = f"{answered} of {of} answered"
    if dont_know:
        words += f", {dont_know} don't know"
    if skipped:
        words += f", {skipped} skipped"
    return words


def band_tone(bands: Iterable[Mapping[str, Any]], band_id: str | None) -> Tone:
    """The tone of a band by its position: the lowest ``level-0``, the highest ``level-4``."""
    ids = [b["id"] for b in bands]
    if band_id not in ids:
        return ""
    if len(ids) == 1:
        return f"level-{LEVELS - 1}"
    step = (LEVELS - 1) / (len(ids) - 1)
    return f"level-{round(ids.index(band_id) * step)}"


def band_label(bands: Iterable[Mapping[str, Any]], band_id: str | None) -> str:
    """A band's label from its id (the id itself when the bands do not name it)."""
    return next((b["label"] for b in bands if b["id"] == band_id), str(band_id or "-"))


def band_cell(data: Mapping[str, Any], part: Mapping[str, Any], capped: str = "capped") -> Cell:
    """The band in words, with why it is capped and whether confidence is low.

    ``data`` is the whole result or group (for its bands); any field of ``part`` may be null
    in a group file, so nothing is assumed present.
    """
    if part.get("band") is None:
        return (Span("not scored", muted=True),)
    bands = data.get("bands") or []
    label = part.get("band_label") or band_label(bands, part["band"])
    cell: list[Span] = [Span(label, tone=band_tone(bands, part["band"]))]
    if part.get("capped_by"):
        would = band_label(bands, part.get("uncapped_band"))
        cell.append(Span(f" ({capped}; would be {would})", emphasis=True))
    if part.get("low_confidence"):
        cell.append(Span(" (low confidence)", emphasis=True))
    return tuple(cell)


def not_shown(rules: Mapping[str, Any] | None) -> str:
    """What stands in for a role's figures when the role is too small to show."""
    smallest = (rules or {}).get("min_group")
    if isinstance(smallest, int):
        return f"fewer than {smallest} people: not shown"
    return "too few people: not shown"


def draw_gauge(gauge: Gauge) -> str:
    """A gauge as characters, the same in every format: a score as ``█`` filled and ``░``
    empty; a spread as ``━`` over the range and ``●`` at the mean, on ``·``; no score as
    ``·``. Colour is never the only signal."""
    if gauge.value is None:
        return EMPTY * BAR_WIDTH
    if gauge.kind == "score":
        filled = round(gauge.value / 100 * BAR_WIDTH)
        return "█" * filled + "░" * (BAR_WIDTH - filled)
    low, high, mean = (_bar_cell(v or 0) for v in (gauge.low, gauge.high, gauge.value))
    return "".join(
        "●" if i == mean else "━" if low <= i <= high else EMPTY for i in range(BAR_WIDTH)
    )


EMPTY = "·"
UNFILLED = frozenset("░·")
"""The characters of a gauge that stand for no score (drawn dim where there is colour)."""


def _bar_cell(score: float) -> int:
    """The bar cell of a 0-100 score (100 in the last cell)."""
    return min(BAR_WIDTH - 1, int(score / 100 * BAR_WIDTH))
