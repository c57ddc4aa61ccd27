"""The scoring rules: a bank and one respondent's answers in, a result out.

Pure functions, standard library only. Item scores are 0..1; domain, recommendation and
overall scores are weighted means on 0-100. "Don't know" and skipped answers are never zero:
they are left out of the score and lower the coverage instead. Questions hidden by their
condition count nowhere. The JSON shape of the result lives in :mod:`readiness.scoring.result`.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Literal

from msgspec import Struct

from readiness import __version__
from readiness.model import DONT_KNOW, Answer, Band, Bank, Blocker, Question
from readiness.scoring.layout import layout_of, remember, tallies
from readiness.scoring.plan import Action, action_plan
from readiness.scoring.priorities import Priority, priorities
from readiness.scoring.questions import hidden_of, score_of, visible_answers
from readiness.scoring.shown import band_of, overall_weight

if TYPE_CHECKING:
    from readiness.scoring.answers import AnswerSet

ItemStatus = Literal["scored", "dont_know", "skipped", "hidden", "not_scored", "no_score"]
COUNTED: frozenset[ItemStatus] = frozenset({"scored", "dont_know", "skipped"})
LOW_COVERAGE = 0.5
LOW_COVERAGE_CAP = "low_coverage"
"""The id in ``capped_by`` when low coverage, not a blocker, lowered a band."""
NOISE_DIGITS = 9
"""Scores are rounded to this many decimals before choosing a band, so that float noise
(64.99999999999999) never moves a score that is exactly on a threshold into the lower band."""


class Item(Struct, frozen=True):
    """One question's part in the score.

    Attributes:
        value: The stored answer; None when skipped or when the question is hidden.
        status: ``scored``; ``dont_know`` or ``skipped`` (gaps); ``hidden`` (its condition
            rules it out); ``not_scored`` (a question that never scores, such as text);
            ``no_score`` (an answer whose option carries no score, such as "not applicable").
        score: 0..1 after reverse scoring, or None.
    """

    question: Question
    value: Answer
    status: ItemStatus
    score: float | None

    @property
    def counts(self) -> bool:
        """Whether the item is in the coverage: an applicable scored question."""
        return self.status in COUNTED


class Tally(Struct, frozen=True):
    """A weighted mean of items, with how much of it was answered.

    Attributes:
        score: 0-100 (float noise removed, not rounded for display), or None when nothing
            applicable was answered.
        answered: Items with a score.
        applicable: Items in the coverage (answered, "don't know" or skipped).
    """

    score: float | None
    answered: int
    applicable: int

    @property
    def coverage(self) -> float | None:
        """Answered over applicable, by count; None when nothing applies."""
        return self.answered / self.applicable if self.applicable else None

    @property
    def low_confidence(self) -> bool:
        coverage = self.coverage
        return coverage is not None and coverage < LOW_COVERAGE


class Banded(Struct, frozen=True):
    """A score's band after blocker caps.

    Attributes:
        uncapped: The band of the score alone.
        capped_by: Ids of the blocker rules that lowered it.
    """

    band: Band | None
    uncapped: Band | None
    capped_by: tuple[str, ...] = ()


class Scored(Struct, frozen=True):
    """Everything the scoring rules found, before it is shaped as JSON."""

    bank: Bank
    answer_set: AnswerSet
    items: tuple[Item, ...]
    overall: Tally
    overall_band: Banded
    domains: Mapping[str, Tally]
    domain_bands: Mapping[str, Banded]
    recommendations: Mapping[str, Tally]
    blockers: tuple[Blocker, ...]
    priorities: tuple[Priority, ...]
    actions: tuple[Action, ...]
    warnings: tuple[str, ...]


def items(
    bank: Bank, answers: Mapping[str, Answer], visible: Mapping[str, Answer] | None = None
) -> tuple[Item, ...]:
    """Every question of the bank as an :class:`Item`, in bank order (``visible`` if known)."""
    visible = visible_answers(bank, answers) if visible is None else visible
    layout = layout_of(bank)
    return tuple(_item(q, visible, q.id in layout.scored, layout.items) for q in bank.questions)


_SHARED = frozenset({str, int, type(None)})  # not float: -0.0 == 0.0 but is written otherwise


def _item(q: Question, visible: Mapping[str, Answer], scored: bool, kept: dict) -> Item:
    """The item of ``q``: the same few recur file after file, so they are kept (frozen) and
    shared by the results that have them (an option id, a whole number, none)."""
    applicable = q.id in visible
    value = visible.get(q.id)
    key = (q.id, type(value), value, applicable) if type(value) in _SHARED else None
    found = kept.get(key) if key is not None else None
    if found is None:
        if not applicable:
            found = Item(q, None, "hidden", None)
        else:
            score = score_of(q, value) if scored else None
            found = Item(q, value, _status(scored, value, score), score)
        if key is not None:
            remember(kept, key, found)
    return found


def _status(scored: bool, value: Answer, score: float | None) -> ItemStatus:
    if not scored:
        return "not_scored"
    if value is None:
        return "skipped"
    if value == DONT_KNOW:
        return "dont_know"
    return "scored" if score is not None else "no_score"


def tally(chosen: Iterable[Item]) -> Tally:
    """The weighted mean (by question weight) of the items' scores, on 0-100."""
    counted = [i for i in chosen if i.status in COUNTED]  # i.counts, without a call
    scored = [(i.score, i.question.weight) for i in counted if i.score is not None]
    if not scored:
        return Tally(None, 0, len(counted))
    mean = 100 * math.fsum(s * w for s, w in scored) / math.fsum(w for _, w in scored)
    return Tally(round(mean, NOISE_DIGITS), len(scored), len(counted))


