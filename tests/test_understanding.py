"""Reading typed replies as people mean them (readiness.understanding)."""

from __future__ import annotations

import subprocess
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from readiness.bank.load import load_bank
from readiness.kinds.values import match_reply
from readiness.model import DONT_KNOW, Question
from readiness.understanding import Reading, understand
from readiness.understanding.meaning import index_for
from readiness.understanding.numbers import durations, frequencies

CORE = load_bank("core")
QUICK = load_bank("quick")
AUDIT = load_bank("audit")
BANKS = (CORE, QUICK, AUDIT)


def q(bank_question: str) -> Question:
    """A bundled question, as ``bank:question`` (core when the bank is left out)."""
    bank, _, qid = bank_question.rpartition(":")
    return {"": CORE, "core": CORE, "quick": QUICK, "audit": AUDIT}[bank].question_by_id[qid]


# The issue's own table: what a facilitator would record (the first reading offered).
ISSUE_TABLE = [
    ("lead_posts", "we have an interim director", "acting"),
    ("lead_posts", "our DCS is acting up at the moment", "acting"),
    ("lead_posts", "the heads of service are covering two jobs each", "doubled_up"),
    ("cap_statutory", "nothing spare, it all goes on statutory work", "none"),
    ("lead_deputy", "haven't the foggiest", DONT_KNOW),
    ("lead_deputy", "yes mostly", "yes"),
    ("lead_visible", "every couple of weeks", "weekly"),
    ("quick:q_lead_in", "about 4 months", "three_to_six"),
    ("cap_leadin_months", "6 months", 6),
    ("quick:q_recruitment", "staff yes, families not yet", "staff_only"),
]


@pytest.mark.parametrize(("where", "reply", "expected"), ISSUE_TABLE)
def test_the_issue_table_is_read_as_a_facilitator_would(where, reply, expected) -> None:
    reading = understand(q(where), reply)
    assert reading.first == expected, reading.why


def test_a_hedged_yes_is_offered_but_not_taken() -> None:
    reading = understand(q("lead_deputy"), "yes mostly")
    assert reading.offered[0] == "yes"
    assert reading.hedged and not reading.sure


def test_fortnightly_falls_between_options_so_is_not_taken_without_asking() -> None:
    reading = understand(q("lead_visible"), "every couple of weeks")
    assert reading.offered[:2] == ("weekly", "monthly")
    assert not reading.sure


def test_a_reply_that_says_two_things_is_mixed_and_not_taken() -> None:
    reading = understand(q("cap_innovation_resource"), "yes, but nobody has time for it")
    assert reading.mixed and not reading.sure


@pytest.mark.parametrize(
    ("where", "reply", "expected"),
    [
        ("quick:q_lead_in", "six weeks", "under_three"),
        ("quick:q_lead_in", "a year and a half", "six_plus"),
        ("cap_leadin_months", "a year and a half", 18),
        ("cap_leadin_months", "half a year", 6),
        ("cap_leadin_months", "two years", 24),
        ("cap_leadin_months", "none, we start straight away", 0),
        ("lead_senior_changes", "twice i think", 2),
        ("lead_senior_changes", "half a dozen if you count the interims", 6),
        ("cap_pulled_back", "three or four times a year", "quarterly"),
        ("lead_team_managers", "nine out of eleven", "most"),
    ],
)
def test_numbers_in_words_units_ranges_and_shares(where, reply, expected) -> None:
    assert understand(q(where), reply).first == expected


def test_a_range_on_a_number_question_is_offered_as_its_ends_to_confirm() -> None:
    reading = understand(q("cap_leadin_months"), "somewhere between 6 and 9 months")
    assert reading.offered == (6, 9) and not reading.sure


def test_a_number_out_of_range_is_not_understood_and_says_why() -> None:
    reading = understand(q("cap_leadin_months"), "500 months")
    assert reading.offered == () and "out of range" in reading.message


@pytest.mark.parametrize(
    "reply",
    [
        "haven't the foggiest",
        "no idea tbh",
        "couldn't tell you",
        "you'd have to ask the service manager",
        "not my area",
        "before my time i'm afraid",
        "beats me",
        "dunno",
    ],
)
def test_the_many_forms_of_dont_know(reply: str) -> None:
    reading = understand(q("lead_risk"), reply)
    assert reading.offered[0] == DONT_KNOW and reading.sure


def test_someone_else_not_knowing_is_not_dont_know() -> None:
    reading = understand(q("lead_governance"), "the trustees don't know about it yet")
    assert reading.first == "unaware"


def test_a_number_after_dont_know_is_not_taken_as_the_answer() -> None:
    reading = understand(q("lead_senior_changes"), "not sure, i've only been here 6 months")
    assert reading.first == DONT_KNOW


def test_negation_is_not_the_positive_option() -> None:
    reading = understand(q("cap_statutory"), "no one has protected time")
    assert reading.first != "few_people"


def test_a_mistyped_word_is_corrected_towards_the_banks_words() -> None:
    assert understand(q("lead_posts"), "our director is an interrim").first == "acting"


