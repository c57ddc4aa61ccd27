"""Priorities: which recommendations to work on first, and why each ranks where it does.

Blockers first, then need (100 minus the score) weighted by the recommendation's kind, so a
precondition (capacity, leadership) comes before an option to consider (embedded researchers)
of similar need. Pure functions over the tallies :mod:`readiness.scoring.scores` made.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING

from msgspec import Struct

from readiness.model import KIND_WORDS, Band, Bank, Blocker, RecommendationKind
from readiness.scoring.shown import band_of, display_score

if TYPE_CHECKING:
    from readiness.scoring.plan import Action
    from readiness.scoring.scores import Tally

MAX_PRIORITIES = 5
NOISE_DIGITS = 9


class Priority(Struct, frozen=True):
    """A recommendation to work on first, and why.

    Attributes:
        reason: Why, in a sentence with the score and band.
        why: Why it ranks where it does, in a line: ``a blocker holds: ...``, or its kind,
            score and how much of its need counts.
        kind: The recommendation's kind (precondition, practice or option).
    """

    rank: int
    recommendation: str
    tally: Tally
    band: Band
    reason: str
    actions: tuple[Action, ...]
    why: str = ""
    kind: RecommendationKind = "practice"


def priorities(
    bank: Bank,
    recs: Mapping[str, Tally],
    plan: Iterable[Action],
    blockers: Iterable[Blocker] = (),
) -> tuple[Priority, ...]:
    """What to work on first, at most :data:`MAX_PRIORITIES`.

    First the recommendations behind a holding blocker (those its condition's questions
    evidence), whatever their band: a blocker caps the result until it is dealt with. Then the
    rest below the top band. Each part is ranked by need (100 minus the score as displayed)
    times the weight of the recommendation's kind (``priority_weights``), so a precondition
    such as capacity comes before an option to consider of similar need; ties are broken by
    bank order.
    """
    order = {r.id: i for i, r in enumerate(bank.recommendations)}

    def most_needed_first(rid: str) -> tuple[float, int]:
        return -_weighted_need(bank, rid, recs[rid]), order[rid]

    behind = _behind_blockers(bank, recs, blockers)
    top = max(bank.bands, key=lambda b: b.min)
    weak = [
        rid
        for rid, t in recs.items()
        if t.score is not None and rid not in behind and band_of(bank, t.score) != top
    ]
    chosen = sorted(behind, key=most_needed_first) + sorted(weak, key=most_needed_first)
    plan = tuple(plan)
    return tuple(
        _priority(bank, rank, rid, recs[rid], plan, behind.get(rid), len(behind))
        for rank, rid in enumerate(chosen[:MAX_PRIORITIES], start=1)
    )


def _need(found: Tally) -> float:
    """How far the score as displayed is from 100."""
    return round(100.0 - display_score(found.score or 0.0), 1)


def _weighted_need(bank: Bank, rid: str, found: Tally) -> float:
    """The need that counts when ranking: need times the weight of the recommendation's kind."""
    kind = bank.recommendation_by_id[rid].kind
    return round(_need(found) * bank.priority_weights.get(kind, 1.0), NOISE_DIGITS)


def _behind_blockers(
    bank: Bank, recs: Mapping[str, Tally], blockers: Iterable[Blocker]
) -> dict[str, Blocker]:
    """Each scored recommendation evidenced by a question a holding blocker looks at, with the
    first such blocker (bank order)."""
    found: dict[str, Blocker] = {}
    for blocker in blockers:
        for qid in sorted(blocker.when.questions()):
            question = bank.question_by_id.get(qid)
            for rid in question.evidences if question else ():
                if rid in recs and recs[rid].score is not None:
                    found.setdefault(rid, blocker)
    return found


_ORDINALS = ("Highest", "Second highest", "Third highest", "Fourth highest", "Fifth highest")


def _priority(
    bank: Bank,
    rank: int,
    rid: str,
    found: Tally,
    plan: tuple[Action, ...],
    blocker: Blocker | None,
    first_weak: int,
) -> Priority:
    band = band_of(bank, found.score)
    assert band is not None and found.score is not None
    shown = display_score(found.score)
    kind = bank.recommendation_by_id[rid].kind
    if blocker is not None:
        why = f"a blocker holds: {blocker.message}"
        said = f"A blocker holds: {blocker.message.strip().rstrip('.')}. It scores"
    else:
        position = rank - first_weak
        which = _ORDINALS[position - 1] if position <= len(_ORDINALS) else f"Number {position}:"
        others = " of the other recommendations" if first_weak else ""
        why = _why(bank, kind, found)
        said = f"{which} need{others}, weighted by kind: it scores"
    questions = "question" if found.applicable == 1 else "questions"
    reason = (
        f"{said} {shown:.1f} ({band.label}), with "
        f"{found.answered} of {found.applicable} {questions} answered"
    )
    if found.low_confidence:
        reason += "; low confidence: fewer than half answered"
    mine = tuple(a for a in plan if a.recommendation == rid)
    return Priority(rank, rid, found, band, reason, mine, why, kind)


def _why(bank: Bank, kind: RecommendationKind, found: Tally) -> str:
    """Why a recommendation without a blocker ranks where it does, in a line."""
    need, weight = _need(found), bank.priority_weights.get(kind, 1.0)
    head = f"{KIND_WORDS[kind]} scoring {display_score(found.score or 0.0):.1f}: need {need:.1f}"
    if weight == 1:
        return f"{head}, counted in full"
    return f"{head}, counted at {weight:g} for its kind ({need * weight:.1f})"