def overall_tally(bank: Bank, domains: Mapping[str, Tally]) -> Tally:
    """The mean of the domains that have a score, weighted by :func:`overall_weight`."""
    parts = [
        (score, overall_weight(bank, d.id, domains[d.id].coverage))
        for d in bank.domains
        if (score := domains[d.id].score) is not None
    ]
    answered = sum(t.answered for t in domains.values())
    applicable = sum(t.applicable for t in domains.values())
    if not parts:
        return Tally(None, answered, applicable)
    mean = math.fsum(s * w for s, w in parts) / math.fsum(w for _, w in parts)
    return Tally(round(mean, NOISE_DIGITS), answered, applicable)


def banded(
    bank: Bank, score: float | None, caps: Iterable[Blocker], found: Tally | None = None
) -> Banded:
    """The band of ``score`` (as shown), lowered to the lowest cap among the blockers that
    lower it, and to the bank's coverage cap when ``found`` answered too little of it."""
    uncapped = band_of(bank, score)
    if uncapped is None:
        return Banded(None, None)
    lower = [(b.id, bank.band_by_id[b.band]) for b in caps]
    rule, coverage = bank.coverage, found.coverage if found is not None else None
    if rule is not None and coverage is not None and coverage < rule.below:
        lower.append((LOW_COVERAGE_CAP, bank.band_by_id[rule.band]))
    lower = [(rid, band) for rid, band in lower if band.min < uncapped.min]
    if not lower:
        return Banded(uncapped, uncapped)
    band = min((band for _, band in lower), key=lambda b: b.min)
    return Banded(band, uncapped, tuple(rid for rid, _ in lower))


def holding_blockers(bank: Bank, visible: Mapping[str, Answer]) -> tuple[Blocker, ...]:
    """The blocker rules whose condition holds of the applicable answers, in bank order."""
    return tuple(b for b in bank.blockers if b.when.holds(visible))


def assess(bank: Bank, answer_set: AnswerSet) -> Scored:
    """Apply every scoring rule to one respondent's answers."""
    visible = visible_answers(bank, answer_set.answers)
    found = items(bank, answer_set.answers, visible)
    layout = layout_of(bank)
    domains = tallies(layout.by_domain, found, tally, layout.tallies)
    recs = tallies(layout.by_recommendation, found, tally, layout.tallies)
    blockers = holding_blockers(bank, visible)
    overall = overall_tally(bank, domains)
    plan = action_plan(bank, answer_set, visible)
    return Scored(
        bank=bank,
        answer_set=answer_set,
        items=found,
        overall=overall,
        overall_band=banded(
            bank, overall.score, (b for b in blockers if b.domain is None), overall
        ),
        domains=domains,
        domain_bands={
            d: banded(bank, t.score, (b for b in blockers if b.domain == d), t)
            for d, t in domains.items()
        },
        recommendations=recs,
        blockers=blockers,
        priorities=priorities(bank, recs, plan, blockers),
        actions=plan,
        warnings=tuple(_warnings(bank, answer_set, visible)),
    )


def _warnings(bank: Bank, answer_set: AnswerSet, visible: Mapping[str, Answer]) -> list[str]:
    return [
        f"{qid}: answered, but hidden by its condition (an earlier answer rules it out); "
        "the answer is not scored"
        for qid in hidden_of(bank, answer_set.answers, visible)
    ]


def score(
    bank: Bank,
    answer_set: AnswerSet,
    *,
    started_at: str | None = None,
    completed_at: str | None = None,
    generator_version: str = __version__,
) -> dict:
    """The result of ``answer_set`` against ``bank`` as JSON-ready data.

    Timestamps default to now (UTC, seconds). Apart from them, the same bank and answers
    always give the same data, keys in the same order.
    """
    from readiness.scoring.result import build_result, now

    stamp = now()
    return build_result(
        assess(bank, answer_set),
        started_at=started_at or stamp,
        completed_at=completed_at or stamp,
        generator_version=generator_version,
    )