def test_several_apply_keeps_every_option_named_and_ignores_an_unknown_part() -> None:
    question = q("cap_leadin_allowed")
    reading = understand(question, "recruitment, and some of the building work, and flurbles")
    assert reading.first == ["recruitment", "premises"]
    assert understand(question, "all of them").first == [
        o.id for o in question.options if not o.exclusive
    ]
    assert understand(question, "none of that, it's just a start date").first == ["none_of_these"]


def test_a_text_question_keeps_the_words() -> None:
    question = next(x for x in AUDIT.questions if x.type == "text")
    assert understand(question, "  we will ask the board  ") == Reading(
        ("we will ask the board",), True, why="exact"
    )


def _exact_words(question: Question) -> list[str]:
    words = [str(n) for n in range(1, len(question.options) + 1)]
    for option in question.options:
        words += [option.id, option.label, *option.synonyms]
    return words


@pytest.mark.parametrize("bank", BANKS, ids=lambda b: b.id)
def test_every_exact_match_reads_as_match_reply_does(bank) -> None:
    for question in bank.questions:
        for word in [*_exact_words(question), "don't know", "dk", "?"]:
            old = match_reply(question, word)
            if old.kind == "sure":
                reading = understand(question, word)
                assert reading.sure and reading.first == old.value, (question.id, word)


FILLER = st.sampled_from(
    ["", "really", "tbh", "i think", "to be honest", "um", "honestly", "well", "at the moment"]
)
CHOICE_QUESTIONS = [x for b in BANKS for x in b.questions if x.options and x.type != "multiple"]


@settings(max_examples=150, deadline=None)
@given(st.sampled_from(CHOICE_QUESTIONS), st.data(), FILLER, FILLER)
def test_filler_around_an_exact_name_reads_the_same(question, data, before, after) -> None:
    option = data.draw(st.sampled_from(question.options))
    name = data.draw(st.sampled_from([option.label, *option.synonyms]))
    exact = match_reply(question, name)
    if exact.kind != "sure":
        return
    reading = understand(question, f"{before} {name} {after}".strip())
    assert reading.first == exact.value, (question.id, name, reading.why)


POSITIVE = [
    (x, o)
    for b in BANKS
    for x in b.questions
    if x.type in ("scale", "single")
    for o in x.options
    if o.score is not None
    and o.score >= 0.5
    and not o.label.lower().startswith(("no", "not"))
    and not any(mark in o.label for mark in (",", ":", " but "))
]
"""Positive options whose label is one phrase (a negator reaches the whole of it)."""


@settings(max_examples=150, deadline=None)
@given(st.sampled_from(POSITIVE), st.sampled_from(["no", "not", "we don't have", "never"]))
def test_negating_a_positive_option_never_takes_it_without_asking(pair, negation) -> None:
    question, option = pair
    reading = understand(question, f"{negation} {option.label.lower()}")
    assert not (reading.sure and reading.first == option.id), (question.id, reading.why)


WORDS = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
]


@settings(max_examples=60, deadline=None)
@given(st.integers(min_value=0, max_value=12), st.sampled_from(["", " months", " changes"]))
def test_numbers_in_words_equal_digits(number, unit) -> None:
    for where in ("cap_leadin_months", "lead_senior_changes"):
        question = q(where)
        digits = understand(question, f"{number}{unit}")
        words = understand(question, f"{WORDS[number]}{unit}")
        assert words.first == digits.first == number


def test_durations_and_frequencies_read_labels_and_replies() -> None:
    assert durations("less than 3 months")[0].low == 0 and durations("3 to 6 months")[0].high == 6
    assert durations("six weeks")[0].low == pytest.approx(12 * 6 / 52)
    assert frequencies("every week or more often")[0].high is None
    assert frequencies("once or twice a year")[0].low == 1.0


def test_the_index_is_built_once_per_question_object() -> None:
    question = q("lead_posts")
    assert index_for(question) is index_for(question)


def test_starting_the_program_does_not_load_the_understanding() -> None:
    code = (
        "import sys, readiness.cli, readiness.session.controller;"
        "print(any(m.startswith('readiness.understanding') for m in sys.modules))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "False"


def test_as_match_gives_the_older_shape_for_the_controller() -> None:
    assert understand(q("lead_posts"), "interim").as_match().kind == "sure"
    assert understand(q("lead_deputy"), "yes mostly").as_match().kind == "unsure"
    assert understand(q("lead_posts"), "zzzz qqqq").as_match().kind == "none"


def test_a_filler_word_that_names_an_option_is_kept() -> None:
    # "well" is filler in "well, every week", but an answer to "how well could you absorb it"
    reading = understand(q("cap_stability"), "well really")
    assert reading.first == "planned" and reading.sure


def test_a_name_with_a_filler_word_in_it_survives_the_filler_around_it() -> None:
    """ "well" is filler, but "well above" names an option: said whole, it stays whole
    (found by the property test above)."""
    question = load_bank("core").question_by_id["cap_overrecruit"]
    for reply in ("well above", "well above, really", "really well above"):
        assert understand(question, reply).offered == ("margin",), reply
    assert understand(question, "well, a bit more").offered == ("some_margin",)
