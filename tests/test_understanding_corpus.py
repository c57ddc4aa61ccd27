"""The reply corpus (tests/replies/corpus.yaml) read by ``understand``: the issue's targets.

The thesaurus and the bundled banks' examples were written looking only at a random 75% of
the corpus (seed 11); the other 25% is held out, and its figures are checked on their own so
that tuning to the replies themselves would show. Targets not met yet are expected failures
(strict, so each must be turned on when it is met); the figures reached so far are a floor
that must not fall.
"""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

import pytest
import yaml

from readiness.bank.load import load_bank
from readiness.understanding import understand

CORPUS = Path(__file__).parent / "replies" / "corpus.yaml"
HELD_OUT_SEED = 11


def _same(found: Any, expected: Any) -> bool:
    if isinstance(expected, list):
        return isinstance(found, list) and sorted(found) == sorted(expected)
    if isinstance(expected, int | float) and not isinstance(expected, bool):
        return isinstance(found, int | float) and abs(found - expected) < 1e-9
    return found == expected


def _figures(entries: list[dict[str, Any]]) -> dict[str, float]:
    banks = {b: load_bank(b) for b in {e["bank"] for e in entries}}
    first = among = wrong = none = 0
    for entry in entries:
        reading = understand(banks[entry["bank"]].question_by_id[entry["question"]], entry["reply"])
        right = bool(reading.offered) and _same(reading.offered[0], entry["expected"])
        first += right
        among += any(_same(o, entry["expected"]) for o in reading.offered)
        wrong += reading.sure and bool(reading.offered) and not right
        none += not reading.offered
    n = len(entries)
    return {"first": first / n, "among": among / n, "wrong": wrong / n, "none": none / n}


@pytest.fixture(scope="module")
def corpus() -> list[dict[str, Any]]:
    return yaml.safe_load(CORPUS.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def whole(corpus) -> dict[str, float]:
    return _figures(corpus)


@pytest.fixture(scope="module")
def held_out(corpus) -> dict[str, float]:
    held = set(random.Random(HELD_OUT_SEED).sample(range(len(corpus)), len(corpus) // 4))
    return _figures([e for i, e in enumerate(corpus) if i in held])


NOT_YET = pytest.mark.xfail(strict=True, reason="issue 11 target not reached yet (benchmark)")


def test_target_first_reading_right(whole) -> None:
    assert whole["first"] >= 0.85, whole


@NOT_YET
def test_target_right_among_offered(whole) -> None:
    assert whole["among"] >= 0.95


def test_target_wrong_taken_without_asking(whole) -> None:
    assert whole["wrong"] <= 0.01, whole


def test_target_not_understood(whole) -> None:
    assert whole["none"] <= 0.05, whole


def test_the_figures_reached_do_not_fall(whole) -> None:
    assert whole["first"] >= 0.86, whole
    assert whole["among"] >= 0.91, whole
    assert whole["none"] <= 0.035, whole


def test_the_held_out_quarter_does_not_fall(held_out) -> None:
    assert held_out["first"] >= 0.79, held_out
    assert held_out["among"] >= 0.83, held_out
    assert held_out["wrong"] <= 0.01, held_out


def test_understanding_is_far_better_than_exact_matching(corpus, whole) -> None:
    from readiness.kinds.values import match_reply

    banks = {b: load_bank(b) for b in ("core", "quick", "audit")}
    exact = sum(
        match_reply(banks[e["bank"]].question_by_id[e["question"]], e["reply"]).value
        == e["expected"]
        for e in corpus
    ) / len(corpus)
    assert exact < 0.15 < whole["first"] - exact
