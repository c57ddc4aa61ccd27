"""Scores as people see them: one decimal, halves rounded up, and the band of that number.

A band is chosen on the score as shown, never on the float behind it, so that "40.0 Early days"
cannot appear beside bands where Developing starts at 40.
"""

from __future__ import annotations

import math

from readiness.model import Band, Bank
from readiness.scoring.layout import layout_of, remember


def display_score(score: float) -> float:
    """A 0-100 score to one decimal, halves rounded up (56.25 -> 56.3)."""
    return math.floor(score * 10 + 0.5 + 1e-9) / 10


def band_of(bank: Bank, score: float | None) -> Band | None:
    """The band of a score as people see it: rounded to one decimal first, so a score shown
    as 40.0 is never in the band below 40."""
    if score is None:
        return None
    shown = display_score(score)
    kept = layout_of(bank).bands  # one of a thousand scores: found once per bank
    if shown not in kept:
        remember(kept, shown, bank.band_for(shown))
    return kept[shown]


def overall_weight(bank: Bank, domain_id: str, coverage: float | None) -> float:
    """A domain's weight in the overall: its weight, times its coverage when the bank's
    coverage rule finds it too thinly answered (a domain answered on 6 of 13 questions says
    less about the service than one answered on all 13)."""
    weight = bank.domain_by_id[domain_id].weight
    if bank.coverage is None or coverage is None or coverage >= bank.coverage.below:
        return weight
    return weight * coverage
