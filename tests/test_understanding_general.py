"""General rules of reading a reply (readiness.understanding): counts, contrast, leaning, speed.

Each reply here is written for the rule it checks, not taken from the reply corpus.
"""

from __future__ import annotations

import statistics
import time

from hypothesis import given, settings
from hypothesis import strategies as st

from readiness.bank.load import load_bank
from readiness.kinds.values import match_reply
from readiness.understanding import understand
from readiness.understanding.meaning import tokens

CORE = load_bank("core")
AUDIT = load_bank("audit")
QUESTIONS = [q for b in (CORE, load_bank("quick"), AUDIT) for q in b.questions if q.options]


def test_a_word_and_its_concept_count_once() -> None:
    assert tokens("evaluation") == ["@evaluate"]


def test_a_count_of_several_things_is_several_but_a_length_of_time_is_not() -> None:
    assert "@several" in tokens("three or four evaluations")
    assert "@several" in tokens("we rang 5 councils")
    assert "@several" not in tokens("six weeks")
    assert "@several" not in tokens("one evaluation")


def test_one_part_of_the_service_with_it_and_another_without_is_partly() -> None:
    question = AUDIT.question_by_id["a01_evidence_base"]
    for reply in ("fine in fostering, weak in residential", "the CIN team does, nobody else"):
        reading = understand(question, reply)
        assert reading.first == "partly" and not reading.sure, reply


def test_a_statement_on_a_yes_no_question_leans_but_is_never_taken() -> None:
    offer = understand(CORE.question_by_id["data_control_offer"], "we'd be happy to do that")
    assert offer.first == "yes" and not offer.sure
    halt = understand(CORE.question_by_id["lead_deputy"], "it would grind to a halt without her")
    assert halt.first == "no" and not halt.sure


def test_a_reply_that_names_nothing_but_says_no_is_offered_the_no_option() -> None:
    reading = understand(AUDIT.question_by_id["a01_evidence_base"], "it would collapse")
    assert reading.offered == ("not_in_place",) and not reading.sure


def test_a_number_word_in_a_duration_is_not_evidence_for_a_label_holding_it() -> None:
    question = load_bank("quick").question_by_id["q_lead_in"]
    assert understand(question, "six weeks").first == "under_three"


WORDS = st.sampled_from(
    ["yes", "no", "1", "2", "3", "don't know", "dk", "partly", "not", "really", "team", "?"]
)


@settings(max_examples=200, deadline=None)
@given(st.sampled_from(QUESTIONS), st.lists(WORDS, min_size=1, max_size=3))
def test_whatever_the_exact_matcher_takes_is_taken_the_same(question, parts) -> None:
    text = " ".join(parts)
    exact = match_reply(question, text)
    reading = understand(question, text)
    if exact.kind == "sure":
        assert reading.sure and reading.first == exact.value
    elif exact.kind == "unsure" and question.type != "multiple":
        assert reading.offered, f"near miss {exact.value!r} lost for {text!r}"


def test_reading_a_reply_is_fast() -> None:
    replies = ["we have an interim director", "about 4 months", "it's patchy, some teams only"]
    for question in QUESTIONS:  # the index is built once per question, on first use
        understand(question, "x")
    times = []
    for question in QUESTIONS:
        for reply in replies:
            start = time.perf_counter()
            understand(question, reply)
            times.append(time.perf_counter() - start)
    assert statistics.median(times) < 0.01  # the target: 10 ms (about 0.3 ms here)
