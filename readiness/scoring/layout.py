"""What every answers file of a bank shares, found once per bank and kept while it is in use.

Scoring thousands of answers files against one bank in one process would otherwise find the
same things (which questions score, which belong to each domain and recommendation) once per
file.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from msgspec import Struct, field

from readiness.model import Answer, Band, Bank


class Layout(Struct, frozen=True):
    """What every answers file of a bank shares, found once per bank (see :func:`layout_of`).

    Attributes:
        scored: Ids of the questions that can carry a score.
        by_domain: Each domain's questions, as positions in the bank's questions.
        by_recommendation: The positions of the questions that evidence each recommendation.
        stored: Answers-file values already normalised: (question id, type, value) to the
            stored answer (see :func:`remember`).
        items: Items of the scoring rules (frozen, so shared by the results that have them),
            by question id, type and value of the stored answer, and whether it applies.
        labels: Value labels already found, by question id and stored answer (text only).
        bands: The band of each score as shown (one decimal) already found.
        tallies: Tallies already made, by the ids of their items (see :func:`tallies`).
    """

    scored: frozenset[str]
    by_domain: Mapping[str, tuple[int, ...]]
    by_recommendation: Mapping[str, tuple[int, ...]]
    stored: dict[tuple[str, type, Any], Answer] = field(default_factory=dict)
    items: dict[tuple[str, type, Any, bool], Any] = field(default_factory=dict)
    labels: dict[tuple[str, str], str | None] = field(default_factory=dict)
    bands: dict[float, Band | None] = field(default_factory=dict)
    tallies: dict[tuple[int, ...], tuple[tuple[Any, ...], Any]] = field(default_factory=dict)


_LAYOUTS: dict[int, tuple[Bank, Layout]] = {}


def layout_of(bank: Bank) -> Layout:
    """The :class:`Layout` of ``bank``, kept for the last few banks: scoring thousands of files
    against one bank would otherwise find the same things thousands of times."""
    kept = _LAYOUTS.get(id(bank))
    if kept is not None and kept[0] is bank:
        return kept[1]
    questions = bank.questions
    layout = Layout(
        scored=frozenset(q.id for q in questions if q.scored),
        by_domain={
            d.id: tuple(n for n, q in enumerate(questions) if q.domain == d.id)
            for d in bank.domains
        },
        by_recommendation={
            r.id: tuple(n for n, q in enumerate(questions) if r.id in q.evidences)
            for r in bank.recommendations
        },
    )
    if len(_LAYOUTS) >= 8:
        _LAYOUTS.clear()
    _LAYOUTS[id(bank)] = (bank, layout)
    return layout


MEMO_MAX = 50_000
"""Entries a memo of a :class:`Layout` holds before it starts again (a bound on memory)."""


def remember(memo: dict[Any, Any], key: Any, value: Any, limit: int = MEMO_MAX) -> None:
    """Keep ``value`` under ``key``; a full memo (``limit`` entries) is emptied first."""
    if len(memo) >= limit:
        memo.clear()
    memo[key] = value


def tallies(
    groups: Mapping[str, tuple[int, ...]],
    found: tuple[Any, ...],
    tally: Callable[[tuple[Any, ...]], Any],
    kept: dict[tuple[int, ...], tuple[tuple[Any, ...], Any]],
) -> dict[str, Any]:
    """``tally`` of each group of ``found`` (by position), the same tally (frozen) for the same
    items. Kept items recur file after file, so most groups do: they are found by the ids of
    their items, which the entry holds, so no id is reused while it is kept."""
    out = {}
    for name, at in groups.items():
        group = tuple([found[n] for n in at])
        key = tuple(map(id, group))
        entry = kept.get(key)
        if entry is None:
            entry = (group, tally(group))
            remember(kept, key, entry, 4096)  # a group with a list answer is never met again
        out[name] = entry[1]
    return out
