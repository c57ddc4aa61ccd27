"""Each respondent's exact scores, so the group's means are rounded once, not twice.

A result shows its domain, recommendation and overall scores to one decimal; averaging those
would round twice (three people at 33.3, 33.3 and 66.7 for a third, a third and two thirds).
So each respondent's scores are worked out again from their answers, by the scoring rules
(weighted means of item scores), using the bank's exact item scores when the bank the results
were scored against is at hand (the same id and sha256), else the item scores the result
holds (three decimals: exact for scales of halves, quarters, fifths..., not for thirds). A
recomputed score is used only when, rounded, it is the score the result shows; otherwise the
shown score is kept, and when the difference is more than rounding explains (a bank with other
weights, an edited file) the group says so in a warning.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any, NamedTuple

from readiness.group.agreement import round1

if TYPE_CHECKING:
    from readiness.model import Bank

BankKey = tuple[str, str, str]
"""A bank's id, version and sha256, as results name it."""
OptionScores = Mapping[str, Mapping[str, float]]
"""Question id to option id to its item score on 0-100."""


class QuestionMeta(NamedTuple):
    """What scoring needs of a question: its domain, weight and the recommendations it
    evidences."""

    domain: str
    weight: float
    evidences: tuple[str, ...]


class Shown(NamedTuple):
    """One respondent's scores as the result shows them, with what they were made from.

    Attributes:
        overall: The overall score.
        domain_ids, domain_scores: The domains and their scores, in result order.
        rec_ids, rec_scores: The recommendations and their scores.
        question_ids: The answers' question ids, in result order.
        item_scores: Their item scores (0-1, None when not scored).
        values: Their values (a list made a tuple).
        overall_weights: Each domain's weight in the overall as the result states it (its
            weight tempered by low coverage; None in results before 1.3: the bank's weight).
    """

    overall: float | None
    domain_ids: tuple[str, ...]
    domain_scores: tuple[float | None, ...]
    rec_ids: tuple[str, ...]
    rec_scores: tuple[float | None, ...]
    question_ids: tuple[str, ...]
    item_scores: tuple[float | None, ...]
    values: tuple[Any, ...]
    overall_weights: tuple[float | None, ...] = ()


class Exact(NamedTuple):
    """One respondent's scores, exact where they could be worked out again.

    Attributes:
        kept_shown: True when some score could not be reproduced and the shown one is used.
    """

    overall: float | None
    domain_scores: tuple[float | None, ...]
    rec_scores: tuple[float | None, ...]
    kept_shown: bool


def exact_scores(
    shown: Shown,
    questions: Mapping[str, QuestionMeta],
    domain_weights: Mapping[str, float],
    bank: Bank | None,
) -> Exact:
    """The respondent's overall, domain and recommendation scores, unrounded (see above)."""
    domains: dict[str, list[tuple[float, float]]] = {d: [] for d in shown.domain_ids}
    recs: dict[str, list[tuple[float, float]]] = {r: [] for r in shown.rec_ids}
    for qid, stored, value in zip(shown.question_ids, shown.item_scores, shown.values, strict=True):
        meta = questions.get(qid)
        if stored is None or meta is None:
            continue
        item = _item(bank, qid, value, stored)
        if meta.domain in domains:
            domains[meta.domain].append((item, meta.weight))
        for rid in meta.evidences:
            if rid in recs:
                recs[rid].append((item, meta.weight))
    domain_exact = [_mean(domains[d], 100) for d in shown.domain_ids]
    stated = shown.overall_weights or (None,) * len(shown.domain_ids)
    weighted = [
        (score, domain_weights.get(did, 1.0) if weight is None else weight)
        for did, score, weight in zip(shown.domain_ids, domain_exact, stated, strict=True)
        if score is not None
    ]
    found = (
        _kept(_mean(weighted, 1), shown.overall),
        *map(_kept, domain_exact, shown.domain_scores),
        *map(_kept, map(_mean, map(recs.__getitem__, shown.rec_ids)), shown.rec_scores),
    )
    scores = tuple(score for score, _ in found)
    domain_count = len(shown.domain_ids)
    return Exact(
        scores[0],
        scores[1 : 1 + domain_count],
        scores[1 + domain_count :],
        not all(same for _, same in found),
    )


def _item(bank: Bank | None, qid: str, value: Any, stored: float) -> float:
    """The exact item score from the bank when it scores this answer, else the stored one."""
    if bank is None:
        return stored
    from readiness.scoring.questions import item_score

    question = bank.question_by_id.get(qid)
    if question is None:
        return stored
    exact = item_score(question, list(value) if type(value) is tuple else value)
    return stored if exact is None else exact


def _mean(pairs: Sequence[tuple[float, float]], scale: float = 100) -> float | None:
    """The weighted mean of (value, weight) pairs times ``scale``, as the scoring rules take it."""
    if not pairs:
        return None
    total = math.fsum(w for _, w in pairs)
    if not total:
        return None
    return scale * math.fsum(s * w for s, w in pairs) / total


ROUNDING = 0.1 + 1e-9
"""How far a score worked out from three-decimal item scores may be from the score shown (to
one decimal) by rounding alone: 0.05 for the item scores, 0.05 for the shown score."""


def _kept(exact: float | None, shown: float | None) -> tuple[float | None, bool]:
    """The exact score when it rounds to the shown one, else the shown one, and whether the
    difference is one rounding explains (False: the answers do not give the shown score)."""
    if exact is not None and shown is not None:
        if round1(exact) == shown:
            return exact, True
        return shown, abs(exact - shown) <= ROUNDING
    return shown, exact is None and shown is None


# --- the banks the results were scored against --------------------------------------------------


def bundled_banks(keys: Sequence[BankKey]) -> dict[BankKey, Bank]:
    """The bundled banks among ``keys``: those whose id names one and whose sha256 matches, so
    their item scores are exactly the ones the results were scored with."""
    from readiness.bank.load import load_bank
    from readiness.errors import ReadinessError

    found: dict[BankKey, Bank] = {}
    for key in keys:
        bank_id, _version, sha256 = key
        try:
            bank = load_bank(bank_id)
        except ReadinessError:
            continue
        if sha256 and bank.sha256 == sha256:
            found[key] = bank
    return found


def option_scores(banks: Mapping[BankKey, Bank]) -> OptionScores:
    """Item scores (0-100) of every option of ``banks``, to score room votes for options that
    no result in the group shows a score for."""
    from readiness.scoring.questions import item_score

    scores: dict[str, dict[str, float]] = {}
    for bank in banks.values():
        for question in bank.questions:
            found = {o.id: item_score(question, o.id) for o in question.options}
            scores[question.id] = {k: v * 100 for k, v in found.items() if v is not None}
    return scores
