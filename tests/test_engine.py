"""The conversation's state machine, without any front end."""

from __future__ import annotations

import pytest
from conftest import BANKS

from readiness.bank.load import load_bank
from readiness.model import ACTION_COLUMN_TITLES, Answer, Question
from readiness.scoring.questions import item_score
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
    assert session.actions == {"vision": {"needs": "Agree the vision at the next away day"}}
    (row,) = session.result()["actions"]
    assert (row["id"], row["question"], row["needs"]) == (
        "A01",
        "vision",
        "Agree the vision at the next away day",
    )


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
    session.record_votes({"none": 0, "some": 1, "most": 4, "all": 4})
    assert session.answers["vision"] == "most"  # a tie goes to the earlier option
    assert asked(session) == "researchers"  # a high answer: no follow-up
    assert session.result()["answers"][0]["distribution"] == {"some": 1, "most": 4, "all": 4}


def test_a_room_answers_the_follow_ups_of_a_low_vote_together(session: Session) -> None:
    session.mode = "room"
    session.record_votes({"none": 1, "some": 4, "most": 4})
    assert session.answers["vision"] == "some"
    assert asked(session) == "vision:needs"
    with pytest.raises(ValueError, match="votes answer a question"):
        session.record_votes({"none": 3})  # a follow-up takes the room's words, not votes
    session.answer("A vision workshop with the whole team")
    session.answer("Book it for May")
    assert asked(session) == "researchers"
    (row,) = session.result()["actions"]
    assert (row["question"], row["needs"], row["progress"]) == (
        "vision",
        "A vision workshop with the whole team",
        "Book it for May",
    )


def low_value(question: Question) -> Answer:
    """The lowest-scoring option a choice question allows; None (skip) for any other."""
    scored = [o.id for o in question.options if item_score(question, o.id) is not None]
    return min(scored, key=lambda o: item_score(question, o) or 0.0, default=None)


def answer_until(session: Session, low: set[str], last: str, replies: dict[str, str]) -> None:
    """Answer the questions in ``low`` with their lowest option and skip the others; reply to
    each follow-up prompt from ``replies``; stop when ``last`` and its follow-ups are done."""
    while True:
        step = session.step()
        assert isinstance(step, Ask)
        question = step.question
        if step.follow_up:
            session.answer(f"{question.id}: {replies[step.follow_up.id]}")
            if question.id == last and session.step().question.id != last:  # type: ignore[union-attr]
                return
        elif question.id in low:
            session.answer(low_value(question))
        else:
            session.skip()


def test_two_low_answers_under_one_condition_keep_both_action_plans() -> None:
    """On the core bank lead_posts and lead_vision both follow up under A03: each reply is
    kept, attributed to its question, and the action plan has a row for each."""
    session = Session(load_bank("core"))
    replies = {"now": "Acting heads", "needs": "Permanent posts", "progress": "Recruit"}
    answer_until(session, {"lead_posts", "lead_vision"}, "lead_vision", replies)
    assert set(session.actions) == {"lead_posts", "lead_vision"}
    assert session.actions["lead_posts"]["needs"] == "lead_posts: Permanent posts"
    assert session.actions["lead_vision"]["needs"] == "lead_vision: Permanent posts"
    rows = [r for r in session.result()["actions"] if r["id"] == "A03"]
    assert [(r["question"], r["now"], r["progress"]) for r in rows] == [
        ("lead_posts", "lead_posts: Acting heads", "lead_posts: Recruit"),
        ("lead_vision", "lead_vision: Acting heads", "lead_vision: Recruit"),
    ]


def test_the_core_bank_follows_up_with_the_three_audit_questions_in_order() -> None:
    session = Session(load_bank("core"))
    prompts = []
    while not session.follow_up:
        step = session.step()
        assert isinstance(step, Ask)
        session.answer(low_value(step.question))
    while session.follow_up:
        step = session.step()
        assert isinstance(step, Ask) and step.follow_up
        prompts.append((step.follow_up.id, step.follow_up.text))
        session.skip()
    assert prompts == [
        ("now", ACTION_COLUMN_TITLES["now"]),
        ("needs", ACTION_COLUMN_TITLES["needs"]),
        ("progress", ACTION_COLUMN_TITLES["progress"]),
    ]


def test_result_for_finish_leaves_the_session_open_until_marked(session: Session) -> None:
    for value in ("all", "no", 12, ["health"], "Thanks"):
        session.answer(value)
    result = session.result_for_finish()
    assert not session.finished  # not until the front end has written the result
    session.mark_finished(result["session"]["completed_at"])
    assert session.finished and session.finished_at == result["session"]["completed_at"]
    assert session.result() == result
