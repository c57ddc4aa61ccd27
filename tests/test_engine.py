"""The conversation's state machine, without any front end."""

from __future__ import annotations

import pytest
from conftest import BANKS

from readiness.bank.load import load_bank
from readiness.session.engine import Ask, Review, Session

BANK = str(BANKS / "valid" / "conversation.yaml")


@pytest.fixture
def session() -> Session:
    return Session(load_bank(BANK))


def asked(session: Session) -> str:
    step = session.step()
    assert isinstance(step, Ask)
    return step.question.id + (f":{step.follow_up.id}" if step.follow_up else "")


def test_questions_come_in_bank_order_with_domain_progress(session: Session) -> None:
    step = session.step()
    assert isinstance(step, Ask)
    assert (step.question.id, step.domain.id, step.number, step.of) == (
        "vision",
        "leadership",
        1,
        2,
    )
    assert session.progress() == (0, 5)


def test_a_low_answer_is_followed_up_and_feeds_the_action_plan(session: Session) -> None:
    session.answer("some")  # score 1/3 < 0.5
    assert asked(session) == "vision:needs"
    session.answer("Agree the vision at the next away day")
    assert asked(session) == "vision:progress"
    session.skip()
    assert asked(session) == "researchers"
    assert session.actions == {"A01": {"needs": "Agree the vision at the next away day"}}


def test_a_high_answer_is_not_followed_up(session: Session) -> None:
    session.answer("all")
    assert asked(session) == "researchers"


def test_a_condition_shows_then_hides_a_question_and_keeps_its_answer(session: Session) -> None:
    session.answer("all")
    session.answer("yes")
    assert asked(session) == "protected"
    assert session.progress() == (2, 6)
    session.answer("yes")
    assert session.back()  # to protected
    assert session.back()  # to researchers
    assert asked(session) == "researchers"
    session.answer("no")
    assert "protected" not in session.answers and session.set_aside == {"protected": "yes"}
    assert asked(session) == "months"
    session.back()
    session.answer("yes")
    assert session.answers["protected"] == "yes" and not session.set_aside
    assert asked(session) == "months"


def test_reflection_at_the_end_of_each_domain(session: Session) -> None:
    assert session.answer("all") is None
    reflection = session.answer("no")
    assert reflection is not None and reflection.domain.id == "leadership"
    assert reflection.weakest and reflection.weakest[0].id == "researchers"
    assert reflection.strongest and reflection.strongest[0].id == "vision"
    assert reflection.band == "high"  # (1 + 0) / 2 = 50: on the threshold takes the higher band


def test_back_then_forward_goes_to_the_next_unanswered(session: Session) -> None:
    session.answer("all")
    session.answer("no")
    session.answer(6)
    session.back()
    session.back()
    assert asked(session) == "researchers"
    session.answer("no")
    assert asked(session) == "sources"


def test_back_at_the_start_says_so(session: Session) -> None:
    assert not session.back()


def test_skip_and_dont_know_are_answers_that_score_nothing(session: Session) -> None:
    session.answer("dont_know")
    session.skip()
    assert session.answers == {"vision": "dont_know", "researchers": None}
    result = session.result()
    assert result["domains"]["leadership"]["score"] is None
    gaps = {g["question_id"]: g["reason"] for g in result["gaps"]}
    assert {"vision", "researchers"} <= set(gaps) and gaps["vision"] != gaps["researchers"]


def test_whole_bank_reaches_review_and_finishes(session: Session) -> None:
    for value in ("all", "yes", "yes", 12, ["health", "police"], "Thanks"):
        session.answer(value)
    assert isinstance(session.step(), Review)
    session.note("Checked with the team", "vision")
    result = session.finish()
    assert session.finished
    assert result["overall"]["score"] == 100.0
    assert (
        next(a for a in result["answers"] if a["question_id"] == "vision")["note"]
        == "Checked with the team"
    )


def test_change_from_review_then_return_to_review(session: Session) -> None:
    for value in ("all", "no", 12, ["health"], "Thanks"):
        session.answer(value)
    session.change("months")
    assert asked(session) == "months"
    session.answer(3)  # 0.25 < 0.5: follow-ups
    session.skip()
    session.skip()
    assert isinstance(session.step(), Review)


def test_room_votes_take_the_most_chosen_and_keep_the_distribution(session: Session) -> None:
    session.mode = "room"
    session.record_votes({"none": 1, "some": 4, "most": 4, "all": 0})
    assert session.answers["vision"] == "some"  # a tie goes to the earlier option
    assert asked(session) == "researchers"  # no follow-ups in a room
    assert session.result()["answers"][0]["distribution"] == {"none": 1, "some": 4, "most": 4}
