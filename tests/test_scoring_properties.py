"""Properties of the scoring over generated answers to the bundled banks (and the test banks)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from itertools import combinations
from typing import Any

import pytest
from conftest import BANKS
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from readiness import schemas
from readiness.bank.load import bundled_banks, load_bank
from readiness.bank.yamlsafe import load_text
from readiness.model import DONT_KNOW, Answer, Bank, Question
from readiness.scoring.answers import AnswerSet, parse_answers
from readiness.scoring.questions import item_score
from readiness.scoring.scores import score
from readiness.store import dumps

STAMPS = {"started_at": "2024-05-01T09:00:00Z", "completed_at": "2024-05-01T09:30:00Z"}
TEST_BANKS = [str(BANKS / "valid" / "minimal.yaml"), str(BANKS / "scoring" / "scoring.yaml")]
BANK_REFS = [b.id for b in bundled_banks()] + TEST_BANKS
SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _name(ref: str) -> str:
    return ref.rsplit("/", 1)[-1].removesuffix(".yaml")


@pytest.fixture(scope="module", params=BANK_REFS, ids=_name)
def bank(request: pytest.FixtureRequest) -> Bank:
    return load_bank(request.param)


def choices_for(question: Question) -> list[Answer]:
    """Values the question allows as stored answers, None (skipped) first."""
    values: list[Answer] = [None] + ([DONT_KNOW] if question.dont_know else [])
    if question.type in ("scale", "single", "yesno"):
        return values + [o.id for o in question.options]
    if question.type == "multiple":
        return values + _subsets(question)
    if question.type == "number":
        return values + _numbers(question)
    return [*values, "We meet monthly.", "Not yet.", "A plan is agreed."]


def _subsets(question: Question) -> list[Answer]:
    """Every choice of up to three ordinary options, and each exclusive option alone."""
    plain = [o.id for o in question.options if not o.exclusive]
    chosen: list[Answer] = [list(c) for n in range(4) for c in combinations(plain, n)]
    return chosen + [[o.id] for o in question.options if o.exclusive]


def _numbers(question: Question) -> list[Answer]:
    spec = question.number
    low = spec.min if spec and spec.min is not None else 0
    high = spec.max if spec and spec.max is not None else 1000
    steps = [low + (high - low) * n / 8 for n in range(9)]
    if spec and spec.integer:
        return sorted({round(x) for x in steps})
    return steps


def answers_for(bank: Bank) -> st.SearchStrategy[dict[str, Answer]]:
    """A whole answers mapping, one choice per question; skipped questions are left out.

    Drawn as one list of integers, which is much faster to generate than a strategy per
    question and still shrinks towards skipping everything.
    """
    choices = [(q.id, choices_for(q)) for q in bank.questions]

    def pick(picks: list[int]) -> dict[str, Answer]:
        chosen = {
            qid: values[n % len(values)] for (qid, values), n in zip(choices, picks, strict=True)
        }
        return {qid: value for qid, value in chosen.items() if value is not None}

    return st.lists(st.integers(0, 255), min_size=len(choices), max_size=len(choices)).map(pick)


def scores(result: dict[str, Any]) -> Iterator[tuple[str, Any]]:
    yield "overall", result["overall"]["score"]
    for did, part in result["domains"].items():
        yield f"domain {did}", part["score"]
    for rid, part in result["recommendations"].items():
        yield f"recommendation {rid}", part["score"]


def leaf_questions(bank: Bank) -> list[Question]:
    """Choice questions no condition looks at: changing them changes no question's visibility."""
    watched = {qid for q in bank.questions if q.when for qid in q.when.questions()}
    return [
        q
        for q in bank.questions
        if q.id not in watched
        and q.type in ("scale", "single", "yesno")
        and sum(o.score is not None for o in q.options) >= 2
    ]


@SETTINGS
@given(data=st.data())
def test_every_score_is_0_to_100_or_null_and_the_result_is_valid(
    bank: Bank, data: st.DataObject
) -> None:
    result = score(bank, AnswerSet(data.draw(answers_for(bank))), **STAMPS)
    for where, value in scores(result):
        assert value is None or 0 <= value <= 100, where
    assert schemas.check_data(result, "result") == []


@SETTINGS
@given(data=st.data())
def test_raising_one_answer_never_lowers_its_domain_or_recommendations(
    bank: Bank, data: st.DataObject
) -> None:
    candidates = leaf_questions(bank)
    if not candidates:
        pytest.skip("no choice question without dependants")
    question = data.draw(st.sampled_from(candidates))
    scored = [o.id for o in question.options if o.score is not None]
    low, high = sorted(
        data.draw(st.lists(st.sampled_from(scored), min_size=2, max_size=2)),
        key=lambda oid: item_score(question, oid) or 0.0,
    )
    answers = data.draw(answers_for(bank))
    before = score(bank, AnswerSet(answers | {question.id: low}), **STAMPS)
    after = score(bank, AnswerSet(answers | {question.id: high}), **STAMPS)
    for key in ("domains", "recommendations"):
        for part_id in [question.domain] if key == "domains" else question.evidences:
            was, now = before[key][part_id]["score"], after[key][part_id]["score"]
            assert (was is None) == (now is None)
            assert was is None or now >= was, (key, part_id, low, high)


@SETTINGS
@given(data=st.data())
def test_order_of_answers_in_the_file_changes_nothing(bank: Bank, data: st.DataObject) -> None:
    answers = data.draw(answers_for(bank))
    shuffled = data.draw(st.permutations(list(answers.items())))
    results = []
    for pairs in (list(answers.items()), shuffled):
        text = json.dumps({"answers": dict(pairs)})
        answer_set, _ = parse_answers(load_text(text, "answers.json"), bank)
        results.append(dumps(score(bank, answer_set, **STAMPS)))
    assert results[0] == results[1]


@SETTINGS
@given(data=st.data())
def test_dont_know_is_never_scored_as_zero(bank: Bank, data: st.DataObject) -> None:
    """Answering "don't know" gives exactly the scores of skipping, never those of a zero."""
    offered = [q for q in bank.questions if q.dont_know and q.scored]
    question = data.draw(st.sampled_from(offered))
    answers = data.draw(answers_for(bank))
    unknown = score(bank, AnswerSet(answers | {question.id: DONT_KNOW}), **STAMPS)
    skipped = score(
        bank, AnswerSet({k: v for k, v in answers.items() if k != question.id}), **STAMPS
    )
    assert dict(scores(unknown)) == dict(scores(skipped))
    item = next(a for a in unknown["answers"] if a["question_id"] == question.id)
    assert item["score"] is None


def test_the_bundled_banks_are_covered() -> None:
    """Once the bundled banks exist, the properties run over each of them."""
    if bundled_banks():
        assert {"core", "audit", "quick"} <= set(BANK_REFS)
