"""The scoring rules: a bank and one respondent's answers in, a result out.

Pure functions, standard library only. Item scores are 0..1; domain, recommendation and
overall scores are weighted means on 0-100. "Don't know" and skipped answers are never zero:
they are left out of the score and lower the coverage instead. Questions hidden by their
condition count nowhere. The JSON shape of the result lives in :mod:`readiness.scoring.result`.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from readiness import __version__
from readiness.model import (
    ACTION_COLUMNS,
    DONT_KNOW,
    Answer,
    Band,
    Bank,
    Blocker,
    NumberSpec,
    Question,
)

if TYPE_CHECKING:
    from readiness.scoring.answers import AnswerSet

ItemStatus = Literal["scored", "dont_know", "skipped", "hidden", "not_scored", "no_score"]
COUNTED: frozenset[ItemStatus] = frozenset({"scored", "dont_know", "skipped"})
LOW_COVERAGE = 0.5
MAX_PRIORITIES = 5
NOISE_DIGITS = 9
"""Scores are rounded to this many decimals before choosing a band, so that float noise
(64.99999999999999) never moves a score that is exactly on a threshold into the lower band."""


@dataclass(frozen=True)
class Item:
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


@dataclass(frozen=True)
class Tally:
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


@dataclass(frozen=True)
class Banded:
    """A score's band after blocker caps.

    Attributes:
        uncapped: The band of the score alone.
        capped_by: Ids of the blocker rules that lowered it.
    """

    band: Band | None
    uncapped: Band | None
    capped_by: tuple[str, ...] = ()


@dataclass(frozen=True)
class Action:
    """One row of the action plan, for a recommendation or an Audit of Service condition.

    Attributes:
        kind: ``recommendation`` or ``audit_condition``.
        recommendation: The recommendation the row belongs to (itself, or the condition's).
        columns: ``now``, ``needs`` and ``progress`` to their text, for those filled in.
    """

    id: str
    kind: Literal["recommendation", "audit_condition"]
    title: str
    recommendation: str
    columns: Mapping[str, str]


@dataclass(frozen=True)
class Priority:
    """A recommendation to work on first, and why."""

    rank: int
    recommendation: str
    tally: Tally
    band: Band
    reason: str
    actions: tuple[Action, ...]


@dataclass(frozen=True)
class Scored:
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


def item_score(question: Question, value: Answer) -> float | None:
    """The item score 0..1 after reverse scoring; None for don't know, skipped or unscored."""
    raw = _raw_score(question, value)
    if raw is None:
        return None
    return 1.0 - raw if question.reverse else raw


def _raw_score(question: Question, value: Answer) -> float | None:
    if value is None or value == DONT_KNOW or not question.scored:
        return None
    if question.type == "number":
        return _number_score(question.number, value)
    if question.type == "multiple":
        return _multiple_score(question, value)
    option = question.option(value) if isinstance(value, str) else None
    return option.score if option else None


def _number_score(spec: NumberSpec | None, value: Answer) -> float | None:
    """Linear from ``worst`` (0) to ``best`` (1), clamped."""
    if spec is None or spec.worst is None or spec.best is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return min(1.0, max(0.0, (value - spec.worst) / (spec.best - spec.worst)))


def _multiple_score(question: Question, value: Answer) -> float | None:
    """The sum of the chosen options' scores, at most 1; an empty choice scores 0."""
    if not isinstance(value, list):
        return None
    scores = [o.score for o in question.options if o.id in value and o.score is not None]
    if value and not scores:
        return None
    return min(1.0, math.fsum(scores))


def visible_answers(bank: Bank, answers: Mapping[str, Answer]) -> dict[str, Answer]:
    """Each applicable question's answer (None when skipped), in bank order.

    A condition sees only the answers of applicable questions, so an answer to a hidden
    question never shows or hides anything else.
    """
    visible: dict[str, Answer] = {}
    for question in bank.questions:
        if question.when is None or question.when.holds(visible):
            visible[question.id] = answers.get(question.id)
    return visible


def applicable_questions(bank: Bank, answers: Mapping[str, Answer]) -> list[Question]:
    """The questions shown by their conditions, in bank order."""
    visible = visible_answers(bank, answers)
    return [q for q in bank.questions if q.id in visible]


def hidden_answers(bank: Bank, answers: Mapping[str, Answer]) -> list[str]:
    """Ids of questions answered although their condition hides them, in bank order."""
    visible = visible_answers(bank, answers)
    return [q.id for q in bank.questions if q.id not in visible and answers.get(q.id) is not None]


def items(bank: Bank, answers: Mapping[str, Answer]) -> tuple[Item, ...]:
    """Every question of the bank as an :class:`Item`, in bank order."""
    visible = visible_answers(bank, answers)
    return tuple(_item(q, visible.get(q.id), q.id in visible) for q in bank.questions)


def _item(question: Question, value: Answer, applicable: bool) -> Item:
    if not applicable:
        return Item(question, None, "hidden", None)
    score = item_score(question, value)
    return Item(question, value, _status(question, value, score), score)


def _status(question: Question, value: Answer, score: float | None) -> ItemStatus:
    if not question.scored:
        return "not_scored"
    if value is None:
        return "skipped"
    if value == DONT_KNOW:
        return "dont_know"
    return "scored" if score is not None else "no_score"


def tally(chosen: Iterable[Item]) -> Tally:
    """The weighted mean (by question weight) of the items' scores, on 0-100."""
    counted = [i for i in chosen if i.counts]
    scored = [(i.score, i.question.weight) for i in counted if i.score is not None]
    if not scored:
        return Tally(None, 0, len(counted))
    mean = 100 * math.fsum(s * w for s, w in scored) / math.fsum(w for _, w in scored)
    return Tally(round(mean, NOISE_DIGITS), len(scored), len(counted))


def overall_tally(bank: Bank, domains: Mapping[str, Tally]) -> Tally:
    """The mean of the domains that have a score, weighted by domain weight."""
    parts = [
        (domains[d.id].score, d.weight) for d in bank.domains if domains[d.id].score is not None
    ]
    answered = sum(t.answered for t in domains.values())
    applicable = sum(t.applicable for t in domains.values())
    if not parts:
        return Tally(None, answered, applicable)
    mean = math.fsum(s * w for s, w in parts) / math.fsum(w for _, w in parts)
    return Tally(round(mean, NOISE_DIGITS), answered, applicable)


def banded(bank: Bank, score: float | None, caps: Iterable[Blocker]) -> Banded:
    """The band of ``score``, lowered to the lowest cap among the blockers that lower it."""
    uncapped = bank.band_for(score)
    if uncapped is None:
        return Banded(None, None)
    lower = [b for b in caps if bank.band_by_id[b.band].min < uncapped.min]
    if not lower:
        return Banded(uncapped, uncapped)
    band = min((bank.band_by_id[b.band] for b in lower), key=lambda b: b.min)
    return Banded(band, uncapped, tuple(b.id for b in lower))


def holding_blockers(bank: Bank, visible: Mapping[str, Answer]) -> tuple[Blocker, ...]:
    """The blocker rules whose condition holds of the applicable answers, in bank order."""
    return tuple(b for b in bank.blockers if b.when.holds(visible))


def display_score(score: float) -> float:
    """A 0-100 score to one decimal, halves rounded up (56.25 -> 56.3)."""
    return math.floor(score * 10 + 0.5 + 1e-9) / 10


def priorities(
    bank: Bank, recs: Mapping[str, Tally], plan: Iterable[Action]
) -> tuple[Priority, ...]:
    """The weakest recommendations below the top band, at most :data:`MAX_PRIORITIES`.

    Ranked by score as displayed (one decimal), ties broken by bank order, so two
    recommendations that show the same score appear in the order the bank lists them.
    """
    top = max(bank.bands, key=lambda b: b.min)
    order = {r.id: i for i, r in enumerate(bank.recommendations)}
    weak = [rid for rid, t in recs.items() if t.score is not None and bank.band_for(t.score) != top]
    weak.sort(key=lambda rid: (display_score(recs[rid].score or 0.0), order[rid]))
    plan = tuple(plan)
    return tuple(
        _priority(bank, rank, rid, recs[rid], plan)
        for rank, rid in enumerate(weak[:MAX_PRIORITIES], start=1)
    )


_ORDINALS = ("Lowest", "Second lowest", "Third lowest", "Fourth lowest", "Fifth lowest")


def _priority(bank: Bank, rank: int, rid: str, found: Tally, plan: tuple[Action, ...]) -> Priority:
    band = bank.band_for(found.score)
    assert band is not None and found.score is not None
    which = _ORDINALS[rank - 1] if rank <= len(_ORDINALS) else f"Number {rank} lowest"
    questions = "question" if found.applicable == 1 else "questions"
    reason = (
        f"{which} scoring recommendation ({display_score(found.score):.1f}, {band.label}); "
        f"{found.answered} of {found.applicable} {questions} answered"
    )
    if found.low_confidence:
        reason += "; low confidence: fewer than half answered"
    mine = tuple(a for a in plan if a.recommendation == rid)
    return Priority(rank, rid, found, band, reason, mine)


def action_plan(
    bank: Bank, answer_set: AnswerSet, visible: Mapping[str, Answer]
) -> tuple[Action, ...]:
    """The action plan: text questions that fill an audit column, then explicit ``actions``.

    Where both fill the same column with different text, both are kept (question first),
    so nothing the respondent wrote is lost.
    """
    columns: dict[str, dict[str, str]] = {}
    for question in bank.questions:
        text = visible.get(question.id)
        if question.action_column and question.audit_condition and _is_text(text):
            _add(columns, question.audit_condition, question.action_column, str(text))
    for target, given in answer_set.actions.items():
        for column in ACTION_COLUMNS:
            if _is_text(given.get(column)):
                _add(columns, target, column, given[column])
    return tuple(a for a in _targets(bank, columns) if a.columns)


def _is_text(value: object) -> bool:
    return isinstance(value, str) and value != DONT_KNOW and bool(value.strip())


def _add(columns: dict[str, dict[str, str]], target: str, column: str, text: str) -> None:
    row = columns.setdefault(target, {})
    old = row.get(column)
    row[column] = text.strip() if old is None or old == text.strip() else f"{old}\n{text.strip()}"


def _targets(bank: Bank, columns: Mapping[str, dict[str, str]]) -> list[Action]:
    """Rows in bank order: recommendations, then audit conditions."""
    rows = [
        Action(r.id, "recommendation", r.title, r.id, columns.get(r.id, {}))
        for r in bank.recommendations
    ]
    rows += [
        Action(c.id, "audit_condition", c.title, c.recommendation, columns.get(c.id, {}))
        for c in bank.audit_conditions
    ]
    return rows


def assess(bank: Bank, answer_set: AnswerSet) -> Scored:
    """Apply every scoring rule to one respondent's answers."""
    visible = visible_answers(bank, answer_set.answers)
    found = items(bank, answer_set.answers)
    domains = {d.id: tally(i for i in found if i.question.domain == d.id) for d in bank.domains}
    recs = {
        r.id: tally(i for i in found if r.id in i.question.evidences) for r in bank.recommendations
    }
    blockers = holding_blockers(bank, visible)
    overall = overall_tally(bank, domains)
    plan = action_plan(bank, answer_set, visible)
    return Scored(
        bank=bank,
        answer_set=answer_set,
        items=found,
        overall=overall,
        overall_band=banded(bank, overall.score, (b for b in blockers if b.domain is None)),
        domains=domains,
        domain_bands={
            d: banded(bank, t.score, (b for b in blockers if b.domain == d))
            for d, t in domains.items()
        },
        recommendations=recs,
        blockers=blockers,
        priorities=priorities(bank, recs, plan),
        actions=plan,
        warnings=tuple(_warnings(bank, answer_set)),
    )


def _warnings(bank: Bank, answer_set: AnswerSet) -> list[str]:
    return [
        f"{qid}: answered, but hidden by its condition (an earlier answer rules it out); "
        "the answer is not scored"
        for qid in hidden_answers(bank, answer_set.answers)
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
